//! `gleaner eval --dataset F`: classifier quality on a labelled set.

use std::fs::File;
use std::io::BufReader;

use anyhow::Context as _;

use gleaner_classify::eval::{evaluate, read_dataset};
use gleaner_taxonomy::Taxonomy;

use crate::args::EvalArgs;
use crate::context::Context;
use crate::output::print_json;
use crate::UsageError;

pub(crate) fn run(args: &EvalArgs, context: &Context) -> anyhow::Result<()> {
    let file =
        File::open(&args.dataset).with_context(|| format!("opening {}", args.dataset.display()))?;
    let taxonomy = Taxonomy::embedded();
    let items = read_dataset(BufReader::new(file), taxonomy)
        .map_err(|error| UsageError::new(format!("{}: {error}", args.dataset.display())))?;
    let classifier = context.classifier()?;
    let report = evaluate(classifier.as_ref(), taxonomy, &items);
    if context.json {
        print_json(&report)
    } else {
        println!(
            "dataset: {} ({} conversations)",
            args.dataset.display(),
            items.len()
        );
        print!("{}", report.render_table());
        Ok(())
    }
}
