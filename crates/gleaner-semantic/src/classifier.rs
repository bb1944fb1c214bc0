//! The semantic tier as a [`Classifier`], and the cascade of both tiers.
//!
//! [`SemanticClassifier`] embeds every turn separately (turns longer than
//! the model's window are split into sentence-packed chunks under
//! [`CHUNK_TOKEN_LIMIT`] tokens) and runs the [`SemanticHeads`] on each
//! chunk: a sensitive category is flagged when any chunk crosses its
//! threshold; a root topic is shown when its best chunk does.
//!
//! [`CascadeClassifier`] runs the lexicon tier and the semantic tier and
//! takes the union of their sensitive hits (recall first), each hit keeping
//! the tier that found it; topics are the lexicon's (specific) plus the
//! semantic roots no lexicon topic already covers.

use std::collections::BTreeMap;
use std::sync::Arc;

use gleaner_classify::{Classification, Classifier, SensitiveHit, Tier, TopicScore};
use gleaner_core::{Conversation, SensitiveCategory, TopicId};
use gleaner_taxonomy::Taxonomy;

use crate::heads::SemanticHeads;
use crate::SemanticEncoder;

/// Most tokens one chunk may hold, `<s>`, `</s>` and the `query: ` prefix
/// included (the model's window is 512).
pub const CHUNK_TOKEN_LIMIT: usize = 500;

/// Texts at most this many characters are never longer than
/// [`CHUNK_TOKEN_LIMIT`] tokens and are not measured.
const SHORT_TEXT_CHARS: usize = 240;

/// Characters of a hard cut when one sentence alone is too long.
const HARD_CUT_CHARS: usize = 300;

/// The semantic tier: the encoder plus the trained heads.
#[derive(Debug)]
pub struct SemanticClassifier {
    encoder: SemanticEncoder,
    heads: SemanticHeads,
}

impl SemanticClassifier {
    /// Combines a loaded encoder with trained heads.
    pub fn new(encoder: SemanticEncoder, heads: SemanticHeads) -> Self {
        Self { encoder, heads }
    }

    /// The encoder.
    pub fn encoder(&self) -> &SemanticEncoder {
        &self.encoder
    }

    /// The heads.
    pub fn heads(&self) -> &SemanticHeads {
        &self.heads
    }

    /// Splits one text into chunks the encoder sees whole: sentences packed
    /// greedily while the chunk stays under [`CHUNK_TOKEN_LIMIT`] tokens.
    pub fn chunks<'text>(&self, text: &'text str) -> Vec<&'text str> {
        let text = text.trim();
        if text.is_empty() {
            return Vec::new();
        }
        if text.chars().count() <= SHORT_TEXT_CHARS || self.fits(text) {
            return vec![text];
        }
        let mut chunks = Vec::new();
        let mut start: Option<usize> = None;
        let mut end = 0;
        for (piece_start, piece_end) in sentence_spans(text) {
            let candidate_start = start.unwrap_or(piece_start);
            if self.fits(&text[candidate_start..piece_end]) {
                start = Some(candidate_start);
                end = piece_end;
                continue;
            }
            if let Some(open) = start.take() {
                chunks.push(text[open..end].trim());
            }
            if self.fits(&text[piece_start..piece_end]) {
                start = Some(piece_start);
                end = piece_end;
            } else {
                chunks.extend(hard_cuts(&text[piece_start..piece_end]));
            }
        }
        if let Some(open) = start {
            chunks.push(text[open..end].trim());
        }
        chunks.retain(|chunk| !chunk.is_empty());
        chunks
    }

    fn fits(&self, text: &str) -> bool {
        self.encoder
            .tokenizer()
            .encode_query(text)
            .is_ok_and(|ids| ids.len() <= CHUNK_TOKEN_LIMIT)
    }
}

/// Byte spans of sentences: up to and including `.`, `!`, `?`, `。`, `！`,
/// `？`, `।`, `؟` or a newline.
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (index, character) in text.char_indices() {
        if matches!(
            character,
            '.' | '!' | '?' | '\n' | '。' | '！' | '？' | '।' | '؟'
        ) {
            let end = index + character.len_utf8();
            spans.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}

/// Cuts a text into pieces of at most [`HARD_CUT_CHARS`] characters.
fn hard_cuts(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (count, (index, _)) in text.char_indices().enumerate() {
        if count > 0 && count % HARD_CUT_CHARS == 0 {
            pieces.push(text[start..index].trim());
            start = index;
        }
    }
    pieces.push(text[start..].trim());
    pieces.retain(|piece| !piece.is_empty());
    pieces
}

impl Classifier for SemanticClassifier {
    fn name(&self) -> &'static str {
        "semantic"
    }

    /// Embeds every chunk of every turn. If the encoder fails (it does not
    /// on valid UTF-8), the semantic tier reports nothing and the cascade
    /// still has the lexicon tier.
    fn classify(&self, conversation: &Conversation) -> Classification {
        let chunks: Vec<&str> = conversation
            .turns
            .iter()
            .flat_map(|turn| self.chunks(turn.text.expose()))
            .collect();
        if chunks.is_empty() {
            return Classification::default();
        }
        let Ok(embeddings) = self.encoder.embed(&chunks) else {
            return Classification::default();
        };
        let mut sensitive_best: BTreeMap<SensitiveCategory, f32> = BTreeMap::new();
        let mut topic_best: BTreeMap<TopicId, f32> = BTreeMap::new();
        for embedding in &embeddings {
            for head in self.heads.sensitive_heads() {
                let probability = head.head.probability(embedding);
                if head.head.fires(probability) {
                    let best = sensitive_best.entry(head.category).or_insert(0.0);
                    *best = best.max(probability);
                }
            }
            for head in self.heads.topic_heads() {
                let probability = head.head.probability(embedding);
                if head.head.fires(probability) {
                    let best = topic_best.entry(head.topic).or_insert(0.0);
                    *best = best.max(probability);
                }
            }
        }
        let mut sensitive: Vec<SensitiveHit> = sensitive_best
            .into_iter()
            .map(|(category, score)| SensitiveHit {
                category,
                score,
                tier: Tier::Semantic,
            })
            .collect();
        sensitive.sort_by(|left, right| right.score.total_cmp(&left.score));
        let mut topics: Vec<TopicScore> = topic_best
            .into_iter()
            .map(|(topic, score)| TopicScore {
                topic,
                score,
                tier: Tier::Semantic,
            })
            .collect();
        topics.sort_by(|left, right| right.score.total_cmp(&left.score));
        Classification { sensitive, topics }
    }
}

/// Both tiers: union of sensitive hits, lexicon topics plus uncovered
/// semantic roots.
#[derive(Clone)]
pub struct CascadeClassifier {
    lexicon: Arc<dyn Classifier>,
    semantic: Arc<dyn Classifier>,
    taxonomy: &'static Taxonomy,
}

impl std::fmt::Debug for CascadeClassifier {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CascadeClassifier")
            .field("lexicon", &self.lexicon.name())
            .field("semantic", &self.semantic.name())
            .finish_non_exhaustive()
    }
}

impl CascadeClassifier {
    /// Combines a lexicon tier and a semantic tier over a taxonomy (used to
    /// map lexicon topics to their roots).
    pub fn new(
        lexicon: Arc<dyn Classifier>,
        semantic: Arc<dyn Classifier>,
        taxonomy: &'static Taxonomy,
    ) -> Self {
        Self {
            lexicon,
            semantic,
            taxonomy,
        }
    }

    /// Merges the two tiers' results.
    ///
    /// Sensitive: every category either tier found, once; the lexicon's hit
    /// is kept when both found it (it is the one `explain` can point at), so
    /// each hit's tier says which tier decided. Topics: the lexicon's, then
    /// each semantic root that is not the root of a lexicon topic.
    pub fn merge(&self, lexicon: Classification, semantic: Classification) -> Classification {
        let mut sensitive = lexicon.sensitive;
        for hit in semantic.sensitive {
            if !sensitive
                .iter()
                .any(|existing| existing.category == hit.category)
            {
                sensitive.push(hit);
            }
        }
        sensitive.sort_by(|left, right| right.score.total_cmp(&left.score));
        let covered: Vec<TopicId> = lexicon
            .topics
            .iter()
            .map(|scored| self.taxonomy.root_of(scored.topic).unwrap_or(scored.topic))
            .collect();
        let mut topics = lexicon.topics;
        topics.extend(
            semantic
                .topics
                .into_iter()
                .filter(|scored| !covered.contains(&scored.topic)),
        );
        topics.sort_by(|left, right| right.score.total_cmp(&left.score));
        Classification { sensitive, topics }
    }
}

impl Classifier for CascadeClassifier {
    fn name(&self) -> &'static str {
        "cascade"
    }

    fn classify(&self, conversation: &Conversation) -> Classification {
        self.merge(
            self.lexicon.classify(conversation),
            self.semantic.classify(conversation),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Stub {
        name: &'static str,
        result: Classification,
    }

    impl Classifier for Stub {
        fn name(&self) -> &'static str {
            self.name
        }

        fn classify(&self, _conversation: &Conversation) -> Classification {
            self.result.clone()
        }
    }

    fn hit(category: SensitiveCategory, score: f32, tier: Tier) -> SensitiveHit {
        SensitiveHit {
            category,
            score,
            tier,
        }
    }

    fn topic(id: u32, score: f32, tier: Tier) -> TopicScore {
        TopicScore {
            topic: TopicId(id),
            score,
            tier,
        }
    }

    fn cascade(lexicon: Classification, semantic: Classification) -> CascadeClassifier {
        CascadeClassifier::new(
            Arc::new(Stub {
                name: "lexicon",
                result: lexicon,
            }),
            Arc::new(Stub {
                name: "semantic",
                result: semantic,
            }),
            Taxonomy::embedded(),
        )
    }

    #[test]
    fn sensitive_is_the_union_and_each_hit_keeps_its_tier() {
        let lexicon = Classification {
            sensitive: vec![hit(SensitiveCategory::Health, 0.9, Tier::Lexicon)],
            topics: vec![],
        };
        let semantic = Classification {
            sensitive: vec![
                hit(SensitiveCategory::Health, 0.99, Tier::Semantic),
                hit(SensitiveCategory::Politics, 0.7, Tier::Semantic),
            ],
            topics: vec![],
        };
        let classifier = cascade(lexicon, semantic);
        assert_eq!(classifier.name(), "cascade");
        let result = classifier.classify(&Conversation::from_user_text("c", "x"));
        assert_eq!(
            result.sensitive,
            vec![
                hit(SensitiveCategory::Health, 0.9, Tier::Lexicon),
                hit(SensitiveCategory::Politics, 0.7, Tier::Semantic),
            ]
        );
    }

    #[test]
    fn either_tier_alone_flags_the_conversation() {
        let flagged = Classification {
            sensitive: vec![hit(SensitiveCategory::TradeUnion, 0.6, Tier::Semantic)],
            topics: vec![],
        };
        let conversation = Conversation::from_user_text("c", "x");
        let only_semantic = cascade(Classification::default(), flagged.clone());
        assert!(only_semantic.classify(&conversation).is_sensitive());
        let only_lexicon = cascade(flagged, Classification::default());
        assert!(only_lexicon.classify(&conversation).is_sensitive());
        let neither = cascade(Classification::default(), Classification::default());
        assert!(!neither.classify(&conversation).is_sensitive());
    }

    #[test]
    fn semantic_roots_are_added_only_where_the_lexicon_has_no_topic() {
        let taxonomy = Taxonomy::embedded();
        let travel = TopicId(24);
        let travel_child = taxonomy
            .children(travel)
            .first()
            .copied()
            .expect("Travel has children");
        let lexicon = Classification {
            sensitive: vec![],
            topics: vec![topic(travel_child.0, 0.8, Tier::Lexicon)],
        };
        let semantic = Classification {
            sensitive: vec![],
            topics: vec![
                topic(24, 0.95, Tier::Semantic),
                topic(9, 0.6, Tier::Semantic),
            ],
        };
        let result = cascade(lexicon, semantic).classify(&Conversation::from_user_text("c", "x"));
        assert_eq!(
            result.topics,
            vec![
                topic(travel_child.0, 0.8, Tier::Lexicon),
                topic(9, 0.6, Tier::Semantic),
            ]
        );
    }

    #[test]
    fn sentence_spans_and_hard_cuts_cover_the_text() {
        let text = "One. Two? Three\nfour";
        let spans = sentence_spans(text);
        let rebuilt: String = spans
            .iter()
            .map(|(start, end)| &text[*start..*end])
            .collect();
        assert_eq!(rebuilt, text);
        assert_eq!(spans.len(), 4);
        let long = "é".repeat(HARD_CUT_CHARS * 2 + 5);
        let cuts = hard_cuts(&long);
        assert_eq!(cuts.len(), 3);
        assert_eq!(cuts.concat(), long);
    }

    /// Needs the real model: `GLEANER_MODELS=<dir>` with
    /// `multilingual-e5-small/` inside (what `gleaner models fetch` writes)
    /// or the model folder itself; skips with a message otherwise.
    #[test]
    fn real_model_flags_paraphrased_health_and_chunks_long_turns() {
        let Some(directory) = std::env::var_os("GLEANER_MODELS") else {
            eprintln!("skipped: set GLEANER_MODELS to a dir with multilingual-e5-small/ (gleaner models fetch)");
            return;
        };
        // Either the models directory `gleaner models fetch` fills or the
        // model folder itself.
        let base = std::path::Path::new(&directory);
        let Some(model_dir) = [base.join("multilingual-e5-small"), base.to_path_buf()]
            .into_iter()
            .find(|dir| dir.join(crate::WEIGHTS_FILE_NAME).is_file())
        else {
            eprintln!("skipped: no model under {}", base.display());
            return;
        };
        let encoder = SemanticEncoder::load(&model_dir).expect("model loads");
        let heads = SemanticHeads::embedded().expect("heads load").clone();
        let classifier = SemanticClassifier::new(encoder, heads);
        let long = "I like walking in the park on sundays with friends. ".repeat(80);
        let chunks = classifier.chunks(&long);
        assert!(chunks.len() > 1, "{}", chunks.len());
        for chunk in &chunks {
            assert!(classifier.fits(chunk));
        }
        let result = classifier.classify(&Conversation::from_user_text(
            "c",
            "my oncologist says the chemotherapy is not working and the tumour has spread",
        ));
        assert!(
            result
                .sensitive_categories()
                .contains(&SensitiveCategory::Health),
            "{result:?}"
        );
        assert!(result
            .sensitive
            .iter()
            .all(|hit| hit.tier == Tier::Semantic));
    }
}
