//! No panic on any line given to the JSON Lines event parser; a rejected
//! line's reason never repeats the line's conversation text.
#![no_main]

use gleaner_engine::ingest::jsonl::{parse_event, ParseLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(event) = parse_event(line, ParseLimits::default()) {
        // A parsed event's text stays within the limit.
        if let gleaner_core::EventBody::AiInteraction(interaction) = &event.body {
            let bytes: usize = interaction.turns.iter().map(|turn| turn.text.len()).sum();
            assert!(bytes <= ParseLimits::default().max_text_bytes);
        }
    }
});
