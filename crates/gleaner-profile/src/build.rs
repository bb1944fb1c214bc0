//! Building a [`Profile`] from signals.

use std::collections::{BTreeMap, BTreeSet};

use gleaner_core::{Account, AccountId, Signal, Surface, Timestamp, TopicId};
use gleaner_policy::{Policy, UseFacts};
use gleaner_taxonomy::Taxonomy;
use serde::Serialize;

use crate::config::ProfileConfig;

/// The signals of one source account, with that account as it is now
/// (`None` when it no longer exists: its signals are then not used).
#[derive(Clone, Copy, Debug)]
pub struct SignalsOfAccount<'a> {
    /// The account that produced the signals.
    pub account: Option<&'a Account>,
    /// Its signals.
    pub signals: &'a [Signal],
}

/// How much one source (kind × surface × account) contributed to an interest.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceSummary {
    /// `ai_interaction` or `engagement`.
    pub kind: &'static str,
    /// The surface the signals came from.
    pub surface: Surface,
    /// The account the signals came from.
    pub account_id: AccountId,
    /// How many signals.
    pub signals: usize,
    /// Their decayed weight (the larger of ad and content weight).
    pub weight: f64,
    /// The newest of them.
    pub last_at: Timestamp,
}

/// One interest of a profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interest {
    /// The topic.
    pub topic: TopicId,
    /// Its taxonomy path.
    pub path: String,
    /// The larger of `ads_weight` and `content_weight`.
    pub weight: f64,
    /// Decayed weight usable for ads.
    pub ads_weight: f64,
    /// Decayed weight usable for posts, reels, groups and pages.
    pub content_weight: f64,
    /// Where it came from, heaviest first.
    pub sources: Vec<SourceSummary>,
    /// Every account that contributed, in order.
    pub contributing_accounts: Vec<AccountId>,
}

/// What may be used to personalize for one account, now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    /// The serving account.
    pub account_id: AccountId,
    /// Its surface.
    pub surface: Surface,
    /// When it was computed.
    pub computed_at: Timestamp,
    /// Interests, heaviest first (ties by topic id).
    pub interests: Vec<Interest>,
    /// Signals held back, by reason code.
    pub withheld: BTreeMap<String, usize>,
    /// Signals held back, by topic and reason (for `explain`).
    #[serde(skip)]
    pub withheld_by_topic: BTreeMap<TopicId, BTreeSet<String>>,
}

impl Profile {
    /// Returns the interest for a topic, if any.
    pub fn interest(&self, topic: TopicId) -> Option<&Interest> {
        self.interests
            .iter()
            .find(|interest| interest.topic == topic)
    }
}

#[derive(Default)]
struct TopicAccumulator {
    ads_weight: f64,
    content_weight: f64,
    sources: BTreeMap<(&'static str, Surface, AccountId), (usize, f64, Timestamp)>,
}

/// Builds the profile of `serving` from the signals of itself and of the
/// accounts it may be linked to, at `now`.
///
/// Every signal passes the policy's use-time rules; it then counts for ads
/// and for content only as far as both the policy and its ingest-time
/// purposes allow.
pub fn build_profile(
    serving: &Account,
    sources: &[SignalsOfAccount<'_>],
    policy: &Policy,
    taxonomy: &Taxonomy,
    config: &ProfileConfig,
    now: Timestamp,
) -> Profile {
    let mut by_topic: BTreeMap<TopicId, TopicAccumulator> = BTreeMap::new();
    let mut withheld: BTreeMap<String, usize> = BTreeMap::new();
    let mut withheld_by_topic: BTreeMap<TopicId, BTreeSet<String>> = BTreeMap::new();
    let linked_hidden_topics: Vec<TopicId> = sources
        .iter()
        .filter_map(|source| source.account)
        .filter(|account| serving.is_linked_to(account))
        .flat_map(|account| account.hidden_topics.iter().copied())
        .chain(serving.hidden_topics.iter().copied())
        .collect::<BTreeSet<TopicId>>()
        .into_iter()
        .collect();
    for source in sources {
        for signal in source.signals {
            let lineage_opt = taxonomy.get(signal.topic).map(|_| {
                let mut lineage = vec![signal.topic];
                lineage.extend(taxonomy.ancestors(signal.topic));
                lineage
            });
            let decision = policy.evaluate_use(&UseFacts {
                now,
                serving_account: serving,
                source_account: source.account,
                signal_at: signal.at,
                signal_is_ai_interaction: signal.source.is_ai_interaction(),
                topic_lineage: lineage_opt.as_deref(),
                linked_hidden_topics: &linked_hidden_topics,
            });
            let allowed = decision.allowed.intersect(signal.purposes);
            for reason in &decision.reasons {
                *withheld.entry(reason.to_string()).or_default() += usize::from(allowed.is_none());
                withheld_by_topic
                    .entry(signal.topic)
                    .or_default()
                    .insert(reason.to_string());
            }
            if allowed.is_none() {
                continue;
            }
            let age_days = (now - signal.at).num_seconds() as f64 / 86_400.0;
            let weight = f64::from(signal.weight) * config.decay(age_days);
            let accumulator = by_topic.entry(signal.topic).or_default();
            if allowed.ads {
                accumulator.ads_weight += weight;
            }
            if allowed.content {
                accumulator.content_weight += weight;
            }
            let key = (
                signal.source.kind_name(),
                signal.surface.clone(),
                signal.account_id.clone(),
            );
            let entry = accumulator
                .sources
                .entry(key)
                .or_insert((0, 0.0, signal.at));
            entry.0 += 1;
            entry.1 += weight;
            entry.2 = entry.2.max(signal.at);
        }
    }
    withheld.retain(|_, count| *count > 0);

    let mut interests = interests_from(by_topic, taxonomy, config);
    interests.truncate(config.max_interests);
    Profile {
        account_id: serving.account_id.clone(),
        surface: serving.surface.clone(),
        computed_at: now,
        interests,
        withheld,
        withheld_by_topic,
    }
}

/// Turns per-topic accumulators into interests, heaviest first.
fn interests_from(
    by_topic: BTreeMap<TopicId, TopicAccumulator>,
    taxonomy: &Taxonomy,
    config: &ProfileConfig,
) -> Vec<Interest> {
    let mut interests: Vec<Interest> = by_topic
        .into_iter()
        .filter_map(|(topic, accumulator)| {
            let weight = accumulator.ads_weight.max(accumulator.content_weight);
            if weight < config.min_weight {
                return None;
            }
            let mut sources: Vec<SourceSummary> = accumulator
                .sources
                .into_iter()
                .map(
                    |((kind, surface, account_id), (signals, weight, last_at))| SourceSummary {
                        kind,
                        surface,
                        account_id,
                        signals,
                        weight,
                        last_at,
                    },
                )
                .collect();
            sources.sort_by(|left, right| right.weight.total_cmp(&left.weight));
            let contributing_accounts: BTreeSet<AccountId> = sources
                .iter()
                .map(|source| source.account_id.clone())
                .collect();
            Some(Interest {
                topic,
                path: taxonomy.path(topic).unwrap_or_default(),
                weight,
                ads_weight: accumulator.ads_weight,
                content_weight: accumulator.content_weight,
                sources,
                contributing_accounts: contributing_accounts.into_iter().collect(),
            })
        })
        .collect();
    interests.sort_by(|left, right| {
        right
            .weight
            .total_cmp(&left.weight)
            .then(left.topic.cmp(&right.topic))
    });
    interests
}
