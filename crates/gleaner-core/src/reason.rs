//! Reason codes: why a guardrail dropped or limited something.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::sensitive::SensitiveCategory;

/// The reason a guardrail gave. Its string form (`"sensitive:health"`,
/// `"not_linked"`, …) is stable: it appears in audit records, explanations
/// and the JSON output, and SPEC §4 fixes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ReasonCode {
    /// End-to-end encrypted chat, dropped unread.
    Encrypted,
    /// The account's country is excluded or unknown.
    Jurisdiction,
    /// Under 18 at event time, or age unknown.
    Minor,
    /// Event before the policy's effective date.
    BeforeEffectiveDate,
    /// Account not notified, or notified after the event.
    NotNotified,
    /// The person turned AI personalization off.
    OptedOut,
    /// The conversation touches a sensitive category.
    Sensitive(SensitiveCategory),
    /// The person hid this topic or an ancestor of it.
    HiddenByUser,
    /// The signal belongs to an account that is not linked to the asking one.
    NotLinked,
    /// Older than the retention period.
    Expired,
}

impl ReasonCode {
    /// Returns the name of the rule that gives this code (the code without
    /// its `:category` suffix).
    pub fn rule_name(self) -> &'static str {
        match self {
            Self::Encrypted => "encrypted",
            Self::Jurisdiction => "jurisdiction",
            Self::Minor => "minor",
            Self::BeforeEffectiveDate => "before_effective_date",
            Self::NotNotified => "not_notified",
            Self::OptedOut => "opted_out",
            Self::Sensitive(_) => "sensitive",
            Self::HiddenByUser => "hidden_by_user",
            Self::NotLinked => "not_linked",
            Self::Expired => "expired",
        }
    }
}

impl ReasonCode {
    /// Returns a one-line explanation for people.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Encrypted => "end-to-end encrypted chat: never read",
            Self::Jurisdiction => "the account's country is excluded or unknown",
            Self::Minor => "under 18 or age unknown: no profiling-based ads",
            Self::BeforeEffectiveDate => "happened before the policy's effective date",
            Self::NotNotified => "the person had not been notified yet",
            Self::OptedOut => "the person turned AI personalization off",
            Self::Sensitive(_) => "the conversation touches a sensitive category",
            Self::HiddenByUser => "the person hid this topic",
            Self::NotLinked => "the accounts are not linked in the accounts center",
            Self::Expired => "older than the retention period",
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sensitive(category) => write!(formatter, "sensitive:{category}"),
            other => formatter.write_str(other.rule_name()),
        }
    }
}

/// The error of parsing an unknown reason code.
#[derive(Debug, thiserror::Error)]
#[error("unknown reason code `{0}`")]
pub struct UnknownReasonCode(pub String);

impl FromStr for ReasonCode {
    type Err = UnknownReasonCode;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownReasonCode(raw.to_owned());
        if let Some(category) = raw.strip_prefix("sensitive:") {
            return category.parse().map(Self::Sensitive).map_err(|_| unknown());
        }
        Ok(match raw {
            "encrypted" => Self::Encrypted,
            "jurisdiction" => Self::Jurisdiction,
            "minor" => Self::Minor,
            "before_effective_date" => Self::BeforeEffectiveDate,
            "not_notified" => Self::NotNotified,
            "opted_out" => Self::OptedOut,
            "hidden_by_user" => Self::HiddenByUser,
            "not_linked" => Self::NotLinked,
            "expired" => Self::Expired,
            _ => return Err(unknown()),
        })
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_string() {
        let mut codes = vec![
            ReasonCode::Encrypted,
            ReasonCode::Jurisdiction,
            ReasonCode::Minor,
            ReasonCode::BeforeEffectiveDate,
            ReasonCode::NotNotified,
            ReasonCode::OptedOut,
            ReasonCode::HiddenByUser,
            ReasonCode::NotLinked,
            ReasonCode::Expired,
        ];
        codes.extend(SensitiveCategory::ALL.map(ReasonCode::Sensitive));
        for code in codes {
            let text = code.to_string();
            assert_eq!(text.parse::<ReasonCode>().unwrap(), code, "{text}");
        }
        assert_eq!(
            ReasonCode::Sensitive(SensitiveCategory::TradeUnion).to_string(),
            "sensitive:trade_union"
        );
        assert!("sensitive:astrology".parse::<ReasonCode>().is_err());
    }
}
