//! Printing: JSON for programs, readable text for people.

use std::io::Write;

use gleaner_engine::{EventsReport, Rejected};
use gleaner_profile::Profile;
use gleaner_recommend::{Explanation, Recommendation};
use serde::Serialize;

/// Prints one JSON document on stdout.
pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(())
}

/// Prints rejected lines on stderr, one per line, naming the input.
pub fn print_rejections(input: &str, rejected: &[Rejected]) {
    for rejection in rejected {
        eprintln!("{input}:{}: rejected: {}", rejection.line, rejection.reason);
    }
}

/// Renders an events report for people.
pub fn render_events_report(report: &EventsReport) -> String {
    let mut text = format!(
        "events: {} lines, {} used, {} restricted, {} dropped, {} already stored, {} rejected; {} signals written\n",
        report.lines,
        report.used,
        report.restricted,
        report.dropped,
        report.already_present,
        report.rejected.len(),
        report.signals_written
    );
    if !report.reasons.is_empty() {
        text.push_str("  by reason:\n");
        for (reason, count) in &report.reasons {
            text.push_str(&format!("    {reason:<28} {count:>6}\n"));
        }
    }
    text
}

/// Renders a profile for people.
pub fn render_profile(profile: &Profile, limit: usize) -> String {
    let mut text = format!(
        "profile of {} on {} ({} interests)\n",
        profile.account_id,
        profile.surface,
        profile.interests.len()
    );
    for interest in profile.interests.iter().take(limit) {
        let sources: Vec<String> = interest
            .sources
            .iter()
            .map(|source| {
                format!(
                    "{} on {} ({}×)",
                    source.kind, source.surface, source.signals
                )
            })
            .collect();
        text.push_str(&format!(
            "  {:>6.2}  [{}] {}\n          ads {:.2} · content {:.2} · from {} · accounts {}\n",
            interest.weight,
            interest.topic,
            interest.path,
            interest.ads_weight,
            interest.content_weight,
            sources.join(", "),
            interest
                .contributing_accounts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !profile.withheld.is_empty() {
        let withheld: Vec<String> = profile
            .withheld
            .iter()
            .map(|(reason, count)| format!("{reason} {count}"))
            .collect();
        text.push_str(&format!("  signals held back: {}\n", withheld.join(", ")));
    }
    text
}

/// Renders recommendations for people.
pub fn render_recommendations(recommendations: &[Recommendation]) -> String {
    if recommendations.is_empty() {
        return "  (nothing to recommend: no usable interest matches)\n".to_owned();
    }
    let mut text = String::new();
    for (position, recommendation) in recommendations.iter().enumerate() {
        text.push_str(&format!(
            "  {:>2}. {:<28} {:>5.2}  {}\n",
            position + 1,
            recommendation.item_id,
            recommendation.score,
            recommendation.title
        ));
        for link in &recommendation.because {
            text.push_str(&format!(
                "        because {} ({}; {} on {}, account {})\n",
                link.path, link.relation, link.source_kind, link.surface, link.account_id
            ));
        }
    }
    text
}

/// Renders an explanation for people.
pub fn render_explanation(explanation: &Explanation) -> String {
    let topics: Vec<String> = explanation
        .item_topics
        .iter()
        .map(|(_, path)| path.clone())
        .collect();
    let mut text = format!(
        "{} for {}: {}\n  item topics: {}\n",
        explanation.item_id,
        explanation.account_id,
        explanation.summary,
        topics.join("; ")
    );
    if !explanation.blocked_by.is_empty() {
        text.push_str(&format!(
            "  guardrails: {}\n",
            explanation.blocked_by.join(", ")
        ));
    }
    text
}
