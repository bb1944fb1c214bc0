//! Byte layouts of the embedded store's keys.
//!
//! redb compares `&[u8]` keys lexicographically, so every key is built so that
//! byte order is the order the [`Store`](crate::Store) contract promises:
//!
//! - variable-length ids are written as `u32 BE length ++ bytes`, so that one
//!   id can never be the prefix of another id's key (ids may hold any byte,
//!   NUL included) and a prefix range returns exactly one id's entries;
//! - numbers are big-endian; signed seconds have their sign bit flipped so
//!   that 1969 sorts before 1970.

use gleaner_core::{AccountId, AccountsCenterId, HashedId, Timestamp, TopicId};

/// Bytes of a [`HashedId`].
pub(crate) const HASH_LEN: usize = 16;
/// Bytes of an encoded time (seconds, then nanoseconds).
pub(crate) const TIME_LEN: usize = 12;

/// Writes `u32 BE length ++ bytes`.
fn push_length_prefixed(key: &mut Vec<u8>, raw: &str) {
    let length = u32::try_from(raw.len()).unwrap_or(u32::MAX);
    key.extend_from_slice(&length.to_be_bytes());
    key.extend_from_slice(raw.as_bytes());
}

/// The prefix shared by every signal key of one account.
pub(crate) fn signal_prefix(account_id: &AccountId) -> Vec<u8> {
    let mut key = Vec::with_capacity(4 + account_id.as_str().len() + HASH_LEN + 4);
    push_length_prefixed(&mut key, account_id.as_str());
    key
}

/// `len ++ account id ++ event hash ++ topic BE`: one signal.
pub(crate) fn signal_key(account_id: &AccountId, event: &HashedId, topic: TopicId) -> Vec<u8> {
    let mut key = signal_prefix(account_id);
    key.extend_from_slice(event.as_bytes());
    key.extend_from_slice(&topic.0.to_be_bytes());
    key
}

/// Seconds (sign bit flipped) then nanoseconds, both big-endian.
pub(crate) fn time_bytes(at: Timestamp) -> [u8; TIME_LEN] {
    let sortable_seconds = (at.timestamp() as u64) ^ (1 << 63);
    let mut bytes = [0u8; TIME_LEN];
    bytes[..8].copy_from_slice(&sortable_seconds.to_be_bytes());
    bytes[8..].copy_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
    bytes
}

/// `time ++ signal key`: the retention index, oldest first.
pub(crate) fn signal_time_key(at: Timestamp, signal_key: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(TIME_LEN + signal_key.len());
    key.extend_from_slice(&time_bytes(at));
    key.extend_from_slice(signal_key);
    key
}

/// `len ++ center id ++ account id`: accounts of a center, in account-id order.
pub(crate) fn center_prefix(center: &AccountsCenterId) -> Vec<u8> {
    let mut key = Vec::with_capacity(4 + center.as_str().len());
    push_length_prefixed(&mut key, center.as_str());
    key
}

/// One entry of the accounts-by-center index.
pub(crate) fn center_key(center: &AccountsCenterId, account_id: &AccountId) -> Vec<u8> {
    let mut key = center_prefix(center);
    key.extend_from_slice(account_id.as_str().as_bytes());
    key
}

/// `account hash ++ event hash`: the seen events of one account, for `forget`.
pub(crate) fn account_event_key(account: &HashedId, event: &HashedId) -> [u8; 2 * HASH_LEN] {
    let mut key = [0u8; 2 * HASH_LEN];
    key[..HASH_LEN].copy_from_slice(account.as_bytes());
    key[HASH_LEN..].copy_from_slice(event.as_bytes());
    key
}

/// `account hash ++ sequence BE`: one audit record, oldest first per account.
pub(crate) fn audit_key(account: &HashedId, sequence: u64) -> [u8; HASH_LEN + 8] {
    let mut key = [0u8; HASH_LEN + 8];
    key[..HASH_LEN].copy_from_slice(account.as_bytes());
    key[HASH_LEN..].copy_from_slice(&sequence.to_be_bytes());
    key
}

/// Reads the sequence number back from an audit key.
pub(crate) fn audit_key_sequence(key: &[u8]) -> Option<u64> {
    let sequence_bytes: [u8; 8] = key.get(HASH_LEN..HASH_LEN + 8)?.try_into().ok()?;
    Some(u64::from_be_bytes(sequence_bytes))
}

/// Reads a hash back from the first 16 bytes of `bytes`.
pub(crate) fn hash_from(bytes: &[u8]) -> Option<HashedId> {
    let hash_bytes: [u8; HASH_LEN] = bytes.get(..HASH_LEN)?.try_into().ok()?;
    Some(HashedId::from_bytes(hash_bytes))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn time_bytes_sort_like_timestamps_across_the_epoch() {
        let times = [
            Utc.timestamp_opt(-86_400, 5).unwrap(),
            Utc.timestamp_opt(-1, 999_999_999).unwrap(),
            Utc.timestamp_opt(0, 0).unwrap(),
            Utc.timestamp_opt(0, 1).unwrap(),
            Utc.timestamp_opt(1_766_000_000, 0).unwrap(),
        ];
        for pair in times.windows(2) {
            assert!(time_bytes(pair[0]) < time_bytes(pair[1]), "{pair:?}");
        }
    }

    #[test]
    fn one_account_prefix_never_covers_another_account() {
        let short = AccountId::new("a");
        let with_nul = AccountId::new("a\0b");
        let event = HashedId::from_bytes([7; HASH_LEN]);
        let key_of_other = signal_key(&with_nul, &event, TopicId(1));
        assert!(!key_of_other.starts_with(&signal_prefix(&short)));
        assert!(signal_key(&short, &event, TopicId(1)).starts_with(&signal_prefix(&short)));
    }

    #[test]
    fn audit_keys_keep_the_sequence() {
        let account = HashedId::from_bytes([3; HASH_LEN]);
        let key = audit_key(&account, 42);
        assert_eq!(audit_key_sequence(&key), Some(42));
        assert_eq!(hash_from(&key), Some(account));
        assert!(audit_key(&account, 2) < audit_key(&account, 10));
    }
}
