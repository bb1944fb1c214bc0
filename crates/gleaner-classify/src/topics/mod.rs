//! Topic inference from keywords: [`LexiconTopicModel`].
//!
//! One automaton holds every keyword of every language (`data/topic_keywords.tsv`).
//! Per conversation:
//!
//! 1. each distinct keyword found gives its topic evidence: `0.6` for one
//!    word, `0.85` for two, `1.0` for three or more (longer phrases are less
//!    ambiguous), times `1.0` for a user turn, `0.6` for an assistant turn and
//!    `0.3` for a system turn (what the person said matters most); each repeat
//!    of the same keyword adds a quarter of that, up to three repeats; a
//!    weak keyword (`~book`: ambiguous alone) gives `0.3` whatever its length;
//! 2. a topic passes [`ANCESTOR_SHARE`] of its evidence to its parent and the
//!    square of it to its grandparent, so `Trail running` also supports
//!    `Running` and `Sports`;
//! 3. the score is `1 - e^(-evidence)`; topics at or above
//!    [`TOPIC_THRESHOLD`] are kept, then only those under roots whose best
//!    topic scores at least [`ROOT_RELATIVE`] of the overall best; they are
//!    returned highest first, ties broken by topic id, at most [`MAX_TOPICS`].
//!
//! Keywords are matched in both grammatical numbers (`-s` added or removed,
//! see `number_variant`), and one-word keywords that accent folding turns
//! into a function word (`thé` → `the`) are skipped at load.

mod keywords;

use std::collections::{BTreeMap, HashMap, HashSet};

use gleaner_core::{Conversation, Role, TopicId};
use gleaner_taxonomy::Taxonomy;

pub use keywords::EMBEDDED_TOPIC_KEYWORDS;

use crate::error::ClassifyError;
use crate::normalize::normalize;
use crate::phrase::{PhraseSet, PhraseSetBuilder, PhraseSpec};
use crate::{Tier, TopicScore};

/// The share of a topic's evidence passed to its parent (squared for the
/// grandparent).
pub const ANCESTOR_SHARE: f32 = 0.5;
/// The lowest score returned.
pub const TOPIC_THRESHOLD: f32 = 0.35;
/// A topic is kept only when the best score under its root is at least this
/// share of the best score overall: one passing word of another root does
/// not ride along with a well-supported topic.
pub const ROOT_RELATIVE: f32 = 0.9;
/// The most topics returned for one conversation.
pub const MAX_TOPICS: usize = 5;
/// Evidence of a weak (`~`) keyword: ambiguous on its own (`book`,
/// `ticket`, `rent`), so it stays under [`TOPIC_THRESHOLD`] alone and only
/// adds to other evidence.
const WEAK_WEIGHT: f32 = 0.3;
/// Extra evidence of each repeat of a keyword, as a share of its first hit.
const REPEAT_SHARE: f32 = 0.25;
/// Repeats counted per keyword.
const MAX_REPEATS: u32 = 3;

/// What a keyword points at.
#[derive(Debug, Clone, Copy, PartialEq)]
struct KeywordPayload {
    /// Dense index of the topic.
    topic: u32,
    /// Evidence of one hit in a user turn.
    weight: f32,
}

/// Keyword-based topic inference. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LexiconTopicModel {
    phrases: PhraseSet<KeywordPayload>,
    /// Topic of each dense index.
    topics: Vec<TopicId>,
    /// Parent and grandparent (dense indexes) of each dense index.
    ancestors: Vec<Vec<u32>>,
    /// The root of each topic.
    roots: HashMap<TopicId, TopicId>,
    keyword_count: usize,
}

impl LexiconTopicModel {
    /// Builds the model from a keyword file (see [`EMBEDDED_TOPIC_KEYWORDS`]
    /// for the format) over a taxonomy.
    pub fn new(taxonomy: &Taxonomy, keywords_tsv: &str) -> Result<Self, ClassifyError> {
        let topics: Vec<TopicId> = taxonomy.iter().map(|topic| topic.id).collect();
        let dense: HashMap<TopicId, u32> = topics
            .iter()
            .enumerate()
            .map(|(index, &topic)| (topic, index as u32))
            .collect();
        let ancestors = topics
            .iter()
            .map(|&topic| {
                taxonomy
                    .ancestors(topic)
                    .iter()
                    .filter_map(|ancestor| dense.get(ancestor).copied())
                    .collect()
            })
            .collect();
        let roots = topics
            .iter()
            .map(|&topic| (topic, taxonomy.root_of(topic).unwrap_or(topic)))
            .collect();
        let keywords = keywords::parse_topic_keywords(keywords_tsv, taxonomy)?;
        let mut builder = PhraseSetBuilder::new();
        let explicit: HashSet<&str> = keywords
            .iter()
            .map(|keyword| keyword.spec.words.as_str())
            .collect();
        for keyword in &keywords {
            let weight = if keyword.spec.weak {
                WEAK_WEIGHT
            } else {
                match keyword.spec.word_count() {
                    1 => 0.6,
                    2 => 0.85,
                    _ => 1.0,
                }
            };
            let payload = KeywordPayload {
                topic: dense[&keyword.topic],
                weight,
            };
            builder.add(&keyword.spec, payload);
            if let Some(variant) = number_variant(&keyword.spec) {
                // A form written out in the file keeps its own entry (and
                // weight): `books` does not make the weak `~book` strong.
                if !explicit.contains(variant.words.as_str()) {
                    builder.add(&variant, payload);
                }
            }
        }
        Ok(Self {
            phrases: builder.build(),
            topics,
            ancestors,
            roots,
            keyword_count: keywords.len(),
        })
    }

    /// Returns the number of keyword lines the model was built from.
    pub fn keyword_count(&self) -> usize {
        self.keyword_count
    }

    /// Returns the heap memory held by the compiled keywords, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.phrases.memory_usage()
    }

    /// Returns the number of distinct compiled phrases.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    fn root_of(&self, topic: TopicId) -> TopicId {
        self.roots.get(&topic).copied().unwrap_or(topic)
    }

    /// Scores topics for a conversation.
    pub fn infer(&self, conversation: &Conversation) -> Vec<TopicScore> {
        // (phrase, topic) -> (best first-hit evidence, repeats)
        let mut hits: BTreeMap<(u32, u32), (f32, u32)> = BTreeMap::new();
        let mut found = Vec::new();
        for turn in &conversation.turns {
            let role_weight = match turn.role {
                Role::User => 1.0,
                Role::Assistant => 0.6,
                Role::System => 0.3,
            };
            found.clear();
            self.phrases
                .find_all(&normalize(turn.text.expose()), &mut found);
            for phrase_match in &found {
                let evidence = phrase_match.payload.weight * role_weight;
                let entry = hits
                    .entry((phrase_match.phrase, phrase_match.payload.topic))
                    .or_insert((0.0, 0));
                if entry.0 == 0.0 {
                    entry.0 = evidence;
                } else {
                    entry.0 = entry.0.max(evidence);
                    entry.1 += 1;
                }
            }
        }
        if hits.is_empty() {
            return Vec::new();
        }
        let mut evidence = vec![0.0_f32; self.topics.len()];
        for (&(_, topic), &(first, repeats)) in &hits {
            let total = first * (1.0 + REPEAT_SHARE * repeats.min(MAX_REPEATS) as f32);
            evidence[topic as usize] += total;
            let mut share = ANCESTOR_SHARE;
            for &ancestor in &self.ancestors[topic as usize] {
                evidence[ancestor as usize] += total * share;
                share *= ANCESTOR_SHARE;
            }
        }
        let mut scored: Vec<TopicScore> = evidence
            .iter()
            .enumerate()
            .filter(|(_, &value)| value > 0.0)
            .map(|(index, &value)| TopicScore {
                topic: self.topics[index],
                score: 1.0 - (-value).exp(),
                tier: Tier::Lexicon,
            })
            .filter(|scored| scored.score >= TOPIC_THRESHOLD)
            .collect();
        let best = scored
            .iter()
            .map(|found| found.score)
            .fold(0.0_f32, f32::max);
        let mut root_best: HashMap<TopicId, f32> = HashMap::new();
        for found in &scored {
            let root = self.root_of(found.topic);
            let entry = root_best.entry(root).or_insert(0.0);
            *entry = entry.max(found.score);
        }
        scored.retain(|found| root_best[&self.root_of(found.topic)] >= ROOT_RELATIVE * best);
        scored.sort_by(|left, right| {
            right
                .score
                .total_cmp(&left.score)
                .then(left.topic.cmp(&right.topic))
        });
        scored.truncate(MAX_TOPICS);
        scored
    }
}

/// Returns the keyword with its last word in the other grammatical number,
/// by the `-s` rule shared by the four languages (`boot` ↔ `boots`, `livre`
/// ↔ `livres`, `zapatilla` ↔ `zapatillas`), so keyword lists need not spell
/// both. Short words are left alone (`bus`, `news`, `gas`).
fn number_variant(spec: &PhraseSpec) -> Option<PhraseSpec> {
    if spec.prefix {
        return None;
    }
    let last = spec.words.rsplit(' ').next()?;
    if !last.chars().all(char::is_alphabetic) {
        return None;
    }
    let stem = &spec.words[..spec.words.len() - last.len()];
    let varied = if let Some(singular) = last.strip_suffix('s') {
        let keeps_s = ["ss", "us", "is", "os", "as", "es"]
            .iter()
            .any(|ending| last.ends_with(ending));
        if last.chars().count() < 5 || keeps_s {
            return None;
        }
        format!("{stem}{singular}")
    } else {
        if last.chars().count() < 3 {
            return None;
        }
        format!("{stem}{last}s")
    };
    Some(PhraseSpec {
        words: varied,
        ..spec.clone()
    })
}

#[cfg(test)]
mod tests;
