//! Ranking catalog items by a profile.
//!
//! # How a match is weighed
//!
//! An interest topic and an item topic match when they share a root. Where
//! they meet is their *match topic*: the deepest topic that is the interest
//! or above it and also the item topic or above it (the interest itself when
//! it is broader than the item topic, the item topic when it is broader than
//! the interest, their common parent or root otherwise). A match is worth
//! the interest's weight for the item's purpose times two factors:
//!
//! - **specificity**, by the tier of the match topic
//!   ([`SPECIFICITY_BY_TIER`]): 0.1 at a root, 0.6 at tier 2, 1 at tier 3.
//!   Knowing that a person and an item are both about "Sports" says little;
//!   knowing both are about "Hiking & trekking gear" says much;
//! - **lineage**: 1 for the same topic, 0.6 when one topic is above the
//!   other, 0.2 for two topics on different branches below the match topic.
//!
//! | relation | match topic | factor |
//! |---|---|---|
//! | `exact` | the topic itself, tier 3 | 1 |
//! | `exact` | the topic itself, tier 2 | 0.6 |
//! | `broader` / `narrower` | the broader of the two, tier 2 | 0.36 |
//! | `sibling` | their common parent, tier 2 | 0.12 |
//! | `root` | the same root topic | 0.1 |
//! | `root` | a root and a topic below it | 0.06 |
//! | `root` | two branches under one root | 0.02 |
//!
//! Every match below the root is worth at least 0.12 of its weight and
//! every match at a root at most 0.1, so an item that only a root interest
//! matches never outranks one matched below the root through an interest at
//! least as heavy. `exact` is never said of a root: "Sports" meeting
//! "Sports" is a `root` match.
//!
//! # How matches add up
//!
//! An item's topics are first reduced to the most specific ones (a topic is
//! dropped when the item also carries a topic below it: the deeper one
//! already says it). Then each remaining topic contributes its best match
//! below the root, and each root the item's topics lie under contributes
//! its single best root-level match. Each part is a maximum over the
//! interests, so adding an interest never lowers an item's score, and a
//! root interest counts at most once per item however many of the item's
//! topics lie under it. The "because" chain has one link per interest,
//! strongest first: an interest that is the best match of several topics
//! is named once, with its strongest match and the sum of its shares.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use gleaner_core::{AccountId, CatalogItem, ItemId, ItemKind, Surface, TopicId};
use gleaner_profile::{Interest, Profile};
use gleaner_taxonomy::Taxonomy;
use serde::Serialize;

/// The share of an interest's weight a match keeps, by the tier of its
/// match topic: index 0 for a root (tier 1), 1 for tier 2, 2 for tier 3.
pub const SPECIFICITY_BY_TIER: [f64; 3] = [0.1, 0.6, 1.0];

/// Lineage factor when interest and item are on the same topic.
const SAME_TOPIC_FACTOR: f64 = 1.0;
/// Lineage factor when one topic lies above the other.
const ONE_ABOVE_THE_OTHER_FACTOR: f64 = 0.6;
/// Lineage factor when the two topics sit on different branches.
const DIFFERENT_BRANCHES_FACTOR: f64 = 0.2;

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
    /// `exact`, `broader`, `narrower`, `sibling` or `root` (see
    /// [`TopicMatch::relation`]).
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

/// Where an interest topic and an item topic meet (see the
/// [module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopicMatch {
    /// The deepest topic that both are, or lie under.
    pub match_topic: TopicId,
    /// Its tier: 1 for a root.
    pub match_tier: u8,
    /// `exact` (the same topic, below the root), `broader` (the interest
    /// lies above the item topic), `narrower` (below it), `sibling` (two
    /// children of one tier-2 topic) or `root` (they meet only at a root).
    pub relation: &'static str,
    /// True when one topic is the other or lies above it.
    pub on_one_lineage: bool,
    /// The share of the interest's weight the match is worth.
    pub factor: f64,
}

/// Returns where `interest_topic` and `item_topic` meet, or `None` when
/// they share no root (or either is unknown).
pub fn topic_match(
    taxonomy: &Taxonomy,
    interest_topic: TopicId,
    item_topic: TopicId,
) -> Option<TopicMatch> {
    let mut interest_lineage = vec![interest_topic];
    interest_lineage.extend(taxonomy.ancestors(interest_topic));
    let match_topic = interest_lineage
        .into_iter()
        .find(|candidate| taxonomy.is_self_or_descendant_of(item_topic, *candidate))?;
    let match_tier = taxonomy.get(match_topic)?.tier;
    let (lineage_factor, relation_below_root) =
        match (match_topic == interest_topic, match_topic == item_topic) {
            (true, true) => (SAME_TOPIC_FACTOR, "exact"),
            (true, false) => (ONE_ABOVE_THE_OTHER_FACTOR, "broader"),
            (false, true) => (ONE_ABOVE_THE_OTHER_FACTOR, "narrower"),
            (false, false) => (DIFFERENT_BRANCHES_FACTOR, "sibling"),
        };
    let specificity = SPECIFICITY_BY_TIER[usize::from(match_tier.clamp(1, 3)) - 1];
    Some(TopicMatch {
        match_topic,
        match_tier,
        relation: if match_tier <= 1 {
            "root"
        } else {
            relation_below_root
        },
        on_one_lineage: lineage_factor > DIFFERENT_BRANCHES_FACTOR,
        factor: specificity * lineage_factor,
    })
}

/// Returns the share of an interest's weight a match between the two
/// topics is worth, with the relation's name (see [`topic_match`]);
/// `(0.0, "none")` when they share no root.
pub fn topic_similarity(
    taxonomy: &Taxonomy,
    interest_topic: TopicId,
    item_topic: TopicId,
) -> (f64, &'static str) {
    topic_match(taxonomy, interest_topic, item_topic)
        .map_or((0.0, "none"), |found| (found.factor, found.relation))
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

/// One interest matched to one item topic.
#[derive(Clone, Copy, Debug)]
struct MatchedInterest<'profile> {
    contribution: f64,
    matched: TopicMatch,
    interest: &'profile Interest,
}

impl MatchedInterest<'_> {
    /// Returns true when `self` should be preferred to `other`: the larger
    /// contribution, then the deeper match topic, then the smaller interest id.
    fn beats(&self, other: &Self) -> bool {
        self.contribution
            .total_cmp(&other.contribution)
            .then(self.matched.match_tier.cmp(&other.matched.match_tier))
            .then(other.interest.topic.cmp(&self.interest.topic))
            .is_gt()
    }
}

/// The strongest interests for one item topic: the best match below the
/// root, and the best match at a root.
#[derive(Clone, Copy, Debug, Default)]
struct BestMatches<'profile> {
    below_root: Option<MatchedInterest<'profile>>,
    at_root: Option<MatchedInterest<'profile>>,
}

/// Returns the best matches for `item_topic` on an item of `kind`. Depends
/// only on the topic, the kind and the profile, so a ranking computes it
/// once per distinct topic.
fn best_matches<'profile>(
    taxonomy: &Taxonomy,
    profile: &'profile Profile,
    kind: ItemKind,
    item_topic: TopicId,
) -> BestMatches<'profile> {
    let mut best = BestMatches::default();
    for interest in &profile.interests {
        let Some(matched) = topic_match(taxonomy, interest.topic, item_topic) else {
            continue;
        };
        let contribution = matched.factor * purpose_weight(interest, kind);
        if contribution <= 0.0 || interest.sources.is_empty() {
            continue;
        }
        let candidate = MatchedInterest {
            contribution,
            matched,
            interest,
        };
        let slot = if matched.match_tier <= 1 {
            &mut best.at_root
        } else {
            &mut best.below_root
        };
        if slot.is_none_or(|current| candidate.beats(&current)) {
            *slot = Some(candidate);
        }
    }
    best
}

/// Returns the item's topics without those that another of its topics lies
/// under, each once, in their first order.
fn most_specific_topics(taxonomy: &Taxonomy, item_topics: &[TopicId]) -> Vec<TopicId> {
    let mut kept: Vec<TopicId> = Vec::with_capacity(item_topics.len());
    for topic in item_topics {
        let has_deeper_topic = item_topics
            .iter()
            .any(|other| other != topic && taxonomy.is_self_or_descendant_of(*other, *topic));
        if !has_deeper_topic && !kept.contains(topic) {
            kept.push(*topic);
        }
    }
    kept
}

/// Scores one item against a profile; `None` when it matches nothing.
pub(crate) fn score_item(
    taxonomy: &Taxonomy,
    profile: &Profile,
    candidate: CandidateItem<'_>,
) -> Option<Recommendation> {
    score_item_by(taxonomy, candidate, |item_topic| {
        best_matches(taxonomy, profile, candidate.item.kind, item_topic)
    })
}

fn because_link(item_topic: TopicId, matched: &MatchedInterest<'_>) -> Option<Because> {
    let strongest_source = matched.interest.sources.first()?;
    Some(Because {
        topic: matched.interest.topic,
        path: matched.interest.path.clone(),
        item_topic,
        relation: matched.matched.relation,
        source_kind: strongest_source.kind,
        surface: strongest_source.surface.clone(),
        account_id: strongest_source.account_id.clone(),
        contribution: matched.contribution,
    })
}

/// Scores one item, asking `best_matches_of` for each of its most
/// specific topics: each adds its best match below the root, and each root
/// adds the best root-level match among the topics under it. The chain has
/// one link per interest.
fn score_item_by<'profile>(
    taxonomy: &Taxonomy,
    candidate: CandidateItem<'_>,
    mut best_matches_of: impl FnMut(TopicId) -> BestMatches<'profile>,
) -> Option<Recommendation> {
    let mut because = Vec::new();
    let mut best_at_root_by_root: BTreeMap<TopicId, (TopicId, MatchedInterest<'profile>)> =
        BTreeMap::new();
    for item_topic in most_specific_topics(taxonomy, candidate.topics) {
        let best = best_matches_of(item_topic);
        if let Some(below_root) = best.below_root {
            because.extend(because_link(item_topic, &below_root));
        }
        if let Some(at_root) = best.at_root {
            let root = at_root.matched.match_topic;
            let replace = best_at_root_by_root
                .get(&root)
                .is_none_or(|(_, current)| at_root.beats(current));
            if replace {
                best_at_root_by_root.insert(root, (item_topic, at_root));
            }
        }
    }
    for (item_topic, at_root) in best_at_root_by_root.values() {
        because.extend(because_link(*item_topic, at_root));
    }
    if because.is_empty() {
        return None;
    }
    strongest_first(&mut because);
    let because = one_link_per_interest(because);
    Some(Recommendation {
        item_id: candidate.item.item_id.clone(),
        kind: candidate.item.kind,
        title: candidate.item.title.clone(),
        score: because.iter().map(|link| link.contribution).sum(),
        because,
    })
}

fn strongest_first(because: &mut [Because]) {
    because.sort_by(|left, right| {
        right
            .contribution
            .total_cmp(&left.contribution)
            .then(left.topic.cmp(&right.topic))
            .then(left.item_topic.cmp(&right.item_topic))
    });
}

/// Merges the links of one interest (it may be the best match of several of
/// the item's topics) into its strongest one, which then carries their
/// summed contribution; `because` comes strongest first and leaves so.
fn one_link_per_interest(because: Vec<Because>) -> Vec<Because> {
    let mut merged: Vec<Because> = Vec::with_capacity(because.len());
    for link in because {
        match merged.iter_mut().find(|kept| kept.topic == link.topic) {
            Some(kept) => kept.contribution += link.contribution,
            None => merged.push(link),
        }
    }
    strongest_first(&mut merged);
    merged
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
    let mut best_matches_by_topic: HashMap<TopicId, BestMatches<'_>> = HashMap::new();
    let mut ranked: Vec<Recommendation> = candidates
        .iter()
        .filter(|candidate| candidate.item.kind == kind)
        .filter(|candidate| !touches_hidden(taxonomy, candidate.topics, hidden_topics))
        .filter_map(|candidate| {
            score_item_by(taxonomy, *candidate, |item_topic| {
                *best_matches_by_topic
                    .entry(item_topic)
                    .or_insert_with(|| best_matches(taxonomy, profile, kind, item_topic))
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
