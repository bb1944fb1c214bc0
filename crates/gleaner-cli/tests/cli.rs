//! End-to-end tests of the `gleaner` binary.
//!
//! `cli_test!` runs each case against every store backend this build
//! enables (today: the embedded store in a fresh directory, and `memory://`
//! where a case does not need persistence across processes).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-07-01T00:00:00Z";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample(name: &str) -> PathBuf {
    repo_root().join("data/sample").join(name)
}

/// The binary, on the lexicon tier: these tests are about the pipeline and
/// the guardrails, and must not depend on (or spend minutes in) the
/// semantic model when one happens to be installed on the machine.
fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    command.env(
        "GLEANER_MODELS",
        repo_root().join("target/no-models-in-cli-tests"),
    );
    command
}

fn gleaner(store: &str, args: &[&str]) -> Output {
    bin()
        .arg("--store")
        .arg(store)
        .arg("--now")
        .arg(NOW)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the gleaner binary runs")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ingest_sample(store: &str) -> Output {
    gleaner(
        store,
        &[
            "ingest",
            "--accounts",
            sample("accounts.jsonl").to_str().unwrap(),
            "--catalog",
            sample("catalog.jsonl").to_str().unwrap(),
            "--events",
            sample("events.jsonl").to_str().unwrap(),
        ],
    )
}

/// Runs a test body once per persistent store backend.
macro_rules! cli_test {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            use super::*;

            #[test]
            fn embedded() {
                let dir = tempfile::tempdir().unwrap();
                let $store: &str = dir.path().to_str().unwrap();
                $body
            }
        }
    };
}

#[test]
fn demo_runs_and_reports_every_part() {
    let output = bin().arg("demo").output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    for expected in [
        "== Ingest",
        "by reason:",
        "encrypted",
        "jurisdiction",
        "sensitive:",
        "because",
        "== Guardrails at serving time",
        "minor",
    ] {
        assert!(
            text.contains(expected),
            "demo output lacks `{expected}`:\n{text}"
        );
    }
}

#[test]
fn demo_json_is_one_document() {
    let output = bin().args(["demo", "--json"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(document["events"]["used"].as_u64().unwrap() > 100);
    assert!(document["events"]["reasons"]["encrypted"].as_u64().unwrap() > 0);
    assert!(!document["shown"].as_array().unwrap().is_empty());
}

/// The sample catalog's topics, by item id.
fn sample_catalog_topics() -> std::collections::BTreeMap<String, Vec<u32>> {
    let catalog = std::fs::read_to_string(sample("catalog.jsonl")).unwrap();
    catalog
        .lines()
        .map(|line| {
            let item: serde_json::Value = serde_json::from_str(line).unwrap();
            let topics = item["topics"]
                .as_array()
                .unwrap_or_else(|| panic!("{line}: no topics array"))
                .iter()
                .map(|topic| u32::try_from(topic.as_u64().unwrap()).unwrap())
                .collect();
            (item["item_id"].as_str().unwrap().to_owned(), topics)
        })
        .collect()
}

/// Issue 15: every sample catalog item gives topics that exist in the
/// taxonomy, at least one of them below the root, so a match on the item can
/// name a specific topic rather than only "Sports" or "Travel".
#[test]
fn sample_catalog_items_give_known_topics_below_the_root() {
    let taxonomy = gleaner_taxonomy::Taxonomy::embedded();
    let catalog = sample_catalog_topics();
    assert_eq!(catalog.len(), 160);
    for (item_id, topics) in &catalog {
        let tiers: Vec<u8> = topics
            .iter()
            .map(|id| {
                taxonomy
                    .get(gleaner_core::TopicId(*id))
                    .unwrap_or_else(|| panic!("{item_id}: topic {id} is not in the taxonomy"))
                    .tier
            })
            .collect();
        assert!(
            tiers.iter().any(|tier| *tier >= 2),
            "{item_id}: topics {topics:?} name no topic below the root"
        );
    }
}

/// Issue 15's bar on the demo: every because-chain names a topic below the
/// root wherever one of the profile's interests meets one of the item's
/// topics below the root, and every link names one of the item's topics.
#[test]
fn demo_because_chains_name_a_topic_below_the_root_where_one_matched() {
    let output = bin().args(["demo", "--json"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let taxonomy = gleaner_taxonomy::Taxonomy::embedded();
    let catalog = sample_catalog_topics();
    let mut chains = 0;
    let mut chains_with_a_match_below_the_root = 0;
    for shown in document["shown"].as_array().unwrap() {
        let profile = &shown["profile"];
        for (kind, ranked) in shown["recommendations"].as_object().unwrap() {
            let weight = if kind == "ad" {
                "ads_weight"
            } else {
                "content_weight"
            };
            let interests: Vec<u32> = profile["interests"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|interest| interest[weight].as_f64().unwrap() > 0.0)
                .map(|interest| u32::try_from(interest["topic"].as_u64().unwrap()).unwrap())
                .collect();
            for recommendation in ranked.as_array().unwrap() {
                chains += 1;
                let item_id = recommendation["item_id"].as_str().unwrap();
                let item_topics = &catalog[item_id];
                let because = recommendation["because"].as_array().unwrap();
                for link in because {
                    let item_topic = u32::try_from(link["item_topic"].as_u64().unwrap()).unwrap();
                    assert!(
                        item_topics.contains(&item_topic),
                        "{item_id}: link {link} names a topic the item does not give"
                    );
                }
                let matched_below_the_root = interests.iter().any(|interest| {
                    item_topics.iter().any(|item_topic| {
                        gleaner_recommend::topic_match(
                            taxonomy,
                            gleaner_core::TopicId(*interest),
                            gleaner_core::TopicId(*item_topic),
                        )
                        .is_some_and(|found| found.match_tier >= 2)
                    })
                });
                if matched_below_the_root {
                    chains_with_a_match_below_the_root += 1;
                    assert!(
                        because.iter().any(|link| link["relation"] != "root"),
                        "{}: {item_id} matched below the root, yet its chain names only roots: {recommendation}",
                        profile["account_id"]
                    );
                }
            }
        }
    }
    // With items tagged only by roots, half the demo's chains (18 of 36)
    // could name nothing below the root; with specific item topics, most can.
    assert!(
        chains_with_a_match_below_the_root * 3 >= chains * 2,
        "only {chains_with_a_match_below_the_root} of the demo's {chains} chains matched below the root"
    );
}

/// Issue 15: the sample's hiker (ac:11) sees the hiking boots ad for
/// their hiking interest, matched below the root (Sports > Hiking & trekking
/// over the boots' Hiking & trekking gear), no longer for "Sports" and
/// "Travel" alone.
#[test]
fn the_hikers_boots_ad_is_matched_below_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let output = gleaner(
        store,
        &["--json", "recommend", "fb:1001", "--kind", "ad", "-n", "3"],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let ranked: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let boots = ranked
        .as_array()
        .unwrap()
        .iter()
        .find(|recommendation| recommendation["item_id"] == "ad:boots-01")
        .unwrap_or_else(|| panic!("ad:boots-01 is not in fb:1001's top 3 ads: {ranked}"));
    let strongest = &boots["because"][0];
    assert_eq!(strongest["topic"], 410, "{boots}");
    assert_eq!(strongest["path"], "Sports > Hiking & trekking", "{boots}");
    assert_eq!(strongest["item_topic"], 412, "{boots}");
    assert_eq!(strongest["relation"], "broader", "{boots}");
}

cli_test!(ingest_then_query, |store| {
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("by reason:"));
    // Re-running changes nothing and says so.
    let again = ingest_sample(store);
    assert!(again.status.success());
    assert!(
        stdout_of(&again).contains("0 used"),
        "{}",
        stdout_of(&again)
    );

    let accounts = std::fs::read_to_string(sample("accounts.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(accounts.lines().next().unwrap()).unwrap();
    let account = first["account_id"].as_str().unwrap();
    let profile = gleaner(store, &["--json", "profile", account]);
    assert!(profile.status.success(), "{}", stderr_of(&profile));
    let profile: serde_json::Value = serde_json::from_slice(&profile.stdout).unwrap();
    assert_eq!(profile["account_id"], account);

    for kind in ["ad", "post", "reel", "group"] {
        let output = gleaner(
            store,
            &["--json", "recommend", account, "--kind", kind, "-n", "3"],
        );
        assert!(output.status.success(), "{}", stderr_of(&output));
        let ranked: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(ranked.as_array().unwrap().len() <= 3);
    }
    let export = gleaner(store, &["export", account]);
    assert!(export.status.success());
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(export["account"]["account_id"], account);

    let forget = gleaner(store, &["forget", account]);
    assert!(forget.status.success(), "{}", stderr_of(&forget));
    let after = gleaner(store, &["profile", account]);
    assert_eq!(after.status.code(), Some(2), "an erased account is unknown");
    assert!(stderr_of(&after).contains("unknown account"));
});

/// The issue-13 erase on the sample store: after `forget ig:3021` no file
/// of the store directory holds the account id, its keyed hash or any of
/// its signal records (redb's freed pages included), and its person token
/// is revoked while another person's stays.
#[test]
fn forget_on_the_sample_store_leaves_no_byte_and_revokes_the_persons_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let export = gleaner(store, &["export", "ig:3021"]);
    assert!(export.status.success(), "{}", stderr_of(&export));
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let signals: Vec<String> = export["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|signal| serde_json::to_string(signal).unwrap())
        .collect();
    assert!(!signals.is_empty(), "ig:3021 has signals in the sample");
    for account in ["ig:3021", "fb:1001"] {
        let made = gleaner(
            store,
            &["token", "create", "--scope", "person", "--account", account],
        );
        assert!(made.status.success(), "{}", stderr_of(&made));
    }

    let forget = gleaner(store, &["--json", "forget", "ig:3021"]);
    assert!(forget.status.success(), "{}", stderr_of(&forget));
    let report: serde_json::Value = serde_json::from_slice(&forget.stdout).unwrap();
    assert_eq!(report["tokens_revoked"], 1, "{report}");
    let listed = gleaner(store, &["--json", "token", "list"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let accounts: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        accounts,
        ["fb:1001"],
        "the erased account's token must go, the other stay"
    );

    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        files.push((path.clone(), std::fs::read(&path).unwrap()));
    }
    let holds =
        |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|window| window == needle);
    for (path, bytes) in &files {
        assert!(
            !holds(bytes, b"ig:3021"),
            "{} holds the erased account id",
            path.display()
        );
        for signal in &signals {
            // The stored signal JSON starts with its account id; the
            // record's distinctive tail (topic, weight, source, surface,
            // time) is checked too.
            let tail = &signal[signal.find("\"topic\"").unwrap()..];
            assert!(
                !holds(bytes, tail.as_bytes()),
                "{} holds an erased signal record",
                path.display()
            );
        }
    }
    assert!(
        files.iter().any(|(_, bytes)| holds(bytes, b"fb:1001")),
        "the scan does not see the other accounts"
    );
}

#[test]
fn token_create_refuses_an_unknown_person_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let refused = gleaner(
        store,
        &[
            "token",
            "create",
            "--scope",
            "person",
            "--account",
            "zz:404",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr_of(&refused));
    assert!(
        stderr_of(&refused).contains("unknown account `zz:404`"),
        "{}",
        stderr_of(&refused)
    );
    assert!(stdout_of(&refused).is_empty(), "no token is printed");
    let listed = gleaner(store, &["--json", "token", "list"]);
    assert_eq!(stdout_of(&listed).trim(), "[]");
    let made = gleaner(
        store,
        &[
            "token",
            "create",
            "--scope",
            "person",
            "--account",
            "ig:3021",
        ],
    );
    assert!(made.status.success(), "{}", stderr_of(&made));
}

cli_test!(bad_input_is_reported_by_line_and_exits_2, |store| {
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let bad = tempfile::NamedTempFile::new().unwrap();
    let canary = "CANARY-MISTYPED-TEXT-5521";
    let accounts = std::fs::read_to_string(sample("accounts.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(accounts.lines().next().unwrap()).unwrap();
    let account = first["account_id"].as_str().unwrap();
    let lines = [
        "{not json".to_owned(),
        format!(
            r#"{{"event_id":"x-1","kind":"ai_interaction","account_id":"{account}","at":"2026-06-01T00:00:00Z","product":"assistant","modality":"text","encrypted":false,"conversation_id":"c","turns":"{canary}"}}"#
        ),
        format!(
            r#"{{"event_id":"x-2","kind":"engagement","account_id":"{account}","at":"2026-06-01T00:00:00Z","action":"like"}}"#
        ),
        format!(
            r#"{{"event_id":"x-3","kind":"ai_interaction","account_id":"{account}","at":"2026-06-01T00:00:00Z","product":"assistant","modality":"text","encrypted":false,"conversation_id":"c","turns":[{{"role":"user","text":"hiking boots"}}]}}"#
        ),
    ];
    std::fs::write(bad.path(), lines.join("\n")).unwrap();
    let output = gleaner(store, &["ingest", "--events", bad.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr_of(&output);
    assert!(errors.contains(":1: rejected"), "{errors}");
    assert!(errors.contains(":2: rejected"), "{errors}");
    assert!(errors.contains(":3: rejected: field `item_id`"), "{errors}");
    assert!(!errors.contains(canary), "raw text echoed: {errors}");
    assert!(
        stdout_of(&output).contains("1 used") || stdout_of(&output).contains("1 dropped"),
        "{}",
        stdout_of(&output)
    );
});

#[test]
fn classify_reads_turns_or_text_and_writes_one_line_each() {
    let mut child = bin()
        .arg("classify")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let stdin = child.stdin.as_mut().unwrap();
        writeln!(
            stdin,
            r#"{{"id":"a","text":"since my MS diagnosis I need boots with ankle support"}}"#
        )
        .unwrap();
        writeln!(stdin, r#"{{"id":"b","turns":[{{"role":"user","text":"Which waterproof hiking boots for a 3-day trek?"}}]}}"#).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let lines: Vec<serde_json::Value> = stdout_of(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["ad_eligible"], false);
    assert_eq!(lines[0]["sensitive"][0]["category"], "health");
    assert_eq!(lines[1]["ad_eligible"], true);
    assert!(!lines[1]["topics"].as_array().unwrap().is_empty());
}

#[test]
fn bad_usage_exits_2() {
    let output = bin()
        .args(["--now", "yesterday", "expire"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--now"));
    let output = bin()
        .args(["--store", "ftp://x", "expire"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(0));
    assert!(stderr_of(&output).contains("ftp"), "{}", stderr_of(&output));
}

/// A killed ingest leaves the store readable, and a re-run completes it:
/// the final state equals that of an uninterrupted run.
/// An export's signals without their event hashes, sorted: each store keys
/// its event hashes with its own secret, so two stores are compared so.
fn signals_without_event_hashes(export: &serde_json::Value) -> Vec<String> {
    let mut signals: Vec<String> = export["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|signal| {
            let mut signal = signal.clone();
            signal.as_object_mut().unwrap().remove("event");
            signal.to_string()
        })
        .collect();
    signals.sort();
    signals
}

#[test]
fn killed_ingest_is_completed_by_a_rerun() {
    let events = std::fs::read_to_string(sample("events.jsonl")).unwrap();
    let templates: Vec<serde_json::Value> = events
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let big = tempfile::NamedTempFile::new().unwrap();
    let mut text = String::new();
    for index in 0..30_000 {
        let mut event = templates[index % templates.len()].clone();
        event["event_id"] = serde_json::Value::String(format!("crash-{index}"));
        text.push_str(&event.to_string());
        text.push('\n');
    }
    std::fs::write(big.path(), text).unwrap();
    let setup = |store: &str| {
        let output = gleaner(
            store,
            &[
                "ingest",
                "--accounts",
                sample("accounts.jsonl").to_str().unwrap(),
                "--catalog",
                sample("catalog.jsonl").to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", stderr_of(&output));
    };
    let killed_dir = tempfile::tempdir().unwrap();
    let killed_store = killed_dir.path().to_str().unwrap();
    setup(killed_store);
    let mut child = bin()
        .args([
            "--store",
            killed_store,
            "--now",
            NOW,
            "ingest",
            "--events",
            big.path().to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // Readable after the kill.
    let readable = gleaner(killed_store, &["--json", "expire"]);
    assert!(
        readable.status.success(),
        "store unreadable after kill: {}",
        stderr_of(&readable)
    );
    let rerun = gleaner(
        killed_store,
        &["--json", "ingest", "--events", big.path().to_str().unwrap()],
    );
    assert!(rerun.status.success(), "{}", stderr_of(&rerun));

    let clean_dir = tempfile::tempdir().unwrap();
    let clean_store = clean_dir.path().to_str().unwrap();
    setup(clean_store);
    let clean = gleaner(
        clean_store,
        &["--json", "ingest", "--events", big.path().to_str().unwrap()],
    );
    assert!(clean.status.success());
    let rerun: serde_json::Value = serde_json::from_slice(&rerun.stdout).unwrap();
    let clean: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    let processed = |report: &serde_json::Value| {
        ["used", "restricted", "dropped", "already_present"]
            .iter()
            .map(|key| report["events"][key].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(processed(&rerun), 30_000);
    assert_eq!(clean["events"]["already_present"], 0);
    // Same final state: compare one account's export from both stores.
    let accounts = std::fs::read_to_string(sample("accounts.jsonl")).unwrap();
    for line in accounts.lines().take(10) {
        let account: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = account["account_id"].as_str().unwrap();
        let left: serde_json::Value =
            serde_json::from_slice(&gleaner(killed_store, &["export", id]).stdout).unwrap();
        let right: serde_json::Value =
            serde_json::from_slice(&gleaner(clean_store, &["export", id]).stdout).unwrap();
        assert_eq!(
            signals_without_event_hashes(&left),
            signals_without_event_hashes(&right),
            "{id}"
        );
        assert_eq!(
            left["audit"].as_array().map(Vec::len),
            right["audit"].as_array().map(Vec::len),
            "{id}"
        );
    }
}

#[test]
fn audit_reads_each_export_format_and_never_prints_message_text() {
    let fixtures = repo_root().join("crates/gleaner-engine/tests/fixtures/exports");
    for (file, format) in [
        ("chatgpt_conversations.json", "chatgpt"),
        ("claude_conversations.json", "claude"),
        ("meta_ai_conversations.json", "meta_ai"),
    ] {
        let path = fixtures.join(file);
        let output = bin().args(["--json", "audit"]).arg(&path).output().unwrap();
        assert!(output.status.success(), "{file}: {}", stderr_of(&output));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["format"], format, "{file}: {report}");
        let text = String::from_utf8_lossy(&output.stdout);
        let export = std::fs::read_to_string(&path).unwrap();
        // No user message of the export appears in the report.
        for quoted in export
            .split('"')
            .filter(|piece| piece.split_whitespace().count() >= 6)
        {
            assert!(
                !text.contains(quoted),
                "{file}: message text printed: {quoted}"
            );
        }
    }
    let broken = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(broken.path(), "[{\"mapping\": 3}]").unwrap();
    let output = bin().arg("audit").arg(broken.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
}

#[test]
fn a_store_url_password_never_reaches_the_error_message() {
    let output = gleaner(
        "postgres://gleaner:s3cret-pw@127.0.0.1:1/test?schema=x",
        &["profile", "fb:1001"],
    );
    assert!(!output.status.success());
    let message = stderr_of(&output);
    assert!(!message.contains("s3cret-pw"), "{message}");
    assert!(message.contains("opening store"), "{message}");
}

/// Issue 13: re-sending the operator's accounts file keeps the person's
/// opt-out and hidden topics, refuses a center change naming line and
/// field, and `gleaner accounts move` is the audited way to move.
#[test]
fn a_resync_keeps_the_persons_choices_and_cannot_move_an_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let accounts = sample("accounts.jsonl");
    let output = gleaner(store, &["ingest", "--accounts", accounts.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    // The person hides a topic; ms:4001 opted out before the first sync.
    let output = gleaner(store, &["hide", "fb:1001", "3"]);
    assert!(output.status.success(), "{}", stderr_of(&output));

    // The operator's file says personalization is on for everyone, and
    // tries to move wa:2001 into a stranger's accounts center.
    let resync = std::fs::read_to_string(&accounts)
        .unwrap()
        .replace(
            r#""ai_personalization": "off""#,
            r#""ai_personalization": "on""#,
        )
        .replace(
            r#""account_id": "wa:2001", "surface": "whatsapp", "accounts_center_id": "ac:11""#,
            r#""account_id": "wa:2001", "surface": "whatsapp", "accounts_center_id": "ac:12""#,
        );
    let wa_line = resync
        .lines()
        .position(|line| line.contains("wa:2001"))
        .unwrap()
        + 1;
    let resync_path = dir.path().join("resync.jsonl");
    std::fs::write(&resync_path, &resync).unwrap();
    let output = gleaner(
        store,
        &[
            "--json",
            "ingest",
            "--accounts",
            resync_path.to_str().unwrap(),
        ],
    );
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(&format!(
            "resync.jsonl:{wa_line}: rejected: field `accounts_center_id`"
        )),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(report["accounts"]["rejected"].as_array().unwrap().len(), 1);
    assert!(report["accounts"]["person_settings_kept"].as_u64().unwrap() >= 4);

    let account_of = |id: &str| -> serde_json::Value {
        let output = gleaner(store, &["--json", "export", id]);
        assert!(output.status.success(), "{}", stderr_of(&output));
        serde_json::from_str::<serde_json::Value>(&stdout_of(&output)).unwrap()["account"].clone()
    };
    assert_eq!(account_of("ms:4001")["ai_personalization"], "off");
    assert_eq!(
        account_of("fb:1001")["hidden_topics"],
        serde_json::json!([3])
    );
    assert_eq!(account_of("wa:2001")["accounts_center_id"], "ac:11");

    let output = gleaner(store, &["accounts", "move", "wa:2001", "--center", "ac:12"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).contains("moved wa:2001 from ac:11 to ac:12 (audit record written)"),
        "{}",
        stdout_of(&output)
    );
    assert_eq!(account_of("wa:2001")["accounts_center_id"], "ac:12");
    let output = gleaner(store, &["accounts", "move", "nobody:1", "--unlink"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
}

/// `gleaner --json export ID`, parsed.
fn export_json(store: &str, account_id: &str) -> serde_json::Value {
    let output = gleaner(store, &["--json", "export", account_id]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    serde_json::from_str(&stdout_of(&output)).unwrap()
}

/// `gleaner accounts override ACCOUNT` with `settings` and `--reason`.
fn override_settings(store: &str, account_id: &str, settings: &[&str], reason: &str) -> Output {
    let mut args = vec!["accounts", "override", account_id];
    args.extend_from_slice(settings);
    args.extend_from_slice(&["--reason", reason]);
    gleaner(store, &args)
}

/// Issue 13: `gleaner accounts override` refuses (exit 2, nothing
/// recorded) without a setting or a reason, with a bad reason, topic list
/// or topic, or an unknown account.
#[test]
fn an_operator_override_needs_a_setting_a_reason_and_known_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let no_reason = gleaner(
        store,
        &[
            "accounts",
            "override",
            "fb:1001",
            "--ai-personalization",
            "off",
        ],
    );
    assert_eq!(
        no_reason.status.code(),
        Some(2),
        "{}",
        stderr_of(&no_reason)
    );
    let off: &[&str] = &["--ai-personalization", "off"];
    for (account_id, settings, reason) in [
        ("fb:1001", &[][..], "SUP-1"),
        ("fb:1001", off, " "),
        ("fb:1001", off, "two\nlines"),
        ("fb:1001", &["--hidden-topics", "3,x"][..], "SUP-1"),
        ("fb:1001", &["--hidden-topics", "999999"][..], "SUP-1"),
        ("nobody:1", off, "SUP-1"),
    ] {
        let output = override_settings(store, account_id, settings, reason);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{account_id} {settings:?} {reason:?}: {}",
            stderr_of(&output)
        );
    }
    let export = export_json(store, "fb:1001");
    assert_eq!(export["settings_overrides"], serde_json::json!([]));
    assert_eq!(export["account"]["ai_personalization"], "on");
}

/// Issue 13: `gleaner accounts override` is the operator's explicit way to
/// change a person's own settings: it writes an audit record (the run's
/// `--now`, `cli`, the reason, before and after) that the export shows and
/// a sync does not undo, and `forget` erases it.
#[test]
fn an_operator_override_is_audited_shown_in_the_export_and_erased() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = ingest_sample(store);
    assert!(output.status.success(), "{}", stderr_of(&output));

    let output = override_settings(
        store,
        "fb:1001",
        &["--ai-personalization", "off", "--hidden-topics", "3"],
        "SUP-9 request by letter",
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).contains(
            "overrode fb:1001: ai_personalization on -> off; hidden_topics [] -> [3] (audit record written)"
        ),
        "{}",
        stdout_of(&output)
    );
    let export = export_json(store, "fb:1001");
    assert_eq!(export["account"]["ai_personalization"], "off");
    let records = export["settings_overrides"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{export}");
    let record = &records[0];
    assert_eq!(record["at"], NOW, "{record}");
    assert_eq!(record["by"], "cli");
    assert_eq!(record["reason"], "SUP-9 request by letter");
    assert_eq!(
        record["ai_personalization"],
        serde_json::json!({"from": "on", "to": "off"})
    );
    assert_eq!(
        record["hidden_topics"],
        serde_json::json!({"from": [], "to": [3]})
    );
    assert!(!record.to_string().contains("fb:1001"), "{record}");

    // The operator's accounts file (personalization on) does not undo it.
    let accounts = sample("accounts.jsonl");
    let output = gleaner(store, &["ingest", "--accounts", accounts.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        export_json(store, "fb:1001")["account"]["ai_personalization"],
        "off"
    );

    // The same settings again: nothing changes, nothing is recorded.
    let output = override_settings(
        store,
        "fb:1001",
        &["--ai-personalization", "off"],
        "SUP-9 again",
    );
    assert!(
        stdout_of(&output).contains("nothing changed"),
        "{}",
        stdout_of(&output)
    );
    let export = export_json(store, "fb:1001");
    assert_eq!(export["settings_overrides"].as_array().unwrap().len(), 1);

    let output = gleaner(store, &["forget", "fb:1001"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let raw = std::fs::read(dir.path().join("gleaner.redb")).unwrap();
    assert!(
        !raw.windows(b"SUP-9".len()).any(|window| window == b"SUP-9"),
        "forget left the override record in the store file"
    );
}

/// Issue 13: an event dated years after `--now` is rejected naming line and
/// field `at`, unless `--max-future-skew` allows it; a record in array
/// form is rejected naming its line.
#[test]
fn future_events_and_array_records_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let output = gleaner(
        store,
        &[
            "ingest",
            "--accounts",
            sample("accounts.jsonl").to_str().unwrap(),
            "--catalog",
            sample("catalog.jsonl").to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let events = dir.path().join("future.jsonl");
    std::fs::write(
        &events,
        "{\"event_id\":\"f-1\",\"kind\":\"engagement\",\"account_id\":\"ms:4003\",\
         \"at\":\"2099-01-01T00:00:00Z\",\"action\":\"like\",\"item_id\":\"ad:golazo-cleats\"}\n\
         [\"f-2\",\"engagement\",\"ms:4003\",\"2026-01-01T00:00:00Z\",null,null,null,null,null,\"like\",\"ad:golazo-cleats\"]\n",
    )
    .unwrap();
    let output = gleaner(store, &["ingest", "--events", events.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("future.jsonl:1: rejected: field `at`: 2099-01-01"),
        "{stderr}"
    );
    assert!(
        stderr.contains("future.jsonl:2: rejected: malformed: a record must be a JSON object"),
        "{stderr}"
    );
    let output = gleaner(
        store,
        &[
            "ingest",
            "--max-future-skew",
            "4000000000",
            "--events",
            events.to_str().unwrap(),
        ],
    );
    let stderr = stderr_of(&output);
    assert!(!stderr.contains(":1: rejected"), "{stderr}");
    assert!(
        stdout_of(&output).contains("1 used"),
        "{}",
        stdout_of(&output)
    );
}
