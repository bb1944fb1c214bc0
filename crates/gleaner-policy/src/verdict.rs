//! What a rule says, and what the rules say together.

use gleaner_core::{Purposes, ReasonCode};

/// One rule's answer: the purposes it still allows and, when it narrowed
/// them, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// What this rule allows.
    pub allowed: Purposes,
    /// Why it allows less than everything (empty when it allows everything).
    pub reasons: Vec<ReasonCode>,
}

impl Verdict {
    /// The rule has no objection.
    pub fn allow() -> Self {
        Self {
            allowed: Purposes::ALL,
            reasons: Vec::new(),
        }
    }

    /// The rule forbids every use.
    pub fn drop(reason: ReasonCode) -> Self {
        Self {
            allowed: Purposes::NONE,
            reasons: vec![reason],
        }
    }

    /// The rule allows only some uses.
    pub fn limit(allowed: Purposes, reason: ReasonCode) -> Self {
        debug_assert!(allowed != Purposes::ALL, "a limit must take something away");
        Self {
            allowed,
            reasons: vec![reason],
        }
    }

    /// Returns true when the rule allows everything.
    pub fn is_allow(&self) -> bool {
        self.allowed == Purposes::ALL && self.reasons.is_empty()
    }
}

/// The combined answer of every rule: the intersection of what each allows,
/// and every reason given, in rule order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// What every rule allows.
    pub allowed: Purposes,
    /// Every reason any rule gave.
    pub reasons: Vec<ReasonCode>,
}

impl Decision {
    /// Starts from "everything allowed".
    pub fn allow_all() -> Self {
        Self {
            allowed: Purposes::ALL,
            reasons: Vec::new(),
        }
    }

    /// Narrows the decision by one more verdict.
    pub fn apply(&mut self, verdict: Verdict) {
        self.allowed = self.allowed.intersect(verdict.allowed);
        for reason in verdict.reasons {
            if !self.reasons.contains(&reason) {
                self.reasons.push(reason);
            }
        }
    }

    /// Narrows the decision by another decision (e.g. event stage, then content stage).
    pub fn merge(&mut self, other: Decision) {
        self.apply(Verdict {
            allowed: other.allowed,
            reasons: other.reasons,
        });
    }

    /// Returns true when nothing may be used.
    pub fn is_dropped(&self) -> bool {
        self.allowed.is_none()
    }

    /// Returns true when the given kind of use is allowed.
    pub fn allows_ads(&self) -> bool {
        self.allowed.ads
    }

    /// Returns true when content use is allowed.
    pub fn allows_content(&self) -> bool {
        self.allowed.content
    }
}
