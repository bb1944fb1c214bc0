//! Catalog items: what can be shown to a person.

use serde::{Deserialize, Serialize};

use crate::ids::{ItemId, TopicId};

/// The kind of a catalog item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// An ad.
    Ad,
    /// A suggested post.
    Post,
    /// A reel.
    Reel,
    /// A group.
    Group,
    /// A page.
    Page,
}

impl ItemKind {
    /// Returns true when showing this item is ad use (versus content use).
    pub fn is_ad(self) -> bool {
        matches!(self, Self::Ad)
    }

    /// Returns the stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ad => "ad",
            Self::Post => "post",
            Self::Reel => "reel",
            Self::Group => "group",
            Self::Page => "page",
        }
    }
}

/// One catalog item. Catalog text is written by the operator or advertiser,
/// not by a person talking to an assistant, so it may be stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogItem {
    /// The item's id.
    pub item_id: ItemId,
    /// Its kind.
    pub kind: ItemKind,
    /// Short title.
    pub title: String,
    /// Longer description.
    #[serde(default)]
    pub text: String,
    /// Given topics; when empty at ingest, they are inferred from the text.
    #[serde(default)]
    pub topics: Vec<TopicId>,
    /// Who pays for it (ads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser: Option<String>,
}
