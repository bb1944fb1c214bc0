//! Detection of the seven sensitive categories of SPEC §4, tuned for recall.
//!
//! The phrases live in `data/lexicon/<lang>.tsv`, one file per language
//! (English, Spanish, Portuguese, French, German, Italian, Indonesian, Hindi,
//! Arabic, Japanese; format in `data/lexicon/README.md`), compiled in and
//! parsed once by `lexicon`: identity statements (`as a Sikh`, `two grooms`, `ethical vegan`),
//! practices that reveal the category (`iftar`, `keeping kosher`, `shop
//! steward`, `canvassing`), conditions, medications, procedures,
//! organisations and events. Blockers are near misses (`union station`,
//! `sql union`, `pain au chocolat`, `a pride of lions`) that cancel a hit.
//!
//! # How a conversation is scored
//!
//! 1. Every turn (user, assistant and system alike: SPEC §4 says *any turn*)
//!    is normalized and run through one automaton holding every phrase of
//!    every category and every blocker; all matches are reported, overlapping
//!    ones included.
//! 2. A category match is dropped when a blocker match overlaps it (`union`
//!    in `union station`, `union member` in `European Union member states`),
//!    unless the match is longer than the blocker and contains it whole. A
//!    blocker written `category|phrase` cancels that category only
//!    (`politics|union election`). Nothing else cancels a match: negation
//!    (`I'm not religious`) still touches the category.
//! 3. Two rules look at more than one phrase:
//!    - **adjacency** (ethnicity): an origin right after an identity frame
//!      (`I'm` + `Nigerian`, `somos` + `marroquíes`, `à moitié` + `kabyles`)
//!      is a strong match, unless a word right after or before it makes it
//!      about a thing (`Nigerian passport`, `comida mexicana`);
//!    - **co-occurrence** (sexual orientation): a partner word (`my wife`,
//!      `mon mari`) and a same-gender phrase (`two women`, `dos hombres`)
//!      anywhere in the conversation reveal a same-sex couple, while either
//!      alone says nothing.
//! 4. A match nested in a longer match of the same category is the same
//!    mention (`flu` in `the flu`). Each distinct phrase counts once per
//!    conversation: a strong phrase weighs [`STRONG_WEIGHT`], a weak one
//!    (ambiguous on its own, such as `pride` or `union`) weighs
//!    [`WEAK_WEIGHT`].
//! 5. The score of a category is `1 - 0.5^weight`. A category is reported when
//!    its score reaches [`SENSITIVE_THRESHOLD`] (0.5): **one strong phrase
//!    anywhere in the conversation is enough**, or two different weak ones.
//!
//! Results never carry the matched words; [`SensitiveDetector::rule_matches`]
//! gives rule numbers for debugging.
//!
//! The lists were tuned on `data/eval/dev.jsonl` and checked on the bundled
//! sample events; `data/eval/heldout.jsonl` was never read while tuning.
//!
//! # Layout
//!
//! - `lexicon`: parses and checks the lexicon files (category phrases,
//!   descriptors, the pieces of the adjacency and co-occurrence rules,
//!   blockers) into [`SensitiveDetector::new`]'s rules.
//! - `health`: the medical word endings.
//! - `languages`: notes on how each script is matched, and per-language
//!   tests.

mod health;
mod languages;
mod lexicon;

use gleaner_core::{Conversation, SensitiveCategory};
use serde::Serialize;

use crate::normalize::{normalize, Rendering};
use crate::phrase::{PhraseMatch, PhraseSet, PhraseSetBuilder, PhraseSpec};
use crate::{SensitiveHit, Tier};

use self::lexicon::{Entry, LexiconFile, Role};

/// The weight of a strong phrase: one is enough to flag a conversation.
pub const STRONG_WEIGHT: f32 = 1.0;
/// The weight of a weak phrase: two different ones flag a conversation.
pub const WEAK_WEIGHT: f32 = 0.5;
/// The score from which a category is reported (`1 - 0.5^1`).
pub const SENSITIVE_THRESHOLD: f32 = 0.5;

/// What one rule does when its phrase matches.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RuleKind {
    /// Adds `weight` to `category`.
    Category {
        category: SensitiveCategory,
        weight: f32,
    },
    /// One side of a co-occurrence pair: the pair adds a strong weight to
    /// `category` when both sides occur in the conversation.
    PairSide {
        category: SensitiveCategory,
        pair: u16,
        side: u8,
    },
    /// A piece of an adjacency rule (ethnicity frames): see [`Piece`].
    Piece(Piece),
    /// A descriptor that points at `category` only when a person word
    /// follows it (`straight guys`, `conservative parents`, `blind man`).
    Descriptor { category: SensitiveCategory },
    /// Cancels the category matches it overlaps (of one category only when
    /// `only` is set).
    Blocker { only: Option<SensitiveCategory> },
}

/// The pieces of the ethnicity adjacency rule: an origin right after a frame
/// (`I'm` + `Nigerian`) is a strong ethnicity match, unless a word right after
/// it (`Nigerian passport`) or right before it (`comida mexicana`) makes it
/// about a thing. Matching the pieces separately and checking adjacency keeps
/// the automaton small (a frame-by-origin product would hold tens of
/// thousands of phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Frame,
    Origin,
    ThingAfter,
    ThingBefore,
    /// A person word right after an origin (`Chinese family`, `latino
    /// people`): said of people, like a frame before it.
    PersonAfter,
}

impl RuleKind {
    fn category(self) -> Option<SensitiveCategory> {
        match self {
            RuleKind::Category { category, .. } | RuleKind::PairSide { category, .. } => {
                Some(category)
            }
            RuleKind::Piece(_) => Some(SensitiveCategory::Ethnicity),
            RuleKind::Descriptor { category } => Some(category),
            RuleKind::Blocker { .. } => None,
        }
    }

    fn is_blocker(self) -> bool {
        matches!(self, RuleKind::Blocker { .. })
    }
}

/// One phrase match, by rule number, for debugging. Carries no text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RuleMatch {
    /// The rule number (stable for one build of the phrase lists).
    pub rule: u32,
    /// The category it points at; `None` for a blocker.
    pub category: Option<SensitiveCategory>,
    /// The index of the turn it was found in.
    pub turn: usize,
    /// True when a blocker covered it, so it did not count.
    pub blocked: bool,
}

/// The compiled sensitive-category detector. Cheap to clone.
#[derive(Debug, Clone)]
pub struct SensitiveDetector {
    phrases: PhraseSet<u32>,
    rules: Vec<RuleKind>,
    /// The list entry of each rule (never user text; used by tests only).
    #[cfg_attr(not(test), allow(dead_code))]
    rule_sources: Vec<String>,
    /// The category of each co-occurrence pair.
    pair_categories: Vec<SensitiveCategory>,
}

impl Default for SensitiveDetector {
    fn default() -> Self {
        Self::new()
    }
}

impl SensitiveDetector {
    /// Compiles the bundled lexicon (`data/lexicon/*.tsv`).
    pub fn new() -> Self {
        let files = lexicon::bundled();
        let mut compiler = RuleCompiler::default();
        for file in files {
            let of_role = |role: Role| file.entries.iter().filter(move |entry| entry.role == role);
            for entry in of_role(Role::Phrase) {
                if let Some(category) = entry.category {
                    compiler.add_category_phrase(&entry.marked(), category);
                }
            }
            for frame in of_role(Role::ExpandFrame) {
                for origin in of_role(Role::ExpandOrigin) {
                    compiler.add_category_phrase(
                        &format!("{} {}", frame.marked(), origin.marked()),
                        SensitiveCategory::Ethnicity,
                    );
                }
            }
        }
        for (role, piece) in [
            (Role::Frame, Piece::Frame),
            (Role::Origin, Piece::Origin),
            (Role::ThingAfter, Piece::ThingAfter),
            (Role::ThingBefore, Piece::ThingBefore),
            (Role::PersonAfter, Piece::PersonAfter),
        ] {
            for entry in entries_of(files, role) {
                compiler.add(&entry.marked(), RuleKind::Piece(piece));
            }
        }
        for entry in entries_of(files, Role::Descriptor) {
            if let Some(category) = entry.category {
                compiler.add(&entry.marked(), RuleKind::Descriptor { category });
            }
        }
        // The couple rule: in each pair group, partner words pair with
        // same-gender phrases, and (a second pair) with intimate products.
        let mut pair_categories = Vec::new();
        let mut groups: Vec<&str> = Vec::new();
        for file in files {
            let group = lexicon::pair_group(file.lang);
            if !groups.contains(&group) {
                groups.push(group);
            }
        }
        for group in groups {
            let in_group = |role: Role| {
                files
                    .iter()
                    .filter(move |file| lexicon::pair_group(file.lang) == group)
                    .flat_map(move |file| {
                        file.entries.iter().filter(move |entry| entry.role == role)
                    })
            };
            for other_side in [Role::SameGender, Role::IntimateProduct] {
                if in_group(Role::Partner).next().is_none() || in_group(other_side).next().is_none()
                {
                    continue;
                }
                let category = SensitiveCategory::SexualOrientation;
                let pair = pair_categories.len() as u16;
                pair_categories.push(category);
                for (side, role) in [(0_u8, Role::Partner), (1_u8, other_side)] {
                    for entry in in_group(role) {
                        compiler.add(
                            &entry.marked(),
                            RuleKind::PairSide {
                                category,
                                pair,
                                side,
                            },
                        );
                    }
                }
            }
        }
        for entry in entries_of(files, Role::Blocker) {
            compiler.add(
                &entry.marked(),
                RuleKind::Blocker {
                    only: entry.category,
                },
            );
        }
        Self {
            phrases: compiler.builder.build(),
            rules: compiler.rules,
            rule_sources: compiler.sources,
            pair_categories,
        }
    }

    /// Returns the list entry behind a rule number (tests and tuning only).
    #[cfg(test)]
    pub(crate) fn rule_source(&self, rule: u32) -> &str {
        &self.rule_sources[rule as usize]
    }

    /// Returns the heap memory held by the compiled phrases, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.phrases.memory_usage()
    }

    /// Returns the number of rules (category phrases and blockers).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Returns every rule match of a conversation, blocked ones included
    /// (the pieces of the ethnicity frame rule are left out).
    pub fn rule_matches(&self, conversation: &Conversation) -> Vec<RuleMatch> {
        let mut found = Vec::new();
        let mut rule_matches = Vec::new();
        for (turn_index, turn) in conversation.turns.iter().enumerate() {
            found.clear();
            self.phrases
                .find_all(&normalize(turn.text.expose()), &mut found);
            for (phrase_match, blocked) in self.resolve(&found) {
                let kind = self.rules[phrase_match.payload as usize];
                if matches!(kind, RuleKind::Piece(_) | RuleKind::Descriptor { .. }) {
                    // Frames and origins are building blocks, not matches.
                    continue;
                }
                let category = kind.category();
                rule_matches.push(RuleMatch {
                    rule: phrase_match.payload,
                    category,
                    turn: turn_index,
                    blocked,
                });
            }
        }
        rule_matches.sort_by_key(|found| (found.turn, found.rule));
        rule_matches.dedup();
        rule_matches
    }

    /// Pairs every match with whether a blocker cancels it: a blocker
    /// cancels every match it overlaps, unless the match is longer than the
    /// blocker and contains it whole (a specific sensitive phrase that merely
    /// includes a near miss still counts).
    fn resolve<'found>(
        &'found self,
        found: &'found [PhraseMatch<u32>],
    ) -> impl Iterator<Item = (&'found PhraseMatch<u32>, bool)> + 'found {
        let blocker_spans: Vec<&PhraseMatch<u32>> = found
            .iter()
            .filter(|candidate| self.rules[candidate.payload as usize].is_blocker())
            .collect();
        found.iter().map(move |phrase_match| {
            let kind = self.rules[phrase_match.payload as usize];
            let blocked = !kind.is_blocker()
                && blocker_spans.iter().any(|blocker| {
                    let RuleKind::Blocker { only } = self.rules[blocker.payload as usize] else {
                        return false;
                    };
                    only.is_none_or(|category| kind.category() == Some(category))
                        && blocker.overlaps(phrase_match)
                        && !(phrase_match.covers(blocker)
                            && phrase_match.token_len() > blocker.token_len())
                });
            (phrase_match, blocked)
        })
    }

    /// Applies the ethnicity adjacency rule (see [`Piece`]) to one turn's
    /// matches. Blocked pieces take no part.
    fn adjacent_origins(&self, found: &[PhraseMatch<u32>]) -> Vec<KeptMatch> {
        let mut pieces: [Vec<PhraseMatch<u32>>; 5] = Default::default();
        for (phrase_match, blocked) in self.resolve(found) {
            if let (RuleKind::Piece(piece), false) =
                (self.rules[phrase_match.payload as usize], blocked)
            {
                pieces[piece as usize].push(*phrase_match);
            }
        }
        let [frames, origins, things_after, things_before, people_after] = &pieces;
        let mut hits = Vec::new();
        for origin in origins {
            if let Some(person) = people_after
                .iter()
                .find(|person| person.first_token == origin.last_token + 1)
            {
                hits.push(KeptMatch {
                    span: PhraseMatch {
                        payload: origin.payload,
                        phrase: origin.phrase,
                        first_token: origin.first_token,
                        last_token: person.last_token,
                    },
                    category: SensitiveCategory::Ethnicity,
                    weight: STRONG_WEIGHT,
                });
                continue;
            }
            let names_a_thing_after = things_after
                .iter()
                .any(|thing| thing.first_token == origin.last_token + 1);
            let names_a_thing_before = things_before
                .iter()
                .any(|thing| thing.last_token + 1 == origin.first_token);
            if names_a_thing_after || names_a_thing_before {
                continue;
            }
            if let Some(frame) = frames
                .iter()
                .find(|frame| frame.last_token + 1 == origin.first_token)
            {
                hits.push(KeptMatch {
                    span: PhraseMatch {
                        payload: origin.payload,
                        phrase: origin.phrase,
                        first_token: frame.first_token,
                        last_token: origin.last_token,
                    },
                    category: SensitiveCategory::Ethnicity,
                    weight: STRONG_WEIGHT,
                });
            }
        }
        hits
    }

    /// Applies the descriptor rule: a descriptor right before a person word
    /// (`straight guys`, `Druze mother`) is a strong match of its category.
    fn described_people(&self, found: &[PhraseMatch<u32>]) -> Vec<KeptMatch> {
        let people: Vec<&PhraseMatch<u32>> = self
            .resolve(found)
            .filter(|(phrase_match, blocked)| {
                !blocked
                    && self.rules[phrase_match.payload as usize]
                        == RuleKind::Piece(Piece::PersonAfter)
            })
            .map(|(phrase_match, _)| phrase_match)
            .collect();
        self.resolve(found)
            .filter(|(_, blocked)| !blocked)
            .filter_map(|(descriptor, _)| {
                let RuleKind::Descriptor { category } = self.rules[descriptor.payload as usize]
                else {
                    return None;
                };
                let person = people
                    .iter()
                    .find(|person| person.first_token == descriptor.last_token + 1)?;
                Some(KeptMatch {
                    span: PhraseMatch {
                        payload: descriptor.payload,
                        phrase: descriptor.phrase,
                        first_token: descriptor.first_token,
                        last_token: person.last_token,
                    },
                    category,
                    weight: STRONG_WEIGHT,
                })
            })
            .collect()
    }

    /// Scores the seven categories over the whole conversation and returns
    /// those at or above [`SENSITIVE_THRESHOLD`], highest score first.
    pub fn detect(&self, conversation: &Conversation) -> Vec<SensitiveHit> {
        let mut counted: Vec<(u32, SensitiveCategory)> = Vec::new();
        let mut weights = [0.0_f32; 7];
        let mut found = Vec::new();
        let mut kept: Vec<KeptMatch> = Vec::new();
        let mut pair_sides = vec![[false; 2]; self.pair_categories.len()];
        let mut medical_word = false;
        for turn in &conversation.turns {
            found.clear();
            let normalized = normalize(turn.text.expose());
            medical_word =
                medical_word || health::has_medical_word(normalized.rendering(Rendering::Folded));
            self.phrases.find_all(&normalized, &mut found);
            let mut candidates: Vec<KeptMatch> = self
                .resolve(&found)
                .filter(|(_, blocked)| !blocked)
                .filter_map(
                    |(phrase_match, _)| match self.rules[phrase_match.payload as usize] {
                        RuleKind::Category { category, weight } => Some(KeptMatch {
                            span: *phrase_match,
                            category,
                            weight,
                        }),
                        RuleKind::PairSide { pair, side, .. } => {
                            pair_sides[usize::from(pair)][usize::from(side)] = true;
                            None
                        }
                        RuleKind::Blocker { .. }
                        | RuleKind::Piece(_)
                        | RuleKind::Descriptor { .. } => None,
                    },
                )
                .collect();
            candidates.extend(self.adjacent_origins(&found));
            candidates.extend(self.described_people(&found));
            // Longest first, then strongest: a phrase nested in a longer one
            // of the same category is the same mention and does not add up.
            candidates.sort_by(|left, right| {
                right
                    .span
                    .token_len()
                    .cmp(&left.span.token_len())
                    .then(right.weight.total_cmp(&left.weight))
                    .then(left.span.phrase.cmp(&right.span.phrase))
            });
            kept.clear();
            for candidate in candidates {
                let nested = kept.iter().any(|accepted| {
                    accepted.category == candidate.category && accepted.span.covers(&candidate.span)
                });
                if !nested {
                    kept.push(candidate);
                }
            }
            for accepted in &kept {
                let key = (accepted.span.phrase, accepted.category);
                if counted.contains(&key) {
                    continue;
                }
                counted.push(key);
                weights[category_index(accepted.category)] += accepted.weight;
            }
        }
        if medical_word {
            weights[category_index(SensitiveCategory::Health)] += STRONG_WEIGHT;
        }
        for (sides, category) in pair_sides.iter().zip(&self.pair_categories) {
            if sides[0] && sides[1] {
                weights[category_index(*category)] += STRONG_WEIGHT;
            }
        }
        let mut hits: Vec<SensitiveHit> = SensitiveCategory::ALL
            .into_iter()
            .zip(weights)
            .filter_map(|(category, weight)| {
                let score = 1.0 - 0.5_f32.powf(weight);
                (score >= SENSITIVE_THRESHOLD).then_some(SensitiveHit {
                    category,
                    score,
                    tier: Tier::Lexicon,
                })
            })
            .collect();
        hits.sort_by(|left, right| {
            right
                .score
                .total_cmp(&left.score)
                .then(left.category.cmp(&right.category))
        });
        hits
    }
}

/// Collects rules while the detector is built.
struct RuleCompiler {
    builder: PhraseSetBuilder<u32>,
    rules: Vec<RuleKind>,
    sources: Vec<String>,
}

impl Default for RuleCompiler {
    fn default() -> Self {
        Self {
            builder: PhraseSetBuilder::new(),
            rules: Vec::new(),
            sources: Vec::new(),
        }
    }
}

impl RuleCompiler {
    fn add_category_phrase(&mut self, raw: &str, category: SensitiveCategory) {
        let Some(spec) = PhraseSpec::parse(raw) else {
            return;
        };
        let weight = if spec.weak {
            WEAK_WEIGHT
        } else {
            STRONG_WEIGHT
        };
        self.push(&spec, raw, RuleKind::Category { category, weight });
    }

    fn add(&mut self, raw: &str, kind: RuleKind) {
        let Some(spec) = PhraseSpec::parse(raw) else {
            return;
        };
        self.push(&spec, raw, kind);
    }

    fn push(&mut self, spec: &PhraseSpec, raw: &str, kind: RuleKind) {
        self.builder.add(spec, self.rules.len() as u32);
        self.rules.push(kind);
        self.sources.push(raw.to_owned());
    }
}

/// Returns the entries of one role, file by file.
fn entries_of(files: &[LexiconFile], role: Role) -> impl Iterator<Item = &Entry> {
    files
        .iter()
        .flat_map(move |file| file.entries.iter().filter(move |entry| entry.role == role))
}

/// A category match that survived blockers.
#[derive(Clone, Copy)]
struct KeptMatch {
    span: PhraseMatch<u32>,
    category: SensitiveCategory,
    weight: f32,
}

fn category_index(category: SensitiveCategory) -> usize {
    SensitiveCategory::ALL
        .iter()
        .position(|candidate| *candidate == category)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
