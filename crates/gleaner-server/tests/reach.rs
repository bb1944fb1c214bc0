//! Issue 13, defect 1: `GET /v1/audiences/reach` must not single anyone out.
//!
//! The attack of the issue, as a test: one account is the only person on
//! glasses in AU; an advertiser walks the taxonomy from the roots
//! (`topics=T&surface=glasses&country=AU`) and descends wherever anything
//! about an audience shows. On the old code the walk rebuilt that person's
//! ad topics; now the whole transcript (every status and body, byte for
//! byte) is the same as over the same store without that person.

mod common;

use std::collections::BTreeSet;

use common::{account_line, like_line, TestServer};
use gleaner_engine::query::reach::ReachPrivacy;
use gleaner_server::ServerConfig;
use gleaner_taxonomy::Taxonomy;

/// The lone person's six ad topics, in six roots, and the text of the
/// post that the lexicon classifier files under each (engagements take the
/// classifier's topics of the item's text).
const LONE_PERSON_POSTS: [(u32, &str); 6] = [
    (
        101,
        "Comparing family SUVs and crossovers: cargo space, towing and fuel economy.",
    ),
    (
        354,
        "Korean cuisine at home: kimchi, bibimbap and bulgogi recipes.",
    ),
    (
        858,
        "Planning an African safari: game drives in the Serengeti.",
    ),
    (
        150,
        "Manga volumes to read this year: shonen and seinen series.",
    ),
    (
        320,
        "Ballroom dance lessons: waltz, tango and foxtrot steps.",
    ),
    (
        770,
        "Home computer networking: routers, switches and mesh wifi.",
    ),
];
const LONE_PERSON_TOPICS: [u32; 6] = [101, 354, 858, 150, 320, 770];
const SPORTS: u32 = 20;

fn catalog() -> String {
    let mut lines = vec![serde_json::json!({
        "item_id": "post:match", "kind": "post", "title": "Match report",
        "text": "Ninety minutes of football.", "topics": []
    })
    .to_string()];
    for (topic, text) in LONE_PERSON_POSTS {
        lines.push(
            serde_json::json!({
                "item_id": format!("post:topic{topic}"), "kind": "post",
                "title": "A post", "text": text, "topics": []
            })
            .to_string(),
        );
    }
    lines.join("\n")
}

/// 150 people on facebook in AU who liked a Sports post, and, when
/// `with_lone_person`, `gl:1`: the only account on glasses in AU, with one
/// like on each of [`LONE_PERSON_TOPICS`].
fn store_lines(with_lone_person: bool) -> (String, String) {
    let mut accounts = Vec::new();
    let mut events = Vec::new();
    for index in 0..150 {
        let id = format!("fb:crowd{index}");
        accounts.push(account_line(&id, "facebook", None, "AU"));
        events.push(like_line(&format!("e-crowd{index}"), &id, "post:match"));
    }
    if with_lone_person {
        accounts.push(account_line("gl:1", "glasses", None, "AU"));
        for topic in LONE_PERSON_TOPICS {
            events.push(like_line(
                &format!("e-gl1-{topic}"),
                "gl:1",
                &format!("post:topic{topic}"),
            ));
        }
    }
    (accounts.join("\n"), events.join("\n"))
}

fn walk_config() -> ServerConfig {
    ServerConfig {
        reach_budget_per_token: 10_000.0,
        reach_noise_seed: Some(13),
        ..ServerConfig::default()
    }
}

fn server(config: ServerConfig, with_lone_person: bool) -> TestServer {
    let (accounts, events) = store_lines(with_lone_person);
    TestServer::start_with_catalog(config, &accounts, &catalog(), &events)
}

/// Whether an answer says anything about an audience: a listed group or
/// a total that is not `fewer_than`.
fn shows_an_audience(body: &serde_json::Value) -> bool {
    !body["groups"].as_array().unwrap().is_empty() || body["total"].get("people").is_some()
}

/// Every request and response of the walk, and the topics where something showed.
struct Walk {
    transcript: Vec<(String, u16, String)>,
    topics_that_showed: BTreeSet<u32>,
}

fn taxonomy_walk(server: &TestServer, filter: &str) -> Walk {
    let taxonomy = Taxonomy::embedded();
    let mut to_visit: Vec<u32> = taxonomy.roots().iter().map(|topic| topic.0).collect();
    let mut walk = Walk {
        transcript: Vec::new(),
        topics_that_showed: BTreeSet::new(),
    };
    while let Some(topic) = to_visit.pop() {
        let path = format!("/v1/audiences/reach?topics={topic}{filter}");
        let response = server.get(&path, &server.tokens.advertiser);
        assert_eq!(response.status, 200, "{path}: {}", response.text());
        if shows_an_audience(&response.json()) {
            walk.topics_that_showed.insert(topic);
            to_visit.extend(
                taxonomy
                    .children(gleaner_core::TopicId(topic))
                    .iter()
                    .map(|child| child.0),
            );
        }
        walk.transcript
            .push((path, response.status, response.text()));
    }
    walk
}

#[test]
fn issue_13_the_taxonomy_walk_learns_nothing_about_a_lone_person() {
    let with_person = server(walk_config(), true);
    let without_person = server(walk_config(), false);
    let profile = with_person
        .get("/v1/accounts/gl:1/profile", &with_person.tokens.operator)
        .json();
    let ad_topics: BTreeSet<u64> = profile["interests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|interest| interest["ads_weight"].as_f64().unwrap() > 0.0)
        .map(|interest| interest["topic"].as_u64().unwrap())
        .collect();
    for topic in LONE_PERSON_TOPICS {
        assert!(ad_topics.contains(&u64::from(topic)), "{profile}");
    }
    for filter in ["&surface=glasses&country=AU", "&country=AU", ""] {
        let walk_with = taxonomy_walk(&with_person, filter);
        let walk_without = taxonomy_walk(&without_person, filter);
        assert!(
            walk_with
                .topics_that_showed
                .iter()
                .all(|topic| !LONE_PERSON_TOPICS.contains(topic)),
            "{filter}: {:?}",
            walk_with.topics_that_showed
        );
        assert_eq!(
            walk_with.transcript, walk_without.transcript,
            "{filter}: the answers differ with and without the lone person"
        );
        for (_, _, body) in &walk_with.transcript {
            assert!(!body.contains("glasses"), "{body}");
        }
    }
    // The walk is not blind: where a crowd is, it finds it.
    let crowd_walk = taxonomy_walk(&with_person, "&surface=facebook&country=AU");
    assert!(
        crowd_walk.topics_that_showed.contains(&SPORTS),
        "the crowd of 150 shows: {:?}",
        crowd_walk.topics_that_showed
    );
    let crowd = with_person.get(
        &format!("/v1/audiences/reach?topics={SPORTS}&surface=facebook&country=AU"),
        &with_person.tokens.advertiser,
    );
    let body = crowd.json();
    let people = body["groups"][0]["people"].as_u64().unwrap();
    assert!(people.abs_diff(150) < 20, "{body}");
    assert_eq!(body["groups"][0]["surface"], "facebook");
    assert!(body["total"]["people"].as_u64().unwrap().abs_diff(150) < 20);
}

/// The response has the same fields whether a small group exists or not.
#[test]
fn issue_13_the_answer_has_the_same_shape_for_no_one_and_for_one_person() {
    let with_person = server(walk_config(), true);
    let path = format!(
        "/v1/audiences/reach?topics={}&surface=glasses&country=AU",
        LONE_PERSON_TOPICS[0]
    );
    let body = with_person
        .get(&path, &with_person.tokens.advertiser)
        .json();
    assert_eq!(
        body,
        serde_json::json!({
            "topics": [LONE_PERSON_TOPICS[0]],
            "k_anonymity": 100,
            "epsilon": 1.0,
            "total": {"fewer_than": 100},
            "groups": [],
            "privacy_budget": {"epsilon_spent": 1.0, "epsilon_limit": 10_000.0},
        })
    );
}

#[test]
fn issue_13_a_token_stops_getting_new_answers_when_its_budget_is_spent() {
    let config = ServerConfig {
        reach_budget_per_token: 2.5,
        reach_privacy: ReachPrivacy {
            epsilon_per_answer: 1.0,
            ..ReachPrivacy::default()
        },
        // Production noise: OS randomness per fresh answer.
        reach_noise_seed: None,
        ..ServerConfig::default()
    };
    let server = server(config, true);
    let advertiser = &server.tokens.advertiser;
    let first = server.get(&format!("/v1/audiences/reach?topics={SPORTS}"), advertiser);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.json()["privacy_budget"]["epsilon_spent"], 1.0);
    let second = server.get("/v1/audiences/reach?topics=24,20", advertiser);
    assert_eq!(second.status, 200, "{}", second.text());
    assert_eq!(second.json()["privacy_budget"]["epsilon_spent"], 2.0);
    let third = server.get("/v1/audiences/reach?topics=24", advertiser);
    assert_eq!(third.status, 403, "{}", third.text());
    assert_eq!(third.json()["error"]["code"], "privacy_budget_spent");
    // A repeated question (topics in another order) gets the answer it got
    // and costs nothing: averaging repeats learns nothing. Only the budget
    // field moves, to what the token has spent by now.
    let without_budget = |response: &common::Response| {
        let mut body = response.json();
        let budget = body.as_object_mut().unwrap().remove("privacy_budget");
        (body, budget.unwrap())
    };
    let repeated = server.get("/v1/audiences/reach?topics=20,24,20", advertiser);
    assert_eq!(repeated.status, 200, "{}", repeated.text());
    assert_eq!(without_budget(&repeated), without_budget(&second));
    let repeated_first = server.get(&format!("/v1/audiences/reach?topics={SPORTS}"), advertiser);
    let (answer, budget) = without_budget(&repeated_first);
    assert_eq!(answer, without_budget(&first).0);
    assert_eq!(budget["epsilon_spent"], 2.0, "repeats are not charged");
    // Operators (who can read every profile) are not budgeted.
    for _ in 0..4 {
        let operator = server.get("/v1/audiences/reach?topics=24", &server.tokens.operator);
        assert_eq!(operator.status, 200, "{}", operator.text());
        assert_eq!(operator.json()["privacy_budget"], serde_json::Value::Null);
    }
    // After a write (the person hiding a topic) the index is rebuilt: the
    // old answers are not repeated, and a new answer needs budget the token
    // no longer has.
    let crowd0 = server.person_token("fb:crowd0");
    let hidden = server.request(
        "PUT",
        "/v1/accounts/fb:crowd0/hidden-topics/20",
        Some(&crowd0),
        b"",
    );
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    let after_write = server.get(&format!("/v1/audiences/reach?topics={SPORTS}"), advertiser);
    assert_eq!(after_write.status, 403, "{}", after_write.text());
}
