//! Why an item would or would not be shown.

use std::collections::BTreeSet;

use gleaner_core::{Account, AccountId, ItemId, ItemKind, ReasonCode, Timestamp, TopicId};
use gleaner_policy::{Policy, UseFacts};
use gleaner_profile::Profile;
use gleaner_taxonomy::Taxonomy;
use serde::Serialize;

use crate::rank::{recommend, score_item, topic_match, touches_hidden, Because, CandidateItem};

/// The answer for one item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// The serving account.
    pub account_id: AccountId,
    /// The item.
    pub item_id: ItemId,
    /// Its kind.
    pub kind: ItemKind,
    /// Its topics, with paths.
    pub item_topics: Vec<(TopicId, String)>,
    /// Whether it would be shown (it matches and no guardrail forbids it).
    pub would_show: bool,
    /// Its score.
    pub score: f64,
    /// Its rank among the items of its kind (1-based), when it would be shown.
    pub rank: Option<usize>,
    /// How many items of its kind would be shown at all.
    pub ranked_items: usize,
    /// The matching chain.
    pub because: Vec<Because>,
    /// The guardrails that stand in the way, as reason codes.
    pub blocked_by: Vec<String>,
    /// One readable sentence.
    pub summary: String,
}

/// Explains whether `item` would be shown to `serving`.
///
/// Guardrails are checked twice: on the serving account itself (as if it
/// were a signal of its own, at `now`, on each of the item's topics: this
/// names `jurisdiction`, `minor`, `hidden_by_user`, `not_notified`), and
/// through the signals the profile held back on related topics (this names
/// `not_linked`, `opted_out`, `expired`, …).
#[allow(clippy::too_many_arguments)]
pub fn explain(
    taxonomy: &Taxonomy,
    policy: &Policy,
    profile: &Profile,
    serving: &Account,
    candidates: &[CandidateItem<'_>],
    item: CandidateItem<'_>,
    hidden_topics: &BTreeSet<TopicId>,
    now: Timestamp,
) -> Explanation {
    let is_ad = item.item.kind.is_ad();
    let mut blocked_by: Vec<ReasonCode> = Vec::new();
    for topic in item.topics {
        let mut lineage = vec![*topic];
        lineage.extend(taxonomy.ancestors(*topic));
        let decision = policy.evaluate_use(&UseFacts {
            now,
            serving_account: serving,
            source_account: Some(serving),
            signal_at: now,
            signal_is_ai_interaction: false,
            topic_lineage: Some(&lineage),
            linked_hidden_topics: &[],
        });
        if !decision.allowed.allows_ad(is_ad) {
            for reason in decision.reasons {
                if !blocked_by.contains(&reason) {
                    blocked_by.push(reason);
                }
            }
        }
    }
    if touches_hidden(taxonomy, item.topics, hidden_topics)
        && !blocked_by.contains(&ReasonCode::HiddenByUser)
    {
        blocked_by.push(ReasonCode::HiddenByUser);
    }
    let scored = score_item(taxonomy, profile, item);
    let mut withheld_on_related: BTreeSet<String> = BTreeSet::new();
    for (topic, reasons) in &profile.withheld_by_topic {
        let related = item.topics.iter().any(|item_topic| {
            topic_match(taxonomy, *topic, *item_topic).is_some_and(|found| found.on_one_lineage)
        });
        if related {
            withheld_on_related.extend(reasons.iter().cloned());
        }
    }

    let mut blocked_codes: Vec<String> = blocked_by.iter().map(ToString::to_string).collect();
    let would_show = blocked_by.is_empty() && scored.is_some();
    if scored.is_none() {
        for reason in &withheld_on_related {
            if !blocked_codes.contains(reason) {
                blocked_codes.push(reason.clone());
            }
        }
    }
    let ranking = recommend(
        taxonomy,
        profile,
        candidates,
        hidden_topics,
        item.item.kind,
        usize::MAX,
    );
    let rank = would_show
        .then(|| {
            ranking
                .iter()
                .position(|entry| entry.item_id == item.item.item_id)
        })
        .flatten()
        .map(|position| position + 1);
    let (score, because) = scored.map_or((0.0, Vec::new()), |found| (found.score, found.because));
    let summary = summarize(
        would_show,
        rank,
        ranking.len(),
        &because,
        &blocked_by,
        &blocked_codes,
    );
    Explanation {
        account_id: serving.account_id.clone(),
        item_id: item.item.item_id.clone(),
        kind: item.item.kind,
        item_topics: item
            .topics
            .iter()
            .map(|topic| (*topic, taxonomy.path(*topic).unwrap_or_default()))
            .collect(),
        would_show,
        score,
        rank,
        ranked_items: if blocked_by.is_empty() {
            ranking.len()
        } else {
            0
        },
        because,
        blocked_by: blocked_codes,
        summary,
    }
}

fn summarize(
    would_show: bool,
    rank: Option<usize>,
    ranked_items: usize,
    because: &[Because],
    blocked_by: &[ReasonCode],
    blocked_codes: &[String],
) -> String {
    if would_show {
        let top = &because[0];
        return format!(
            "would be shown (rank {} of {ranked_items}) because of {} ({} on {}, account {})",
            rank.unwrap_or(0),
            top.path,
            top.source_kind,
            top.surface,
            top.account_id
        );
    }
    if let Some(first) = blocked_by.first() {
        return format!("would not be shown: {first} ({})", first.describe());
    }
    if blocked_codes.is_empty() {
        "would not be shown: no usable interest matches its topics".to_owned()
    } else {
        format!(
            "would not be shown: no usable interest matches its topics; related signals were held back ({})",
            blocked_codes.join(", ")
        )
    }
}
