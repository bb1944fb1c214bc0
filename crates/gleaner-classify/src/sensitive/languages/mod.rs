//! Phrase lists in German, Italian, Indonesian, Hindi (Devanagari and
//! romanized), Arabic (MSA with common Gulf, Egyptian and Levantine forms) and
//! Japanese, one file per language, each holding the seven category lists,
//! its blockers and the two sides of its same-gender couple rule (a partner
//! word, and a same-gender phrase or an intimate product).
//!
//! The same markers as the English lists apply (`~` weak, `=` case-sensitive,
//! `*` prefix). How the scripts are matched:
//!
//! - German compounds are caught with the prefix marker on their first part
//!   (`gewerkschaft*` for `Gewerkschaftsmitglied`); a compound whose telling
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

pub(super) mod ar;
pub(super) mod de;
pub(super) mod hi;
pub(super) mod id;
pub(super) mod it;
pub(super) mod ja;

/// The lists of one language.
pub(super) struct LanguageLists {
    pub(super) religion: &'static [&'static str],
    pub(super) sexual_orientation: &'static [&'static str],
    pub(super) politics: &'static [&'static str],
    pub(super) health: &'static [&'static str],
    pub(super) ethnicity: &'static [&'static str],
    pub(super) philosophy: &'static [&'static str],
    pub(super) trade_union: &'static [&'static str],
    /// Near misses (`category|phrase` cancels that category only).
    pub(super) blockers: &'static [&'static str],
    /// Partner words (`mein Freund`), one side of the same-gender couple rule.
    pub(super) partners: &'static [&'static str],
    /// Identity frames (`ich bin`, `mia madre è`) that make each of
    /// `origins` after them a strong ethnicity phrase (`ich bin Polin`).
    pub(super) origin_frames: &'static [&'static str],
    /// Origins said of a person (`Polin`, `senegalese`).
    pub(super) origins: &'static [&'static str],
    /// Same-gender phrases (`zwei Frauen`) and intimate products bought with
    /// a partner (`Gleitgel`), the other side.
    pub(super) same_gender: &'static [&'static str],
}

/// Every language of this module.
pub(super) const ALL: [&LanguageLists; 6] = [
    &de::LISTS,
    &it::LISTS,
    &id::LISTS,
    &hi::LISTS,
    &ar::LISTS,
    &ja::LISTS,
];

#[cfg(test)]
mod tests;
