//! Subjects of a stream and the shard of an account.

/// The 64-bit FNV-1a hash: stable across processes, platforms and
/// releases (unlike `std`'s `DefaultHasher`), which the shard of an
/// account must be.
fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// Returns the shard of an account: `fnv1a64(account_id) mod shards`.
pub fn shard_of(account_id: &str, shards: u32) -> u32 {
    debug_assert!(shards > 0);
    (fnv1a64(account_id.as_bytes()) % u64::from(shards.max(1))) as u32
}

/// The subject events of `shard` are published to.
pub fn event_subject(stream: &str, shard: u32) -> String {
    format!("{stream}.events.{shard}")
}

/// The wildcard subject of every shard.
pub fn events_wildcard(stream: &str) -> String {
    format!("{stream}.events.*")
}

/// The dead-letter subject.
pub fn dead_letter_subject(stream: &str) -> String {
    format!("{stream}.dlq")
}

/// The durable consumer of `shard`.
pub fn consumer_name(prefix: &str, shard: u32) -> String {
    format!("{prefix}-{shard}")
}

/// Returns true when `name` is usable as a stream name and subject token.
pub fn valid_stream_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn shards_are_stable_and_spread() {
        assert_eq!(shard_of("wa:2001", 64), shard_of("wa:2001", 64));
        let used: std::collections::BTreeSet<u32> = (0..1000)
            .map(|index| shard_of(&format!("fb:{index}"), 64))
            .collect();
        assert_eq!(used.len(), 64, "1000 accounts reach every one of 64 shards");
        assert!(used.iter().all(|shard| *shard < 64));
    }

    #[test]
    fn stream_names_are_subject_tokens() {
        assert!(valid_stream_name("gleaner-events_1"));
        assert!(!valid_stream_name("a.b"));
        assert!(!valid_stream_name("a*"));
        assert!(!valid_stream_name(""));
    }
}
