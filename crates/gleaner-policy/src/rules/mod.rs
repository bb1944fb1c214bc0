//! The [`Rule`] trait and the single list of guardrails, [`RULES`].
//!
//! Adding a guardrail means one new file here and one new line in `RULES`;
//! removing a line from `RULES` makes the tests in `tests/every_rule.rs` fail.

mod effective_date;
mod encrypted;
mod hidden_topic;
mod jurisdiction;
mod linking;
mod minor;
mod notice;
mod opt_out;
mod retention;
mod sensitive;

pub use effective_date::EffectiveDate;
pub use encrypted::Encrypted;
pub use hidden_topic::HiddenTopic;
pub use jurisdiction::Jurisdiction;
pub use linking::Linking;
pub use minor::Minor;
pub use notice::Notice;
pub use opt_out::OptOut;
pub use retention::Retention;
pub use sensitive::Sensitive;

use crate::config::PolicyConfig;
use crate::facts::{ContentFacts, EventFacts, UseFacts};
use crate::verdict::Verdict;

/// One guardrail. Each method is a pure function of its facts and the
/// configuration; a rule with nothing to check at a moment keeps the default.
pub trait Rule: Sync {
    /// Returns the rule's name, as in SPEC §4.
    fn name(&self) -> &'static str;

    /// Checks an event before its text is read.
    fn on_event(&self, _facts: &EventFacts<'_>, _config: &PolicyConfig) -> Verdict {
        Verdict::allow()
    }

    /// Checks a classified conversation.
    fn on_content(&self, _facts: &ContentFacts<'_>, _config: &PolicyConfig) -> Verdict {
        Verdict::allow()
    }

    /// Checks a stored signal before it personalizes for a serving account.
    fn on_use(&self, _facts: &UseFacts<'_>, _config: &PolicyConfig) -> Verdict {
        Verdict::allow()
    }
}

/// Every guardrail, in the order of SPEC §4. The policy evaluates all of them.
pub static RULES: &[&dyn Rule] = &[
    &Encrypted,
    &Jurisdiction,
    &Minor,
    &EffectiveDate,
    &Notice,
    &OptOut,
    &Sensitive,
    &HiddenTopic,
    &Linking,
    &Retention,
];

/// Returns the age a person certainly has at `year`, from a birth year alone:
/// the birthday may be on 31 December, so one year less than the difference.
pub(crate) fn certain_age(birth_year: i32, year: i32) -> i32 {
    year - birth_year - 1
}

#[cfg(test)]
pub(crate) mod fixtures {
    use chrono::{TimeZone, Utc};
    use gleaner_core::{
        Account, AccountId, AccountsCenterId, AiPersonalization, Surface, Timestamp,
    };

    use crate::facts::{EventFacts, UseFacts};

    pub fn at(year: i32, month: u32, day: u32) -> Timestamp {
        Utc.with_ymd_and_hms(year, month, day, 12, 0, 0).unwrap()
    }

    /// An account every rule accepts.
    pub fn good_account(id: &str) -> Account {
        Account {
            account_id: AccountId::new(id),
            surface: Surface::new("facebook"),
            accounts_center_id: Some(AccountsCenterId::new("ac:1")),
            country: Some("US".parse().unwrap()),
            birth_year: Some(1990),
            notified_at: Some(at(2025, 10, 1)),
            ai_personalization: Some(AiPersonalization::On),
            hidden_topics: Vec::new(),
        }
    }

    pub fn event_facts(account: &Account) -> EventFacts<'_> {
        EventFacts {
            now: at(2026, 3, 1),
            event_at: at(2026, 1, 10),
            account,
            is_ai_interaction: true,
            encrypted: Some(false),
        }
    }

    pub const LINEAGE: [gleaner_core::TopicId; 2] =
        [gleaner_core::TopicId(412), gleaner_core::TopicId(20)];

    pub fn use_facts<'a>(serving: &'a Account, source: &'a Account) -> UseFacts<'a> {
        UseFacts {
            now: at(2026, 3, 1),
            serving_account: serving,
            source_account: Some(source),
            signal_at: at(2026, 1, 10),
            signal_is_ai_interaction: true,
            topic_lineage: Some(&LINEAGE),
            linked_hidden_topics: &[],
        }
    }
}
