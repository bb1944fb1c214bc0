//! What a signal may be used for.

use serde::{Deserialize, Serialize};

/// The uses a signal is allowed: ads, content (posts, reels, groups, pages),
/// both, or neither. Guardrails only ever narrow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Purposes {
    /// May target ads.
    pub ads: bool,
    /// May rank posts, reels, groups and pages.
    pub content: bool,
}

impl Purposes {
    /// Every use.
    pub const ALL: Purposes = Purposes {
        ads: true,
        content: true,
    };
    /// No use at all: the item is dropped.
    pub const NONE: Purposes = Purposes {
        ads: false,
        content: false,
    };
    /// Content only (e.g. a minor, where the operator allows it).
    pub const CONTENT_ONLY: Purposes = Purposes {
        ads: false,
        content: true,
    };

    /// Returns the uses both allow.
    #[must_use]
    pub fn intersect(self, other: Purposes) -> Purposes {
        Purposes {
            ads: self.ads && other.ads,
            content: self.content && other.content,
        }
    }

    /// Returns true when nothing is allowed.
    pub fn is_none(self) -> bool {
        !self.ads && !self.content
    }

    /// Returns true when the given item kind may be ranked with this signal.
    pub fn allows_ad(self, is_ad: bool) -> bool {
        if is_ad {
            self.ads
        } else {
            self.content
        }
    }
}
