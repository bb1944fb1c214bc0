//! The phrase lists as data: `data/lexicon/<lang>.tsv`, one file per
//! language, compiled in and parsed once.
//!
//! Each line is `category<TAB>role<TAB>flags<TAB>phrase` under a header line
//! of those four names; empty lines and lines starting with `#` are skipped.
//! The file name is the language. The format, the roles and how to add a
//! phrase or a language are in `data/lexicon/README.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use gleaner_core::SensitiveCategory;

use crate::error::ClassifyError;
use crate::phrase::PhraseSpec;

/// The bundled files, in the order their rules are compiled (a phrase listed
/// in an earlier file may not be listed again in a later one).
pub(super) const BUNDLED: [(&str, &str); 10] = [
    ("en", include_str!("../../data/lexicon/en.tsv")),
    ("es", include_str!("../../data/lexicon/es.tsv")),
    ("pt", include_str!("../../data/lexicon/pt.tsv")),
    ("fr", include_str!("../../data/lexicon/fr.tsv")),
    ("de", include_str!("../../data/lexicon/de.tsv")),
    ("it", include_str!("../../data/lexicon/it.tsv")),
    ("id", include_str!("../../data/lexicon/id.tsv")),
    ("hi", include_str!("../../data/lexicon/hi.tsv")),
    ("ar", include_str!("../../data/lexicon/ar.tsv")),
    ("ja", include_str!("../../data/lexicon/ja.tsv")),
];

/// The languages whose same-gender couple rule pairs across each other (a
/// partner word in one with a same-gender phrase in another): their lists
/// were written as one. Every other language pairs within its own file.
pub(super) const SHARED_PAIR_LANGUAGES: [&str; 4] = ["en", "es", "pt", "fr"];

/// The header line every file starts with.
const HEADER: &str = "category\trole\tflags\tphrase";

/// What a line's phrase does (see `RuleKind` in the parent module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Role {
    /// A category phrase: strong, or weak with the `weak` flag.
    Phrase,
    /// Counts for its category only right before a `person_after` word.
    Descriptor,
    /// Ethnicity adjacency rule: an identity frame (`i m`, `somos`).
    Frame,
    /// Ethnicity adjacency rule: an origin, strong right after a frame.
    Origin,
    /// Ethnicity adjacency rule: a person word after an origin (`family`).
    PersonAfter,
    /// Ethnicity adjacency rule: a thing word after an origin (`food`).
    ThingAfter,
    /// Ethnicity adjacency rule: a thing word before an origin (`comida`).
    ThingBefore,
    /// Couple rule: a partner word (`my wife`).
    Partner,
    /// Couple rule: a same-gender phrase (`two women`).
    SameGender,
    /// Couple rule: an intimate product, a second pair with the partners.
    IntimateProduct,
    /// A near miss that cancels the matches it overlaps.
    Blocker,
    /// Joined with every `expand_origin` of its file into one ethnicity
    /// phrase (`ich bin` + `polin`).
    ExpandFrame,
    /// See [`Role::ExpandFrame`].
    ExpandOrigin,
}

impl Role {
    const ALL: [(Role, &'static str); 13] = [
        (Role::Phrase, "phrase"),
        (Role::Descriptor, "descriptor"),
        (Role::Frame, "frame"),
        (Role::Origin, "origin"),
        (Role::PersonAfter, "person_after"),
        (Role::ThingAfter, "thing_after"),
        (Role::ThingBefore, "thing_before"),
        (Role::Partner, "partner"),
        (Role::SameGender, "same_gender"),
        (Role::IntimateProduct, "intimate_product"),
        (Role::Blocker, "blocker"),
        (Role::ExpandFrame, "expand_frame"),
        (Role::ExpandOrigin, "expand_origin"),
    ];

    fn parse(raw: &str) -> Option<Role> {
        Role::ALL
            .iter()
            .find(|(_, name)| *name == raw)
            .map(|(role, _)| *role)
    }

    /// The only category this role may name, when it is tied to one rule.
    fn fixed_category(self) -> Option<SensitiveCategory> {
        match self {
            Role::Frame
            | Role::Origin
            | Role::PersonAfter
            | Role::ThingAfter
            | Role::ThingBefore
            | Role::ExpandFrame
            | Role::ExpandOrigin => Some(SensitiveCategory::Ethnicity),
            Role::Partner | Role::SameGender | Role::IntimateProduct => {
                Some(SensitiveCategory::SexualOrientation)
            }
            Role::Phrase | Role::Descriptor | Role::Blocker => None,
        }
    }
}

/// One line of a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The category; `None` only for a blocker of every category (`any`).
    pub(super) category: Option<SensitiveCategory>,
    pub(super) role: Role,
    /// `weak`: counts for less (category phrases only).
    pub(super) weak: bool,
    /// `cased`: matched against the case-kept rendering.
    pub(super) cased: bool,
    /// `prefix`: the last word is a prefix.
    pub(super) prefix: bool,
    /// The words, without markers.
    pub(super) phrase: String,
    /// 1-based line number in its file.
    pub(super) line: usize,
}

impl Entry {
    /// Returns the phrase in the marker syntax of [`PhraseSpec::parse`]
    /// (`~` weak, `=` case-sensitive, trailing `*` prefix).
    pub(super) fn marked(&self) -> String {
        format!(
            "{}{}{}{}",
            if self.weak { "~" } else { "" },
            if self.cased { "=" } else { "" },
            self.phrase,
            if self.prefix { "*" } else { "" }
        )
    }
}

/// One parsed file.
#[derive(Debug, Clone)]
pub(super) struct LexiconFile {
    /// The language (the file name without `.tsv`).
    pub(super) lang: &'static str,
    pub(super) entries: Vec<Entry>,
}

/// Returns the bundled files, parsed and checked on first use.
///
/// # Panics
///
/// Panics if a bundled file is invalid, which this crate's tests rule out.
pub(super) fn bundled() -> &'static [LexiconFile] {
    static FILES: OnceLock<Vec<LexiconFile>> = OnceLock::new();
    FILES.get_or_init(|| match parse_files(&BUNDLED) {
        Ok(files) => files,
        Err(error) => panic!("bundled lexicon is invalid: {error}"),
    })
}

/// Parses files given as `(language, text)` and rejects duplicates within
/// and across them.
pub(super) fn parse_files(
    files: &[(&'static str, &str)],
) -> Result<Vec<LexiconFile>, ClassifyError> {
    let parsed = files
        .iter()
        .map(|(lang, text)| {
            Ok(LexiconFile {
                lang,
                entries: parse_file(lang, text)?,
            })
        })
        .collect::<Result<Vec<_>, ClassifyError>>()?;
    check_duplicates(&parsed)?;
    Ok(parsed)
}

fn bad(lang: &str, line: usize, reason: impl Into<String>) -> ClassifyError {
    ClassifyError::BadLexiconLine {
        file: format!("{lang}.tsv"),
        line,
        reason: reason.into(),
    }
}

/// Parses one file. Every field is checked: known category (or `any` for a
/// blocker), known role, known flags (`-` for none), and a phrase with at
/// least one word and no marker characters of its own.
pub(super) fn parse_file(lang: &str, text: &str) -> Result<Vec<Entry>, ClassifyError> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header == HEADER => {}
        _ => return Err(bad(lang, 1, format!("expected the header `{HEADER}`"))),
    }
    let mut entries = Vec::new();
    for (index, line) in lines {
        let number = index + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [category, role, flags, phrase] = fields[..] else {
            return Err(bad(
                lang,
                number,
                format!("expected 4 tab-separated fields, found {}", fields.len()),
            ));
        };
        let role =
            Role::parse(role).ok_or_else(|| bad(lang, number, format!("unknown role `{role}`")))?;
        let category = match (category, role) {
            ("any", Role::Blocker) => None,
            ("any", _) => {
                return Err(bad(
                    lang,
                    number,
                    "only a blocker may name the category `any`",
                ));
            }
            (name, _) => Some(
                name.parse::<SensitiveCategory>()
                    .map_err(|error| bad(lang, number, error.to_string()))?,
            ),
        };
        if let (Some(fixed), Some(named)) = (role.fixed_category(), category) {
            if fixed != named {
                return Err(bad(
                    lang,
                    number,
                    format!(
                        "the role `{}` belongs to the category `{fixed}`",
                        role_name(role)
                    ),
                ));
            }
        }
        let (mut weak, mut cased, mut prefix) = (false, false, false);
        if flags != "-" {
            for flag in flags.split(',') {
                let slot = match flag {
                    "weak" => &mut weak,
                    "cased" => &mut cased,
                    "prefix" => &mut prefix,
                    other => return Err(bad(lang, number, format!("unknown flag `{other}`"))),
                };
                if *slot {
                    return Err(bad(lang, number, format!("flag `{flag}` given twice")));
                }
                *slot = true;
            }
        }
        if weak && role != Role::Phrase {
            return Err(bad(lang, number, "only a `phrase` may be `weak`"));
        }
        if phrase.trim() != phrase || phrase.contains("  ") {
            return Err(bad(
                lang,
                number,
                "stray spaces around or inside the phrase",
            ));
        }
        if phrase.starts_with(['~', '=']) || phrase.ends_with('*') || phrase.contains('|') {
            return Err(bad(
                lang,
                number,
                "marker character in the phrase (use the flags column: weak, cased, prefix; the category column scopes a blocker)",
            ));
        }
        let entry = Entry {
            category,
            role,
            weak,
            cased,
            prefix,
            phrase: phrase.to_owned(),
            line: number,
        };
        if PhraseSpec::parse(&entry.marked()).is_none() {
            return Err(bad(lang, number, "the phrase has no word"));
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn role_name(role: Role) -> &'static str {
    Role::ALL
        .iter()
        .find(|(candidate, _)| *candidate == role)
        .map_or("?", |(_, name)| name)
}

/// The pair group of a language (see [`SHARED_PAIR_LANGUAGES`]).
pub(super) fn pair_group(lang: &str) -> &str {
    if SHARED_PAIR_LANGUAGES.contains(&lang) {
        SHARED_PAIR_LANGUAGES[0]
    } else {
        lang
    }
}

/// Rejects an entry that compiles to the same rule as an earlier one: same
/// category, role and normalized phrase with the same flags. Matching does
/// not know languages, so that holds across files too, except where a rule
/// is scoped to a file (the `expand_*` product) or to a pair group.
fn check_duplicates(files: &[LexiconFile]) -> Result<(), ClassifyError> {
    /// What makes two entries one rule: scope, category, role, phrase.
    type RuleKey<'a> = (&'a str, Option<SensitiveCategory>, Role, PhraseSpec);
    let mut seen: HashMap<RuleKey, (&str, usize)> = HashMap::new();
    for file in files {
        for entry in &file.entries {
            let scope = match entry.role {
                Role::ExpandFrame | Role::ExpandOrigin => file.lang,
                Role::Partner | Role::SameGender | Role::IntimateProduct => pair_group(file.lang),
                _ => "",
            };
            let Some(spec) = PhraseSpec::parse(&entry.marked()) else {
                continue;
            };
            if let Some((lang, line)) = seen.insert(
                (scope, entry.category, entry.role, spec),
                (file.lang, entry.line),
            ) {
                return Err(bad(
                    file.lang,
                    entry.line,
                    format!("duplicate of {lang}.tsv line {line}"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
