//! One lazily (re)connected client connection shared behind a lock, for the
//! server backends.
//!
//! A call that fails with a retryable error ([`StoreError::is_retryable`]:
//! connection lost, timeout, conflict) drops the connection; the next call
//! connects again. So a store survives a server restart without being
//! reopened, and while the server is down every call returns
//! [`StoreError::Unavailable`] instead of blocking or panicking.

use std::sync::Mutex;

use crate::error::StoreError;

/// A connection slot; see the module documentation.
pub(crate) struct Reconnecting<C> {
    slot: Mutex<Option<C>>,
}

impl<C> Reconnecting<C> {
    /// Starts with an already open connection.
    pub(crate) fn new(connection: C) -> Self {
        Self {
            slot: Mutex::new(Some(connection)),
        }
    }

    /// Runs `body` on the connection, opening one with `connect` first when
    /// there is none.
    pub(crate) fn with<T>(
        &self,
        connect: impl FnOnce() -> Result<C, StoreError>,
        body: impl FnOnce(&mut C) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A panic inside `body` poisons the lock; the connection may then be
        // mid-reply, so it is dropped rather than reused.
        let mut guard = self.slot.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            *guard = None;
            guard
        });
        if guard.is_none() {
            *guard = Some(connect()?);
        }
        let Some(connection) = guard.as_mut() else {
            return Err(StoreError::Backend("no connection".to_owned()));
        };
        let result = body(connection);
        if result.as_ref().is_err_and(StoreError::is_retryable) {
            *guard = None;
        }
        self.slot.clear_poison();
        result
    }
}
