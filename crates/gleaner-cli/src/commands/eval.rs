//! `gleaner eval --dataset F`: classifier quality on a labelled set.

use std::fs::File;
use std::io::BufReader;

use anyhow::Context as _;
use std::sync::Arc;

use gleaner_classify::eval::{evaluate, read_dataset};
use gleaner_classify::{Classifier, LexiconClassifier};
use gleaner_taxonomy::Taxonomy;

use crate::args::{EvalArgs, TierArg};
use crate::context::{cascade, semantic_tier, Context};
use crate::output::print_json;
use crate::UsageError;

pub(crate) fn run(args: &EvalArgs, context: &Context) -> anyhow::Result<()> {
    let file =
        File::open(&args.dataset).with_context(|| format!("opening {}", args.dataset.display()))?;
    let taxonomy = Taxonomy::embedded();
    let items = read_dataset(BufReader::new(file), taxonomy)
        .map_err(|error| UsageError::new(format!("{}: {error}", args.dataset.display())))?;
    let classifier: Arc<dyn Classifier> = match args.tier {
        None => context.classifier(),
        Some(TierArg::Lexicon) => Arc::new(LexiconClassifier::embedded().clone()),
        Some(tier) => {
            let semantic = semantic_tier()
                .map_err(|reason| UsageError::new(format!("--tier {tier:?}: {reason}")))?;
            if tier == TierArg::Semantic {
                semantic
            } else {
                Arc::new(cascade(semantic))
            }
        }
    };
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
