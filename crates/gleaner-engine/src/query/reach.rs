//! Advertiser reach: how many people could be shown ads on a set of topics,
//! by surface and country, released so that no answer depends noticeably
//! on any one person.
//!
//! # Who counts
//!
//! A person counts when the profile of one of their accounts (built by the
//! same [`Engine::profile`] the person sees, so every guardrail applies:
//! jurisdiction, minors, opt-out, hidden topics, retention) has ad weight on
//! a requested topic or a descendant of it. People are told apart by
//! `accounts_center_id` (an account without one is its own person), so
//! linked accounts count once in the total.
//!
//! # What is released ([`release`])
//!
//! Counting alone cannot be made safe: a threshold on exact counts still
//! answers "zero or at least one" through which groups exist, and two
//! overlapping queries can be subtracted. So every count goes through the
//! same mechanism, with one person (all of their accounts) as the unit:
//!
//! 1. **Contribution bound.** A person counts once in the total and in at
//!    most [`ReachPrivacy::max_groups_per_person`] surface × country groups
//!    (the first ones in (surface, country) order). When the query names
//!    both a surface and a country there is only one group, so the bound is 1.
//!    Adding or removing one person therefore changes the vector
//!    (total, groups…) by at most `1 + bound` in L1 norm: the sensitivity.
//! 2. **Noise.** Each count gets independent two-sided geometric noise
//!    (the discrete Laplace mechanism) with `P(z) ∝ exp(-ε·|z| / sensitivity)`,
//!    ε = [`ReachPrivacy::epsilon_per_answer`]: one answer is ε-differentially
//!    private for the counts it is computed from.
//! 3. **Threshold on the noisy count.** A group is listed only when its
//!    noisy count is at least k; the total is `fewer_than: k` when its noisy
//!    count is below k. A group with no one in it is never computed, so it
//!    can never be listed; a group of `n < k` people is listed only when the
//!    noise is at least `k - n`, with probability at most
//!    `α^(k-1) / (1 + α)` (α = `exp(-ε / sensitivity)`; about 1e-9 with the
//!    defaults). That is the δ of an (ε, δ) guarantee; whether a small group
//!    exists otherwise never shows, and the answer has the same fields
//!    either way.
//!
//! The noise of one count is derived from a per-answer salt and the count's
//! name ([`AnswerNoise`]), never from a shared stream, so it does not depend
//! on which other groups happen to exist. In production the salt comes
//! from the operating system's random source for every fresh answer; tests
//! use [`AnswerNoise::seeded`], which is reproducible.
//!
//! Answers compose: an advertiser who asks `n` fresh questions has an
//! `(n·ε, n·δ)` guarantee. Capping `n` per advertiser (the privacy budget)
//! is the server's job, which knows the tokens.

use std::collections::{BTreeMap, BTreeSet};

use gleaner_core::{CountryCode, Surface, Timestamp, TopicId};
use gleaner_taxonomy::Taxonomy;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError};

/// The privacy parameters of reach answers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReachPrivacy {
    /// No count below this many people is released (noisy count, see the
    /// module docs).
    pub k_anonymity: usize,
    /// The ε one fresh answer costs.
    pub epsilon_per_answer: f64,
    /// In how many surface × country groups one person counts at most.
    pub max_groups_per_person: usize,
}

impl Default for ReachPrivacy {
    fn default() -> Self {
        Self {
            k_anonymity: 100,
            epsilon_per_answer: 1.0,
            max_groups_per_person: 4,
        }
    }
}

impl ReachPrivacy {
    /// Returns in how many groups one person may count for `query`: one
    /// when the query fixes both surface and country, the configured bound
    /// otherwise. Depends on the query only, never on the data.
    pub fn groups_per_person(&self, query: &ReachQuery) -> usize {
        if query.surface.is_some() && query.country.is_some() {
            1
        } else {
            self.max_groups_per_person.max(1)
        }
    }

    /// Returns how much one person can change the released counts (L1):
    /// one in the total plus one per group they count in.
    pub fn sensitivity(&self, query: &ReachQuery) -> usize {
        1 + self.groups_per_person(query)
    }

    /// Returns α = `exp(-ε / sensitivity)`, the decay of the noise
    /// distribution `P(z) ∝ α^|z|`.
    pub fn noise_decay(&self, query: &ReachQuery) -> f64 {
        #[allow(clippy::cast_precision_loss)] // a handful of groups
        let sensitivity = self.sensitivity(query) as f64;
        (-self.epsilon_per_answer / sensitivity).exp()
    }
}

/// One reach question: topics (each with its descendants), optionally one
/// country and one surface. Topics are kept sorted and without repeats, so
/// two spellings of the same question are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReachQuery {
    topics: Vec<TopicId>,
    country: Option<CountryCode>,
    surface: Option<Surface>,
}

impl ReachQuery {
    /// Builds a query; sorts and deduplicates the topics.
    pub fn new(
        mut topics: Vec<TopicId>,
        country_opt: Option<CountryCode>,
        surface_opt: Option<Surface>,
    ) -> Self {
        topics.sort();
        topics.dedup();
        Self {
            topics,
            country: country_opt,
            surface: surface_opt,
        }
    }

    /// Returns the topics, sorted.
    pub fn topics(&self) -> &[TopicId] {
        &self.topics
    }

    /// Returns one text per distinct question (the seed of test noise).
    pub fn canonical(&self) -> String {
        let topics: Vec<String> = self.topics.iter().map(ToString::to_string).collect();
        format!(
            "topics={}&country={}&surface={}",
            topics.join(","),
            self.country
                .map(|country| country.to_string())
                .unwrap_or_default(),
            self.surface
                .as_ref()
                .map(Surface::as_str)
                .unwrap_or_default()
        )
    }
}

/// The noise of one answer: every count's noise is derived from a salt and
/// the count's name, so it is independent of which other counts exist.
#[derive(Clone)]
pub struct AnswerNoise {
    salt: [u8; 32],
}

impl std::fmt::Debug for AnswerNoise {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("AnswerNoise(..)")
    }
}

impl AnswerNoise {
    /// Noise from a secret salt (production: fresh OS randomness per answer).
    pub fn from_salt(salt: [u8; 32]) -> Self {
        Self { salt }
    }

    /// Reproducible noise for tests: the salt is a hash of `seed` and the
    /// question, so the same question gets the same noise in every run.
    pub fn seeded(seed: u64, query: &ReachQuery) -> Self {
        let salt: [u8; 32] = Sha256::new()
            .chain_update(b"gleaner reach noise v1\0")
            .chain_update(seed.to_le_bytes())
            .chain_update(query.canonical().as_bytes())
            .finalize()
            .into();
        Self { salt }
    }

    /// Returns a uniform draw in the open interval (0, 1).
    fn uniform(&self, label: &str, draw: u8) -> f64 {
        let digest = Sha256::new()
            .chain_update(self.salt)
            .chain_update([draw])
            .chain_update(label.as_bytes())
            .finalize();
        let mut first_eight = [0u8; 8];
        first_eight.copy_from_slice(&digest[..8]);
        let bits = u64::from_le_bytes(first_eight) >> 11;
        // 53 bits fit an f64 exactly.
        #[allow(clippy::cast_precision_loss)]
        let uniform = (bits as f64 + 0.5) / (1u64 << 53) as f64;
        uniform
    }

    /// Returns a geometric draw on {0, 1, …} with `P(G ≥ g) = decay^g`.
    fn geometric(&self, label: &str, draw: u8, decay: f64) -> i64 {
        if decay <= 0.0 {
            return 0;
        }
        let steps = (self.uniform(label, draw).ln() / decay.ln()).floor();
        #[allow(clippy::cast_possible_truncation)] // bounded by ln(2^-54) / ln(decay)
        let steps = steps as i64;
        steps
    }

    /// Returns two-sided geometric (discrete Laplace) noise for the count
    /// named `label`: `P(z) ∝ decay^|z|`, the difference of two geometric draws.
    pub fn discrete_laplace(&self, label: &str, decay: f64) -> i64 {
        self.geometric(label, 0, decay) - self.geometric(label, 1, decay)
    }
}

/// One account as reach sees it: who it belongs to, where, and the topics
/// its ad-usable profile holds. Never leaves the process.
#[derive(Clone, Debug)]
pub struct AudienceMember {
    person: String,
    surface: Surface,
    country: CountryCode,
    ad_topics: Vec<TopicId>,
}

/// Exact counts, before any noise: never sent anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReachCounts {
    /// Distinct people per (surface, country), each person in at most
    /// [`ReachPrivacy::groups_per_person`] groups.
    pub groups: BTreeMap<(Surface, CountryCode), usize>,
    /// Distinct people over every group.
    pub total: usize,
}

/// What may leave: noisy counts at or above k.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleasedReach {
    /// The noisy total, or `None` when it is below k.
    pub total: Option<u64>,
    /// The groups whose noisy count is at least k, in (surface, country) order.
    pub groups: Vec<ReleasedGroup>,
}

/// One released surface × country group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleasedGroup {
    /// The surface.
    pub surface: Surface,
    /// The country.
    pub country: CountryCode,
    /// The noisy number of people (at least k).
    pub people: u64,
}

impl Engine {
    /// Builds every account's [`AudienceMember`] (the same
    /// [`Engine::profile`] the person sees, so every guardrail applies).
    /// Costs one profile per account.
    pub fn audience_members(&self, now: Timestamp) -> Result<Vec<AudienceMember>, EngineError> {
        let mut members = Vec::new();
        for account_id in self.store().account_ids()? {
            let Some(account) = self.store().account(&account_id)? else {
                continue;
            };
            let Some(country) = account.country else {
                continue;
            };
            let profile = self.profile(&account_id, None, now)?;
            let ad_topics: Vec<TopicId> = profile
                .interests
                .iter()
                .filter(|interest| interest.ads_weight > 0.0)
                .map(|interest| interest.topic)
                .collect();
            if ad_topics.is_empty() {
                continue;
            }
            let person = account.accounts_center_id.as_ref().map_or_else(
                || format!("account:{}", account.account_id),
                |center| format!("center:{center}"),
            );
            members.push(AudienceMember {
                person,
                surface: account.surface.clone(),
                country,
                ad_topics,
            });
        }
        Ok(members)
    }
}

/// Counts distinct people among `members` whose ad topics hold a requested
/// topic (or a descendant), per (surface, country) and overall, with each
/// person in at most [`ReachPrivacy::groups_per_person`] groups.
pub fn count_reach(
    taxonomy: &Taxonomy,
    members: &[AudienceMember],
    query: &ReachQuery,
    privacy: &ReachPrivacy,
) -> ReachCounts {
    let mut groups_of_person: BTreeMap<&str, BTreeSet<(&Surface, CountryCode)>> = BTreeMap::new();
    for member in members {
        if query.country.is_some_and(|wanted| wanted != member.country)
            || query
                .surface
                .as_ref()
                .is_some_and(|wanted| *wanted != member.surface)
        {
            continue;
        }
        let reached = member.ad_topics.iter().any(|ad_topic| {
            query
                .topics
                .iter()
                .any(|wanted| taxonomy.is_self_or_descendant_of(*ad_topic, *wanted))
        });
        if reached {
            groups_of_person
                .entry(&member.person)
                .or_default()
                .insert((&member.surface, member.country));
        }
    }
    let groups_per_person = privacy.groups_per_person(query);
    let mut counts = ReachCounts {
        groups: BTreeMap::new(),
        total: groups_of_person.len(),
    };
    for groups in groups_of_person.into_values() {
        for (surface, country) in groups.into_iter().take(groups_per_person) {
            *counts.groups.entry((surface.clone(), country)).or_default() += 1;
        }
    }
    counts
}

/// Adds noise to every count and keeps only what is at or above k (see the
/// module docs for the guarantee).
pub fn release(
    counts: &ReachCounts,
    query: &ReachQuery,
    privacy: &ReachPrivacy,
    noise: &AnswerNoise,
) -> ReleasedReach {
    debug_assert!(privacy.epsilon_per_answer > 0.0);
    let decay = privacy.noise_decay(query);
    let threshold = i64::try_from(privacy.k_anonymity.max(1)).unwrap_or(i64::MAX);
    let noisy_at_or_above_k = |exact: usize, label: &str| -> Option<u64> {
        let noisy_count = i64::try_from(exact)
            .unwrap_or(i64::MAX)
            .saturating_add(noise.discrete_laplace(label, decay));
        (noisy_count >= threshold).then(|| noisy_count.unsigned_abs())
    };
    ReleasedReach {
        total: noisy_at_or_above_k(counts.total, "total"),
        groups: counts
            .groups
            .iter()
            .filter(|(_, people)| **people > 0)
            .filter_map(|((surface, country), people)| {
                let label = format!(
                    "group:{}:{}:{}",
                    surface.as_str().len(),
                    surface.as_str(),
                    country
                );
                noisy_at_or_above_k(*people, &label).map(|noisy| ReleasedGroup {
                    surface: surface.clone(),
                    country: *country,
                    people: noisy,
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(country_opt: Option<&str>, surface_opt: Option<&str>) -> ReachQuery {
        ReachQuery::new(
            vec![TopicId(20)],
            country_opt.map(|raw| raw.parse().unwrap()),
            surface_opt.map(Surface::new),
        )
    }

    fn member(person: &str, surface: &str, country: &str, topics: &[u32]) -> AudienceMember {
        AudienceMember {
            person: person.to_owned(),
            surface: Surface::new(surface),
            country: country.parse().unwrap(),
            ad_topics: topics.iter().copied().map(TopicId).collect(),
        }
    }

    fn counts(groups: &[(&str, &str, usize)], total: usize) -> ReachCounts {
        ReachCounts {
            groups: groups
                .iter()
                .map(|(surface, country, people)| {
                    ((Surface::new(*surface), country.parse().unwrap()), *people)
                })
                .collect(),
            total,
        }
    }

    #[test]
    fn the_same_salt_and_label_give_the_same_noise_and_labels_differ() {
        let noise = AnswerNoise::seeded(7, &query(None, None));
        let decay = ReachPrivacy::default().noise_decay(&query(None, None));
        assert_eq!(
            noise.discrete_laplace("total", decay),
            noise.discrete_laplace("total", decay)
        );
        let distinct: BTreeSet<i64> = (0..50)
            .map(|index| noise.discrete_laplace(&format!("group:{index}"), decay))
            .collect();
        assert!(distinct.len() > 5, "{distinct:?}");
    }

    /// Mean about 0 and variance about 2α/(1-α)² (the discrete Laplace).
    #[test]
    fn discrete_laplace_noise_has_the_calibrated_spread() {
        let privacy = ReachPrivacy::default();
        let query = query(None, None);
        let decay = privacy.noise_decay(&query);
        let draws: Vec<f64> = (0..20_000u64)
            .map(|seed| {
                #[allow(clippy::cast_precision_loss)]
                let value =
                    AnswerNoise::seeded(seed, &query).discrete_laplace("total", decay) as f64;
                value
            })
            .collect();
        let mean = draws.iter().sum::<f64>() / 20_000.0;
        let variance = draws.iter().map(|draw| (draw - mean).powi(2)).sum::<f64>() / 20_000.0;
        let expected_variance = 2.0 * decay / (1.0 - decay).powi(2);
        assert!(mean.abs() < 0.3, "mean {mean}");
        assert!(
            (variance / expected_variance - 1.0).abs() < 0.08,
            "variance {variance}, expected {expected_variance}"
        );
    }

    /// A group of one person (or of k-1 people, most of the time) is not
    /// told apart from no group at all: both answers are the same bytes.
    #[test]
    fn a_small_group_looks_exactly_like_no_group() {
        let privacy = ReachPrivacy::default();
        let query = query(Some("AU"), Some("glasses"));
        for seed in 0..2_000 {
            let noise = AnswerNoise::seeded(seed, &query);
            let without = release(&counts(&[], 0), &query, &privacy, &noise);
            let with_one = release(
                &counts(&[("glasses", "AU", 1)], 1),
                &query,
                &privacy,
                &noise,
            );
            assert_eq!(without, with_one, "seed {seed}");
            assert_eq!(without.total, None);
            assert!(without.groups.is_empty());
        }
    }

    #[test]
    fn large_groups_are_released_with_bounded_noise() {
        let privacy = ReachPrivacy::default();
        let query = query(None, None);
        let exact = counts(&[("facebook", "US", 5_000), ("instagram", "US", 3)], 5_002);
        let released = release(&exact, &query, &privacy, &AnswerNoise::seeded(1, &query));
        let total = released.total.unwrap();
        assert!(total.abs_diff(5_002) < 100, "{total}");
        assert_eq!(released.groups.len(), 1, "{released:?}");
        assert_eq!(released.groups[0].surface, Surface::new("facebook"));
        assert!(released.groups[0].people.abs_diff(5_000) < 100);
    }

    /// With k = 1 and an ε so large that the noise is 0, the counts come
    /// through exactly: the threshold is on `>= k`.
    #[test]
    fn the_threshold_is_at_least_k_on_the_noisy_count() {
        let privacy = ReachPrivacy {
            k_anonymity: 100,
            epsilon_per_answer: 1e9,
            ..ReachPrivacy::default()
        };
        let query = query(None, None);
        let noise = AnswerNoise::seeded(3, &query);
        for (people, expected) in [(99, None), (100, Some(100)), (101, Some(101))] {
            let released = release(
                &counts(&[("fb", "US", people)], people),
                &query,
                &privacy,
                &noise,
            );
            assert_eq!(released.total, expected);
            assert_eq!(released.groups.len(), usize::from(expected.is_some()));
        }
    }

    #[test]
    fn one_person_counts_once_in_the_total_and_in_a_bounded_number_of_groups() {
        let taxonomy = Taxonomy::embedded();
        let privacy = ReachPrivacy {
            max_groups_per_person: 2,
            ..ReachPrivacy::default()
        };
        let members = vec![
            member("center:1", "facebook", "US", &[20]),
            member("center:1", "instagram", "US", &[20]),
            member("center:1", "threads", "US", &[20]),
            member("center:1", "whatsapp", "US", &[20]),
            member("account:x", "threads", "US", &[20]),
            member("account:y", "threads", "US", &[24]),
        ];
        let all = count_reach(taxonomy, &members, &query(None, None), &privacy);
        assert_eq!(all.total, 2);
        assert_eq!(all.groups.values().sum::<usize>(), 3, "{all:?}");
        assert!(all.groups.values().all(|people| *people <= 2));
        let only_threads_us = count_reach(
            taxonomy,
            &members,
            &query(Some("US"), Some("threads")),
            &privacy,
        );
        assert_eq!(only_threads_us, counts(&[("threads", "US", 2)], 2));
    }

    #[test]
    fn spellings_of_one_question_are_one_query() {
        let left = ReachQuery::new(vec![TopicId(24), TopicId(20), TopicId(24)], None, None);
        let right = ReachQuery::new(vec![TopicId(20), TopicId(24)], None, None);
        assert_eq!(left, right);
        assert_eq!(left.canonical(), "topics=20,24&country=&surface=");
    }
}
