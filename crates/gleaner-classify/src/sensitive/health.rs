//! Medical word endings: a health signal no phrase list could hold (the
//! phrases themselves are in `data/lexicon/`).

/// Word endings that name a condition, a procedure or a drug class
/// (`gastritis`, `fibrosis`, `anemia`, `carcinoma`, `appendectomy`,
/// `omeprazole`, `atorvastatin`, `adalimumab`), with the shortest word each
/// may end: most rare conditions and drugs are in no list, but their
/// endings are regular. [`NOT_MEDICAL_WORDS`] lists the everyday words that
/// end the same way.
pub(super) const MEDICAL_SUFFIXES: &[(&str, usize)] = &[
    ("itis", 7),
    ("osis", 7),
    ("emia", 6),
    ("aemia", 7),
    ("emie", 6),
    ("ectomy", 8),
    ("ectomia", 9),
    ("ectomie", 9),
    ("plasia", 8),
    ("pathy", 8),
    ("patia", 8),
    ("pathie", 9),
    ("trophy", 9),
    ("oma", 7),
    ("omas", 8),
    ("algia", 8),
    ("prazole", 9),
    ("azole", 9),
    ("statin", 9),
    ("mycin", 8),
    ("cillin", 8),
    ("dipine", 9),
    ("sartan", 9),
    ("olol", 7),
    ("pril", 8),
    ("tidine", 9),
    ("umab", 8),
    ("ximab", 8),
    ("tinib", 8),
    ("oxetine", 9),
    ("azepam", 8),
    ("triptyline", 11),
    ("phobia", 8),
    ("fobia", 8),
    ("phobie", 8),
];

/// Everyday words with a medical ending (see [`MEDICAL_SUFFIXES`]).
pub(super) const NOT_MEDICAL_WORDS: &[&str] = &[
    "academia",
    "academie",
    "bohemia",
    "osmosis",
    "symbiosis",
    "metamorphosis",
    "apotheosis",
    "empathy",
    "sympathy",
    "telepathy",
    "antipathy",
    "simpatia",
    "empatia",
    "telepatia",
    "antipatia",
    "sympathie",
    "empathie",
    "telepathie",
    "antipathie",
    "oklahoma",
    "diploma",
    "diplomas",
    "palomas",
    "nostalgia",
    "tacomas",
    "calamitis",
];

/// Returns true when a word of the folded text has a medical ending.
pub(super) fn has_medical_word(folded: &str) -> bool {
    folded.split(' ').any(|word| {
        !NOT_MEDICAL_WORDS.contains(&word)
            && word.chars().all(char::is_alphabetic)
            && MEDICAL_SUFFIXES
                .iter()
                .any(|(suffix, shortest)| word.len() >= *shortest && word.ends_with(suffix))
    })
}
