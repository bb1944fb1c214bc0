//! One module per subcommand, each with `pub(crate) fn run`.

pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod bench;
pub(crate) mod classify;
pub(crate) mod demo;
pub(crate) mod eval;
pub(crate) mod expire;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod forget;
pub(crate) mod hide;
pub(crate) mod ingest;
pub(crate) mod models;
pub(crate) mod profile;
pub(crate) mod publish;
pub(crate) mod recommend;
pub(crate) mod serve;
pub(crate) mod stream_ingest;
pub(crate) mod token;
pub(crate) mod train;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context as _;

/// Opens a file or standard input (`-`) for line reading.
pub(crate) fn open_input(input: &str) -> anyhow::Result<(Box<dyn BufRead>, Option<u64>)> {
    if input == "-" {
        return Ok((Box::new(BufReader::new(std::io::stdin())), None));
    }
    let path = Path::new(input);
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let size = file.metadata().ok().map(|metadata| metadata.len());
    Ok((Box::new(BufReader::new(file)), size))
}
