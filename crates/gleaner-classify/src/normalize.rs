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
//! Scripts other than Latin:
//!
//! - **Han, hiragana and katakana** are written without spaces, so every such
//!   character is a token of its own: a phrase such as `イスラム教徒` is
//!   compiled to ` イ ス ラ ム 教 徒 ` and matches as a substring of any run of
//!   Japanese text, on character boundaries. Half-width katakana are widened
//!   by NFKD and the voicing marks (`゛`, `゜`) are put back on their kana
//!   (`ｹﾞｲ` → `ゲ イ`), so `ゲイ` never folds to `ケイ`.
//! - **Indic scripts** (Devanagari and its neighbours) keep their vowel signs
//!   and virama, which are combining marks but carry the word (`गाय` and `गया`
//!   differ only by them); only the nukta is dropped (`ज़` → `ज`, people type
//!   both) and candrabindu folds to anusvara (`ँ` → `ं`).
//! - **Arabic** loses its harakat (combining marks, like accents) and the
//!   tatweel; hamza seats fold to their bare letter through NFKD (`أ إ آ` →
//!   `ا`, `ؤ` → `و`, `ئ` → `ي`), `ة` folds to `ه`, `ى` and Persian `ی` to `ي`,
//!   and `ٱ` to `ا`. Arabic proclitics (`و`, `ب`, `ل`, `لل`…) are handled when
//!   phrases are compiled (see the `phrase` module), not here.
//! - Zero-width joiners and the soft hyphen vanish without cutting a token.
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
        if is_invisible(decomposed) {
            continue;
        }
        if is_kana_voicing_mark(decomposed) {
            builder.push_kana_voicing(decomposed);
            continue;
        }
        if is_indic_mark(decomposed) {
            builder.push_indic_mark(decomposed);
            continue;
        }
        if is_combining_mark(decomposed) {
            continue;
        }
        if decomposed.is_alphanumeric() {
            if is_unspaced_script(decomposed) {
                builder.push_single_letter_token(decomposed);
            } else {
                builder.push_letter(decomposed);
            }
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

/// Characters that vanish without cutting a token: zero-width (non-)joiners,
/// the soft hyphen, the word joiner, the byte-order mark and the Arabic tatweel.
fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}' | '\u{0640}'
    )
}

/// The combining kana voicing marks that NFKD splits off `が`, `パ`, `ｹﾞ`.
fn is_kana_voicing_mark(character: char) -> bool {
    matches!(character, '\u{3099}' | '\u{309A}')
}

/// Combining marks of the Indic scripts (Devanagari to Sinhala): vowel signs,
/// virama, anusvara, which belong to the word.
fn is_indic_mark(character: char) -> bool {
    ('\u{0900}'..='\u{0DFF}').contains(&character) && is_combining_mark(character)
}

/// Scripts written without spaces between words: each character is a token.
fn is_unspaced_script(character: char) -> bool {
    matches!(character,
        '\u{3005}'..='\u{3007}'      // 々 〆 〇
        | '\u{3040}'..='\u{30FF}'    // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'    // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}') // CJK extensions B+
}

#[derive(Default)]
struct Builder {
    folded: String,
    cased: String,
    folded_token_starts: Vec<usize>,
    cased_token_starts: Vec<usize>,
    in_token: bool,
    /// Whether the last character pushed was a token of a script without
    /// spaces (where a kana voicing mark may follow).
    last_unspaced: bool,
}

impl Builder {
    fn start_token_if_needed(&mut self) {
        self.last_unspaced = false;
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
            // Arabic letter variants people type interchangeably.
            'ة' => Some(("ه", "ه")),
            'ى' | 'ی' => Some(("ي", "ي")),
            'ک' => Some(("ك", "ك")),
            'ٱ' => Some(("ا", "ا")),
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

    /// Pushes a character of a script without spaces as a token of its own.
    fn push_single_letter_token(&mut self, letter: char) {
        self.end_token();
        self.push_letter(letter);
        self.end_token();
        self.last_unspaced = true;
    }

    /// Puts a voicing mark back on the kana before it (`カ` + `゙` → `ガ`);
    /// dropped when no kana precedes it.
    fn push_kana_voicing(&mut self, mark: char) {
        if !self.last_unspaced {
            return;
        }
        let (Some(folded), Some(cased)) = (self.folded.pop(), self.cased.pop()) else {
            return;
        };
        let folded_composed = unicode_normalization::char::compose(folded, mark);
        let cased_composed = unicode_normalization::char::compose(cased, mark);
        self.folded.push(folded_composed.unwrap_or(folded));
        self.cased.push(cased_composed.unwrap_or(cased));
    }

    /// Keeps an Indic vowel sign or virama in its word; drops the nukta and
    /// folds candrabindu to anusvara.
    fn push_indic_mark(&mut self, mark: char) {
        let mark = match mark {
            '\u{093C}' | '\u{09BC}' | '\u{0A3C}' | '\u{0ABC}' => return,
            '\u{0901}' => '\u{0902}',
            other => other,
        };
        if self.in_token {
            self.push_raw(mark, mark);
        }
    }

    fn push_raw(&mut self, folded: char, cased: char) {
        self.start_token_if_needed();
        self.folded.push(folded);
        self.cased.push(cased);
    }

    fn end_token(&mut self) {
        self.in_token = false;
        self.last_unspaced = false;
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

    #[test]
    fn japanese_characters_are_tokens_and_keep_their_voicing() {
        assert_eq!(normalize_phrase("私はゲイです"), "私 は ゲ イ で す");
        // Half-width katakana widen and keep their voicing mark.
        assert_eq!(normalize_phrase("ｹﾞｲ"), "ゲ イ");
        assert_ne!(normalize_phrase("ゲイ"), normalize_phrase("ケイ"));
        assert_eq!(normalize_phrase("パートナー"), "パ ー ト ナ ー");
        // Latin inside Japanese stays one token.
        assert_eq!(normalize_phrase("LGBTの友人"), "lgbt の 友 人");
    }

    #[test]
    fn devanagari_keeps_vowel_signs_and_drops_nukta() {
        assert_eq!(normalize_phrase("गाय"), "गाय");
        assert_ne!(normalize_phrase("गाय"), normalize_phrase("गया"));
        assert_eq!(normalize_phrase("मुसलमान।"), "मुसलमान");
        assert_eq!(normalize_phrase("ज़िंदगी"), normalize_phrase("जिंदगी"));
        assert_eq!(normalize_phrase("माँ"), normalize_phrase("मां"));
        // A zero-width joiner does not cut the word.
        assert_eq!(normalize_phrase("क्\u{200D}ष"), normalize_phrase("क्ष"));
    }

    #[test]
    fn arabic_letter_variants_fold() {
        assert_eq!(normalize_phrase("الإسلام"), normalize_phrase("الاسلام"));
        assert_eq!(normalize_phrase("نقابة"), normalize_phrase("نقابه"));
        assert_eq!(normalize_phrase("مستشفى"), normalize_phrase("مستشفي"));
        assert_eq!(normalize_phrase("مُسْلِمٌ"), normalize_phrase("مسلم"));
        assert_eq!(normalize_phrase("مســلم"), normalize_phrase("مسلم"));
        assert_eq!(normalize_phrase("آمن"), normalize_phrase("امن"));
    }
}
