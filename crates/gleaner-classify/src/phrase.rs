//! Compiled phrase lists: many phrases, a few Aho-Corasick automata (one
//! rendering each, split by script: a DFA for phrases in Latin letters, a
//! contiguous NFA for the others, run only over texts that have such
//! letters), every match reported.
//!
//! A phrase is written as plain words with three optional markers:
//!
//! - a leading `~` marks a **weak** phrase (ambiguous on its own; it counts
//!   for less, see [`crate::sensitive`]);
//! - a leading `=` makes the phrase **case-sensitive**: it is matched against
//!   the case-kept rendering, for acronyms whose lower-case form is an
//!   everyday word (`=MS`, `=AIDS`);
//! - a trailing `*` makes the last word a **prefix** (`diabet*` matches
//!   `diabetes`, `diabetic`, `diabético`, `diabète`).
//!
//! A phrase whose first word is Arabic also matches with the proclitics
//! written joined to it (`و` and, `ف` so, `ب` with/in, `ل` for, `ك` like,
//! and their pairs; `ال` + `ل` → `لل`): `الإسلام` matches `والإسلام`,
//! `بالإسلام` and `للإسلام`. Those forms count as the same phrase. First
//! words shorter than four letters only take `و` and `ف`, as a `ب` or `ل`
//! before a short word makes other words too often (`بدين`, obese).
//!
//! Matching uses the `Standard` match semantics with overlapping search, not
//! leftmost-longest: every phrase that occurs is reported, so a long phrase
//! can never hide a shorter one that overlaps it, and the caller decides what
//! a blocker (a near-miss phrase) cancels by comparing token spans.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::normalize::{normalize_phrase, normalize_phrase_cased, NormalizedText, Rendering};

/// One phrase as written in a list, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PhraseSpec {
    /// Normalized words, single-space separated, no padding.
    pub(crate) words: String,
    /// Which rendering it is matched against.
    pub(crate) rendering: Rendering,
    /// Whether the last word is a prefix.
    pub(crate) prefix: bool,
    /// Whether the phrase was marked weak (`~`).
    pub(crate) weak: bool,
}

impl PhraseSpec {
    /// Parses a phrase with its markers; `None` when no word is left.
    pub(crate) fn parse(raw: &str) -> Option<PhraseSpec> {
        let mut rest = raw.trim();
        let mut weak = false;
        let mut rendering = Rendering::Folded;
        loop {
            if let Some(stripped) = rest.strip_prefix('~') {
                weak = true;
                rest = stripped;
            } else if let Some(stripped) = rest.strip_prefix('=') {
                rendering = Rendering::Cased;
                rest = stripped;
            } else {
                break;
            }
        }
        let (body, prefix) = match rest.strip_suffix('*') {
            Some(body) => (body, true),
            None => (rest, false),
        };
        let words = match rendering {
            Rendering::Folded => normalize_phrase(body),
            Rendering::Cased => normalize_phrase_cased(body),
        };
        if words.is_empty() {
            return None;
        }
        Some(PhraseSpec {
            words,
            rendering,
            prefix,
            weak,
        })
    }

    /// The string handed to the automaton: padded so that it can only start
    /// (and, unless it is a prefix, end) on a token boundary.
    fn pattern(&self) -> String {
        if self.prefix {
            format!(" {}", self.words)
        } else {
            format!(" {} ", self.words)
        }
    }

    /// Returns the number of words.
    pub(crate) fn word_count(&self) -> usize {
        self.words.split(' ').count()
    }
}

/// One occurrence of a phrase in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch<P> {
    /// What the phrase stands for.
    pub(crate) payload: P,
    /// A number unique to the distinct phrase that matched.
    pub(crate) phrase: u32,
    /// First token covered.
    pub(crate) first_token: usize,
    /// Last token covered (inclusive).
    pub(crate) last_token: usize,
}

impl<P> PhraseMatch<P> {
    /// Returns true when the two matches share a token.
    pub(crate) fn overlaps<Q>(&self, other: &PhraseMatch<Q>) -> bool {
        self.first_token <= other.last_token && other.first_token <= self.last_token
    }

    /// Returns the number of tokens covered.
    pub(crate) fn token_len(&self) -> usize {
        self.last_token + 1 - self.first_token
    }

    /// Returns true when `self` covers every token of `other`.
    pub(crate) fn covers<Q>(&self, other: &PhraseMatch<Q>) -> bool {
        self.first_token <= other.first_token && other.last_token <= self.last_token
    }
}

/// Collects phrases before compiling them.
pub(crate) struct PhraseSetBuilder<P> {
    patterns: [Vec<String>; 2],
    payloads: [Vec<Vec<P>>; 2],
    /// For each pattern, the pattern whose phrase it is a form of (itself
    /// unless it is an Arabic proclitic form).
    canonical: [Vec<usize>; 2],
    index: HashMap<(usize, String), usize>,
}

impl<P: Copy + PartialEq> PhraseSetBuilder<P> {
    pub(crate) fn new() -> Self {
        Self {
            patterns: [Vec::new(), Vec::new()],
            payloads: [Vec::new(), Vec::new()],
            canonical: [Vec::new(), Vec::new()],
            index: HashMap::new(),
        }
    }

    /// Adds a parsed phrase. The same phrase added twice keeps both payloads
    /// (each reported once per occurrence).
    pub(crate) fn add(&mut self, spec: &PhraseSpec, payload: P) {
        let slot = rendering_slot(spec.rendering);
        let canonical = self.add_pattern(slot, spec.pattern(), None, payload);
        for form in arabic_proclitic_forms(&spec.words) {
            let pattern = if spec.prefix {
                format!(" {form}")
            } else {
                format!(" {form} ")
            };
            self.add_pattern(slot, pattern, Some(canonical), payload);
        }
    }

    /// Adds one pattern (or a payload to an existing one) and returns its
    /// position; `canonical` is the pattern it is a form of.
    fn add_pattern(
        &mut self,
        slot: usize,
        pattern: String,
        canonical: Option<usize>,
        payload: P,
    ) -> usize {
        let next = self.patterns[slot].len();
        let position = *self.index.entry((slot, pattern.clone())).or_insert(next);
        if position == next {
            self.patterns[slot].push(pattern);
            self.payloads[slot].push(Vec::new());
            self.canonical[slot].push(canonical.unwrap_or(next));
        }
        let payloads = &mut self.payloads[slot][position];
        if !payloads.contains(&payload) {
            payloads.push(payload);
        }
        position
    }

    /// Compiles the automata; this is the one costly step (milliseconds for
    /// tens of thousands of phrases), paid once per classifier.
    pub(crate) fn build(self) -> PhraseSet<P> {
        let [folded_patterns, cased_patterns] = self.patterns;
        let [folded_payloads, cased_payloads] = self.payloads;
        let [folded_canonical, cased_canonical] = self.canonical;
        PhraseSet {
            folded: compile(&folded_patterns),
            cased: compile(&cased_patterns),
            folded_payloads,
            cased_payloads,
            folded_canonical,
            cased_canonical,
        }
    }
}

/// Arabic proclitics joined to any first word, and those that go before the
/// article (where `ل` + `ال` is written `لل`).
const ARABIC_PROCLITICS: [&str; 10] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"];
const ARABIC_SHORT_WORD_PROCLITICS: [&str; 2] = ["و", "ف"];

/// Returns the forms of a normalized phrase with an Arabic proclitic joined to
/// its first word (none when the first word is not Arabic).
fn arabic_proclitic_forms(words: &str) -> Vec<String> {
    let (first, rest) = match words.split_once(' ') {
        Some((first, rest)) => (first, Some(rest)),
        None => (words, None),
    };
    if !first
        .chars()
        .all(|letter| ('\u{0620}'..='\u{064A}').contains(&letter))
    {
        return Vec::new();
    }
    let mut forms = Vec::new();
    if let Some(bare) = first.strip_prefix("ال") {
        for clitic in ["و", "ف", "ب", "ك", "وب", "فب", "وك"] {
            forms.push(format!("{clitic}{first}"));
        }
        // ل + ال → لل (and with و/ف before it).
        if !bare.starts_with('ل') {
            for clitic in ["لل", "ولل", "فلل"] {
                forms.push(format!("{clitic}{bare}"));
            }
        }
    } else if first.chars().count() >= 4 {
        for clitic in ARABIC_PROCLITICS {
            forms.push(format!("{clitic}{first}"));
        }
    } else {
        for clitic in ARABIC_SHORT_WORD_PROCLITICS {
            forms.push(format!("{clitic}{first}"));
        }
    }
    if let Some(rest) = rest {
        for form in &mut forms {
            form.push(' ');
            form.push_str(rest);
        }
    }
    forms
}

fn rendering_slot(rendering: Rendering) -> usize {
    match rendering {
        Rendering::Folded => 0,
        Rendering::Cased => 1,
    }
}

/// One compiled group of patterns: `patterns[id]` is the position (in its
/// rendering's list) of the automaton's pattern `id`.
#[derive(Clone, Debug)]
struct Group {
    automaton: AhoCorasick,
    patterns: Vec<usize>,
    /// Whether the group holds patterns with letters from U+0370 on (Arabic,
    /// Devanagari, kana, kanji…); such a group is only run over texts that
    /// have such a letter.
    wide: bool,
}

/// The automata of one rendering. Patterns written in Latin letters only go
/// into a DFA (fast, and small over their narrow byte alphabet); the others
/// go into a contiguous NFA, as their many UTF-8 bytes would multiply the
/// size of a DFA (tens of megabytes), and it runs only over texts that hold a
/// letter of those scripts.
#[derive(Clone, Debug, Default)]
struct Groups(Vec<Group>);

fn is_wide(pattern: &str) -> bool {
    pattern.chars().any(|letter| letter >= '\u{0370}')
}

fn compile(patterns: &[String]) -> Groups {
    let mut groups = Vec::new();
    for wide in [false, true] {
        let members: Vec<usize> = (0..patterns.len())
            .filter(|&position| is_wide(&patterns[position]) == wide)
            .collect();
        if members.is_empty() {
            continue;
        }
        let texts: Vec<&str> = members
            .iter()
            .map(|&position| patterns[position].as_str())
            .collect();
        let kind = if wide {
            AhoCorasickKind::ContiguousNFA
        } else {
            AhoCorasickKind::DFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&texts)
            .or_else(|_| {
                // A DFA can exceed its size limit; the contiguous NFA always fits.
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&texts)
            })
            .expect("phrase patterns are plain strings and always compile");
        groups.push(Group {
            automaton,
            patterns: members,
            wide,
        });
    }
    Groups(groups)
}

/// Compiled phrases, shareable across threads (cloning is cheap: the
/// automata are reference-counted inside).
#[derive(Clone, Debug)]
pub(crate) struct PhraseSet<P> {
    folded: Groups,
    cased: Groups,
    folded_payloads: Vec<Vec<P>>,
    cased_payloads: Vec<Vec<P>>,
    folded_canonical: Vec<usize>,
    cased_canonical: Vec<usize>,
}

impl<P: Copy> PhraseSet<P> {
    /// Reports every occurrence of every phrase, in no particular order.
    pub(crate) fn find_all(&self, text: &NormalizedText, matches: &mut Vec<PhraseMatch<P>>) {
        if text.is_empty() {
            return;
        }
        let renderings = [
            (
                Rendering::Folded,
                &self.folded,
                &self.folded_payloads,
                &self.folded_canonical,
                0u32,
            ),
            (
                Rendering::Cased,
                &self.cased,
                &self.cased_payloads,
                &self.cased_canonical,
                self.folded_payloads.len() as u32,
            ),
        ];
        for (rendering, groups, payloads, canonical, phrase_offset) in renderings {
            let haystack = text.rendering(rendering);
            let mut has_wide_letters = None;
            for group in &groups.0 {
                if group.wide && !*has_wide_letters.get_or_insert_with(|| is_wide(haystack)) {
                    continue;
                }
                for found in group.automaton.find_overlapping_iter(haystack) {
                    let pattern = group.patterns[found.pattern().as_usize()];
                    let (first_token, last_token) =
                        text.token_span(rendering, found.start(), found.end());
                    for &payload in &payloads[pattern] {
                        matches.push(PhraseMatch {
                            payload,
                            phrase: phrase_offset + canonical[pattern] as u32,
                            first_token,
                            last_token,
                        });
                    }
                }
            }
        }
    }

    /// Returns the heap memory held by the automata, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        [&self.folded, &self.cased]
            .into_iter()
            .flat_map(|groups| &groups.0)
            .map(|group| group.automaton.memory_usage())
            .sum()
    }

    /// Returns the number of distinct phrases.
    pub(crate) fn len(&self) -> usize {
        self.folded_payloads.len() + self.cased_payloads.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn set(phrases: &[(&str, u8)]) -> PhraseSet<u8> {
        let mut builder = PhraseSetBuilder::new();
        for &(raw, payload) in phrases {
            builder.add(&PhraseSpec::parse(raw).unwrap(), payload);
        }
        builder.build()
    }

    fn spans(set: &PhraseSet<u8>, text: &str) -> Vec<(u8, usize, usize)> {
        let mut found = Vec::new();
        set.find_all(&normalize(text), &mut found);
        let mut spans: Vec<_> = found
            .iter()
            .map(|found| (found.payload, found.first_token, found.last_token))
            .collect();
        spans.sort_unstable();
        spans
    }

    #[test]
    fn parses_markers() {
        let spec = PhraseSpec::parse("~=MS*").unwrap();
        assert!(spec.weak && spec.prefix);
        assert_eq!(spec.rendering, Rendering::Cased);
        assert_eq!(spec.words, "MS");
        assert_eq!(PhraseSpec::parse("Grève").unwrap().words, "greve");
        assert!(PhraseSpec::parse(" ~ -- ").is_none());
    }

    #[test]
    fn matches_only_on_token_boundaries() {
        let phrases = set(&[("union", 1)]);
        assert!(spans(&phrases, "a family reunion").is_empty());
        assert!(spans(&phrases, "unionized").is_empty());
        assert_eq!(spans(&phrases, "Union!"), vec![(1, 0, 0)]);
    }

    #[test]
    fn prefix_phrases_match_word_starts() {
        let phrases = set(&[("diabet*", 1)]);
        assert_eq!(spans(&phrases, "soy diabético"), vec![(1, 1, 1)]);
        assert_eq!(spans(&phrases, "my Diabetes"), vec![(1, 1, 1)]);
        assert!(spans(&phrases, "prediabetes").is_empty());
    }

    #[test]
    fn overlapping_and_adjacent_phrases_are_all_reported() {
        let phrases = set(&[("union", 1), ("union station", 2), ("trade union", 3)]);
        assert_eq!(
            spans(&phrases, "trade union union station"),
            vec![(1, 1, 1), (1, 2, 2), (2, 2, 3), (3, 0, 1)]
        );
    }

    #[test]
    fn case_sensitive_phrases_need_capitals() {
        let phrases = set(&[("=MS", 1)]);
        assert_eq!(spans(&phrases, "since my MS diagnosis"), vec![(1, 2, 2)]);
        assert!(spans(&phrases, "ms word").is_empty());
    }

    #[test]
    fn arabic_phrases_match_with_proclitics_as_one_phrase() {
        let phrases = set(&[("الإسلام", 1), ("نقابة العمال", 2), ("صوم", 3)]);
        assert_eq!(spans(&phrases, "أنا أؤمن بالإسلام"), vec![(1, 2, 2)]);
        assert_eq!(spans(&phrases, "انضممت لنقابة العمال"), vec![(2, 1, 2)]);
        assert_eq!(spans(&phrases, "وللإسلام"), vec![(1, 0, 0)]);
        assert_eq!(spans(&phrases, "ونقابة العمال"), vec![(2, 0, 1)]);
        // Short words take only و and ف.
        assert_eq!(spans(&phrases, "وصوم"), vec![(3, 0, 0)]);
        assert!(spans(&phrases, "بصوم").is_empty());
        // All forms are one phrase.
        let mut found = Vec::new();
        phrases.find_all(&normalize("الإسلام والإسلام"), &mut found);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].phrase, found[1].phrase);
    }

    #[test]
    fn japanese_phrases_match_inside_running_text() {
        let phrases = set(&[("イスラム教", 1), ("組合員", 2)]);
        assert_eq!(spans(&phrases, "夫はイスラム教徒です"), vec![(1, 2, 6)]);
        assert_eq!(spans(&phrases, "労働組合員として"), vec![(2, 2, 4)]);
    }
}
