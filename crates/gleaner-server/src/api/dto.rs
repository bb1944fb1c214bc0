//! Response bodies: the shapes `/openapi.json` describes.
//!
//! Each body is built from the engine's domain type it answers with (the
//! document `gleaner <command> --json` prints) by moving its fields, and
//! serializes to the same bytes: the same field names, in the same order,
//! with the same omissions. Leaf values (ids, surfaces, times, reason codes)
//! keep their domain types, so they serialize through the domain's own
//! code; `#[schema(value_type = ..)]` says what they look like on the wire.
//! The domain crates stay free of HTTP and `OpenAPI` concerns.
//!
//! `tests/bodies.rs` checks every body against the domain document byte
//! for byte, so a field added to a domain type and not here fails a test
//! instead of silently vanishing from the API.

use std::collections::BTreeMap;

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AiPersonalization, AuditOutcome,
    AuditRecord, CountryCode, HashedId, ItemId, ItemKind, Purposes, ReasonCode, SensitiveFinding,
    SettingsOverrideRecord, Signal, SourceKind, Surface, Timestamp, TopicId,
};
use gleaner_engine::classify::{ClassifyOutput, SensitiveOutput, TopicOutput};
use gleaner_engine::{
    AccountExport, AccountsReport, CatalogReport, EventsReport, RejectReason, Rejected,
};
use gleaner_profile::{Interest, Profile, SourceSummary};
use gleaner_recommend::{Because, Explanation, Recommendation};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ErrorDetail;

/// `{"status": ..}` of `/healthz` and `/readyz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusBody {
    /// `ok` (alive), `ready` (the store answers) or `unavailable`.
    #[schema(example = "ok")]
    pub status: &'static str,
}

// ---------------------------------------------------------------- profile

/// The interests usable for an account on a surface (`gleaner profile`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileBody {
    /// The serving account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// Its surface.
    #[schema(value_type = String)]
    pub surface: Surface,
    /// When it was computed (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub computed_at: Timestamp,
    /// Interests, heaviest first (ties by topic id).
    pub interests: Vec<InterestBody>,
    /// Signals held back, by reason code.
    pub withheld: BTreeMap<String, usize>,
}

impl From<Profile> for ProfileBody {
    fn from(profile: Profile) -> Self {
        Self {
            account_id: profile.account_id,
            surface: profile.surface,
            computed_at: profile.computed_at,
            interests: profile.interests.into_iter().map(Into::into).collect(),
            withheld: profile.withheld,
        }
    }
}

/// One interest of a profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterestBody {
    /// The topic id.
    #[schema(value_type = u32)]
    pub topic: TopicId,
    /// Its taxonomy path (`Sports > Running`).
    pub path: String,
    /// The larger of `ads_weight` and `content_weight`.
    pub weight: f64,
    /// Decayed weight usable for ads.
    pub ads_weight: f64,
    /// Decayed weight usable for posts, reels, groups and pages.
    pub content_weight: f64,
    /// Where it came from, heaviest first.
    pub sources: Vec<SourceSummaryBody>,
    /// Every account that contributed, in order.
    #[schema(value_type = Vec<String>)]
    pub contributing_accounts: Vec<AccountId>,
}

impl From<Interest> for InterestBody {
    fn from(interest: Interest) -> Self {
        Self {
            topic: interest.topic,
            path: interest.path,
            weight: interest.weight,
            ads_weight: interest.ads_weight,
            content_weight: interest.content_weight,
            sources: interest.sources.into_iter().map(Into::into).collect(),
            contributing_accounts: interest.contributing_accounts,
        }
    }
}

/// How much one source (kind × surface × account) contributed to an interest.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceSummaryBody {
    /// `ai_interaction` or `engagement`.
    pub kind: &'static str,
    /// The surface the signals came from.
    #[schema(value_type = String)]
    pub surface: Surface,
    /// The account the signals came from.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// How many signals.
    pub signals: usize,
    /// Their decayed weight.
    pub weight: f64,
    /// The newest of them (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub last_at: Timestamp,
}

impl From<SourceSummary> for SourceSummaryBody {
    fn from(source: SourceSummary) -> Self {
        Self {
            kind: source.kind,
            surface: source.surface,
            account_id: source.account_id,
            signals: source.signals,
            weight: source.weight,
            last_at: source.last_at,
        }
    }
}

// ---------------------------------------------------------------- recommend, explain

/// One ranked item (`gleaner recommend`).
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationBody {
    /// The item.
    #[schema(value_type = String)]
    pub item_id: ItemId,
    /// Its kind (`ad`, `post`, `reel`, `group`, `page`).
    #[schema(value_type = String)]
    pub kind: ItemKind,
    /// Its title.
    pub title: String,
    /// Its score (sum of the contributions).
    pub score: f64,
    /// Why, strongest first.
    pub because: Vec<BecauseBody>,
}

impl From<Recommendation> for RecommendationBody {
    fn from(recommendation: Recommendation) -> Self {
        Self {
            item_id: recommendation.item_id,
            kind: recommendation.kind,
            title: recommendation.title,
            score: recommendation.score,
            because: recommendation.because.into_iter().map(Into::into).collect(),
        }
    }
}

/// One link of a "because" chain: an interest that matched an item topic.
#[derive(Debug, Serialize, ToSchema)]
pub struct BecauseBody {
    /// The profile interest that matched.
    #[schema(value_type = u32)]
    pub topic: TopicId,
    /// Its path.
    pub path: String,
    /// The item topic it matched.
    #[schema(value_type = u32)]
    pub item_topic: TopicId,
    /// `exact` (same topic, below the root), `broader`, `narrower`, `sibling`
    /// or `root` (the topics meet only at a root).
    pub relation: &'static str,
    /// `ai_interaction` or `engagement`: the strongest source of the interest.
    pub source_kind: &'static str,
    /// The surface of that source.
    #[schema(value_type = String)]
    pub surface: Surface,
    /// The account of that source.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// This link's share of the score.
    pub contribution: f64,
}

impl From<Because> for BecauseBody {
    fn from(because: Because) -> Self {
        Self {
            topic: because.topic,
            path: because.path,
            item_topic: because.item_topic,
            relation: because.relation,
            source_kind: because.source_kind,
            surface: because.surface,
            account_id: because.account_id,
            contribution: because.contribution,
        }
    }
}

/// Why an item would or would not be shown (`gleaner explain`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplanationBody {
    /// The serving account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// The item.
    #[schema(value_type = String)]
    pub item_id: ItemId,
    /// Its kind.
    #[schema(value_type = String)]
    pub kind: ItemKind,
    /// Its topics, each as `[id, path]`.
    #[schema(value_type = Vec<(u32, String)>)]
    pub item_topics: Vec<(TopicId, String)>,
    /// Whether it would be shown (it matches and no guardrail forbids it).
    pub would_show: bool,
    /// Its score.
    pub score: f64,
    /// Its rank among the items of its kind (1-based), when it would be shown.
    pub rank: Option<usize>,
    /// How many items of its kind would be shown at all.
    pub ranked_items: usize,
    /// The matching chain.
    pub because: Vec<BecauseBody>,
    /// The guardrails that stand in the way, as reason codes.
    pub blocked_by: Vec<String>,
    /// One readable sentence.
    pub summary: String,
}

impl From<Explanation> for ExplanationBody {
    fn from(explanation: Explanation) -> Self {
        Self {
            account_id: explanation.account_id,
            item_id: explanation.item_id,
            kind: explanation.kind,
            item_topics: explanation.item_topics,
            would_show: explanation.would_show,
            score: explanation.score,
            rank: explanation.rank,
            ranked_items: explanation.ranked_items,
            because: explanation.because.into_iter().map(Into::into).collect(),
            blocked_by: explanation.blocked_by,
            summary: explanation.summary,
        }
    }
}

// ---------------------------------------------------------------- export, forget

/// Everything held about an account (`gleaner export`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportBody {
    /// When the export was made (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub exported_at: Timestamp,
    /// The account and its settings.
    pub account: AccountBody,
    /// The accounts linked to it.
    #[schema(value_type = Vec<String>)]
    pub linked_accounts: Vec<AccountId>,
    /// Every signal this account produced.
    pub signals: Vec<SignalBody>,
    /// Every guardrail decision on this account's events.
    pub audit: Vec<AuditRecordBody>,
    /// Every operator move of this account between accounts centers,
    /// oldest first.
    pub account_moves: Vec<AccountMoveBody>,
    /// Every operator override of this account's own settings, oldest first.
    pub settings_overrides: Vec<SettingsOverrideRecordBody>,
    /// The profile usable for it now.
    pub profile: ProfileBody,
}

impl From<AccountExport> for ExportBody {
    fn from(export: AccountExport) -> Self {
        Self {
            exported_at: export.exported_at,
            account: export.account.into(),
            linked_accounts: export.linked_accounts,
            signals: export.signals.into_iter().map(Into::into).collect(),
            audit: export.audit.into_iter().map(Into::into).collect(),
            account_moves: export
                .account_moves
                .into_iter()
                .map(AccountMoveBody)
                .collect(),
            settings_overrides: export
                .settings_overrides
                .into_iter()
                .map(SettingsOverrideRecordBody)
                .collect(),
            profile: export.profile.into(),
        }
    }
}

/// An operator's move of an account between accounts centers: ids hashed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = AccountMoveSchema)]
pub struct AccountMoveBody(pub AccountMoveRecord);

/// The shape of [`AccountMoveBody`].
#[derive(ToSchema)]
#[allow(dead_code)] // describes the serialized record; never built
pub struct AccountMoveSchema {
    /// When (RFC 3339).
    #[schema(format = DateTime)]
    at: String,
    /// The hashed account id (hex).
    account: String,
    /// The hashed accounts center it left (`null`: none).
    from_center: Option<String>,
    /// The hashed accounts center it joined (`null`: none).
    to_center: Option<String>,
    /// `cli`, or `token <id>` for an operator token.
    by: String,
}

/// An operator's audited override of a person's own settings.
#[derive(Debug, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = SettingsOverrideSchema)]
pub struct SettingsOverrideRecordBody(pub SettingsOverrideRecord);

/// The shape of [`SettingsOverrideRecordBody`].
#[derive(ToSchema)]
#[allow(dead_code)] // describes the serialized record; never built
pub struct SettingsOverrideSchema {
    /// When (RFC 3339).
    #[schema(format = DateTime)]
    at: String,
    /// The hashed account id (hex).
    account: String,
    /// `cli`, or `token <id>` for an operator token.
    by: String,
    /// The operator's reason (1 to 280 characters).
    reason: String,
    /// `{"from","to"}` of the AI-personalization setting (`on`, `off` or
    /// `null`); absent when unchanged.
    ai_personalization: Option<AiPersonalizationChangeSchema>,
    /// `{"from","to"}` of the hidden topic ids; absent when unchanged.
    hidden_topics: Option<HiddenTopicsChangeSchema>,
}

/// The AI-personalization setting before and after.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the serialized record; never built
pub struct AiPersonalizationChangeSchema {
    /// Before: `on`, `off` or `null` (never set).
    from: Option<String>,
    /// After.
    to: Option<String>,
}

/// The hidden topic ids before and after, sorted.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the serialized record; never built
pub struct HiddenTopicsChangeSchema {
    /// Before.
    from: Vec<u32>,
    /// After.
    to: Vec<u32>,
}

/// An account as stored (SPEC §2).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountBody {
    /// The account's id.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// Its surface.
    #[schema(value_type = String)]
    pub surface: Surface,
    /// Shared by accounts the person linked; absent means linked to nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub accounts_center_id: Option<AccountsCenterId>,
    /// Country of residence (ISO 3166-1 alpha-2).
    #[schema(value_type = Option<String>)]
    pub country: Option<CountryCode>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// When the person was told that AI interactions are used (RFC 3339).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub notified_at: Option<Timestamp>,
    /// `on`, `off`, or `null` (unknown: AI interactions are not used).
    #[schema(value_type = Option<String>)]
    pub ai_personalization: Option<AiPersonalization>,
    /// Topics the person hid; their descendants are hidden too.
    #[schema(value_type = Vec<u32>)]
    pub hidden_topics: Vec<TopicId>,
}

impl From<Account> for AccountBody {
    fn from(account: Account) -> Self {
        Self {
            account_id: account.account_id,
            surface: account.surface,
            accounts_center_id: account.accounts_center_id,
            country: account.country,
            birth_year: account.birth_year,
            notified_at: account.notified_at,
            ai_personalization: account.ai_personalization,
            hidden_topics: account.hidden_topics,
        }
    }
}

/// One derived interest of the account, from one event. Never any text.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignalBody {
    /// The account whose event produced it.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// The hashed event id (hex).
    #[schema(value_type = String)]
    pub event: HashedId,
    /// The inferred topic.
    #[schema(value_type = u32)]
    pub topic: TopicId,
    /// The classifier's confidence times the action's strength, before decay.
    pub weight: f32,
    /// Where it came from: `{"kind": "ai_interaction", "product", "modality"}`
    /// or `{"kind": "engagement", "action", "item_id"}`.
    #[schema(value_type = Object)]
    pub source: SourceKind,
    /// The surface of the account that produced it.
    #[schema(value_type = String)]
    pub surface: Surface,
    /// When the event happened (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// What the guardrails allowed it to be used for at ingest.
    #[schema(value_type = PurposesSchema)]
    pub purposes: Purposes,
}

impl From<Signal> for SignalBody {
    fn from(signal: Signal) -> Self {
        Self {
            account_id: signal.account_id,
            event: signal.event,
            topic: signal.topic,
            weight: signal.weight,
            source: signal.source,
            surface: signal.surface,
            at: signal.at,
            purposes: signal.purposes,
        }
    }
}

/// The uses a signal is allowed (the schema of `Purposes`).
#[derive(ToSchema)]
#[schema(as = Purposes)]
#[allow(dead_code)] // a schema only: `Purposes` serializes itself
pub struct PurposesSchema {
    /// May target ads.
    ads: bool,
    /// May rank posts, reels, groups and pages.
    content: bool,
}

/// One guardrail decision on one event: ids hashed, never any text.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditRecordBody {
    /// When the decision was taken (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub decided_at: Timestamp,
    /// When the event happened (RFC 3339).
    #[schema(value_type = String, format = DateTime)]
    pub event_at: Timestamp,
    /// The hashed account id (hex).
    #[schema(value_type = String)]
    pub account: HashedId,
    /// The hashed event id (hex).
    #[schema(value_type = String)]
    pub event: HashedId,
    /// `ai_interaction` or `engagement`.
    pub event_kind: String,
    /// `used`, `restricted` or `dropped`.
    #[schema(value_type = String)]
    pub outcome: AuditOutcome,
    /// What the data may be used for.
    #[schema(value_type = PurposesSchema)]
    pub purposes: Purposes,
    /// Every reason code a rule gave (SPEC §4); empty when used without restriction.
    #[schema(value_type = Vec<String>)]
    pub reasons: Vec<ReasonCode>,
    /// The topics that were derived (empty when dropped).
    #[schema(value_type = Vec<u32>)]
    pub topics: Vec<TopicId>,
    /// The sensitive categories found, each `{"category", "tier"}`;
    /// absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub sensitive: Vec<SensitiveFinding>,
}

impl From<AuditRecord> for AuditRecordBody {
    fn from(record: AuditRecord) -> Self {
        Self {
            decided_at: record.decided_at,
            event_at: record.event_at,
            account: record.account,
            event: record.event,
            event_kind: record.event_kind,
            outcome: record.outcome,
            purposes: record.purposes,
            reasons: record.reasons,
            topics: record.topics,
            sensitive: record.sensitive,
        }
    }
}

/// What `DELETE /v1/accounts/{id}` erased (`gleaner forget`). Fields are
/// in alphabetical order, as the API has always sent them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForgetBody {
    /// The account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// Whether the account existed.
    pub account_removed: bool,
    /// Audit records removed.
    pub audit_records_removed: usize,
    /// Seen-event markers removed.
    pub events_removed: usize,
    /// Signals removed.
    pub signals_removed: usize,
    /// The account's person tokens revoked (the caller's own included).
    pub tokens_revoked: usize,
}

// ---------------------------------------------------------------- ingest, classify

/// One rejected input line.
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedBody {
    /// 1-based line number.
    pub line: usize,
    /// Why: `{"kind": .., "detail": ..}`, `kind` one of `malformed`,
    /// `invalid_field`, `unknown_account`, `unknown_item`,
    /// `duplicate_event_id`, `reused_event_id`, `text_too_large`.
    #[schema(value_type = Object)]
    pub reason: RejectReason,
}

impl From<Rejected> for RejectedBody {
    fn from(rejected: Rejected) -> Self {
        Self {
            line: rejected.line,
            reason: rejected.reason,
        }
    }
}

fn rejected_bodies(rejected: Vec<Rejected>) -> Vec<RejectedBody> {
    rejected.into_iter().map(Into::into).collect()
}

/// What ingesting events did.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventsReportBody {
    /// Non-empty lines read.
    pub lines: usize,
    /// Events used for every purpose.
    pub used: usize,
    /// Events used for some purposes only (e.g. content only for a minor).
    pub restricted: usize,
    /// Events not used at all.
    pub dropped: usize,
    /// Events already stored with the same content: nothing changed.
    pub already_present: usize,
    /// Signals written.
    pub signals_written: usize,
    /// For each reason code, how many events it applied to.
    pub reasons: BTreeMap<String, usize>,
    /// Lines rejected.
    pub rejected: Vec<RejectedBody>,
}

impl From<EventsReport> for EventsReportBody {
    fn from(report: EventsReport) -> Self {
        Self {
            lines: report.lines,
            used: report.used,
            restricted: report.restricted,
            dropped: report.dropped,
            already_present: report.already_present,
            signals_written: report.signals_written,
            reasons: report.reasons,
            rejected: rejected_bodies(report.rejected),
        }
    }
}

/// What syncing accounts did.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountsReportBody {
    /// Lines applied (new accounts, and stored ones updated).
    pub loaded: usize,
    /// Lines whose person settings differed from a stored account's: the
    /// person's choices were kept.
    pub person_settings_kept: usize,
    /// Lines rejected.
    pub rejected: Vec<RejectedBody>,
}

impl From<AccountsReport> for AccountsReportBody {
    fn from(report: AccountsReport) -> Self {
        Self {
            loaded: report.loaded,
            person_settings_kept: report.person_settings_kept,
            rejected: rejected_bodies(report.rejected),
        }
    }
}

/// What loading the catalog did.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogReportBody {
    /// Items written (new or replaced).
    pub loaded: usize,
    /// Items whose topics were inferred from their text.
    pub topics_inferred: usize,
    /// Items whose text touches a sensitive category: they get no topics.
    pub sensitive_items: usize,
    /// Lines rejected.
    pub rejected: Vec<RejectedBody>,
}

impl From<CatalogReport> for CatalogReportBody {
    fn from(report: CatalogReport) -> Self {
        Self {
            loaded: report.loaded,
            topics_inferred: report.topics_inferred,
            sensitive_items: report.sensitive_items,
            rejected: rejected_bodies(report.rejected),
        }
    }
}

/// An ingest report with rejected lines, sent with status 422: the first
/// bad line in `error`, the whole report (the valid lines were taken).
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedReportBody<T: ToSchema> {
    /// `rejected_lines`, naming the first bad line (and its field, when known).
    pub error: ErrorDetail,
    /// The report.
    pub report: T,
}

/// A classify body with rejected lines (nothing was classified): the first
/// in `error`, every one in `rejected`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClassifyRejectedBody {
    /// `rejected_lines`, naming the first bad line (and its field, when known).
    pub error: ErrorDetail,
    /// Every rejected line.
    pub rejected: Vec<RejectedBody>,
}

/// One line of a classify answer (`gleaner classify`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClassifyLineBody {
    /// The request's id, as sent.
    #[schema(value_type = Object)]
    pub id: serde_json::Value,
    /// Sensitive categories, highest score first.
    pub sensitive: Vec<SensitiveBody>,
    /// Topics, highest score first.
    pub topics: Vec<TopicScoreBody>,
    /// Whether the conversation may inform ads (no sensitive category).
    pub ad_eligible: bool,
}

impl From<ClassifyOutput> for ClassifyLineBody {
    fn from(output: ClassifyOutput) -> Self {
        Self {
            id: output.id,
            sensitive: output.sensitive.into_iter().map(Into::into).collect(),
            topics: output.topics.into_iter().map(Into::into).collect(),
            ad_eligible: output.ad_eligible,
        }
    }
}

/// A sensitive category found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SensitiveBody {
    /// The category (`health`, `religion`, ...).
    pub category: &'static str,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// The tier that decided (`lexicon` or `semantic`).
    pub tier: &'static str,
}

impl From<SensitiveOutput> for SensitiveBody {
    fn from(output: SensitiveOutput) -> Self {
        Self {
            category: output.category,
            score: output.score,
            tier: output.tier,
        }
    }
}

/// A topic found.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicScoreBody {
    /// The taxonomy id.
    pub id: u32,
    /// The topic's path (`Sports > Running`).
    pub path: String,
    /// Confidence in `[0, 1]`.
    pub score: f32,
}

impl From<TopicOutput> for TopicScoreBody {
    fn from(output: TopicOutput) -> Self {
        Self {
            id: output.id,
            path: output.path,
            score: output.score,
        }
    }
}
