//! Recommendations and explanations.
//!
//! An item's score is the sum, over the item's most specific topics, of the
//! best match with the profile's interests, where a match is the interest's
//! weight for the item's purpose (ad weight for ads, content weight for
//! everything else) times a factor that grows with how deep in the taxonomy
//! the two topics meet: meeting only at a root ("Sports" and "Sports")
//! keeps a tenth of the weight, meeting at the same tier-3 topic all of it,
//! so specific evidence outweighs broad evidence. Root-level matches count
//! once per root. The weighting, its table and the guarantees it gives are
//! in [`rank`]'s docs. Every non-zero term becomes a [`Because`] entry, so
//! each recommendation carries the chain that produced it: topic, relation,
//! source kind, surface, contributing account.
//!
//! Items on a topic the person hid (or under one) are never ranked, whatever
//! else they match. [`explain()`](explain::explain) answers for one item, naming the guardrail
//! when one is the reason it would not be shown.
//!
//! # Layout
//!
//! - [`rank`]: [`recommend`], [`Recommendation`], [`Because`], [`topic_match`]
//!   and the specificity weighting.
//! - [`explain`](mod@explain): [`explain()`](explain::explain) and [`Explanation`].
#![warn(missing_docs)]

pub mod explain;
pub mod rank;

pub use explain::{explain, Explanation};
pub use rank::{
    recommend, topic_match, topic_similarity, Because, CandidateItem, Recommendation, TopicMatch,
    SPECIFICITY_BY_TIER,
};

#[cfg(test)]
mod tests;
