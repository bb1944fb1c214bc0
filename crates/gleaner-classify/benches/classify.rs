//! Throughput of `LexiconClassifier::classify` on a few hundred realistic
//! conversations (one to four turns, four languages, about one in six
//! sensitive).
//!
//! What dominates the cost: normalization (NFKD, folding, building two
//! renderings of the text) and the two overlapping Aho-Corasick scans per
//! turn (sensitive phrases and topic keywords), all linear in the text
//! length; scoring is a few small maps. Building the classifier (compiling
//! the automata, `build`) is paid once per process and measured separately.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gleaner_classify::{Classifier, LexiconClassifier};
use gleaner_core::{Conversation, ConversationText, Role, Turn};
use gleaner_taxonomy::Taxonomy;

const USER_TURNS: &[&str] = &[
    "Which waterproof boots for a 3-day trek in the Dolomites? I walk about 20 km a day.",
    "um so like what's a good budget laptop for college, mostly writing and some python",
    "¿Qué zapatillas de running me recomiendas para un maratón en asfalto?",
    "Quero uma receita de bolo de cenoura com cobertura de chocolate para o fim de semana",
    "Quelle tente choisir pour un trek de trois jours dans les Pyrénées en septembre ?",
    "best noise cancelling headphones under 200 for flights and the office",
    "since my MS diagnosis I need boots with ankle support, any brands?",
    "I'm the shop steward and we have a meeting on Monday, can you draft an agenda?",
    "plan an iftar menu for twelve people, nothing too heavy",
    "mon mari et moi sommes deux hommes, quel hôtel à Lisbonne ?",
    "how do I get from Union Station to the stadium before the game?",
    "Necesito un regalo para mi hermana que acaba de empezar a hacer yoga",
    "dicas de séries parecidas com Dark para maratonar no fim de semana",
    "what's the best way to save for a house deposit on a 45k salary",
    "génère une image d'un chat roux sur un canapé en velours vert",
];

const ASSISTANT_TURNS: &[&str] = &[
    "Look for mid-cut boots with a Gore-Tex membrane and a Vibram sole; break them in first.",
    "For that budget, consider a 14-inch model with 16 GB of memory and a good keyboard.",
    "Claro: busca amortiguación media, drop de 8 a 10 mm y una horma que te quede cómoda.",
    "Aqui vai: 3 cenouras, 3 ovos, 1 xícara de óleo, 2 de açúcar e 2 de farinha.",
    "Pour trois jours, une tente deux places de moins de 2 kg suffit largement.",
];

fn conversations() -> Vec<Conversation> {
    let mut conversations = Vec::new();
    for index in 0..300 {
        let mut turns = vec![Turn {
            role: Role::User,
            text: ConversationText::new(USER_TURNS[index % USER_TURNS.len()]),
        }];
        if index % 3 != 0 {
            turns.push(Turn {
                role: Role::Assistant,
                text: ConversationText::new(ASSISTANT_TURNS[index % ASSISTANT_TURNS.len()]),
            });
            turns.push(Turn {
                role: Role::User,
                text: ConversationText::new(USER_TURNS[(index * 7 + 3) % USER_TURNS.len()]),
            });
        }
        if index % 5 == 0 {
            turns.push(Turn {
                role: Role::Assistant,
                text: ConversationText::new(ASSISTANT_TURNS[(index + 2) % ASSISTANT_TURNS.len()]),
            });
        }
        conversations.push(Conversation {
            id: format!("bench-{index}"),
            turns,
        });
    }
    conversations
}

fn classify_throughput(criterion: &mut Criterion) {
    let classifier = LexiconClassifier::embedded();
    let conversations = conversations();
    let bytes: usize = conversations.iter().map(Conversation::text_len).sum();
    let mut group = criterion.benchmark_group("gleaner_classify::LexiconClassifier");
    group.throughput(Throughput::Elements(conversations.len() as u64));
    group.bench_function("classify_300_conversations", |bencher| {
        bencher.iter(|| {
            let mut sensitive = 0usize;
            for conversation in &conversations {
                sensitive +=
                    usize::from(classifier.classify(black_box(conversation)).is_sensitive());
            }
            black_box(sensitive)
        });
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("classify_300_conversations_bytes", |bencher| {
        bencher.iter(|| {
            for conversation in &conversations {
                black_box(classifier.classify(black_box(conversation)));
            }
        });
    });
    group.finish();
}

fn build_cost(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("gleaner_classify::LexiconClassifier");
    group.sample_size(10);
    group.bench_function("build", |bencher| {
        bencher
            .iter(|| LexiconClassifier::new(Taxonomy::embedded()).expect("bundled data is valid"));
    });
    group.finish();
}

criterion_group!(benches, classify_throughput, build_cost);
criterion_main!(benches);
