//! LANGNAME phrase lists (see the module docs of `languages`).

use super::LanguageLists;

pub(in crate::sensitive) const LISTS: LanguageLists = LanguageLists {
    religion: &[],
    sexual_orientation: &[],
    politics: &[],
    health: &[],
    ethnicity: &[],
    philosophy: &[],
    trade_union: &[],
    blockers: &[],
    partners: &[],
    same_gender: &[],
};
