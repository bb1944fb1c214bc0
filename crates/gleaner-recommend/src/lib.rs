//! Recommendations and explanations.
//!
//! An item's score is the sum, over the item's topics, of the best match
//! with the profile's interests, where a match is the interest's weight for
//! the item's purpose (ad weight for ads, content weight for everything
//! else) times the taxonomy similarity of the two topics (same topic,
//! broader or narrower, same root). Every non-zero term becomes a
//! [`Because`] entry, so each recommendation carries the chain that produced
//! it: topic, source kind, surface, contributing account.
//!
//! Items on a topic the person hid (or under one) are never ranked, whatever
//! else they match. [`explain()`](explain::explain) answers for one item, naming the guardrail
//! when one is the reason it would not be shown.
//!
//! # Layout
//!
//! - [`rank`]: [`recommend`], [`Recommendation`], [`Because`], similarity.
//! - [`explain`](mod@explain): [`explain()`](explain::explain) and [`Explanation`].
#![warn(missing_docs)]

pub mod explain;
pub mod rank;

pub use explain::{explain, Explanation};
pub use rank::{recommend, topic_similarity, Because, CandidateItem, Recommendation};

#[cfg(test)]
mod tests;
