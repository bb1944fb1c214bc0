//! Notes on the lexicon files in German, Italian, Indonesian, Hindi
//! (Devanagari and romanized), Arabic (MSA with common Gulf, Egyptian and
//! Levantine forms) and Japanese (`data/lexicon/{de,it,id,hi,ar,ja}.tsv`),
//! and their tests. Each file holds the seven category lists, its blockers
//! and the two sides of its own same-gender couple rule (a partner word, and
//! a same-gender phrase or an intimate product).
//!
//! How the scripts are matched (the flags `prefix`, `cased`, `weak` are the
//! markers `*`, `=`, `~` of [`crate::phrase`]):
//!
//! - German compounds are caught with the prefix marker on their first part
//!   (`gewerkschaft` with `prefix` for `Gewerkschaftsmitglied`); a compound whose telling
//!   part comes last is listed whole (`Brustkrebs`). Umlauts fold away
//!   (`schwül`, humid, and `schwul` are one word), so such words are weak or
//!   framed.
//! - Japanese is matched character by character (see [`crate::normalize`]), so
//!   every phrase is a substring match: `組合員` matches inside `労働組合員`.
//!   Phrases are therefore written long enough to be unambiguous, and
//!   compounds that mean something else are blockers (`ストレートジーンズ`).
//! - Arabic phrases match with joined proclitics (`و`, `ب`, `لل`…, see
//!   [`crate::phrase`]); suffixed forms (`نقابتي`, my union) are listed or
//!   prefix-marked.
//! - Hindi is listed in Devanagari and in romanized Hinglish spellings.

#[cfg(test)]
mod tests;
