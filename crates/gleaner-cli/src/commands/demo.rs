//! `gleaner demo`: the main job on the bundled sample data.
//!
//! Ingests the sample accounts, catalog and events into an embedded store
//! (a fresh temporary directory unless `--store` is given), then prints what
//! the guardrails did, a few profiles, recommendations of every kind with
//! their "because" chains, and explanations where a guardrail says no.

use std::collections::BTreeMap;
use std::io::Cursor;

use gleaner_core::{AccountId, AuditOutcome, ItemKind, Tier};
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::Engine;
use serde_json::json;

use crate::args::DemoArgs;
use crate::context::Context;
use crate::output::{
    print_json, print_rejections, render_events_report, render_explanation, render_profile,
    render_recommendations,
};

/// The bundled sample data (see data/sample/README.md).
pub(crate) const SAMPLE_ACCOUNTS: &str = include_str!("../../../../data/sample/accounts.jsonl");
/// The bundled sample catalog.
pub(crate) const SAMPLE_CATALOG: &str = include_str!("../../../../data/sample/catalog.jsonl");
/// The bundled sample events.
pub(crate) const SAMPLE_EVENTS: &str = include_str!("../../../../data/sample/events.jsonl");
/// The instant the sample data is meant to be looked at from.
pub(crate) const SAMPLE_NOW: &str = "2026-07-01T00:00:00Z";

pub(crate) fn run(args: &DemoArgs, context: &Context) -> anyhow::Result<()> {
    let temporary_dir;
    let location = if context.store_given {
        context.store_location.clone()
    } else {
        temporary_dir = tempfile::Builder::new().prefix("gleaner-demo-").tempdir()?;
        temporary_dir.path().display().to_string()
    };
    // The sample data is fixed in time: without --now, look at it from its own "now".
    let now = if context.now_given {
        context.now
    } else {
        crate::context::parse_now(SAMPLE_NOW)?
    };
    let engine = context.engine_at(&location)?;
    let accounts = engine.ingest_accounts(Cursor::new(SAMPLE_ACCOUNTS))?;
    let catalog = engine.ingest_catalog(Cursor::new(SAMPLE_CATALOG))?;
    let events = engine.ingest_events(Cursor::new(SAMPLE_EVENTS), now, &NoProgress)?;
    print_rejections("sample/accounts.jsonl", &accounts.rejected);
    print_rejections("sample/catalog.jsonl", &catalog.rejected);
    print_rejections("sample/events.jsonl", &events.rejected);

    let showcase = pick_showcase(&engine, now, args.show)?;
    if context.json {
        let mut shown = Vec::new();
        for account_id in &showcase.profiled {
            let mut recommendations = BTreeMap::new();
            for kind in [
                ItemKind::Ad,
                ItemKind::Post,
                ItemKind::Reel,
                ItemKind::Group,
            ] {
                recommendations.insert(kind.as_str(), engine.recommend(account_id, kind, 3, now)?);
            }
            shown.push(json!({
                "profile": engine.profile(account_id, None, now)?,
                "recommendations": recommendations,
            }));
        }
        let mut explanations = Vec::new();
        for (account_id, item_id) in &showcase.explained {
            explanations.push(engine.explain(account_id, item_id, now)?);
        }
        return print_json(&json!({
            "store": location,
            "now": now,
            "accounts": accounts,
            "catalog": catalog,
            "events": events,
            "audit": audit_counts(&engine)?,
            "shown": shown,
            "explanations": explanations,
        }));
    }

    println!("Gleaner demo — embedded store at {location}, now = {now}\n");
    println!("== Ingest (SPEC §4 applied to every event) ==");
    println!(
        "accounts: {} loaded; catalog: {} items ({} topics inferred from text, {} sensitive kept without topics)",
        accounts.loaded, catalog.loaded, catalog.topics_inferred, catalog.sensitive_items
    );
    print!("{}", render_events_report(&events));
    print_audit_summary(&engine)?;
    for account_id in &showcase.profiled {
        println!("== {account_id} ==");
        let profile = engine.profile(account_id, None, now)?;
        print!("{}", render_profile(&profile, 5));
        for kind in [
            ItemKind::Ad,
            ItemKind::Post,
            ItemKind::Reel,
            ItemKind::Group,
        ] {
            println!(" {} recommendations:", kind.as_str());
            print!(
                "{}",
                render_recommendations(&engine.recommend(account_id, kind, 3, now)?)
            );
        }
        println!();
    }
    println!("== Guardrails at serving time ==");
    for (account_id, item_id) in &showcase.explained {
        print!(
            "{}",
            render_explanation(&engine.explain(account_id, item_id, now)?)
        );
    }
    println!("\nTry: gleaner --store DIR demo (keeps the store), then gleaner --store DIR profile <account>");
    Ok(())
}

/// The audit log in one paragraph: outcomes, and what the classifier found
/// by tier.
fn print_audit_summary(engine: &Engine) -> anyhow::Result<()> {
    let audit = audit_counts(engine)?;
    let count = |key: &str| audit.get(key).copied().unwrap_or(0);
    println!(
        "audit log: {} records ({} used, {} restricted, {} dropped) — hashed ids and reason codes only",
        count("used") + count("restricted") + count("dropped"),
        count("used"),
        count("restricted"),
        count("dropped")
    );
    println!(
        "classifier: {} tier; sensitive text found in {} events ({} by the lexicon tier, {} by the semantic tier alone)\n",
        engine.classifier().name(),
        count("sensitive_by_lexicon") + count("sensitive_by_semantic"),
        count("sensitive_by_lexicon"),
        count("sensitive_by_semantic")
    );
    Ok(())
}

/// Audit records by outcome, plus `sensitive_by_<tier>`: events whose text
/// showed a sensitive category, by the tier that found it first.
fn audit_counts(engine: &Engine) -> anyhow::Result<BTreeMap<&'static str, usize>> {
    let mut counts = BTreeMap::new();
    engine.store().for_each_audit_record(&mut |record| {
        let name = match record.outcome {
            AuditOutcome::Used => "used",
            AuditOutcome::Restricted => "restricted",
            AuditOutcome::Dropped => "dropped",
        };
        *counts.entry(name).or_insert(0) += 1;
        if let Some(tier) = record.sensitive.iter().map(|finding| finding.tier).min() {
            let key = match tier {
                Tier::Lexicon => "sensitive_by_lexicon",
                Tier::Semantic => "sensitive_by_semantic",
            };
            *counts.entry(key).or_insert(0) += 1;
        }
    })?;
    Ok(counts)
}

struct Showcase {
    profiled: Vec<AccountId>,
    explained: Vec<(AccountId, gleaner_core::ItemId)>,
}

/// Picks the accounts with the richest profiles (preferring linked ones), and
/// a few (account, ad) pairs where a guardrail is the reason for a "no".
fn pick_showcase(
    engine: &Engine,
    now: gleaner_core::Timestamp,
    show: usize,
) -> anyhow::Result<Showcase> {
    let policy_config = engine.policy().config();
    let mut scored = Vec::new();
    let mut minor_opt = None;
    let mut excluded_opt = None;
    for account_id in engine.store().account_ids()? {
        let account = engine.require_account(&account_id)?;
        let profile = engine.profile(&account_id, None, now)?;
        let linked = usize::from(account.accounts_center_id.is_some());
        scored.push((linked, profile.interests.len(), account_id.clone()));
        let excluded = account
            .country
            .is_none_or(|country| policy_config.excluded_countries.contains(&country));
        if excluded && excluded_opt.is_none() && linked == 1 {
            excluded_opt = Some(account_id.clone());
        }
        let is_minor = account.birth_year.is_some_and(|year| year >= 2008);
        if is_minor && minor_opt.is_none() {
            minor_opt = Some(account_id.clone());
        }
    }
    scored.sort_by(|left, right| right.cmp(left));
    // One account per person: skip accounts linked to one already shown.
    let mut profiled: Vec<AccountId> = Vec::new();
    let mut centers_shown = std::collections::BTreeSet::new();
    for (_, _, account_id) in scored {
        if profiled.len() == show {
            break;
        }
        let account = engine.require_account(&account_id)?;
        if let Some(center) = account.accounts_center_id {
            if !centers_shown.insert(center) {
                continue;
            }
        }
        profiled.push(account_id);
    }
    let mut explained = Vec::new();
    let top_ad = profiled
        .first()
        .and_then(|account_id| engine.recommend(account_id, ItemKind::Ad, 1, now).ok())
        .and_then(|mut ranked| ranked.pop())
        .map(|recommendation| recommendation.item_id);
    if let (Some(first), Some(item_id)) = (profiled.first(), top_ad.clone()) {
        explained.push((first.clone(), item_id));
    }
    for candidate in [minor_opt, excluded_opt].into_iter().flatten() {
        if let Some(item_id) = top_ad.clone() {
            explained.push((candidate, item_id));
        }
    }
    // A person who hid a topic, and an ad on that topic.
    let taxonomy = engine.taxonomy();
    let ads = engine.store().catalog_items(Some(ItemKind::Ad))?;
    'hidden: for account_id in engine.store().account_ids()? {
        let account = engine.require_account(&account_id)?;
        for hidden in &account.hidden_topics {
            let on_hidden_topic = ads.iter().find(|item| {
                item.topics
                    .iter()
                    .any(|topic| taxonomy.is_self_or_descendant_of(*topic, *hidden))
            });
            if let Some(item) = on_hidden_topic {
                explained.push((account_id.clone(), item.item_id.clone()));
                break 'hidden;
            }
        }
    }
    Ok(Showcase {
        profiled,
        explained,
    })
}
