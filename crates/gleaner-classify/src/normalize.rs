//! Text normalization shared by every phrase list and every input.
//!
//! Both sides of a match go through [`normalize`]: Unicode NFKD, combining
//! marks stripped (so `diagnóstico`, `grève` and `église` match `diagnostico`,
//! `greve` and `eglise`), lower-cased, and every character that is not a
//! letter or digit turned into a token boundary (apostrophes and hyphens
//! included: `l'église` → `l eglise`, `self-harm` → `self harm`). `+` and `#`
//! directly after a letter or digit stay in the token, so `c++` and `c#` do
//! not collapse to `c`.
//!
//! The result is padded: one space before every token and one after the last
//! (`" tok tok "`). Phrases are compiled to `" phrase words "`, so a match
//! can only start and end on a token boundary (`union` never matches inside
//! `reunion`). [`NormalizedText::token_span`] maps a byte range of a match back
//! to token positions, which is how overlapping matches are compared.
//!
//! A second, case-kept rendering of the same tokens exists for the few
//! phrases that must match in capitals only (acronyms such as `MS` or
//! `AIDS`, whose lower-case forms are everyday words).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A text cut into tokens, rendered twice (folded and case-kept), each
/// rendering padded with spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    folded: String,
    cased: String,
    folded_token_starts: Vec<usize>,
    cased_token_starts: Vec<usize>,
}

/// Which rendering of a [`NormalizedText`] a phrase is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rendering {
    /// Lower-cased (the default for every phrase).
    Folded,
    /// Case kept (acronym phrases only).
    Cased,
}

impl NormalizedText {
    /// Returns the padded rendering, `" tok tok "` (a single space when there
    /// is no token).
    pub fn rendering(&self, rendering: Rendering) -> &str {
        match rendering {
            Rendering::Folded => &self.folded,
            Rendering::Cased => &self.cased,
        }
    }

    /// Returns the number of tokens.
    pub fn token_count(&self) -> usize {
        self.folded_token_starts.len()
    }

    /// Returns true when the text holds no letter or digit.
    pub fn is_empty(&self) -> bool {
        self.folded_token_starts.is_empty()
    }

    /// Maps the byte range `start..end` of a match in a rendering to the
    /// first and last token it touches (inclusive). `start` must be the
    /// padding space in front of a token, as for every compiled phrase.
    pub fn token_span(&self, rendering: Rendering, start: usize, end: usize) -> (usize, usize) {
        let (starts, text) = match rendering {
            Rendering::Folded => (&self.folded_token_starts, &self.folded),
            Rendering::Cased => (&self.cased_token_starts, &self.cased),
        };
        let first = starts
            .partition_point(|&token_start| token_start <= start + 1)
            .saturating_sub(1);
        // The last byte of a match is either the padding space after its last
        // token (whole-word phrases) or a byte inside it (prefix phrases).
        let mut last_byte = end.saturating_sub(1);
        if text.as_bytes().get(last_byte) == Some(&b' ') {
            last_byte = last_byte.saturating_sub(1);
        }
        let last = starts
            .partition_point(|&token_start| token_start <= last_byte)
            .saturating_sub(1);
        (first, last.max(first))
    }
}

/// Normalizes a text (see the module docs).
pub fn normalize(text: &str) -> NormalizedText {
    let mut builder = Builder::default();
    for decomposed in text.nfkd() {
        if is_combining_mark(decomposed) {
            continue;
        }
        if decomposed.is_alphanumeric() {
            builder.push_letter(decomposed);
        } else if (decomposed == '+' || decomposed == '#') && builder.in_token {
            builder.push_raw(decomposed, decomposed);
        } else {
            builder.end_token();
        }
    }
    builder.finish()
}

/// Normalizes a phrase to its folded token string, without padding
/// (`"Délégué-Syndical"` → `"delegue syndical"`).
pub fn normalize_phrase(phrase: &str) -> String {
    let normalized = normalize(phrase);
    normalized.folded.trim().to_owned()
}

/// Normalizes a phrase to its case-kept token string, without padding.
pub fn normalize_phrase_cased(phrase: &str) -> String {
    let normalized = normalize(phrase);
    normalized.cased.trim().to_owned()
}

#[derive(Default)]
struct Builder {
    folded: String,
    cased: String,
    folded_token_starts: Vec<usize>,
    cased_token_starts: Vec<usize>,
    in_token: bool,
}

impl Builder {
    fn start_token_if_needed(&mut self) {
        if !self.in_token {
            self.folded.push(' ');
            self.cased.push(' ');
            self.folded_token_starts.push(self.folded.len());
            self.cased_token_starts.push(self.cased.len());
            self.in_token = true;
        }
    }

    fn push_letter(&mut self, letter: char) {
        // Letters that NFKD leaves whole but people type without the mark.
        let replacement = match letter {
            'œ' => Some(("oe", "oe")),
            'Œ' => Some(("oe", "OE")),
            'æ' => Some(("ae", "ae")),
            'Æ' => Some(("ae", "AE")),
            'ß' => Some(("ss", "ss")),
            'ẞ' => Some(("ss", "SS")),
            'ø' => Some(("o", "o")),
            'Ø' => Some(("o", "O")),
            'ł' => Some(("l", "l")),
            'Ł' => Some(("l", "L")),
            'đ' => Some(("d", "d")),
            'Đ' => Some(("d", "D")),
            'ı' => Some(("i", "i")),
            _ => None,
        };
        self.start_token_if_needed();
        if let Some((folded, cased)) = replacement {
            self.folded.push_str(folded);
            self.cased.push_str(cased);
            return;
        }
        for lower in letter.to_lowercase() {
            if !is_combining_mark(lower) {
                self.folded.push(lower);
            }
        }
        self.cased.push(letter);
    }

    fn push_raw(&mut self, folded: char, cased: char) {
        self.start_token_if_needed();
        self.folded.push(folded);
        self.cased.push(cased);
    }

    fn end_token(&mut self) {
        self.in_token = false;
    }

    fn finish(mut self) -> NormalizedText {
        self.folded.push(' ');
        self.cased.push(' ');
        NormalizedText {
            folded: self.folded,
            cased: self.cased,
            folded_token_starts: self.folded_token_starts,
            cased_token_starts: self.cased_token_starts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_sharp_s_folds_like_the_small_one() {
        // Regression: proptest found that normalizing "ẞ" twice differed.
        let once = normalize("ẞ");
        assert_eq!(once.rendering(Rendering::Folded), " ss ");
        let twice = normalize(once.rendering(Rendering::Folded));
        assert_eq!(twice.rendering(Rendering::Folded), " ss ");
    }

    #[test]
    fn strips_accents_case_and_punctuation() {
        let normalized = normalize("Délégué-Syndical, l'Église!  São Paulo — CŒUR");
        assert_eq!(
            normalized.rendering(Rendering::Folded),
            " delegue syndical l eglise sao paulo coeur "
        );
        assert_eq!(
            normalized.rendering(Rendering::Cased),
            " Delegue Syndical l Eglise Sao Paulo COEUR "
        );
        assert_eq!(normalized.token_count(), 7);
    }

    #[test]
    fn empty_and_punctuation_only_texts_have_no_token() {
        assert!(normalize("").is_empty());
        assert!(normalize(" ¿?! -- ").is_empty());
        assert_eq!(normalize("...").rendering(Rendering::Folded), " ");
    }

    #[test]
    fn keeps_plus_and_hash_after_a_letter() {
        assert_eq!(normalize_phrase("C++ and C#"), "c++ and c#");
        assert_eq!(normalize_phrase("#running"), "running");
    }

    #[test]
    fn compatibility_forms_are_folded() {
        // Full-width letters and ligatures decompose under NFKD.
        assert_eq!(normalize_phrase("ＵＮＩＯＮ ﬁt"), "union fit");
    }

    #[test]
    fn token_span_maps_byte_ranges_to_tokens() {
        let normalized = normalize("my trade union rep");
        let folded = normalized.rendering(Rendering::Folded);
        let start = folded.find(" trade union ").unwrap();
        let end = start + " trade union ".len();
        assert_eq!(normalized.token_span(Rendering::Folded, start, end), (1, 2));
        // A prefix match ends inside a token.
        let start = folded.find(" un").unwrap();
        assert_eq!(
            normalized.token_span(Rendering::Folded, start, start + 3),
            (2, 2)
        );
    }
}
