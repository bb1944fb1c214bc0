//! Shared fixtures for the engine's integration tests.
#![allow(dead_code)]

use std::io::Cursor;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use gleaner_classify::{Classification, Classifier, SensitiveHit, Tier, TopicScore};
use gleaner_core::{Conversation, SensitiveCategory, Timestamp, TopicId};
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::{Engine, EngineConfig, EventsReport};
use gleaner_policy::Policy;
use gleaner_store::{EmbeddedStore, Store};
use gleaner_taxonomy::Taxonomy;

/// A classifier that records every text it is shown and answers from
/// markers in the text: `#topic=N` adds topic N, `#sensitive=health` flags,
/// `#unreadable` makes it fail on the conversation (unclassified).
#[derive(Default)]
pub struct SpyClassifier {
    pub seen: Mutex<Vec<String>>,
}

impl Classifier for SpyClassifier {
    fn name(&self) -> &'static str {
        "spy"
    }

    fn classify(&self, conversation: &Conversation) -> Classification {
        if conversation
            .turns
            .iter()
            .any(|turn| turn.text.expose().contains("#unreadable"))
        {
            return Classification::unclassified();
        }
        let mut topics = Vec::new();
        let mut sensitive = Vec::new();
        for turn in &conversation.turns {
            let text = turn.text.expose();
            self.seen.lock().unwrap().push(text.to_owned());
            for word in text.split_whitespace() {
                if let Some(id) = word.strip_prefix("#topic=") {
                    topics.push(TopicScore {
                        topic: TopicId(id.parse().unwrap()),
                        score: 1.0,
                        tier: Tier::Lexicon,
                    });
                }
                if let Some(category) = word.strip_prefix("#sensitive=") {
                    sensitive.push(SensitiveHit {
                        category: category.parse::<SensitiveCategory>().unwrap(),
                        score: 1.0,
                        tier: Tier::Lexicon,
                    });
                }
            }
        }
        Classification {
            sensitive,
            topics,
            unclassified: false,
        }
    }
}

pub fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Picks a leaf-ish topic and its root from the embedded taxonomy.
pub fn some_topic() -> (TopicId, TopicId) {
    let taxonomy = Taxonomy::embedded();
    let topic = taxonomy
        .iter()
        .find(|topic| topic.tier >= 2)
        .expect("taxonomy has tier-2 topics");
    (topic.id, taxonomy.root_of(topic.id).unwrap())
}

pub const ACCOUNTS: &str = r#"{"account_id":"fb:1","surface":"facebook","accounts_center_id":"ac:1","country":"US","birth_year":1980,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"ig:1","surface":"instagram","accounts_center_id":"ac:1","country":"US","birth_year":1980,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:2","surface":"facebook","country":"US","birth_year":1975,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:de","surface":"facebook","country":"DE","birth_year":1975,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:kid","surface":"facebook","country":"US","birth_year":2012,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:off","surface":"facebook","country":"US","birth_year":1970,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"off","hidden_topics":[]}
"#;

pub fn ai_event(id: &str, account: &str, at: &str, text: &str, encrypted: bool) -> String {
    serde_json::json!({
        "event_id": id, "kind": "ai_interaction", "account_id": account, "at": at,
        "product": "assistant", "modality": "text", "encrypted": encrypted,
        "conversation_id": format!("c-{id}"),
        "turns": [{"role": "user", "text": text}, {"role": "assistant", "text": "Sure."}]
    })
    .to_string()
}

pub struct Harness {
    pub engine: Engine,
    pub spy: Arc<SpyClassifier>,
    pub dir: tempfile::TempDir,
}

pub fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(dir.path()).unwrap());
    let spy = Arc::new(SpyClassifier::default());
    let engine = Engine::new(
        store,
        spy.clone(),
        Policy::default(),
        Taxonomy::embedded(),
        EngineConfig::default(),
    );
    engine.ingest_accounts(Cursor::new(ACCOUNTS)).unwrap();
    Harness { engine, spy, dir }
}

pub fn ingest(engine: &Engine, lines: &[String]) -> EventsReport {
    engine
        .ingest_events(Cursor::new(lines.join("\n")), now(), &NoProgress)
        .unwrap()
}
