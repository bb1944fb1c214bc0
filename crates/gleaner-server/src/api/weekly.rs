//! The operator dashboard's weekly bars: audit records binned by the week
//! their event happened (Monday to Sunday, UTC), each event counted once.
//!
//! This is the one place weeks are made; the page only draws what
//! `GET /v1/operator/summary` returns in `by_week` and `week_series`.
//!
//! An event lands under `used` when no rule gave a reason, and otherwise
//! under the first rule, in guardrail order, that gave one (an event both
//! outside the jurisdictions and from a minor is counted under
//! `jurisdiction` only), so a week's segments add up to its events.
//! Sensitive categories share the `sensitive` segment; their split has its
//! own chart.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use gleaner_core::{ReasonCode, Timestamp};
use serde::Serialize;
use utoipa::ToSchema;

/// The segment of an event no rule gave a reason for.
pub const USED: &str = "used";

/// One week's bar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct WeekBar {
    /// The week's Monday (`YYYY-MM-DD`, UTC); the week runs to Sunday.
    pub week: String,
    /// Events of the week by segment: `used`, or the rule name of the first
    /// reason (`jurisdiction`, `sensitive`, …). Empty segments are left out.
    pub events: BTreeMap<&'static str, usize>,
    /// Every event of the week (the sum of `events`).
    pub total: usize,
}

/// Weekly counts being gathered from audit records.
#[derive(Debug, Default)]
pub struct WeeklyCounts {
    weeks: BTreeMap<NaiveDate, BTreeMap<&'static str, usize>>,
    /// One reason code per rule name seen: ordering rules by it gives the
    /// guardrail order ([`ReasonCode`]'s order is SPEC §4's).
    rule_order: BTreeMap<&'static str, ReasonCode>,
}

impl WeeklyCounts {
    /// Counts one event that happened at `event_at` with the audit
    /// record's `reasons`.
    pub fn add(&mut self, event_at: Timestamp, reasons: &[ReasonCode]) {
        let segment = match reasons.iter().min() {
            None => USED,
            Some(first) => {
                self.rule_order.entry(first.rule_name()).or_insert(*first);
                first.rule_name()
            }
        };
        let week = monday_of(event_at.date_naive());
        *self
            .weeks
            .entry(week)
            .or_default()
            .entry(segment)
            .or_default() += 1;
    }

    /// The segments present, bottom of the stack first: `used`, then the
    /// rules in guardrail order.
    pub fn series(&self) -> Vec<&'static str> {
        let used = self
            .weeks
            .values()
            .any(|segments| segments.contains_key(USED));
        let mut rules: Vec<_> = self.rule_order.iter().collect();
        rules.sort_by_key(|(_, code)| **code);
        used.then_some(USED)
            .into_iter()
            .chain(rules.into_iter().map(|(name, _)| *name))
            .collect()
    }

    /// One bar per week from the first week with an event to the last,
    /// weeks without events included (as empty bars), so the time axis
    /// has no jumps.
    pub fn bars(&self) -> Vec<WeekBar> {
        let (Some(first), Some(last)) = (
            self.weeks.keys().next().copied(),
            self.weeks.keys().next_back().copied(),
        ) else {
            return Vec::new();
        };
        let mut bars = Vec::new();
        let mut week = first;
        while week <= last {
            let events = self.weeks.get(&week).cloned().unwrap_or_default();
            bars.push(WeekBar {
                week: week.format("%Y-%m-%d").to_string(),
                total: events.values().sum(),
                events,
            });
            week = week + Days::new(7);
        }
        bars
    }
}

/// The Monday on or before `date`.
fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use gleaner_core::SensitiveCategory;

    use super::*;

    fn at(year: i32, month: u32, day: u32, hour: u32) -> Timestamp {
        Utc.with_ymd_and_hms(year, month, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_in_utc() {
        let mut counts = WeeklyCounts::default();
        // 2026-01-05 is a Monday; 2026-01-11 the Sunday of that week.
        counts.add(at(2026, 1, 5, 0), &[]);
        counts.add(at(2026, 1, 11, 23), &[]);
        counts.add(at(2026, 1, 12, 0), &[]);
        let bars = counts.bars();
        let weeks: Vec<_> = bars
            .iter()
            .map(|bar| (bar.week.as_str(), bar.total))
            .collect();
        assert_eq!(weeks, [("2026-01-05", 2), ("2026-01-12", 1)]);
        // Across a year boundary: Thursday 2026-01-01 is in the week of
        // Monday 2025-12-29.
        assert_eq!(
            monday_of(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            NaiveDate::from_ymd_opt(2025, 12, 29).unwrap()
        );
    }

    #[test]
    fn each_event_counts_once_under_its_first_rule_in_guardrail_order() {
        let mut counts = WeeklyCounts::default();
        let monday = at(2026, 3, 2, 12);
        counts.add(monday, &[]);
        counts.add(monday, &[ReasonCode::Minor, ReasonCode::Jurisdiction]);
        counts.add(monday, &[ReasonCode::Sensitive(SensitiveCategory::Health)]);
        counts.add(
            monday,
            &[ReasonCode::Sensitive(SensitiveCategory::Religion)],
        );
        counts.add(monday, &[ReasonCode::Encrypted]);
        let bars = counts.bars();
        assert_eq!(bars.len(), 1);
        assert_eq!(
            bars[0].events,
            BTreeMap::from([
                ("used", 1),
                ("jurisdiction", 1),
                ("sensitive", 2),
                ("encrypted", 1)
            ])
        );
        assert_eq!(bars[0].total, 5, "segments add up to the events");
        assert_eq!(
            counts.series(),
            ["used", "encrypted", "jurisdiction", "sensitive"],
            "used first, then guardrail order"
        );
    }

    #[test]
    fn weeks_without_events_are_empty_bars_and_no_events_no_bars() {
        assert!(WeeklyCounts::default().bars().is_empty());
        assert!(WeeklyCounts::default().series().is_empty());
        let mut counts = WeeklyCounts::default();
        counts.add(at(2026, 2, 4, 9), &[ReasonCode::OptedOut]);
        counts.add(at(2026, 2, 25, 9), &[ReasonCode::OptedOut]);
        let bars = counts.bars();
        let weeks: Vec<_> = bars
            .iter()
            .map(|bar| (bar.week.as_str(), bar.total))
            .collect();
        assert_eq!(
            weeks,
            [
                ("2026-02-02", 1),
                ("2026-02-09", 0),
                ("2026-02-16", 0),
                ("2026-02-23", 1)
            ]
        );
        assert!(bars[1].events.is_empty());
        assert_eq!(counts.series(), ["opted_out"], "no `used` when none was");
    }
}
