//! Accounts: one login on one surface, with the facts the guardrails need.

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, AccountsCenterId, CountryCode, Surface, TopicId};
use crate::Timestamp;

/// The person's AI-personalization setting (their opt-out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AiPersonalization {
    /// AI interactions may be used.
    On,
    /// The person opted out: AI interactions are not used.
    Off,
}

/// One account as stored. Every guardrail fact is an `Option`: `None` means
/// "unknown", and every rule treats unknown as "do not use".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The account's id, unique across surfaces.
    pub account_id: AccountId,
    /// The app this account belongs to.
    pub surface: Surface,
    /// Shared by accounts the person linked; absent means linked to nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts_center_id: Option<AccountsCenterId>,
    /// Country of residence.
    #[serde(default)]
    pub country: Option<CountryCode>,
    /// Year of birth.
    #[serde(default)]
    pub birth_year: Option<i32>,
    /// When the person was told that AI interactions are used.
    #[serde(default)]
    pub notified_at: Option<Timestamp>,
    /// The person's opt-out state.
    #[serde(default)]
    pub ai_personalization: Option<AiPersonalization>,
    /// Topics the person hid; their descendants are hidden too.
    #[serde(default)]
    pub hidden_topics: Vec<TopicId>,
}

impl Account {
    /// Returns true when both accounts are the same or share an accounts center.
    pub fn is_linked_to(&self, other: &Account) -> bool {
        if self.account_id == other.account_id {
            return true;
        }
        match (&self.accounts_center_id, &other.accounts_center_id) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, center: Option<&str>) -> Account {
        Account {
            account_id: AccountId::new(id),
            surface: Surface::new("facebook"),
            accounts_center_id: center.map(AccountsCenterId::new),
            country: None,
            birth_year: None,
            notified_at: None,
            ai_personalization: None,
            hidden_topics: Vec::new(),
        }
    }

    #[test]
    fn linking_needs_a_shared_accounts_center() {
        assert!(account("a", None).is_linked_to(&account("a", None)));
        assert!(!account("a", None).is_linked_to(&account("b", None)));
        assert!(!account("a", Some("ac:1")).is_linked_to(&account("b", None)));
        assert!(!account("a", Some("ac:1")).is_linked_to(&account("b", Some("ac:2"))));
        assert!(account("a", Some("ac:1")).is_linked_to(&account("b", Some("ac:1"))));
    }

    #[test]
    fn spec_example_parses() {
        let line = r#"{"account_id":"wa:2001","surface":"whatsapp","accounts_center_id":"ac:77",
 "country":"US","birth_year":1991,"notified_at":"2025-10-08T09:00:00Z",
 "ai_personalization":"on","hidden_topics":[]}"#;
        let parsed: Account = serde_json::from_str(line).unwrap();
        assert_eq!(parsed.country.unwrap().as_str(), "US");
        assert_eq!(parsed.ai_personalization, Some(AiPersonalization::On));
    }
}
