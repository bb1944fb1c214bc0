//! A tiny but complete model for tests that must run without the real one:
//! an `E5S1` file with one layer of deterministic pseudo-random `Q4_0` weights
//! and a matching five-piece unigram `tokenizer.json`.

use std::path::Path;

use crate::heads::{SemanticHeads, SensitiveNet};
use crate::weights::{Q4_0_BLOCK_BYTES, Q4_0_BLOCK_WEIGHTS};
use crate::EMBEDDING_DIM;

const HIDDEN: usize = 384;
const INTERMEDIATE: usize = 384;
const VOCAB: usize = 6;
const MAX_POSITIONS: usize = 24;

/// Deterministic bytes (xorshift) so every run builds the same model.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `[-scale, scale)`.
    fn float(&mut self, scale: f32) -> f32 {
        ((self.next() % 2_000) as f32 / 1_000.0 - 1.0) * scale
    }
}

fn q4_matrix(noise: &mut Noise, elements: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(elements / Q4_0_BLOCK_WEIGHTS * Q4_0_BLOCK_BYTES);
    for _ in 0..elements / Q4_0_BLOCK_WEIGHTS {
        bytes.extend_from_slice(&half::f16::from_f32(0.02).to_le_bytes());
        for _ in 0..16 {
            bytes.push((noise.next() & 0xFF) as u8);
        }
    }
    bytes
}

fn f32_vector(values: impl IntoIterator<Item = f32>) -> Vec<u8> {
    values.into_iter().flat_map(f32::to_le_bytes).collect()
}

/// The bytes of the synthetic `E5S1` file.
pub(crate) fn weights_file() -> Vec<u8> {
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    let mut tensors: Vec<(String, u8, usize, Vec<u8>)> = Vec::new();
    let f32_tensor = |name: &str, values: Vec<f32>| {
        let count = values.len();
        (name.to_owned(), 0u8, count, f32_vector(values))
    };
    tensors.push((
        "emb.word".into(),
        1,
        VOCAB * HIDDEN,
        q4_matrix(&mut noise, VOCAB * HIDDEN),
    ));
    let positions = (0..MAX_POSITIONS * HIDDEN)
        .map(|_| noise.float(0.1))
        .collect();
    tensors.push(f32_tensor("emb.pos", positions));
    tensors.push(f32_tensor("emb.type", vec![0.01; 2 * HIDDEN]));
    tensors.push(f32_tensor("emb.ln.w", vec![1.0; HIDDEN]));
    tensors.push(f32_tensor("emb.ln.b", vec![0.0; HIDDEN]));
    for (name, out_features, in_features) in [
        ("q", HIDDEN, HIDDEN),
        ("k", HIDDEN, HIDDEN),
        ("v", HIDDEN, HIDDEN),
        ("ao", HIDDEN, HIDDEN),
        ("fi", INTERMEDIATE, HIDDEN),
        ("fo", HIDDEN, INTERMEDIATE),
    ] {
        let elements = out_features * in_features;
        tensors.push((
            format!("l0.{name}.w"),
            1,
            elements,
            q4_matrix(&mut noise, elements),
        ));
        let bias = (0..out_features).map(|_| noise.float(0.05)).collect();
        tensors.push(f32_tensor(&format!("l0.{name}.b"), bias));
    }
    for norm in ["aln", "oln"] {
        tensors.push(f32_tensor(&format!("l0.{norm}.w"), vec![1.0; HIDDEN]));
        tensors.push(f32_tensor(&format!("l0.{norm}.b"), vec![0.0; HIDDEN]));
    }

    let mut out = Vec::new();
    out.extend_from_slice(b"E5S1");
    out.extend_from_slice(&1u32.to_le_bytes());
    for value in [HIDDEN, 1, 12, INTERMEDIATE, VOCAB, MAX_POSITIONS, 2] {
        out.extend_from_slice(&(value as i32).to_le_bytes());
    }
    out.extend_from_slice(&1e-12f32.to_le_bytes());
    out.extend_from_slice(&32i32.to_le_bytes());
    let pieces = [
        "<s>",
        "<pad>",
        "</s>",
        "<unk>",
        "\u{2581}hi",
        "\u{2581}there",
    ];
    out.extend_from_slice(&(pieces.len() as i32).to_le_bytes());
    for id in [0i32, 2, 1, 3] {
        out.extend_from_slice(&id.to_le_bytes());
    }
    let blob = pieces.concat();
    out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for piece in pieces {
        offset += piece.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    out.extend_from_slice(&f32_vector([0.0, 0.0, 0.0, 0.0, -1.0, -1.5]));
    out.extend_from_slice(blob.as_bytes());
    out.extend_from_slice(&0i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());

    let directory_len: usize = 4 + tensors
        .iter()
        .map(|(name, ..)| 2 + name.len() + 1 + 4 + 8 + 8)
        .sum::<usize>();
    let mut data_offset = (out.len() + directory_len) as u64;
    out.extend_from_slice(&(tensors.len() as i32).to_le_bytes());
    for (name, dtype, elements, data) in &tensors {
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.push(*dtype);
        out.extend_from_slice(&(*elements as u32).to_le_bytes());
        out.extend_from_slice(&data_offset.to_le_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        data_offset += data.len() as u64;
    }
    for (.., data) in &tensors {
        out.extend_from_slice(data);
    }
    out
}

/// A unigram `tokenizer.json` over the same six pieces, with the real
/// model's pre-tokenizer and `<s> … </s>` template.
pub(crate) fn tokenizer_json() -> String {
    let special = |id: u32, content: &str| {
        serde_json::json!({"id": id, "content": content, "single_word": false,
            "lstrip": false, "rstrip": false, "normalized": false, "special": true})
    };
    serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [special(0, "<s>"), special(1, "<pad>"), special(2, "</s>"), special(3, "<unk>")],
        "normalizer": null,
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u{2581}", "add_prefix_space": true},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}
            }
        },
        "decoder": null,
        "model": {
            "type": "Unigram",
            "unk_id": 3,
            "vocab": [["<s>", 0.0], ["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0],
                      ["\u{2581}hi", -1.0], ["\u{2581}there", -1.5]],
            "byte_fallback": false
        }
    })
    .to_string()
}

/// Writes both synthetic files into `directory`.
pub(crate) fn write_model_dir(directory: &Path) {
    std::fs::write(directory.join(crate::WEIGHTS_FILE_NAME), weights_file())
        .expect("write weights");
    std::fs::write(directory.join(crate::TOKENIZER_FILE_NAME), tokenizer_json())
        .expect("write tokenizer");
}

/// The shipped heads cut down to the one-layer model: the net keeps the
/// first-layer weights of the last pooled layer only, and no encoder delta.
pub(crate) fn one_layer_heads() -> SemanticHeads {
    let embedded = SemanticHeads::embedded().expect("heads load");
    let width = embedded.feature_len();
    let mut file = embedded.file().clone();
    let weights = file.sensitive.decode_weights().expect("weights decode");
    let last: Vec<f32> = weights
        .chunks_exact(width)
        .flat_map(|row| row[width - EMBEDDING_DIM..].iter().copied())
        .collect();
    file.sensitive.hidden_weights = SensitiveNet::encode_weights(&last);
    file.layers = vec![1];
    // The shipped encoder delta adapts layers the one-layer model lacks.
    file.encoder_delta = None;
    SemanticHeads::from_file(file).expect("one-layer heads are valid")
}
