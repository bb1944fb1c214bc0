//! Ranking catalog items by a profile.

use std::collections::{BTreeSet, HashMap};

use gleaner_core::{AccountId, CatalogItem, ItemId, ItemKind, Surface, TopicId};
use gleaner_profile::{Interest, Profile};
use gleaner_taxonomy::Taxonomy;
use serde::Serialize;

/// A catalog item with its topics (given, or inferred at ingest).
#[derive(Clone, Copy, Debug)]
pub struct CandidateItem<'a> {
    /// The item.
    pub item: &'a CatalogItem,
    /// Its topics.
    pub topics: &'a [TopicId],
}

/// One link of a recommendation's "because" chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Because {
    /// The profile interest that matched.
    pub topic: TopicId,
    /// Its path.
    pub path: String,
    /// The item topic it matched.
    pub item_topic: TopicId,
    /// `exact`, `broader`, `narrower` or `same_root`.
    pub relation: &'static str,
    /// `ai_interaction` or `engagement`: the strongest source of the interest.
    pub source_kind: &'static str,
    /// The surface of that source.
    pub surface: Surface,
    /// The account of that source.
    pub account_id: AccountId,
    /// This link's share of the score.
    pub contribution: f64,
}

/// One ranked item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recommendation {
    /// The item.
    pub item_id: ItemId,
    /// Its kind.
    pub kind: ItemKind,
    /// Its title.
    pub title: String,
    /// Its score (sum of the contributions).
    pub score: f64,
    /// Why, strongest first.
    pub because: Vec<Because>,
}

/// Returns the similarity of an interest topic and an item topic, with the
/// relation's name: 1 for the same topic, 0.6 when one is an ancestor of the
/// other, 0.2 under the same root, else 0.
pub fn topic_similarity(
    taxonomy: &Taxonomy,
    interest_topic: TopicId,
    item_topic: TopicId,
) -> (f64, &'static str) {
    if interest_topic == item_topic {
        return (1.0, "exact");
    }
    if taxonomy.is_self_or_descendant_of(item_topic, interest_topic) {
        return (0.6, "broader");
    }
    if taxonomy.is_self_or_descendant_of(interest_topic, item_topic) {
        return (0.6, "narrower");
    }
    match (
        taxonomy.root_of(interest_topic),
        taxonomy.root_of(item_topic),
    ) {
        (Some(left), Some(right)) if left == right => (0.2, "same_root"),
        _ => (0.0, "none"),
    }
}

fn purpose_weight(interest: &Interest, kind: ItemKind) -> f64 {
    if kind.is_ad() {
        interest.ads_weight
    } else {
        interest.content_weight
    }
}

/// Returns true when any of the item's topics is hidden or under a hidden one.
pub(crate) fn touches_hidden(
    taxonomy: &Taxonomy,
    item_topics: &[TopicId],
    hidden_topics: &BTreeSet<TopicId>,
) -> bool {
    item_topics.iter().any(|item_topic| {
        hidden_topics
            .iter()
            .any(|hidden| taxonomy.is_self_or_descendant_of(*item_topic, *hidden))
    })
}

/// The strongest interest for one item topic: its contribution, the
/// relation's name, and the interest.
type BestMatch<'profile> = Option<(f64, &'static str, &'profile Interest)>;

/// Returns the interest that contributes most for `item_topic` on an item
/// of `kind` (ties: the smaller topic id). Depends only on the topic, the
/// kind and the profile, so a ranking computes it once per distinct topic.
fn best_match<'profile>(
    taxonomy: &Taxonomy,
    profile: &'profile Profile,
    kind: ItemKind,
    item_topic: TopicId,
) -> BestMatch<'profile> {
    profile
        .interests
        .iter()
        .filter_map(|interest| {
            let (similarity, relation) = topic_similarity(taxonomy, interest.topic, item_topic);
            let contribution = similarity * purpose_weight(interest, kind);
            (contribution > 0.0).then_some((contribution, relation, interest))
        })
        .max_by(|left, right| {
            left.0
                .total_cmp(&right.0)
                .then(right.2.topic.cmp(&left.2.topic))
        })
}

/// Scores one item against a profile; `None` when it matches nothing.
pub(crate) fn score_item(
    taxonomy: &Taxonomy,
    profile: &Profile,
    candidate: CandidateItem<'_>,
) -> Option<Recommendation> {
    score_item_by(candidate, |item_topic| {
        best_match(taxonomy, profile, candidate.item.kind, item_topic)
    })
}

/// Scores one item, asking `best_match_of` for each of its topics.
fn score_item_by<'profile>(
    candidate: CandidateItem<'_>,
    mut best_match_of: impl FnMut(TopicId) -> BestMatch<'profile>,
) -> Option<Recommendation> {
    let mut because = Vec::new();
    for item_topic in candidate.topics {
        let best = best_match_of(*item_topic);
        let Some((contribution, relation, interest)) = best else {
            continue;
        };
        let Some(strongest_source) = interest.sources.first() else {
            continue;
        };
        because.push(Because {
            topic: interest.topic,
            path: interest.path.clone(),
            item_topic: *item_topic,
            relation,
            source_kind: strongest_source.kind,
            surface: strongest_source.surface.clone(),
            account_id: strongest_source.account_id.clone(),
            contribution,
        });
    }
    if because.is_empty() {
        return None;
    }
    // One link per interest: an item tagged with a topic and its ancestor
    // matches the same interest twice; only the stronger match counts.
    because.sort_by(|left, right| {
        left.topic
            .cmp(&right.topic)
            .then(right.contribution.total_cmp(&left.contribution))
    });
    because.dedup_by_key(|link| link.topic);
    because.sort_by(|left, right| {
        right
            .contribution
            .total_cmp(&left.contribution)
            .then(left.topic.cmp(&right.topic))
    });
    Some(Recommendation {
        item_id: candidate.item.item_id.clone(),
        kind: candidate.item.kind,
        title: candidate.item.title.clone(),
        score: because.iter().map(|link| link.contribution).sum(),
        because,
    })
}

/// Ranks the candidates of one kind for a profile and returns the best `limit`.
///
/// `hidden_topics` are the topics hidden on the serving account and on the
/// accounts linked to it; an item on any of them (or under one) is skipped.
/// Ties are broken by item id, so the ranking is deterministic.
pub fn recommend(
    taxonomy: &Taxonomy,
    profile: &Profile,
    candidates: &[CandidateItem<'_>],
    hidden_topics: &BTreeSet<TopicId>,
    kind: ItemKind,
    limit: usize,
) -> Vec<Recommendation> {
    // Catalogs repeat topics: each distinct (topic, kind) is matched against
    // the profile once, not once per item.
    let mut best_match_by_topic: HashMap<TopicId, BestMatch<'_>> = HashMap::new();
    let mut ranked: Vec<Recommendation> = candidates
        .iter()
        .filter(|candidate| candidate.item.kind == kind)
        .filter(|candidate| !touches_hidden(taxonomy, candidate.topics, hidden_topics))
        .filter_map(|candidate| {
            score_item_by(*candidate, |item_topic| {
                *best_match_by_topic
                    .entry(item_topic)
                    .or_insert_with(|| best_match(taxonomy, profile, kind, item_topic))
            })
        })
        .collect();
    ranked.sort_by(|left, right| {
        right
            .score
            .total_cmp(&left.score)
            .then_with(|| left.item_id.cmp(&right.item_id))
    });
    ranked.truncate(limit);
    ranked
}
