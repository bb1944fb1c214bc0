//! The per-store secret that keys [`IdHasher`]: made once from the
//! operating system's random source when a store is created, kept by the
//! store, and never returned by any [`Store`](crate::Store) method, logged
//! or exported.

use gleaner_core::{IdHasher, ID_SECRET_LEN};

use crate::error::StoreError;

/// A fresh secret from the operating system's random source.
pub(crate) fn new_secret() -> Result<[u8; ID_SECRET_LEN], StoreError> {
    let mut secret = [0u8; ID_SECRET_LEN];
    getrandom::fill(&mut secret).map_err(|error| {
        StoreError::Backend(format!("no randomness for the id secret: {error}"))
    })?;
    Ok(secret)
}

/// Reads a stored secret back; anything but exactly [`ID_SECRET_LEN`]
/// bytes is [`StoreError::Corrupt`] (never a silently different key,
/// which would orphan every hash already stored).
pub(crate) fn secret_from(key: &str, bytes: &[u8]) -> Result<[u8; ID_SECRET_LEN], StoreError> {
    bytes.try_into().map_err(|_| StoreError::Corrupt {
        key: key.to_owned(),
        reason: format!(
            "the id secret has {} bytes, expected {ID_SECRET_LEN}",
            bytes.len()
        ),
    })
}

/// A hasher on a fresh random secret (stores that keep nothing, tests).
pub(crate) fn random_hasher() -> Result<IdHasher, StoreError> {
    Ok(IdHasher::new(&new_secret()?))
}
