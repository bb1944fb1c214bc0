//! `gleaner classify`: conversations in, one classification line each out.
//!
//! The request and result formats live in [`gleaner_engine::classify`],
//! shared with `POST /v1/classify`.

use std::io::{BufRead as _, Write};

use gleaner_classify::Classifier;
use gleaner_engine::classify::{
    classify_requests, parse_classify_line, ClassifyRequest, CLASSIFY_BATCH,
};
use gleaner_taxonomy::Taxonomy;

use super::open_input;
use crate::args::ClassifyArgs;
use crate::context::Context;
use crate::InputRejected;

/// Classifies the pending conversations in one batch and writes one line
/// each, in order.
fn write_batch(
    stdout: &mut impl Write,
    classifier: &dyn Classifier,
    taxonomy: &Taxonomy,
    pending: &mut Vec<ClassifyRequest>,
) -> anyhow::Result<()> {
    for output in classify_requests(classifier, taxonomy, std::mem::take(pending)) {
        serde_json::to_writer(&mut *stdout, &output)?;
        writeln!(stdout)?;
    }
    Ok(())
}

pub(crate) fn run(args: &ClassifyArgs, context: &Context) -> anyhow::Result<()> {
    let classifier = context.classifier()?;
    let taxonomy = Taxonomy::embedded();
    let (reader, _) = open_input(&args.input)?;
    let mut stdout = std::io::stdout().lock();
    let mut pending: Vec<ClassifyRequest> = Vec::with_capacity(CLASSIFY_BATCH);
    let mut rejected = 0usize;
    for (index, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_classify_line(index + 1, &line, context.engine_config.parse_limits) {
            Ok(request) => pending.push(request),
            Err(rejection) => {
                rejected += 1;
                eprintln!(
                    "{}:{}: rejected: {}",
                    args.input, rejection.line, rejection.reason
                );
                continue;
            }
        }
        if pending.len() >= CLASSIFY_BATCH {
            write_batch(&mut stdout, classifier.as_ref(), taxonomy, &mut pending)?;
        }
    }
    write_batch(&mut stdout, classifier.as_ref(), taxonomy, &mut pending)?;
    if rejected > 0 {
        return Err(InputRejected(rejected).into());
    }
    Ok(())
}
