//! The ingest pipeline: parse → event rules → classify → content rules → store.

use std::collections::HashMap;
use std::io::BufRead;

use gleaner_classify::Classification;
use gleaner_core::{
    Account, AccountId, AuditOutcome, AuditRecord, CatalogItem, Conversation, Event, EventBody,
    ItemId, SensitiveCategory, Signal, SourceKind, Timestamp, TopicId,
};
use gleaner_policy::{ContentFacts, Decision, EventFacts};
use gleaner_store::EventOutcome;

use super::jsonl::{parse_account, parse_catalog_item, parse_event};
use super::report::{AccountsReport, CatalogReport, EventsReport, RejectReason, Rejected};
use super::Progress;
use crate::{Engine, EngineError};

/// Iterates over non-empty lines with their 1-based numbers and running byte count.
fn numbered_lines(
    reader: impl BufRead,
) -> impl Iterator<Item = Result<(usize, String, u64), std::io::Error>> {
    let mut bytes_read = 0u64;
    reader
        .lines()
        .enumerate()
        .filter_map(move |(index, line)| match line {
            Ok(line) => {
                bytes_read += line.len() as u64 + 1;
                if line.trim().is_empty() {
                    None
                } else {
                    Some(Ok((index + 1, line, bytes_read)))
                }
            }
            Err(error) => Some(Err(error)),
        })
}

/// What the classifier said about a catalog item, remembered for one run.
#[derive(Clone)]
struct ItemVerdict {
    topics: Vec<TopicId>,
    sensitive: Vec<SensitiveCategory>,
}

impl Engine {
    /// Loads accounts (insert or replace). Bad lines are reported, not fatal.
    pub fn ingest_accounts(&self, reader: impl BufRead) -> Result<AccountsReport, EngineError> {
        let mut report = AccountsReport::default();
        let mut accounts = Vec::new();
        for line in numbered_lines(reader) {
            let (number, text, _) = line?;
            match parse_account(&text) {
                Ok(account) => accounts.push(account),
                Err(reason) => report.rejected.push(Rejected {
                    line: number,
                    reason,
                }),
            }
        }
        for chunk in accounts.chunks(self.config().batch_size.max(1)) {
            self.store().put_accounts(chunk)?;
            report.loaded += chunk.len();
        }
        Ok(report)
    }

    /// Loads catalog items, inferring topics from the text where none are
    /// given. An item whose text touches a sensitive category keeps no topics.
    pub fn ingest_catalog(&self, reader: impl BufRead) -> Result<CatalogReport, EngineError> {
        let mut report = CatalogReport::default();
        let mut items = Vec::new();
        for line in numbered_lines(reader) {
            let (number, text, _) = line?;
            match parse_catalog_item(&text) {
                Ok(mut item) => {
                    for topic in &item.topics {
                        if self.taxonomy().get(*topic).is_none() {
                            report.rejected.push(Rejected {
                                line: number,
                                reason: RejectReason::InvalidField {
                                    field: "topics".into(),
                                    problem: format!("unknown topic id {topic}"),
                                },
                            });
                        }
                    }
                    if report
                        .rejected
                        .last()
                        .is_some_and(|last| last.line == number)
                    {
                        continue;
                    }
                    let verdict = self.classify_item(&item);
                    if !verdict.sensitive.is_empty() {
                        report.sensitive_items += 1;
                        item.topics.clear();
                    } else if item.topics.is_empty() {
                        item.topics = verdict.topics;
                        report.topics_inferred += 1;
                    }
                    items.push(item);
                }
                Err(reason) => report.rejected.push(Rejected {
                    line: number,
                    reason,
                }),
            }
        }
        for chunk in items.chunks(self.config().batch_size.max(1)) {
            self.store().put_catalog_items(chunk)?;
            report.loaded += chunk.len();
        }
        Ok(report)
    }

    fn classify_item(&self, item: &CatalogItem) -> ItemVerdict {
        let conversation = Conversation::from_user_text(
            item.item_id.as_str(),
            format!("{}. {}", item.title, item.text),
        );
        let classification = self.classifier().classify(&conversation);
        ItemVerdict {
            topics: classification
                .topics
                .iter()
                .map(|scored| scored.topic)
                .filter(|topic| self.taxonomy().get(*topic).is_some())
                .collect(),
            sensitive: sensitive_categories(&classification),
        }
    }

    /// Loads events, applying every guardrail, and commits the outcomes in
    /// batches. Events already stored are skipped; bad lines are reported.
    pub fn ingest_events(
        &self,
        reader: impl BufRead,
        now: Timestamp,
        progress: &dyn Progress,
    ) -> Result<EventsReport, EngineError> {
        let mut report = EventsReport::default();
        let mut accounts: HashMap<AccountId, Option<Account>> = HashMap::new();
        let mut items: HashMap<ItemId, Option<(CatalogItem, ItemVerdict)>> = HashMap::new();
        let mut first_line_of_event: HashMap<String, usize> = HashMap::new();
        let mut pending: Vec<EventOutcome> = Vec::with_capacity(self.config().batch_size);
        for line in numbered_lines(reader) {
            let (number, text, bytes_read) = line?;
            progress.advance(bytes_read);
            report.lines += 1;
            let event = match parse_event(&text, self.config().parse_limits) {
                Ok(event) => event,
                Err(reason) => {
                    report.rejected.push(Rejected {
                        line: number,
                        reason,
                    });
                    continue;
                }
            };
            if let Some(first_line) = first_line_of_event.get(event.event_id.as_str()) {
                report.rejected.push(Rejected {
                    line: number,
                    reason: RejectReason::DuplicateEventId {
                        event_id: event.event_id.to_string(),
                        first_line: *first_line,
                    },
                });
                continue;
            }
            first_line_of_event.insert(event.event_id.to_string(), number);
            let account_opt = self.cached_account(&mut accounts, &event.account_id)?;
            let Some(account) = account_opt else {
                report.rejected.push(Rejected {
                    line: number,
                    reason: RejectReason::UnknownAccount(event.account_id.to_string()),
                });
                continue;
            };
            let item_opt = match &event.body {
                EventBody::Engagement(engagement) => {
                    let cached = self.cached_item(&mut items, &engagement.item_id)?;
                    if cached.is_none() {
                        report.rejected.push(Rejected {
                            line: number,
                            reason: RejectReason::UnknownItem(engagement.item_id.to_string()),
                        });
                        continue;
                    }
                    cached
                }
                EventBody::AiInteraction(_) => None,
            };
            let event_hash = event.event_id.hashed();
            if self.store().has_event(&event_hash)? {
                report.already_present += 1;
                continue;
            }
            let outcome = self.decide(&event, &account, item_opt.as_ref(), now);
            match outcome.audit.outcome {
                AuditOutcome::Used => report.used += 1,
                AuditOutcome::Restricted => report.restricted += 1,
                AuditOutcome::Dropped => report.dropped += 1,
            }
            for reason in &outcome.audit.reasons {
                *report.reasons.entry(reason.to_string()).or_default() += 1;
            }
            pending.push(outcome);
            if pending.len() >= self.config().batch_size {
                self.commit(&mut pending, &mut report)?;
            }
        }
        self.commit(&mut pending, &mut report)?;
        Ok(report)
    }

    fn cached_account(
        &self,
        cache: &mut HashMap<AccountId, Option<Account>>,
        account_id: &AccountId,
    ) -> Result<Option<Account>, EngineError> {
        if let Some(cached) = cache.get(account_id) {
            return Ok(cached.clone());
        }
        let loaded = self.store().account(account_id)?;
        cache.insert(account_id.clone(), loaded.clone());
        Ok(loaded)
    }

    /// Returns a catalog item with the classifier's verdict on its text,
    /// computed once per run.
    fn cached_item(
        &self,
        cache: &mut HashMap<ItemId, Option<(CatalogItem, ItemVerdict)>>,
        item_id: &ItemId,
    ) -> Result<Option<(CatalogItem, ItemVerdict)>, EngineError> {
        if let Some(cached) = cache.get(item_id) {
            return Ok(cached.clone());
        }
        let loaded = self.store().catalog_item(item_id)?.map(|item| {
            let verdict = self.classify_item(&item);
            (item, verdict)
        });
        cache.insert(item_id.clone(), loaded.clone());
        Ok(loaded)
    }

    fn commit(
        &self,
        pending: &mut Vec<EventOutcome>,
        report: &mut EventsReport,
    ) -> Result<(), EngineError> {
        if pending.is_empty() {
            return Ok(());
        }
        let commit = self.store().commit_events(pending)?;
        // Another writer may have committed some of these in between.
        report.already_present += commit.already_present;
        report.signals_written += pending
            .iter()
            .map(|outcome| outcome.signals.len())
            .sum::<usize>();
        pending.clear();
        Ok(())
    }

    /// Applies the guardrails to one event and derives its signals. The
    /// text is handed to the classifier only when the event-moment rules
    /// still allow some use.
    fn decide(
        &self,
        event: &Event,
        account: &Account,
        item_opt: Option<&(CatalogItem, ItemVerdict)>,
        now: Timestamp,
    ) -> EventOutcome {
        let (is_ai_interaction, encrypted) = match &event.body {
            EventBody::AiInteraction(interaction) => (true, interaction.encrypted),
            EventBody::Engagement(_) => (false, None),
        };
        let mut decision = self.policy().evaluate_event(&EventFacts {
            now,
            event_at: event.at,
            account,
            is_ai_interaction,
            encrypted,
        });
        let mut scored_topics: Vec<(TopicId, f32)> = Vec::new();
        let mut source_opt: Option<SourceKind> = None;
        if !decision.is_dropped() {
            let (sensitive, topics, source) = match &event.body {
                EventBody::AiInteraction(interaction) => {
                    let conversation = Conversation {
                        id: interaction.conversation_id.clone(),
                        turns: interaction.turns.clone(),
                    };
                    let classification = self.classifier().classify(&conversation);
                    let topics = classification
                        .topics
                        .iter()
                        .filter(|scored| scored.score > self.config().min_topic_score)
                        .map(|scored| (scored.topic, scored.score))
                        .collect();
                    (
                        sensitive_categories(&classification),
                        topics,
                        SourceKind::AiInteraction {
                            product: interaction.product.clone(),
                            modality: interaction.modality,
                        },
                    )
                }
                EventBody::Engagement(engagement) => {
                    let (_, verdict) = item_opt.expect("engagements come with their item");
                    let strength = engagement.action.strength();
                    (
                        verdict.sensitive.clone(),
                        verdict
                            .topics
                            .iter()
                            .map(|topic| (*topic, strength))
                            .collect(),
                        SourceKind::Engagement {
                            action: engagement.action,
                            item_id: engagement.item_id.clone(),
                        },
                    )
                }
            };
            decision.merge(self.policy().evaluate_content(&ContentFacts {
                sensitive_categories: Some(&sensitive),
            }));
            if !decision.is_dropped() {
                scored_topics = topics;
                source_opt = Some(source);
            }
        }
        Self::outcome(event, account, &decision, &scored_topics, source_opt, now)
    }

    fn outcome(
        event: &Event,
        account: &Account,
        decision: &Decision,
        scored_topics: &[(TopicId, f32)],
        source_opt: Option<SourceKind>,
        now: Timestamp,
    ) -> EventOutcome {
        let event_hash = event.event_id.hashed();
        let signals: Vec<Signal> = match source_opt {
            Some(source) if !decision.is_dropped() => scored_topics
                .iter()
                .map(|(topic, weight)| Signal {
                    account_id: account.account_id.clone(),
                    event: event_hash,
                    topic: *topic,
                    weight: *weight,
                    source: source.clone(),
                    surface: account.surface.clone(),
                    at: event.at,
                    purposes: decision.allowed,
                })
                .collect(),
            _ => Vec::new(),
        };
        let purposes = decision.allowed;
        EventOutcome {
            event: event_hash,
            account_id: account.account_id.clone(),
            audit: AuditRecord {
                decided_at: now,
                event_at: event.at,
                account: account.account_id.hashed(),
                event: event_hash,
                event_kind: event.body.kind_name().to_owned(),
                outcome: AuditOutcome::from_purposes(purposes),
                purposes,
                reasons: decision.reasons.clone(),
                topics: signals.iter().map(|signal| signal.topic).collect(),
            },
            signals,
        }
    }
}

fn sensitive_categories(classification: &Classification) -> Vec<SensitiveCategory> {
    let mut categories: Vec<SensitiveCategory> = classification
        .sensitive
        .iter()
        .map(|hit| hit.category)
        .collect();
    categories.sort();
    categories.dedup();
    categories
}
