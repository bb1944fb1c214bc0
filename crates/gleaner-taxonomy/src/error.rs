//! The error of parsing a taxonomy file.

use gleaner_core::TopicId;

/// Why a taxonomy TSV was rejected. Every variant that concerns one row names
/// its 1-based line number in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TaxonomyError {
    /// The first line is not `id\tparent_id\tname\tiab_id`.
    #[error("line 1: expected header `id\\tparent_id\\tname\\tiab_id`, found `{found}`")]
    BadHeader {
        /// The first line as found.
        found: String,
    },
    /// A row does not have exactly four tab-separated fields.
    #[error("line {line}: expected 4 tab-separated fields, found {found}")]
    WrongFieldCount {
        /// 1-based line number.
        line: usize,
        /// How many fields the row has.
        found: usize,
    },
    /// The `id` or `parent_id` field is not a non-negative integer.
    #[error("line {line}: `{value}` is not a valid topic id")]
    InvalidId {
        /// 1-based line number.
        line: usize,
        /// The field as found.
        value: String,
    },
    /// Two rows declare the same id.
    #[error("line {line}: duplicate topic id {id}")]
    DuplicateId {
        /// 1-based line number of the second declaration.
        line: usize,
        /// The repeated id.
        id: TopicId,
    },
    /// The parent id is not declared on an earlier line.
    #[error("line {line}: parent {parent} of topic {id} is not declared on an earlier line")]
    UnknownParent {
        /// 1-based line number.
        line: usize,
        /// The topic being declared.
        id: TopicId,
        /// The parent it names.
        parent: TopicId,
    },
    /// The topic would sit deeper than the maximum tier.
    #[error(
        "line {line}: topic {id} would be at tier {tier}, deeper than the maximum of {max_tier}"
    )]
    TooDeep {
        /// 1-based line number.
        line: usize,
        /// The topic being declared.
        id: TopicId,
        /// The tier it would have.
        tier: u8,
        /// The deepest tier allowed.
        max_tier: u8,
    },
    /// The name is empty or only whitespace.
    #[error("line {line}: topic {id} has an empty name")]
    EmptyName {
        /// 1-based line number.
        line: usize,
        /// The topic being declared.
        id: TopicId,
    },
    /// The name contains `>`, which separates the segments of a path.
    #[error(
        "line {line}: topic {id} has `>` in its name, which is reserved as the path separator"
    )]
    NameContainsPathSeparator {
        /// 1-based line number.
        line: usize,
        /// The topic being declared.
        id: TopicId,
    },
    /// The file declares no topic at all.
    #[error("taxonomy declares no topic")]
    Empty,
}
