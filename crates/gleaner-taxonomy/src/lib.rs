//! The interest taxonomy of Gleaner: a fixed tree of topics that every other
//! crate speaks in.
//!
//! The tree has at most three tiers (`Sports > Running > Trail running`) and
//! exactly 25 roots with ids 1 to 25. It is compiled into the binary from
//! `data/taxonomy.tsv` and parsed once, on first use, by
//! [`Taxonomy::embedded`]; a malformed bundled file is caught by this crate's
//! tests, never at run time in production.
//!
//! **Ids are stable.** A topic keeps its id for ever and an id is never
//! reused for another meaning, because ids are stored in signals, hidden-topic
//! lists and catalog items. The children of each root were given ids in
//! blocks (Automotive 100.., Books 140.., Business 170.., …, Sports 410..,
//! Video Gaming 870..); topics added later take fresh ids from 1000 up.
//!
//! **IAB mapping.** Where a node of the IAB Content Taxonomy 3.x matches, its
//! unique id (a number, or a short code such as `KHPC5A` for the 3.x genre
//! nodes) is kept in [`Topic::iab_id`], each IAB node used at most once.
//!
//! **No sensitive proxies (SPEC §3).** No topic picks people out by religion,
//! sexual orientation, politics, health condition, ethnicity, philosophy or
//! union membership. The IAB branches for religion, politics, medical and
//! healthy-living conditions, dating and sensitive topics were left out on
//! purpose, as were veganism (an ethical belief), genealogy and DNA ancestry
//! (ethnicity and genetic data), gambling and tobacco. The test
//! `tests/no_sensitive_proxies.rs` enforces the rule with a deny-list.
//!
//! # Layout
//!
//! - [`topic`]: [`Topic`], one node, and [`MAX_TIER`].
//! - [`tree`]: [`Taxonomy`] and its queries (`path`, `ancestors`,
//!   `find_by_path`, …).
//! - `parse`: the TSV reader and its structural checks.
//! - [`error`]: [`TaxonomyError`], naming the offending line.
#![warn(missing_docs)]

pub mod error;
mod parse;
pub mod topic;
pub mod tree;

use std::sync::OnceLock;

pub use error::TaxonomyError;
pub use gleaner_core::TopicId;
pub use topic::{Topic, MAX_TIER};
pub use tree::{Taxonomy, PATH_SEPARATOR};

/// The bundled taxonomy file.
pub const EMBEDDED_TSV: &str = include_str!("../data/taxonomy.tsv");

impl Taxonomy {
    /// Returns the taxonomy bundled with Gleaner, parsed on first use.
    ///
    /// # Panics
    ///
    /// Panics if the bundled file is malformed, which the crate's tests rule out.
    pub fn embedded() -> &'static Taxonomy {
        static EMBEDDED: OnceLock<Taxonomy> = OnceLock::new();
        EMBEDDED.get_or_init(|| match Taxonomy::parse(EMBEDDED_TSV) {
            Ok(taxonomy) => taxonomy,
            Err(error) => panic!("bundled taxonomy.tsv is invalid: {error}"),
        })
    }
}
