//! No panic on any bytes given to the Claude export parser; where format
//! detection picks the same format, both give the same conversations.
#![no_main]

use gleaner_engine::ingest::export::{parse_export, parse_claude, ExportFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let named = parse_claude(data);
    let detected = parse_export(data);
    if let (Ok(named), Ok(detected)) = (&named, &detected) {
        if detected.format == named.format {
            assert_eq!(named, detected, "detection and the named parser disagree");
        }
        for (position, conversation) in named.conversations.iter().enumerate() {
            assert_eq!(conversation.index, position);
        }
    }
    if let Ok(detected) = &detected {
        assert!(detected.format != ExportFormat::Empty || detected.conversations.is_empty());
    }
});
