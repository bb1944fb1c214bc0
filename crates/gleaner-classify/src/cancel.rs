//! [`Cancel`]: a flag that says a classification's result is no longer
//! wanted (the client went away, the request's deadline passed, the process
//! is shutting down), checked by the tiers between units of work.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A shared cancellation flag. Clones share the flag; once set it stays
/// set. Work checks it between units (a conversation, an encoder layer)
/// and stops with [`Cancelled`], so a unit already started is finished.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the flag.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Returns true once the flag is set.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    /// `Err(Cancelled)` once the flag is set.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// A guard that sets the flag when dropped: hold it in the future that
    /// waits for the work, so the work stops when that future is dropped
    /// (a client that disconnects, a deadline that passes).
    #[must_use = "the flag is set when the guard is dropped"]
    pub fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Sets its [`Cancel`] when dropped (see [`Cancel::on_drop`]).
#[derive(Debug)]
pub struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The work stopped because its [`Cancel`] was set; its result is not
/// wanted and nothing of it was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the work was cancelled before it finished")]
pub struct Cancelled;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_a_dropped_guard_sets_it() {
        let cancel = Cancel::new();
        let clone = cancel.clone();
        assert_eq!(clone.check(), Ok(()));
        drop(cancel.on_drop());
        assert!(clone.is_cancelled());
        assert_eq!(clone.check(), Err(Cancelled));
    }
}
