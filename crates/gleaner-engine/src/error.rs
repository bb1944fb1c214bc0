//! Errors of the engine.

use gleaner_core::{AccountId, ItemId, Surface};
use gleaner_store::StoreError;

/// A failure that stops an operation (bad input lines are not errors: see
/// [`Rejected`](crate::Rejected)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Reading the input failed.
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
    /// No such account.
    #[error("unknown account `{0}`")]
    UnknownAccount(AccountId),
    /// No such catalog item.
    #[error("unknown catalog item `{0}`")]
    UnknownItem(ItemId),
    /// The account has no linked account on the asked surface.
    #[error("account `{account_id}` has no linked account on surface `{surface}`")]
    NoLinkedAccountOnSurface {
        /// The account asked about.
        account_id: AccountId,
        /// The surface asked for.
        surface: Surface,
    },
    /// The topic is not in the taxonomy.
    #[error("unknown topic id {0}")]
    UnknownTopic(u32),
    /// The work was cancelled (its client went away or its deadline
    /// passed); what was committed before stays committed.
    #[error(transparent)]
    Cancelled(#[from] gleaner_classify::Cancelled),
}

impl EngineError {
    /// Returns true when the caller asked for something that does not exist
    /// or is malformed (exit code 2 / HTTP 4xx), as opposed to a failure.
    pub fn is_caller_error(&self) -> bool {
        !matches!(self, Self::Store(_) | Self::Io(_) | Self::Cancelled(_))
    }
}
