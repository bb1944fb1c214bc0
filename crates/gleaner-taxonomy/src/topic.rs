//! One node of the taxonomy.

use gleaner_core::TopicId;

/// The deepest tier a topic may have: roots are tier 1, so a path has at most
/// three segments (`Sports > Running > Trail running`).
pub const MAX_TIER: u8 = 3;

/// One interest topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Stable numeric id; never reused for another meaning.
    pub id: TopicId,
    /// The parent topic; `None` for a root (tier 1).
    pub parent: Option<TopicId>,
    /// Display name, unique within the embedded taxonomy.
    pub name: String,
    /// The matching IAB Content Taxonomy 3.x unique id, where one exists.
    pub iab_id: Option<String>,
    /// Depth in the tree: 1 for roots, at most [`MAX_TIER`].
    pub tier: u8,
}

impl Topic {
    /// Returns true when this topic has no parent.
    pub fn is_root(&self) -> bool {
        self.parent.is_none()
    }
}
