//! The seven sensitive categories of SPEC §4.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A special category of personal data. A conversation touching any of them
/// is never used; none of them is ever a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SensitiveCategory {
    /// Religious belief and practice.
    Religion,
    /// Sexual orientation, gender identity and sex life.
    SexualOrientation,
    /// Political opinions and activity.
    Politics,
    /// Health, including genetic data, disability, pregnancy and addiction.
    Health,
    /// Racial or ethnic origin.
    Ethnicity,
    /// Philosophical beliefs.
    Philosophy,
    /// Trade-union membership and activity.
    TradeUnion,
}

impl SensitiveCategory {
    /// Every category, in a fixed order.
    pub const ALL: [SensitiveCategory; 7] = [
        Self::Religion,
        Self::SexualOrientation,
        Self::Politics,
        Self::Health,
        Self::Ethnicity,
        Self::Philosophy,
        Self::TradeUnion,
    ];

    /// Returns the stable code used in reason codes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Religion => "religion",
            Self::SexualOrientation => "sexual_orientation",
            Self::Politics => "politics",
            Self::Health => "health",
            Self::Ethnicity => "ethnicity",
            Self::Philosophy => "philosophy",
            Self::TradeUnion => "trade_union",
        }
    }
}

impl fmt::Display for SensitiveCategory {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The error of parsing an unknown category name.
#[derive(Debug, thiserror::Error)]
#[error("unknown sensitive category `{0}`")]
pub struct UnknownSensitiveCategory(pub String);

impl FromStr for SensitiveCategory {
    type Err = UnknownSensitiveCategory;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|category| category.as_str() == raw)
            .ok_or_else(|| UnknownSensitiveCategory(raw.to_owned()))
    }
}

/// Which classifier tier found something: the phrase lists (`lexicon`) or
/// the embedding model and its heads (`semantic`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Phrase lists and keywords.
    Lexicon,
    /// The embedding model (multilingual-e5-small) and its trained heads.
    Semantic,
}

impl Tier {
    /// The stable name (`lexicon`, `semantic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lexicon => "lexicon",
            Self::Semantic => "semantic",
        }
    }
}

/// A sensitive category found in an event's text, and the tier that found
/// it: what an audit record keeps of the classifier's verdict (never the
/// words that triggered it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitiveFinding {
    /// The category.
    pub category: SensitiveCategory,
    /// The tier that decided.
    pub tier: Tier,
}
