//! Typed identifiers.
//!
//! Each id is a newtype so that an account id can never be passed where an
//! event id is expected. [`HashedId`] is the one-way form written to audit
//! records and store keys; [`IdHasher`] is the only way to make one: a
//! keyed hash (HMAC-SHA256) under the store's own secret, so that nobody
//! without the secret can turn a stored hash back into an id by hashing
//! guessed ids.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a raw identifier.
            pub fn new(raw: impl Into<String>) -> Self {
                Self(raw.into())
            }

            /// Returns the identifier as given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Returns the keyed one-way hash of this identifier under the
            /// store secret `hasher` holds.
            pub fn hashed(&self, hasher: &IdHasher) -> HashedId {
                hasher.hash(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(formatter, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                Self(raw.to_owned())
            }
        }
    };
}

string_id!(
    /// One login on one surface, e.g. `wa:2001`.
    AccountId
);
string_id!(
    /// The accounts-center identity that linked accounts share, e.g. `ac:77`.
    AccountsCenterId
);
string_id!(
    /// The producer-assigned id of one event; the idempotency key of ingest.
    EventId
);
string_id!(
    /// A catalog item, e.g. `ad:boots-01`.
    ItemId
);
string_id!(
    /// One app of the operator (`facebook`, `instagram`, …); configuration, not code.
    Surface
);

/// A node of the interest taxonomy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TopicId(pub u32);

impl fmt::Display for TopicId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

/// A keyed hash of an identifier (16 bytes, 32 hex digits), made by an
/// [`IdHasher`].
///
/// Audit records carry only hashed ids, so the audit log can be shared with an
/// auditor without handing over account or event ids; because the hash is
/// keyed with the store's secret, the auditor cannot recover an id by
/// hashing candidate ids either.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HashedId([u8; 16]);

/// The bytes of an [`IdHasher`] secret.
pub const ID_SECRET_LEN: usize = 32;

/// The one function that hashes identifiers: HMAC-SHA256 under a per-store
/// secret, truncated to 16 bytes.
///
/// Each store creates its secret once, when it is created, and keeps it
/// (never exported, never logged); every id the store keys or an audit
/// record names is hashed through the store's hasher
/// (`Store::id_hasher`). The same id hashes differently in two stores.
/// `Debug` prints no key material, and there is no `Serialize`.
#[derive(Clone)]
pub struct IdHasher {
    /// The HMAC state after absorbing the key (cloned per hash, so the key
    /// is processed once).
    keyed: Hmac<Sha256>,
}

impl IdHasher {
    /// Returns the hasher of a secret.
    pub fn new(secret: &[u8; ID_SECRET_LEN]) -> Self {
        // HMAC takes a key of any length; 32 bytes cannot fail.
        let keyed = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        Self { keyed }
    }

    /// Hashes a raw identifier.
    pub fn hash(&self, raw: &str) -> HashedId {
        let mut mac = self.keyed.clone();
        mac.update(raw.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        HashedId(bytes)
    }

    /// The HMAC state keyed with the store secret, for hashing longer
    /// content under the same key (an event's content digest); the key
    /// itself never leaves.
    pub(crate) fn keyed_mac(&self) -> Hmac<Sha256> {
        self.keyed.clone()
    }
}

impl fmt::Debug for IdHasher {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("IdHasher(HMAC-SHA256, secret not shown)")
    }
}

impl HashedId {
    /// Returns the raw bytes, e.g. to build a store key.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Rebuilds a hash from its bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for HashedId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(formatter, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for HashedId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "HashedId({self})")
    }
}

impl Serialize for HashedId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HashedId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = String::deserialize(deserializer)?;
        if hex.len() != 32 || !hex.is_ascii() {
            return Err(serde::de::Error::custom("hashed id must be 32 hex digits"));
        }
        let mut bytes = [0u8; 16];
        for (index, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[index * 2..index * 2 + 2], 16)
                .map_err(|_| serde::de::Error::custom("hashed id must be 32 hex digits"))?;
        }
        Ok(Self(bytes))
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

/// The error of parsing a [`CountryCode`].
#[derive(Debug, thiserror::Error)]
#[error("country must be an ISO 3166-1 alpha-2 code of two ASCII letters, got `{0}`")]
pub struct InvalidCountryCode(String);

impl CountryCode {
    /// Returns the two-letter code.
    pub fn as_str(&self) -> &str {
        // Invariant: both bytes are ASCII uppercase letters (checked in from_str).
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = InvalidCountryCode;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let bytes = raw.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(InvalidCountryCode(raw.to_owned()));
        }
        Ok(Self([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
        ]))
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "CountryCode({})", self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_id_round_trips_through_json_and_is_stable() {
        let store_hasher = IdHasher::new(&[7; ID_SECRET_LEN]);
        let hashed = AccountId::new("wa:2001").hashed(&store_hasher);
        assert_eq!(hashed, store_hasher.hash("wa:2001"));
        assert_ne!(hashed, store_hasher.hash("wa:2002"));
        let json = serde_json::to_string(&hashed).unwrap();
        assert_eq!(json.len(), 34);
        let back: HashedId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, hashed);
    }

    #[test]
    fn the_same_id_hashes_differently_under_two_secrets_and_unlike_plain_sha256() {
        use sha2::Digest as _;
        let first = IdHasher::new(&[1; ID_SECRET_LEN]);
        let second = IdHasher::new(&[2; ID_SECRET_LEN]);
        let account = AccountId::new("ig:3021");
        assert_ne!(account.hashed(&first), account.hashed(&second));
        // Not the old unkeyed hash: guessing ids and hashing them finds nothing.
        let unkeyed = Sha256::digest(b"ig:3021");
        assert_ne!(&account.hashed(&first).as_bytes()[..], &unkeyed[..16]);
        // RFC 4231 test case 2 (key "Jefe"; HMAC pads a short key with
        // zeros, so "Jefe" and 28 zero bytes is the same key), truncated.
        let mut jefe = [0u8; ID_SECRET_LEN];
        jefe[..4].copy_from_slice(b"Jefe");
        assert_eq!(
            IdHasher::new(&jefe)
                .hash("what do ya want for nothing?")
                .to_string(),
            "5bdcc146bf60754e6a042426089575c7"
        );
        assert_eq!(
            format!("{first:?}"),
            "IdHasher(HMAC-SHA256, secret not shown)"
        );
    }

    #[test]
    fn country_code_is_two_letters_upper_cased() {
        assert_eq!("us".parse::<CountryCode>().unwrap().as_str(), "US");
        assert!("USA".parse::<CountryCode>().is_err());
        assert!("1A".parse::<CountryCode>().is_err());
        assert!(serde_json::from_str::<CountryCode>("\"D\"").is_err());
    }
}
