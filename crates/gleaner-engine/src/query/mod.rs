//! Queries over what is stored: profile, recommend, explain, export, forget,
//! the person's settings (hidden topics, AI personalization), the
//! operator's audited changes that a sync may not make (moving an account
//! between accounts centers, overriding the person's settings), and the
//! advertiser aggregate ([`reach`]).

pub mod audience_index;
pub mod export;
pub mod reach;

use std::collections::BTreeSet;

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AiPersonalization, CatalogItem,
    ItemId, ItemKind, OverrideReason, SettingChange, SettingsOverrideRecord, Signal, Surface,
    Timestamp, TopicId,
};
use gleaner_profile::{build_profile, Profile, SignalsOfAccount};
use gleaner_recommend::{CandidateItem, Explanation, Recommendation};
use gleaner_store::ForgetReport;

use crate::{Engine, EngineError};

/// The serving account, the accounts linked to it (itself included), and
/// their signals.
struct Household {
    serving: Account,
    members: Vec<(Account, Vec<Signal>)>,
}

impl Household {
    fn hidden_topics(&self) -> BTreeSet<TopicId> {
        self.members
            .iter()
            .flat_map(|(account, _)| account.hidden_topics.iter().copied())
            .collect()
    }
}

impl Engine {
    /// Returns an account or [`EngineError::UnknownAccount`].
    pub fn require_account(&self, account_id: &AccountId) -> Result<Account, EngineError> {
        self.store()
            .account(account_id)?
            .ok_or_else(|| EngineError::UnknownAccount(account_id.clone()))
    }

    /// Returns the account itself and every account sharing its accounts center.
    pub fn linked_accounts_of(&self, account: &Account) -> Result<Vec<Account>, EngineError> {
        let mut linked = match &account.accounts_center_id {
            Some(center) => self.store().accounts_in_center(center)?,
            None => Vec::new(),
        };
        if !linked
            .iter()
            .any(|other| other.account_id == account.account_id)
        {
            linked.push(account.clone());
        }
        linked.sort_by(|left, right| left.account_id.cmp(&right.account_id));
        Ok(linked)
    }

    /// Resolves the serving account: the account itself, or, when a surface
    /// is given, the account linked to it on that surface.
    fn serving_account(
        &self,
        account_id: &AccountId,
        surface_opt: Option<&Surface>,
    ) -> Result<Account, EngineError> {
        let account = self.require_account(account_id)?;
        let Some(surface) = surface_opt else {
            return Ok(account);
        };
        if &account.surface == surface {
            return Ok(account);
        }
        self.linked_accounts_of(&account)?
            .into_iter()
            .find(|linked| &linked.surface == surface)
            .ok_or_else(|| EngineError::NoLinkedAccountOnSurface {
                account_id: account_id.clone(),
                surface: surface.clone(),
            })
    }

    fn household(&self, serving: Account) -> Result<Household, EngineError> {
        let mut members = Vec::new();
        for account in self.linked_accounts_of(&serving)? {
            let signals = self.store().signals_of(&account.account_id)?;
            members.push((account, signals));
        }
        Ok(Household { serving, members })
    }

    fn profile_of_household(&self, household: &Household, now: Timestamp) -> Profile {
        let sources: Vec<SignalsOfAccount<'_>> = household
            .members
            .iter()
            .map(|(account, signals)| SignalsOfAccount {
                account: Some(account),
                signals,
            })
            .collect();
        build_profile(
            &household.serving,
            &sources,
            self.policy(),
            self.taxonomy(),
            &self.config().profile,
            now,
        )
    }

    /// Returns the interests usable for an account on a surface (its own
    /// surface when none is given), at `now`.
    pub fn profile(
        &self,
        account_id: &AccountId,
        surface_opt: Option<&Surface>,
        now: Timestamp,
    ) -> Result<Profile, EngineError> {
        let serving = self.serving_account(account_id, surface_opt)?;
        let household = self.household(serving)?;
        Ok(self.profile_of_household(&household, now))
    }

    /// Ranks the catalog items of one kind for an account.
    pub fn recommend(
        &self,
        account_id: &AccountId,
        kind: ItemKind,
        limit: usize,
        now: Timestamp,
    ) -> Result<Vec<Recommendation>, EngineError> {
        let serving = self.require_account(account_id)?;
        let household = self.household(serving)?;
        let profile = self.profile_of_household(&household, now);
        let items = self.store().catalog_snapshot(kind)?;
        let candidates = candidates_of(&items);
        Ok(gleaner_recommend::recommend(
            self.taxonomy(),
            &profile,
            &candidates,
            &household.hidden_topics(),
            kind,
            limit,
        ))
    }

    /// Explains why an item would or would not be shown to an account.
    pub fn explain(
        &self,
        account_id: &AccountId,
        item_id: &ItemId,
        now: Timestamp,
    ) -> Result<Explanation, EngineError> {
        let serving = self.require_account(account_id)?;
        let item = self
            .store()
            .catalog_item(item_id)?
            .ok_or_else(|| EngineError::UnknownItem(item_id.clone()))?;
        let household = self.household(serving)?;
        let profile = self.profile_of_household(&household, now);
        let items = self.store().catalog_snapshot(item.kind)?;
        let candidates = candidates_of(&items);
        Ok(gleaner_recommend::explain(
            self.taxonomy(),
            self.policy(),
            &profile,
            &household.serving,
            &candidates,
            CandidateItem {
                item: &item,
                topics: &item.topics,
            },
            &household.hidden_topics(),
            now,
        ))
    }

    /// Erases every trace of an account (SPEC §4 `forget`).
    pub fn forget(&self, account_id: &AccountId) -> Result<ForgetReport, EngineError> {
        self.require_account(account_id)?;
        Ok(self.store().forget_account(account_id)?)
    }

    /// Hides a topic (and so its descendants) for an account.
    pub fn hide_topic(
        &self,
        account_id: &AccountId,
        topic: TopicId,
    ) -> Result<Account, EngineError> {
        if self.taxonomy().get(topic).is_none() {
            return Err(EngineError::UnknownTopic(topic.0));
        }
        let mut account = self.require_account(account_id)?;
        if !account.hidden_topics.contains(&topic) {
            account.hidden_topics.push(topic);
            account.hidden_topics.sort();
            self.store().put_accounts(std::slice::from_ref(&account))?;
        }
        Ok(account)
    }

    /// Un-hides a topic for an account.
    pub fn unhide_topic(
        &self,
        account_id: &AccountId,
        topic: TopicId,
    ) -> Result<Account, EngineError> {
        let mut account = self.require_account(account_id)?;
        let before = account.hidden_topics.len();
        account.hidden_topics.retain(|hidden| *hidden != topic);
        if account.hidden_topics.len() != before {
            self.store().put_accounts(std::slice::from_ref(&account))?;
        }
        Ok(account)
    }

    /// Turns AI personalization on or off for an account.
    pub fn set_ai_personalization(
        &self,
        account_id: &AccountId,
        state: AiPersonalization,
    ) -> Result<Account, EngineError> {
        let mut account = self.require_account(account_id)?;
        account.ai_personalization = Some(state);
        self.store().put_accounts(std::slice::from_ref(&account))?;
        Ok(account)
    }

    /// Moves an account to another accounts center (`None`: links it to
    /// none), the operator's explicit, audited alternative to a sync, which
    /// may not do this. The audit record ([`AccountMoveRecord`], hashed ids
    /// only) is written before the account, so no move goes unrecorded.
    /// Moving an account to the center it is in changes nothing and records
    /// nothing. `by` names the operator's channel (`cli`, `token <id>`).
    pub fn move_account(
        &self,
        account_id: &AccountId,
        to: Option<AccountsCenterId>,
        by: &str,
        now: Timestamp,
    ) -> Result<AccountMove, EngineError> {
        let mut account = self.require_account(account_id)?;
        let from = account.accounts_center_id.clone();
        if from == to {
            return Ok(AccountMove {
                account,
                from,
                moved: false,
            });
        }
        let hasher = self.store().id_hasher();
        self.store().record_account_move(&AccountMoveRecord {
            at: now,
            account: account_id.hashed(hasher),
            from_center: from.as_ref().map(|center| center.hashed(hasher)),
            to_center: to.as_ref().map(|center| center.hashed(hasher)),
            by: by.to_owned(),
        })?;
        account.accounts_center_id = to;
        self.store().put_accounts(std::slice::from_ref(&account))?;
        Ok(AccountMove {
            account,
            from,
            moved: true,
        })
    }

    /// Overrides a person's own settings as an operator: the explicit,
    /// audited alternative to the person's routes, which a sync may not
    /// replace. `settings` says what to set (`None` leaves a setting as it
    /// is; hidden topics are replaced by the given list, sorted and without
    /// repeats, and must all be in the taxonomy). The audit record
    /// ([`SettingsOverrideRecord`]: when, who, why, each changed setting
    /// before and after, the account hashed) is written before the account,
    /// so no override goes unrecorded. An override that changes nothing
    /// records nothing. `by` names the operator's channel (`cli`,
    /// `token <id>`).
    pub fn override_settings(
        &self,
        account_id: &AccountId,
        settings: &SettingsOverride,
        reason: OverrideReason,
        by: &str,
        now: Timestamp,
    ) -> Result<AccountOverride, EngineError> {
        let new_hidden_topics_opt = match &settings.hidden_topics {
            Some(topics) => Some(self.known_topics_in_order(topics)?),
            None => None,
        };
        let mut account = self.require_account(account_id)?;
        let ai_personalization_change_opt = settings
            .ai_personalization
            .filter(|wanted| account.ai_personalization != Some(*wanted))
            .map(|wanted| SettingChange {
                from: account.ai_personalization,
                to: Some(wanted),
            });
        let hidden_topics_change_opt = new_hidden_topics_opt
            .filter(|wanted| *wanted != sorted_without_repeats(&account.hidden_topics))
            .map(|wanted| SettingChange {
                from: account.hidden_topics.clone(),
                to: wanted,
            });
        if ai_personalization_change_opt.is_none() && hidden_topics_change_opt.is_none() {
            return Ok(AccountOverride {
                account,
                record: None,
            });
        }
        let record = SettingsOverrideRecord {
            at: now,
            account: account_id.hashed(self.store().id_hasher()),
            by: by.to_owned(),
            reason,
            ai_personalization: ai_personalization_change_opt,
            hidden_topics: hidden_topics_change_opt,
        };
        self.store().record_settings_override(&record)?;
        if let Some(change) = &record.ai_personalization {
            account.ai_personalization = change.to;
        }
        if let Some(change) = &record.hidden_topics {
            account.hidden_topics.clone_from(&change.to);
        }
        self.store().put_accounts(std::slice::from_ref(&account))?;
        Ok(AccountOverride {
            account,
            record: Some(record),
        })
    }

    /// Returns `topics` sorted and without repeats, or
    /// [`EngineError::UnknownTopic`] for the first one not in the taxonomy.
    fn known_topics_in_order(&self, topics: &[TopicId]) -> Result<Vec<TopicId>, EngineError> {
        if let Some(unknown) = topics
            .iter()
            .find(|topic| self.taxonomy().get(**topic).is_none())
        {
            return Err(EngineError::UnknownTopic(unknown.0));
        }
        Ok(sorted_without_repeats(topics))
    }

    /// Deletes signals older than the retention period at `now`; returns how many.
    pub fn expire(&self, now: Timestamp) -> Result<usize, EngineError> {
        Ok(self
            .store()
            .expire_signals(self.policy().retention_cutoff(now))?)
    }
}

/// What [`Engine::move_account`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountMove {
    /// The account after the move.
    pub account: Account,
    /// The center it was in.
    pub from: Option<AccountsCenterId>,
    /// False when it was already in the asked center (nothing recorded).
    pub moved: bool,
}

/// What an operator's settings override sets; `None` leaves a setting as
/// it is (see [`Engine::override_settings`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsOverride {
    /// Turn AI personalization on or off.
    pub ai_personalization: Option<AiPersonalization>,
    /// Replace the hidden topics with these.
    pub hidden_topics: Option<Vec<TopicId>>,
}

impl SettingsOverride {
    /// Returns true when it sets nothing.
    pub fn is_empty(&self) -> bool {
        self.ai_personalization.is_none() && self.hidden_topics.is_none()
    }
}

/// What [`Engine::override_settings`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountOverride {
    /// The account after the override.
    pub account: Account,
    /// The audit record written; `None` when nothing changed (nothing
    /// recorded).
    pub record: Option<SettingsOverrideRecord>,
}

fn sorted_without_repeats(topics: &[TopicId]) -> Vec<TopicId> {
    let unique: BTreeSet<TopicId> = topics.iter().copied().collect();
    unique.into_iter().collect()
}

fn candidates_of(items: &[CatalogItem]) -> Vec<CandidateItem<'_>> {
    items
        .iter()
        .map(|item| CandidateItem {
            item,
            topics: &item.topics,
        })
        .collect()
}
