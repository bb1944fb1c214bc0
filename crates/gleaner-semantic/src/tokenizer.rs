//! Tokenization for multilingual-e5-small: the XLM-R `SentencePiece` unigram
//! model from the `tokenizer.json` that ships with the model, run by the
//! `tokenizers` crate.
//!
//! The file's pipeline is kept as is: precompiled-charsmap normalization,
//! collapsing of repeated spaces, metaspace pre-tokenization with a prefix
//! space, unigram Viterbi segmentation, then `<s> … </s>`. This module adds
//! the `query: ` prefix, truncation to the model's 512 positions and the
//! untruncated count callers need to split long texts.

use std::path::Path;

use crate::SemanticError;

/// The prefix multilingual-e5 expects before any text that is not a
/// retrieval passage (classification, clustering, queries).
pub const QUERY_PREFIX: &str = "query: ";

/// A loaded `tokenizer.json`, set up to truncate at `max_tokens`.
#[derive(Clone)]
pub struct E5Tokenizer {
    inner: tokenizers::Tokenizer,
    max_tokens: usize,
}

impl std::fmt::Debug for E5Tokenizer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("E5Tokenizer")
            .field("vocab_size", &self.inner.get_vocab_size(true))
            .field("max_tokens", &self.max_tokens)
            .finish()
    }
}

impl E5Tokenizer {
    /// Loads `tokenizer.json` from `path`; encodings are cut to at most
    /// `max_tokens` ids, `<s>` and `</s>` included.
    pub fn load(path: &Path, max_tokens: usize) -> Result<Self, SemanticError> {
        let bytes = std::fs::read(path).map_err(|source| SemanticError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes, max_tokens)
    }

    /// Loads a `tokenizer.json` held in memory.
    pub fn from_bytes(bytes: &[u8], max_tokens: usize) -> Result<Self, SemanticError> {
        let mut inner =
            tokenizers::Tokenizer::from_bytes(bytes).map_err(|error| SemanticError::Tokenizer {
                message: format!("cannot load tokenizer.json: {error}"),
            })?;
        // Truncation is done here (see `truncate`), so that the full length
        // stays known to callers that split long texts.
        inner
            .with_truncation(None)
            .map_err(|error| SemanticError::Tokenizer {
                message: format!("cannot disable truncation: {error}"),
            })?;
        inner.with_padding(None);
        if max_tokens < 2 {
            return Err(SemanticError::Tokenizer {
                message: format!("max_tokens {max_tokens} leaves no room for <s> and </s>"),
            });
        }
        Ok(Self { inner, max_tokens })
    }

    /// Number of ids in the vocabulary, special tokens included.
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    /// The longest encoding [`Self::encode_raw`] returns, `<s>` and `</s>` included.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Token ids of `text` exactly as given (no prefix): `<s>`, pieces,
    /// `</s>`, truncated to [`Self::max_tokens`] the way `tokenizers`
    /// truncates (the first pieces are kept, `</s>` stays last).
    pub fn encode_raw(&self, text: &str) -> Result<Vec<u32>, SemanticError> {
        let mut ids = self.encode_untruncated(text)?;
        if ids.len() > self.max_tokens {
            let end_of_sequence = ids[ids.len() - 1];
            ids.truncate(self.max_tokens - 1);
            ids.push(end_of_sequence);
        }
        Ok(ids)
    }

    /// Token ids of `query: {text}`, the form the encoder embeds.
    pub fn encode_query(&self, text: &str) -> Result<Vec<u32>, SemanticError> {
        self.encode_raw(&format!("{QUERY_PREFIX}{text}"))
    }

    /// How many tokens `query: {text}` takes before truncation, `<s>` and
    /// `</s>` included; more than [`Self::max_tokens`] means the encoder
    /// would only see the beginning, so callers should split the text.
    pub fn query_token_count(&self, text: &str) -> Result<usize, SemanticError> {
        Ok(self
            .encode_untruncated(&format!("{QUERY_PREFIX}{text}"))?
            .len())
    }

    fn encode_untruncated(&self, text: &str) -> Result<Vec<u32>, SemanticError> {
        let encoding = self
            .inner
            .encode(text, true)
            .map_err(|error| SemanticError::Tokenizer {
                message: format!("encoding failed: {error}"),
            })?;
        Ok(encoding.get_ids().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference ids from the Python `tokenizers` package (0.23.3) on the same
    /// `tokenizer.json`, written by `tests/parity/make_reference.py`.
    #[derive(serde::Deserialize)]
    struct Reference {
        tokens: Vec<ReferenceTokens>,
    }

    #[derive(serde::Deserialize)]
    struct ReferenceTokens {
        text: String,
        ids: Vec<u32>,
    }

    /// Compares ids with the Python tokenizer when `GLEANER_MODELS` holds
    /// `tokenizer.json`; skips (prints why, passes) otherwise.
    #[test]
    fn ids_match_python_tokenizers_when_gleaner_models_is_set_else_skips() {
        let Some(path) = crate::real_model_path(crate::TOKENIZER_FILE_NAME) else {
            eprintln!(
                "skipped: set GLEANER_MODELS to a directory holding {}",
                crate::TOKENIZER_FILE_NAME
            );
            return;
        };
        let tokenizer = E5Tokenizer::load(&path, 512).expect("loads");
        assert_eq!(tokenizer.vocab_size(), 250_002);
        let reference: Reference =
            serde_json::from_str(include_str!("../tests/parity/reference.json"))
                .expect("reference json");
        assert!(reference.tokens.len() >= 20);
        for (index, expected) in reference.tokens.iter().enumerate() {
            let ids = tokenizer.encode_raw(&expected.text).expect("encodes");
            assert_eq!(ids, expected.ids, "sentence {index}");
        }
    }

    #[test]
    fn long_text_is_truncated_to_max_tokens_when_gleaner_models_is_set_else_skips() {
        let Some(path) = crate::real_model_path(crate::TOKENIZER_FILE_NAME) else {
            eprintln!(
                "skipped: set GLEANER_MODELS to a directory holding {}",
                crate::TOKENIZER_FILE_NAME
            );
            return;
        };
        let tokenizer = E5Tokenizer::load(&path, 512).expect("loads");
        let long = "word ".repeat(2_000);
        let ids = tokenizer.encode_query(&long).expect("encodes");
        // 2,006 as the Python tokenizer counts it: `<s>`, `▁que`, `ry`, `:`,
        // 2,000 × `▁word`, a trailing `▁`, `</s>`.
        assert_eq!(tokenizer.query_token_count(&long).expect("counts"), 2_006);
        assert_eq!(ids.len(), 512);
        assert_eq!(ids[0], 0, "<s> first");
        assert_eq!(ids[511], 2, "</s> kept last after truncation");
    }

    #[test]
    fn malformed_tokenizer_json_is_a_typed_error() {
        let error = E5Tokenizer::from_bytes(b"{not json", 512).expect_err("malformed");
        assert!(
            error
                .to_string()
                .starts_with("tokenizer: cannot load tokenizer.json"),
            "{error}"
        );
    }
}
