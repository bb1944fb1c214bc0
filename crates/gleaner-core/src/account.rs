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

/// Why an operator's accounts sync may not apply a line to a stored account.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncRefusal {
    /// The line would move the account to another accounts center (or link
    /// or unlink it): that changes who may read the account, so it is an
    /// explicit, audited operation (`gleaner accounts move`), never a sync.
    #[error(
        "account `{account_id}` is {}; a sync cannot change its accounts center (to {}): use `gleaner accounts move`",
        describe_center(.stored.as_ref()),
        describe_center(.requested.as_ref())
    )]
    CenterChange {
        /// The account.
        account_id: AccountId,
        /// Its center in the store.
        stored: Option<AccountsCenterId>,
        /// The center the line asked for.
        requested: Option<AccountsCenterId>,
    },
}

fn describe_center(center: Option<&AccountsCenterId>) -> String {
    match center {
        Some(center) => format!("in accounts center `{center}`"),
        None => "linked to no accounts center".to_owned(),
    }
}

/// What [`Account::synced_with`] made of a sync line.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncedAccount {
    /// The account to store.
    pub account: Account,
    /// True when the line's `ai_personalization` or `hidden_topics` differed
    /// from the person's stored choices (which were kept).
    pub person_settings_kept: bool,
}

impl Account {
    /// Applies an operator sync line (`incoming`) to this stored account.
    ///
    /// A sync may change the operator's facts: `surface`, `country`,
    /// `birth_year` and `notified_at`. It never changes the person's own
    /// choices (`ai_personalization`, `hidden_topics`: those change only
    /// through the person's endpoints, `hide`/`unhide` and
    /// `ai-personalization`), and it may not change `accounts_center_id`
    /// (who may read the account): a line that tries is refused.
    pub fn synced_with(&self, incoming: Account) -> Result<SyncedAccount, SyncRefusal> {
        debug_assert_eq!(self.account_id, incoming.account_id);
        if incoming.accounts_center_id != self.accounts_center_id {
            return Err(SyncRefusal::CenterChange {
                account_id: self.account_id.clone(),
                stored: self.accounts_center_id.clone(),
                requested: incoming.accounts_center_id,
            });
        }
        let person_settings_kept = incoming.ai_personalization != self.ai_personalization
            || incoming.hidden_topics != self.hidden_topics;
        Ok(SyncedAccount {
            account: Account {
                ai_personalization: self.ai_personalization,
                hidden_topics: self.hidden_topics.clone(),
                ..incoming
            },
            person_settings_kept,
        })
    }

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
    fn a_sync_keeps_the_persons_choices_and_refuses_a_center_change() {
        let mut stored = account("a", Some("ac:1"));
        stored.ai_personalization = Some(AiPersonalization::Off);
        stored.hidden_topics = vec![TopicId(7)];
        let mut incoming = account("a", Some("ac:1"));
        incoming.ai_personalization = Some(AiPersonalization::On);
        incoming.birth_year = Some(1990);
        let synced = stored.synced_with(incoming.clone()).unwrap();
        assert!(synced.person_settings_kept);
        assert_eq!(
            synced.account.ai_personalization,
            Some(AiPersonalization::Off)
        );
        assert_eq!(synced.account.hidden_topics, vec![TopicId(7)]);
        assert_eq!(
            synced.account.birth_year,
            Some(1990),
            "operator facts change"
        );

        for center in [Some("ac:2"), None] {
            incoming.accounts_center_id = center.map(AccountsCenterId::new);
            let refusal = stored.synced_with(incoming.clone()).unwrap_err();
            assert!(refusal.to_string().contains("accounts center"), "{refusal}");
        }
        let unlinked = account("a", None);
        assert!(unlinked.synced_with(account("a", Some("ac:9"))).is_err());
        assert!(
            !unlinked
                .synced_with(account("a", None))
                .unwrap()
                .person_settings_kept
        );
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
