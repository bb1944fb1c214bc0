//! Export: everything held about an account, in one document.

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AuditRecord, SettingsOverrideRecord, Signal, Timestamp,
};
use gleaner_profile::Profile;
use serde::Serialize;

use crate::{Engine, EngineError};

/// Everything Gleaner holds about one account (SPEC §5 `export`).
#[derive(Clone, Debug, Serialize)]
pub struct AccountExport {
    /// When the export was made.
    pub exported_at: Timestamp,
    /// The account and its settings.
    pub account: Account,
    /// The accounts linked to it (their data is exported from each of them).
    pub linked_accounts: Vec<AccountId>,
    /// Every signal this account produced: topic ids, weights, times, sources.
    pub signals: Vec<Signal>,
    /// Every guardrail decision on this account's events.
    pub audit: Vec<AuditRecord>,
    /// Every operator move of this account between accounts centers,
    /// oldest first (hashed ids).
    pub account_moves: Vec<AccountMoveRecord>,
    /// Every operator override of this account's own settings, oldest
    /// first: who, when, why, and each setting before and after.
    pub settings_overrides: Vec<SettingsOverrideRecord>,
    /// The profile usable for it now.
    pub profile: Profile,
}

impl Engine {
    /// Exports everything held about an account.
    pub fn export(
        &self,
        account_id: &AccountId,
        now: Timestamp,
    ) -> Result<AccountExport, EngineError> {
        let account = self.require_account(account_id)?;
        let linked_accounts = self
            .linked_accounts_of(&account)?
            .into_iter()
            .map(|linked| linked.account_id)
            .filter(|linked| linked != account_id)
            .collect();
        let account_hash = account_id.hashed(self.store().id_hasher());
        let account_moves = self
            .store()
            .account_moves()?
            .into_iter()
            .filter(|record| record.account == account_hash)
            .collect();
        let settings_overrides = self
            .store()
            .settings_overrides()?
            .into_iter()
            .filter(|record| record.account == account_hash)
            .collect();
        Ok(AccountExport {
            exported_at: now,
            signals: self.store().signals_of(account_id)?,
            audit: self.store().audit_of(account_id)?,
            account_moves,
            settings_overrides,
            profile: self.profile(account_id, None, now)?,
            linked_accounts,
            account,
        })
    }
}
