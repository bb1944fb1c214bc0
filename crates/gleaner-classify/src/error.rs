//! The error type of this crate.

/// What can go wrong building a classifier or reading a labelled data set.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClassifyError {
    /// The topic keyword file has no `topic_id\tlang\tphrase` header.
    #[error("topic keywords: line 1: expected the header `topic_id\\tlang\\tphrase`")]
    MissingKeywordHeader,
    /// A topic keyword line is malformed.
    #[error("topic keywords: line {line}: {reason}")]
    BadKeywordLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A line of a sensitive lexicon file (`data/lexicon/<lang>.tsv`) is
    /// malformed, names an unknown category, role or flag, or repeats an
    /// earlier entry.
    #[error("lexicon {file}: line {line}: {reason}")]
    BadLexiconLine {
        /// The file name (`en.tsv`).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A labelled data set line is malformed.
    #[error("line {line}: {reason}")]
    BadDatasetLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading a data set failed.
    #[error("reading data set: {0}")]
    Io(#[from] std::io::Error),
}
