//! The semantic tier as a [`Classifier`], and the cascade of both tiers.
//!
//! [`SemanticClassifier`] encodes every turn separately (turns longer than
//! the model's window are split into sentence-packed chunks under
//! [`CHUNK_TOKEN_LIMIT`] tokens), pools the layers the heads read, and runs
//! the [`SemanticHeads`] on each chunk: a sensitive category is flagged when
//! any chunk is flagged under it (see [`SemanticHeads::flagged`]); a root
//! topic is shown when its best chunk crosses its threshold.
//!
//! [`CascadeClassifier`] runs the lexicon tier and the semantic tier and
//! takes the union of their sensitive hits (recall first), each hit keeping
//! the tier that found it; topics are the lexicon's (specific) plus the
//! semantic roots no lexicon topic already covers.

use std::collections::BTreeMap;
use std::sync::Arc;

use gleaner_classify::{
    Cancel, Cancelled, Classification, Classifier, LexiconClassifier, SensitiveHit, Tier,
    TopicScore,
};
use gleaner_core::{Conversation, SensitiveCategory, TopicId};
use gleaner_taxonomy::Taxonomy;

use crate::cache::CatalogEmbeddingCache;
use crate::heads::SemanticHeads;
use crate::{SemanticEncoder, SemanticError};

/// Most tokens one chunk may hold, `<s>`, `</s>` and the `query: ` prefix
/// included. The model's window is 512, but the fine-tuned encoder learned
/// from texts of at most 96 tokens, and a short chunk keeps one sensitive
/// sentence inside a long request from being averaged away (a conversation
/// is flagged when any chunk is).
pub const CHUNK_TOKEN_LIMIT: usize = 128;

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
    catalog_cache: CatalogEmbeddingCache,
}

impl SemanticClassifier {
    /// Combines a loaded encoder with trained heads; catalog features are
    /// cached in memory only (see [`Self::with_catalog_cache`]). When the
    /// heads carry a fine-tuned encoder delta it is merged into the
    /// encoder's weights here. Fails when the heads read or adapt a layer
    /// the model does not have.
    pub fn new(mut encoder: SemanticEncoder, heads: SemanticHeads) -> Result<Self, SemanticError> {
        let layers = encoder.config().layer_count;
        if let Some(&layer) = heads.layers().iter().find(|&&layer| layer > layers) {
            return Err(SemanticError::LayerOutOfRange { layer, layers });
        }
        if let Some(delta) = heads.encoder_delta() {
            encoder.apply_delta(delta)?;
        }
        let catalog_cache = CatalogEmbeddingCache::in_memory("unnamed")
            .for_features(&heads.feature_layout(), heads.feature_len());
        Ok(Self {
            encoder,
            heads,
            catalog_cache,
        })
    }

    /// Uses `cache` for catalog texts (e.g. a file next to the model, so a
    /// catalog is encoded once per model rather than once per run); entries
    /// are keyed by the heads' feature layout too.
    #[must_use]
    pub fn with_catalog_cache(mut self, cache: CatalogEmbeddingCache) -> Self {
        self.catalog_cache =
            cache.for_features(&self.heads.feature_layout(), self.heads.feature_len());
        self
    }

    /// The catalog embedding cache.
    pub fn catalog_cache(&self) -> &CatalogEmbeddingCache {
        &self.catalog_cache
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

impl SemanticClassifier {
    /// Every chunk of every turn of each conversation, and which run of the
    /// returned chunks belongs to which conversation.
    fn chunks_of<'text>(
        &self,
        conversations: &[&'text Conversation],
    ) -> (Vec<&'text str>, Vec<std::ops::Range<usize>>) {
        let mut chunks = Vec::new();
        let mut spans = Vec::with_capacity(conversations.len());
        for conversation in conversations {
            let start = chunks.len();
            for turn in &conversation.turns {
                chunks.extend(self.chunks(turn.text.expose()));
            }
            spans.push(start..chunks.len());
        }
        (chunks, spans)
    }

    /// The features the heads read, one vector per text.
    fn features(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        self.encoder.embed_layers(texts, self.heads.layers())
    }

    /// Runs the heads on the features of one conversation's chunks.
    fn score(&self, features: &[Vec<f32>]) -> Classification {
        let mut sensitive_best: BTreeMap<SensitiveCategory, f32> = BTreeMap::new();
        let mut topic_best: BTreeMap<TopicId, f32> = BTreeMap::new();
        for chunk in features {
            let scores = self.heads.sensitive_scores(chunk);
            for (category, probability) in self.heads.flagged(&scores) {
                let best = sensitive_best.entry(category).or_insert(0.0);
                *best = best.max(probability);
            }
            for (head, (topic, probability)) in self
                .heads
                .topic_heads()
                .iter()
                .zip(self.heads.topic_scores(chunk))
            {
                if head.head.fires(probability) {
                    let best = topic_best.entry(topic).or_insert(0.0);
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
        Classification {
            sensitive,
            topics,
            unclassified: false,
        }
    }
}

impl Classifier for SemanticClassifier {
    fn name(&self) -> &'static str {
        "semantic"
    }

    fn classify(&self, conversation: &Conversation) -> Classification {
        self.classify_batch(&[conversation])
            .pop()
            .unwrap_or_default()
    }

    /// Embeds every chunk of every turn of the whole batch in one
    /// length-sorted pass. If the encoder fails (it does not on valid
    /// UTF-8), every conversation of the batch is
    /// [`Classification::unclassified`]: the policy drops what could not be
    /// read (fail closed) rather than taking it as harmless.
    fn classify_batch(&self, conversations: &[&Conversation]) -> Vec<Classification> {
        // A flag nobody holds is never set; were it, read nothing (fail closed).
        self.classify_batch_until(conversations, &Cancel::new())
            .unwrap_or_else(|Cancelled| vec![Classification::unclassified(); conversations.len()])
    }

    /// As [`Classifier::classify_batch`], checking `cancel` before each
    /// turn is chunked and before each encoder layer of each sub-batch (a
    /// layer over 32 chunks is the largest unit of work left to finish).
    fn classify_batch_until(
        &self,
        conversations: &[&Conversation],
        cancel: &Cancel,
    ) -> Result<Vec<Classification>, Cancelled> {
        cancel.check()?;
        let (chunks, spans) = self.chunks_of(conversations);
        cancel.check()?;
        let embeddings = match self
            .encoder
            .embed_layers_until(&chunks, self.heads.layers(), cancel)
        {
            Ok(embeddings) => embeddings,
            Err(SemanticError::Cancelled(cancelled)) => return Err(cancelled),
            Err(_) => return Ok(vec![Classification::unclassified(); conversations.len()]),
        };
        Ok(spans
            .into_iter()
            .map(|span| self.score(&embeddings[span]))
            .collect())
    }

    /// As [`Classifier::classify_batch`], embedding only the chunks the
    /// catalog cache does not hold yet and caching those.
    fn classify_catalog(&self, items: &[&Conversation]) -> Vec<Classification> {
        let (chunks, spans) = self.chunks_of(items);
        let keys: Vec<[u8; 32]> = chunks
            .iter()
            .map(|chunk| self.catalog_cache.key(chunk))
            .collect();
        let mut embeddings: Vec<Option<Vec<f32>>> =
            keys.iter().map(|key| self.catalog_cache.get(key)).collect();
        let missing: Vec<usize> = (0..chunks.len())
            .filter(|&index| embeddings[index].is_none())
            .collect();
        if !missing.is_empty() {
            let texts: Vec<&str> = missing.iter().map(|&index| chunks[index]).collect();
            let Ok(computed) = self.features(&texts) else {
                return vec![Classification::unclassified(); items.len()];
            };
            let mut fresh = Vec::with_capacity(missing.len());
            for (&index, features) in missing.iter().zip(computed) {
                fresh.push((keys[index], features.clone()));
                embeddings[index] = Some(features);
            }
            self.catalog_cache.put_all(&fresh);
        }
        let embeddings: Vec<Vec<f32>> = embeddings.into_iter().flatten().collect();
        spans
            .into_iter()
            .map(|span| self.score(&embeddings[span]))
            .collect()
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

    /// Combines the embedded lexicon tier with `semantic` over the embedded
    /// taxonomy: the cascade `--tier cascade` (and `auto` with the model
    /// installed) runs.
    pub fn with_embedded_lexicon(semantic: Arc<dyn Classifier>) -> Self {
        Self::new(
            Arc::new(LexiconClassifier::embedded().clone()),
            semantic,
            Taxonomy::embedded(),
        )
    }

    /// Merges the two tiers' results.
    ///
    /// Sensitive: every category either tier found, once; the lexicon's hit
    /// is kept when both found it (it is the one `explain` can point at), so
    /// each hit's tier says which tier decided. Topics: the lexicon's, then
    /// each semantic root that is not the root of a lexicon topic. If either
    /// tier could not read the conversation, neither can the cascade.
    pub fn merge(&self, lexicon: Classification, semantic: Classification) -> Classification {
        let unclassified = lexicon.unclassified || semantic.unclassified;
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
        Classification {
            sensitive,
            topics,
            unclassified,
        }
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

    fn classify_batch(&self, conversations: &[&Conversation]) -> Vec<Classification> {
        self.lexicon
            .classify_batch(conversations)
            .into_iter()
            .zip(self.semantic.classify_batch(conversations))
            .map(|(lexicon, semantic)| self.merge(lexicon, semantic))
            .collect()
    }

    fn classify_batch_until(
        &self,
        conversations: &[&Conversation],
        cancel: &Cancel,
    ) -> Result<Vec<Classification>, Cancelled> {
        let lexicon = self.lexicon.classify_batch_until(conversations, cancel)?;
        let semantic = self.semantic.classify_batch_until(conversations, cancel)?;
        Ok(lexicon
            .into_iter()
            .zip(semantic)
            .map(|(lexicon, semantic)| self.merge(lexicon, semantic))
            .collect())
    }

    fn classify_catalog(&self, items: &[&Conversation]) -> Vec<Classification> {
        self.lexicon
            .classify_catalog(items)
            .into_iter()
            .zip(self.semantic.classify_catalog(items))
            .map(|(lexicon, semantic)| self.merge(lexicon, semantic))
            .collect()
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
            unclassified: false,
            sensitive: vec![hit(SensitiveCategory::Health, 0.9, Tier::Lexicon)],
            topics: vec![],
        };
        let semantic = Classification {
            unclassified: false,
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
            unclassified: false,
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
    fn a_tier_that_cannot_read_makes_the_cascade_unclassified_and_not_ad_eligible() {
        let conversation = Conversation::from_user_text("c", "x");
        let semantic_failed = cascade(Classification::default(), Classification::unclassified());
        let result = semantic_failed.classify(&conversation);
        assert!(result.unclassified && result.is_sensitive() && !result.ad_eligible());
        let lexicon_failed = cascade(Classification::unclassified(), Classification::default());
        assert!(lexicon_failed.classify(&conversation).unclassified);
        let both_read = cascade(Classification::default(), Classification::default());
        let result = both_read.classify(&conversation);
        assert!(!result.unclassified && result.ad_eligible());
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
            unclassified: false,
            sensitive: vec![],
            topics: vec![topic(travel_child.0, 0.8, Tier::Lexicon)],
        };
        let semantic = Classification {
            unclassified: false,
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

    fn synthetic_classifier(directory: &std::path::Path) -> SemanticClassifier {
        crate::test_support::write_model_dir(directory);
        let encoder = SemanticEncoder::load(directory).expect("synthetic model loads");
        SemanticClassifier::new(encoder, crate::test_support::one_layer_heads())
            .expect("the one-layer heads fit the one-layer model")
    }

    #[test]
    fn heads_reading_a_layer_the_model_lacks_are_refused() {
        let directory = tempfile::tempdir().expect("tempdir");
        crate::test_support::write_model_dir(directory.path());
        let encoder = SemanticEncoder::load(directory.path()).expect("synthetic model loads");
        let heads = SemanticHeads::embedded().expect("heads load").clone();
        let first_missing = heads.layers().iter().copied().find(|&layer| layer > 1);
        let error = SemanticClassifier::new(encoder, heads).unwrap_err();
        assert!(
            matches!(
                error,
                SemanticError::LayerOutOfRange { layer, layers: 1 } if Some(layer) == first_missing
            ),
            "{error}"
        );
    }

    fn conversations() -> Vec<Conversation> {
        vec![
            Conversation::from_user_text("a", "hi there"),
            Conversation::from_user_text("b", "there there hi hi hi"),
            Conversation::from_user_text("c", ""),
            Conversation::from_user_text("d", "hi"),
        ]
    }

    fn assert_same(left: &Classification, right: &Classification) {
        assert_eq!(left.sensitive_categories(), right.sensitive_categories());
        let topics = |c: &Classification| c.topics.iter().map(|t| t.topic).collect::<Vec<_>>();
        assert_eq!(topics(left), topics(right));
        for (a, b) in left.sensitive.iter().zip(&right.sensitive) {
            assert!((a.score - b.score).abs() < 1e-4, "{a:?} {b:?}");
        }
    }

    #[test]
    fn a_batch_classifies_each_conversation_as_alone() {
        let directory = tempfile::tempdir().expect("tempdir");
        let classifier = synthetic_classifier(directory.path());
        let conversations = conversations();
        let refs: Vec<&Conversation> = conversations.iter().collect();
        let batched = classifier.classify_batch(&refs);
        assert_eq!(batched.len(), conversations.len());
        for (conversation, result) in conversations.iter().zip(&batched) {
            assert_same(&classifier.classify(conversation), result);
        }
        assert!(classifier.classify_batch(&[]).is_empty());
        assert!(
            classifier.catalog_cache().is_empty(),
            "conversations are never cached"
        );
    }

    #[test]
    fn a_set_flag_stops_the_semantic_tier_and_the_cascade() {
        let directory = tempfile::tempdir().expect("tempdir");
        let semantic = Arc::new(synthetic_classifier(directory.path()));
        let conversations = conversations();
        let refs: Vec<&Conversation> = conversations.iter().collect();
        let until = semantic
            .classify_batch_until(&refs, &Cancel::new())
            .expect("a flag not set");
        for (result, alone) in until.iter().zip(semantic.classify_batch(&refs)) {
            assert_same(result, &alone);
        }
        let cancel = Cancel::new();
        cancel.cancel();
        assert_eq!(
            semantic.classify_batch_until(&refs, &cancel),
            Err(Cancelled)
        );
        let cascade = CascadeClassifier::new(
            Arc::new(gleaner_classify::LexiconClassifier::embedded().clone()),
            semantic,
            Taxonomy::embedded(),
        );
        assert_eq!(cascade.classify_batch_until(&refs, &cancel), Err(Cancelled));
    }

    #[test]
    fn catalog_texts_are_embedded_once_then_served_from_the_cache_file() {
        let directory = tempfile::tempdir().expect("tempdir");
        let cache_path = directory.path().join("catalog.redb");
        let model_dir = directory.path().join("model");
        std::fs::create_dir(&model_dir).expect("model dir");
        let conversations = conversations();
        let refs: Vec<&Conversation> = conversations.iter().collect();
        let first = {
            let classifier = synthetic_classifier(&model_dir)
                .with_catalog_cache(CatalogEmbeddingCache::open(&cache_path, "synthetic"));
            let first = classifier.classify_catalog(&refs);
            // Three texts have chunks; the empty one has none.
            assert_eq!(classifier.catalog_cache().len(), 3);
            first
        };
        let classifier = synthetic_classifier(&model_dir)
            .with_catalog_cache(CatalogEmbeddingCache::open(&cache_path, "synthetic"));
        assert!(classifier.catalog_cache().is_persistent());
        let keys: Vec<[u8; 32]> = ["hi there", "there there hi hi hi", "hi"]
            .iter()
            .map(|text| classifier.catalog_cache().key(text))
            .collect();
        assert!(keys
            .iter()
            .all(|key| classifier.catalog_cache().get(key).is_some()));
        let second = classifier.classify_catalog(&refs);
        for ((from_file, computed), conversation) in second.iter().zip(&first).zip(&conversations) {
            assert_same(from_file, computed);
            assert_same(from_file, &classifier.classify(conversation));
        }
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
        let classifier = SemanticClassifier::new(encoder, heads).expect("heads fit the model");
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
