//! Prometheus metrics, served as text at `/metrics`.
//!
//! The `prometheus` crate with its own [`Registry`] per server (not a global
//! recorder), so tests running several routers in one process do not share
//! counters.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use gleaner_engine::EventsReport;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

use crate::state::AppState;

/// The server's metrics.
pub struct Metrics {
    registry: Registry,
    request_duration: HistogramVec,
    events: IntCounterVec,
    event_reasons: IntCounterVec,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Self {
        let registry = Registry::new();
        let request_duration = HistogramVec::new(
            HistogramOpts::new(
                "gleaner_http_request_duration_seconds",
                "Request latency by route, method and status",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route", "method", "status"],
        )
        .expect("valid histogram");
        let events = IntCounterVec::new(
            Opts::new(
                "gleaner_events_total",
                "Events ingested over HTTP by outcome (used, restricted, dropped, already_present, rejected)",
            ),
            &["outcome"],
        )
        .expect("valid counter");
        let event_reasons = IntCounterVec::new(
            Opts::new(
                "gleaner_event_reasons_total",
                "Guardrail reason codes applied to events ingested over HTTP",
            ),
            &["reason"],
        )
        .expect("valid counter");
        for collector in [
            Box::new(request_duration.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(events.clone()),
            Box::new(event_reasons.clone()),
        ] {
            registry.register(collector).expect("unique metric names");
        }
        Self {
            registry,
            request_duration,
            events,
            event_reasons,
        }
    }

    /// Counts what one ingest call did.
    pub fn record_events(&self, report: &EventsReport) {
        for (outcome, count) in [
            ("used", report.used),
            ("restricted", report.restricted),
            ("dropped", report.dropped),
            ("already_present", report.already_present),
            ("rejected", report.rejected.len()),
        ] {
            self.events
                .with_label_values(&[outcome])
                .inc_by(count as u64);
        }
        for (reason, count) in &report.reasons {
            self.event_reasons
                .with_label_values(&[reason.as_str()])
                .inc_by(*count as u64);
        }
    }

    /// Returns the Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buffer)
            .expect("text encoding into a Vec");
        String::from_utf8(buffer).expect("prometheus text is UTF-8")
    }
}

/// Middleware: observes each request's latency under its route template
/// (`/v1/accounts/{id}/profile`, never the concrete id).
pub async fn track_latency(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .request_duration
        .with_label_values(&[route.as_str(), method.as_str(), response.status().as_str()])
        .observe(started.elapsed().as_secs_f64());
    response
}
