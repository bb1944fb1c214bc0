//! The ingest pipeline: parse → event rules → classify → content rules → store.

use std::collections::HashMap;
use std::io::BufRead;

use gleaner_classify::{Cancel, Cancelled, Classification};
use gleaner_core::{
    Account, AccountId, AuditOutcome, AuditRecord, CatalogItem, Conversation, Event, EventBody,
    EventDigest, IdHasher, ItemId, SensitiveCategory, SensitiveFinding, Signal, SourceKind,
    Timestamp, TopicId,
};
use gleaner_policy::{Decision, EventFacts};
use gleaner_store::{EventCheck, EventOutcome};

use super::jsonl::{parse_account, parse_catalog_item, parse_event};
use super::report::{
    AccountsReport, CatalogReport, EventsReport, MessageOutcome, RejectReason, Rejected,
};
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

/// An event that passed parsing and lookups, waiting for its batch.
struct Prepared {
    event: Event,
    /// The event's content digest, stored beside its id.
    digest: EventDigest,
    /// Where it came from: the line number (file) or message index (stream).
    origin: usize,
    account: Account,
    item: Option<(CatalogItem, ItemVerdict)>,
}

/// What [`Engine::prepare_event`] made of a parsed event.
enum Preparation {
    /// Looked up and not yet stored: goes into the batch.
    Ready(Box<Prepared>),
    /// The store already has it with the same content: nothing to do.
    AlreadyPresent,
    /// Unknown account or catalog item.
    Rejected(RejectReason),
}

/// Account and catalog lookups remembered for one file run or one stream
/// batch.
#[derive(Default)]
struct Lookups {
    accounts: HashMap<AccountId, Option<Account>>,
    items: HashMap<ItemId, Option<(CatalogItem, ItemVerdict)>>,
}

/// What the classifier said about a catalog item, remembered for one run.
#[derive(Clone)]
struct ItemVerdict {
    topics: Vec<TopicId>,
    sensitive: Vec<SensitiveFinding>,
    /// The classifier could not read the item: engagements with it are
    /// dropped as unclassified content (fail closed).
    unclassified: bool,
}

impl Engine {
    /// Syncs accounts from the operator: a new account is stored as given;
    /// a stored one takes the line's operator facts (surface, country,
    /// birth year, notice) and keeps the person's own choices
    /// (`ai_personalization`, `hidden_topics`), which only the person's
    /// endpoints change. A line that would change a stored account's
    /// `accounts_center_id` is rejected (field `accounts_center_id`):
    /// moving an account is `Engine::move_account`, audited. Bad lines are
    /// reported, not fatal.
    pub fn ingest_accounts(&self, reader: impl BufRead) -> Result<AccountsReport, EngineError> {
        let mut report = AccountsReport::default();
        // The account as it will be after the lines read so far (a file may
        // name one account twice).
        let mut synced: HashMap<AccountId, Account> = HashMap::new();
        let mut order: Vec<AccountId> = Vec::new();
        for line in numbered_lines(reader) {
            let (number, text, _) = line?;
            let incoming = match parse_account(&text) {
                Ok(account) => account,
                Err(reason) => {
                    report.rejected.push(Rejected {
                        line: number,
                        reason,
                    });
                    continue;
                }
            };
            let stored_opt = match synced.get(&incoming.account_id) {
                Some(pending) => Some(pending.clone()),
                None => self.store().account(&incoming.account_id)?,
            };
            let account = match stored_opt {
                None => incoming,
                Some(stored) => match stored.synced_with(incoming) {
                    Ok(merged) => {
                        report.person_settings_kept += usize::from(merged.person_settings_kept);
                        merged.account
                    }
                    Err(refusal) => {
                        report.rejected.push(Rejected {
                            line: number,
                            reason: RejectReason::InvalidField {
                                field: "accounts_center_id".to_owned(),
                                problem: refusal.to_string(),
                            },
                        });
                        continue;
                    }
                },
            };
            if !synced.contains_key(&account.account_id) {
                order.push(account.account_id.clone());
            }
            synced.insert(account.account_id.clone(), account);
            report.loaded += 1;
        }
        let accounts: Vec<Account> = order
            .iter()
            .filter_map(|account_id| synced.remove(account_id))
            .collect();
        for chunk in accounts.chunks(self.config().batch_size.max(1)) {
            self.store().put_accounts(chunk)?;
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
                Ok(item) => {
                    let unknown: Vec<TopicId> = item
                        .topics
                        .iter()
                        .copied()
                        .filter(|topic| self.taxonomy().get(*topic).is_none())
                        .collect();
                    if unknown.is_empty() {
                        items.push(item);
                    } else {
                        report
                            .rejected
                            .extend(unknown.into_iter().map(|topic| Rejected {
                                line: number,
                                reason: RejectReason::InvalidField {
                                    field: "topics".into(),
                                    problem: format!("unknown topic id {topic}"),
                                },
                            }));
                    }
                }
                Err(reason) => report.rejected.push(Rejected {
                    line: number,
                    reason,
                }),
            }
        }
        let item_refs: Vec<&CatalogItem> = items.iter().collect();
        let verdicts = self.classify_items(&item_refs);
        for (item, verdict) in items.iter_mut().zip(verdicts) {
            if !verdict.sensitive.is_empty() {
                report.sensitive_items += 1;
                item.topics.clear();
            } else if item.topics.is_empty() {
                item.topics = verdict.topics;
                report.topics_inferred += 1;
            }
        }
        for chunk in items.chunks(self.config().batch_size.max(1)) {
            self.store().put_catalog_items(chunk)?;
            report.loaded += chunk.len();
        }
        Ok(report)
    }

    /// The classifier's verdict on catalog items' texts (title and
    /// description), in one catalog batch (the semantic tier caches
    /// catalog embeddings, never conversation ones).
    fn classify_items(&self, items: &[&CatalogItem]) -> Vec<ItemVerdict> {
        let conversations: Vec<Conversation> = items
            .iter()
            .map(|item| {
                Conversation::from_user_text(
                    item.item_id.as_str(),
                    format!("{}. {}", item.title, item.text),
                )
            })
            .collect();
        let conversation_refs: Vec<&Conversation> = conversations.iter().collect();
        self.classifier()
            .classify_catalog(&conversation_refs)
            .into_iter()
            .map(|classification| ItemVerdict {
                topics: classification
                    .topics
                    .iter()
                    .map(|scored| scored.topic)
                    .filter(|topic| self.taxonomy().get(*topic).is_some())
                    .collect(),
                sensitive: findings(&classification),
                unclassified: classification.unclassified,
            })
            .collect()
    }

    /// Loads events, applying every guardrail, and commits the outcomes in
    /// batches. Events already stored are skipped; bad lines are reported.
    ///
    /// Shares every step after parsing with [`Engine::ingest_event_batch`]
    /// (the stream path): `prepare_event` looks the event up and
    /// `decide_and_commit` applies the guardrails and commits.
    pub fn ingest_events(
        &self,
        reader: impl BufRead,
        now: Timestamp,
        progress: &dyn Progress,
    ) -> Result<EventsReport, EngineError> {
        self.ingest_events_until(reader, now, progress, &Cancel::new())
    }

    /// As [`Engine::ingest_events`], but stops with
    /// [`EngineError::Cancelled`] once `cancel` is set (checked before each
    /// line and inside classification): batches committed before stay
    /// committed, the batch in hand is not, so re-sending the input is safe.
    pub fn ingest_events_until(
        &self,
        reader: impl BufRead,
        now: Timestamp,
        progress: &dyn Progress,
        cancel: &Cancel,
    ) -> Result<EventsReport, EngineError> {
        let mut report = EventsReport::default();
        let mut lookups = Lookups::default();
        let mut first_line_of_event: HashMap<String, usize> = HashMap::new();
        let mut pending: Vec<Prepared> = Vec::with_capacity(self.config().batch_size);
        for line in numbered_lines(reader) {
            cancel.check()?;
            let (number, text, bytes_read) = line?;
            progress.advance(bytes_read);
            report.lines += 1;
            let event = match self.parse_event_at(&text, now) {
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
            let digest = event.content_digest(self.store().id_hasher());
            match self.prepare_event(event, digest, number, &mut lookups)? {
                Preparation::Ready(prepared) => pending.push(*prepared),
                Preparation::AlreadyPresent => report.already_present += 1,
                Preparation::Rejected(reason) => report.rejected.push(Rejected {
                    line: number,
                    reason,
                }),
            }
            if pending.len() >= self.config().batch_size {
                self.decide_and_commit_lines(&mut pending, now, &mut report, cancel)?;
            }
        }
        self.decide_and_commit_lines(&mut pending, now, &mut report, cancel)?;
        Ok(report)
    }

    /// [`Self::decide_and_commit`] for the file path: an event whose id
    /// another writer committed with other content in the meantime becomes
    /// a rejected line.
    fn decide_and_commit_lines(
        &self,
        pending: &mut Vec<Prepared>,
        now: Timestamp,
        report: &mut EventsReport,
        cancel: &Cancel,
    ) -> Result<(), EngineError> {
        let lines: Vec<usize> = pending.iter().map(|prepared| prepared.origin).collect();
        let decided = self.decide_and_commit(pending, now, report, cancel)?;
        for (line, result) in lines.into_iter().zip(decided) {
            if let Err(reason) = result {
                report.rejected.push(Rejected { line, reason });
            }
        }
        Ok(())
    }

    /// Parses an event line and refuses one dated further after `now` than
    /// [`EngineConfig::max_future_skew`](crate::EngineConfig) allows (a
    /// clock error or a forged date would otherwise count at full weight).
    fn parse_event_at(&self, text: &str, now: Timestamp) -> Result<Event, RejectReason> {
        let event = parse_event(text, self.config().parse_limits)?;
        let skew = self.config().max_future_skew;
        if event.at > now + skew {
            return Err(RejectReason::InvalidField {
                field: "at".to_owned(),
                problem: format!(
                    "{} is more than {} s after now ({}): events from the future are refused",
                    event.at.to_rfc3339(),
                    skew.num_seconds(),
                    now.to_rfc3339()
                ),
            });
        }
        Ok(event)
    }

    /// Ingests one batch of event messages (the stream path: one message =
    /// one SPEC §2 event line, possibly not UTF-8) and returns one outcome
    /// per message, in order, once the batch is committed.
    ///
    /// When this returns `Ok`, the effect of every message whose outcome is
    /// [`MessageOutcome::Committed`] or [`MessageOutcome::AlreadyPresent`]
    /// is in the store, so the caller may acknowledge them all. On `Err`
    /// nothing of the batch may be acknowledged; a retry is safe because
    /// commits are idempotent by event id. An `event_id` that repeats
    /// within the batch with the same content is
    /// [`MessageOutcome::AlreadyPresent`] (a stream is at-least-once, so a
    /// repeat is expected, not bad input); with other content, or stored
    /// with other content, it is rejected
    /// ([`RejectReason::ReusedEventId`]). Account and
    /// catalog lookups are fresh for each batch: a long-running worker sees
    /// account changes (opt-out, notice) from one batch to the next.
    pub fn ingest_event_batch(
        &self,
        messages: &[&[u8]],
        now: Timestamp,
    ) -> Result<Vec<MessageOutcome>, EngineError> {
        let mut outcomes: Vec<Option<MessageOutcome>> = vec![None; messages.len()];
        let mut lookups = Lookups::default();
        let mut seen_in_batch: HashMap<String, EventDigest> = HashMap::new();
        let mut pending: Vec<Prepared> = Vec::with_capacity(messages.len());
        let mut pending_message_index: Vec<usize> = Vec::with_capacity(messages.len());
        for (index, message) in messages.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(message) else {
                outcomes[index] = Some(MessageOutcome::Rejected(RejectReason::Malformed(
                    "not UTF-8".into(),
                )));
                continue;
            };
            let event = match self.parse_event_at(text.trim(), now) {
                Ok(event) => event,
                Err(reason) => {
                    outcomes[index] = Some(MessageOutcome::Rejected(reason));
                    continue;
                }
            };
            let digest = event.content_digest(self.store().id_hasher());
            // The digest that holds this id in the batch: that of the first
            // message with it that was taken or found stored.
            if let Some(holding_digest) = seen_in_batch.get(event.event_id.as_str()) {
                outcomes[index] = Some(if *holding_digest == digest {
                    MessageOutcome::AlreadyPresent
                } else {
                    MessageOutcome::Rejected(RejectReason::ReusedEventId {
                        event_id: event.event_id.to_string(),
                    })
                });
                continue;
            }
            let event_id = event.event_id.to_string();
            outcomes[index] = match self.prepare_event(event, digest, index, &mut lookups)? {
                Preparation::Ready(prepared) => {
                    seen_in_batch.insert(event_id, digest);
                    pending.push(*prepared);
                    pending_message_index.push(index);
                    None
                }
                Preparation::AlreadyPresent => {
                    seen_in_batch.insert(event_id, digest);
                    Some(MessageOutcome::AlreadyPresent)
                }
                Preparation::Rejected(reason) => Some(MessageOutcome::Rejected(reason)),
            };
        }
        let mut report = EventsReport::default();
        let decided = self.decide_and_commit(&mut pending, now, &mut report, &Cancel::new())?;
        for (index, result) in pending_message_index.into_iter().zip(decided) {
            outcomes[index] = Some(match result {
                Ok(audit_outcome) => MessageOutcome::Committed(audit_outcome),
                Err(reason) => MessageOutcome::Rejected(reason),
            });
        }
        Ok(outcomes
            .into_iter()
            .map(|outcome| outcome.expect("every message has an outcome"))
            .collect())
    }

    /// Looks up what deciding an event needs (its account, its catalog
    /// item) and whether the store already has it, with the same content or
    /// another. The one place both ingest paths turn a parsed event into
    /// work; `digest` is its content digest, `origin` its line number or
    /// message index.
    fn prepare_event(
        &self,
        event: Event,
        digest: EventDigest,
        origin: usize,
        lookups: &mut Lookups,
    ) -> Result<Preparation, EngineError> {
        let account_opt = self.cached_account(&mut lookups.accounts, &event.account_id)?;
        let Some(account) = account_opt else {
            return Ok(Preparation::Rejected(RejectReason::UnknownAccount(
                event.account_id.to_string(),
            )));
        };
        let item_opt = match &event.body {
            EventBody::Engagement(engagement) => {
                let cached = self.cached_item(&mut lookups.items, &engagement.item_id)?;
                if cached.is_none() {
                    return Ok(Preparation::Rejected(RejectReason::UnknownItem(
                        engagement.item_id.to_string(),
                    )));
                }
                cached
            }
            EventBody::AiInteraction(_) => None,
        };
        match self
            .store()
            .check_event(&event.event_id.hashed(self.store().id_hasher()), &digest)?
        {
            EventCheck::New => {}
            EventCheck::SameContent => return Ok(Preparation::AlreadyPresent),
            EventCheck::OtherContent => {
                return Ok(Preparation::Rejected(RejectReason::ReusedEventId {
                    event_id: event.event_id.to_string(),
                }))
            }
        }
        Ok(Preparation::Ready(Box::new(Prepared {
            event,
            digest,
            origin,
            account,
            item: item_opt,
        })))
    }

    /// Decides a batch of events (one classifier batch for all their
    /// conversations), commits them together and counts the outcomes.
    /// Returns each event's outcome, in the batch's order: an error for
    /// one whose id another writer committed with other content between
    /// the lookup and the commit.
    fn decide_and_commit(
        &self,
        pending: &mut Vec<Prepared>,
        now: Timestamp,
        report: &mut EventsReport,
        cancel: &Cancel,
    ) -> Result<Vec<Result<AuditOutcome, RejectReason>>, EngineError> {
        let outcomes = self.decide_batch(pending, now, cancel)?;
        let event_ids: Vec<String> = pending
            .iter()
            .map(|prepared| prepared.event.event_id.to_string())
            .collect();
        pending.clear();
        let conflicting = self.commit(&outcomes, report)?;
        let mut results = Vec::with_capacity(outcomes.len());
        for (outcome, event_id) in outcomes.iter().zip(event_ids) {
            if conflicting.contains(&outcome.event) {
                results.push(Err(RejectReason::ReusedEventId { event_id }));
                continue;
            }
            results.push(Ok(outcome.audit.outcome));
            report.signals_written += outcome.signals.len();
            match outcome.audit.outcome {
                AuditOutcome::Used => report.used += 1,
                AuditOutcome::Restricted => report.restricted += 1,
                AuditOutcome::Dropped => report.dropped += 1,
            }
            for reason in &outcome.audit.reasons {
                *report.reasons.entry(reason.to_string()).or_default() += 1;
            }
        }
        Ok(results)
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
            let verdict = self
                .classify_items(&[&item])
                .pop()
                .expect("one verdict per item");
            (item, verdict)
        });
        cache.insert(item_id.clone(), loaded.clone());
        Ok(loaded)
    }

    /// Commits decided outcomes; returns the events the store refused as
    /// reused ids (another writer committed them with other content in
    /// between).
    fn commit(
        &self,
        pending: &[EventOutcome],
        report: &mut EventsReport,
    ) -> Result<Vec<gleaner_core::HashedId>, EngineError> {
        if pending.is_empty() {
            return Ok(Vec::new());
        }
        let commit = self.store().commit_events(pending)?;
        // Another writer may have committed some of these in between.
        report.already_present += commit.already_present;
        Ok(commit.conflicting)
    }

    /// Applies the guardrails to a batch of events and derives their
    /// signals. The event-moment rules run first; only conversations they
    /// still allow some use of reach the classifier, all in one batch.
    fn decide_batch(
        &self,
        batch: &[Prepared],
        now: Timestamp,
        cancel: &Cancel,
    ) -> Result<Vec<EventOutcome>, Cancelled> {
        let decisions: Vec<Decision> = batch
            .iter()
            .map(|prepared| {
                let (is_ai_interaction, encrypted) = match &prepared.event.body {
                    EventBody::AiInteraction(interaction) => (true, interaction.encrypted),
                    EventBody::Engagement(_) => (false, None),
                };
                self.policy().evaluate_event(&EventFacts {
                    now,
                    event_at: prepared.event.at,
                    account: &prepared.account,
                    is_ai_interaction,
                    encrypted,
                })
            })
            .collect();
        let mut readable: Vec<usize> = Vec::new();
        let mut conversations: Vec<Conversation> = Vec::new();
        for (index, (prepared, decision)) in batch.iter().zip(&decisions).enumerate() {
            if let EventBody::AiInteraction(interaction) = &prepared.event.body {
                if !decision.is_dropped() {
                    readable.push(index);
                    conversations.push(Conversation {
                        id: interaction.conversation_id.clone(),
                        turns: interaction.turns.clone(),
                    });
                }
            }
        }
        let conversation_refs: Vec<&Conversation> = conversations.iter().collect();
        let mut classifications: Vec<Option<Classification>> = vec![None; batch.len()];
        for (index, classification) in readable.into_iter().zip(
            self.classifier()
                .classify_batch_until(&conversation_refs, cancel)?,
        ) {
            classifications[index] = Some(classification);
        }
        Ok(batch
            .iter()
            .zip(decisions)
            .zip(classifications)
            .map(|((prepared, decision), classification)| {
                self.finish(prepared, decision, classification.as_ref(), now)
            })
            .collect())
    }

    /// The content-moment rules and the signals of one event, given its
    /// event-moment decision and (for a readable conversation) what the
    /// classifier said.
    fn finish(
        &self,
        prepared: &Prepared,
        mut decision: Decision,
        classification: Option<&Classification>,
        now: Timestamp,
    ) -> EventOutcome {
        let Prepared {
            event,
            digest,
            account,
            item,
            ..
        } = prepared;
        let mut scored_topics: Vec<(TopicId, f32)> = Vec::new();
        let mut source_opt: Option<SourceKind> = None;
        let mut found: Vec<SensitiveFinding> = Vec::new();
        if !decision.is_dropped() {
            let (sensitive, topics, source, unclassified) = match &event.body {
                EventBody::AiInteraction(interaction) => {
                    let classification =
                        classification.expect("readable conversations are classified");
                    let topics = classification
                        .topics
                        .iter()
                        .filter(|scored| scored.score > self.config().min_topic_score)
                        .map(|scored| (scored.topic, scored.score))
                        .collect();
                    (
                        findings(classification),
                        topics,
                        SourceKind::AiInteraction {
                            product: interaction.product.clone(),
                            modality: interaction.modality,
                        },
                        classification.unclassified,
                    )
                }
                EventBody::Engagement(engagement) => {
                    let (_, verdict) = item.as_ref().expect("engagements come with their item");
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
                        verdict.unclassified,
                    )
                }
            };
            // What could not be classified reaches the policy as such, and
            // the policy fails closed on it.
            let categories: Vec<SensitiveCategory> =
                sensitive.iter().map(|finding| finding.category).collect();
            decision.merge(crate::classify::content_decision(
                self.policy(),
                &categories,
                unclassified,
            ));
            if !decision.is_dropped() {
                scored_topics = topics;
                source_opt = Some(source);
            }
            found = sensitive;
        }
        let hasher = self.store().id_hasher();
        let mut outcome = Self::outcome(
            hasher,
            event,
            *digest,
            account,
            &decision,
            &scored_topics,
            source_opt,
            now,
        );
        outcome.audit.sensitive = found;
        outcome
    }

    /// Builds the outcome; ids are hashed with the store's `hasher`.
    // Each argument is one input of the outcome (the keyed hasher joined
    // the digest in the merge of the erase and sync branches).
    #[allow(clippy::too_many_arguments)]
    fn outcome(
        hasher: &IdHasher,
        event: &Event,
        digest: EventDigest,
        account: &Account,
        decision: &Decision,
        scored_topics: &[(TopicId, f32)],
        source_opt: Option<SourceKind>,
        now: Timestamp,
    ) -> EventOutcome {
        let event_hash = event.event_id.hashed(hasher);
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
            digest,
            account_id: account.account_id.clone(),
            audit: AuditRecord {
                decided_at: now,
                event_at: event.at,
                account: account.account_id.hashed(hasher),
                event: event_hash,
                event_kind: event.body.kind_name().to_owned(),
                outcome: AuditOutcome::from_purposes(purposes),
                purposes,
                reasons: decision.reasons.clone(),
                topics: signals.iter().map(|signal| signal.topic).collect(),
                sensitive: Vec::new(),
            },
            signals,
        }
    }
}

/// The sensitive categories of a classification, once each, with the tier
/// that found each (the classifier lists the deciding hit first).
fn findings(classification: &Classification) -> Vec<SensitiveFinding> {
    let mut found: Vec<SensitiveFinding> = Vec::new();
    for hit in &classification.sensitive {
        if !found.iter().any(|finding| finding.category == hit.category) {
            found.push(SensitiveFinding {
                category: hit.category,
                tier: hit.tier,
            });
        }
    }
    found.sort();
    found
}
