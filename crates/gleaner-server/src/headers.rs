//! Security headers on every response (one middleware, [`security_headers`]).
//!
//! - `Content-Security-Policy`: the two pages may run only their own inline
//!   script and style, allowed by SHA-256 hash (no `'unsafe-inline'`), talk
//!   only to this origin, and never be framed; every other response gets
//!   `default-src 'none'; frame-ancestors 'none'`.
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and
//!   `X-Frame-Options: DENY` everywhere.
//! - `Cache-Control: no-store` on every `/v1` response: they carry personal
//!   data (profiles, the export) or tokens' answers, and no browser or
//!   proxy cache may keep them.

use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::header::{
    HeaderName, HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::api::pages::{OPERATOR_DASHBOARD_HTML, PRIVACY_CENTER_HTML};

/// The policy of every response that is not a page.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The contents of every `<tag>…</tag>` element of `html` (tag without
/// attributes, as the pages write them).
fn elements<'html>(html: &'html str, tag: &str) -> Vec<&'html str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        found.push(&after[..end]);
        rest = &after[end + close.len()..];
    }
    found
}

fn hashes(sources: &[&str]) -> String {
    sources
        .iter()
        .map(|source| {
            let digest = Sha256::digest(source.as_bytes());
            format!("'sha256-{}'", STANDARD.encode(digest))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The policy of one page: its inline scripts and styles by hash.
pub fn page_csp(html: &str) -> String {
    format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; img-src 'self' data: blob:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        hashes(&elements(html, "script")),
        hashes(&elements(html, "style")),
    )
}

static PRIVACY_CENTER_CSP: LazyLock<HeaderValue> = LazyLock::new(|| {
    HeaderValue::from_str(&page_csp(PRIVACY_CENTER_HTML)).expect("a CSP is a header value")
});
static OPERATOR_DASHBOARD_CSP: LazyLock<HeaderValue> = LazyLock::new(|| {
    HeaderValue::from_str(&page_csp(OPERATOR_DASHBOARD_HTML)).expect("a CSP is a header value")
});

/// Middleware: sets the headers above on every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = match path.as_str() {
        "/" => PRIVACY_CENTER_CSP.clone(),
        "/operator" => OPERATOR_DASHBOARD_CSP.clone(),
        _ => HeaderValue::from_static(API_CSP),
    };
    headers.insert(CONTENT_SECURITY_POLICY, csp);
    set(headers, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, REFERRER_POLICY, "no-referrer");
    set(headers, X_FRAME_OPTIONS, "DENY");
    if path == "/v1" || path.starts_with("/v1/") {
        set(headers, CACHE_CONTROL, "no-store");
    }
    response
}

fn set(headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str) {
    headers.insert(name, HeaderValue::from_static(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_policy_allows_exactly_its_own_scripts_and_styles() {
        for html in [PRIVACY_CENTER_HTML, OPERATOR_DASHBOARD_HTML] {
            let csp = page_csp(html);
            assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
            assert!(csp.contains("frame-ancestors 'none'"));
            let scripts = elements(html, "script");
            assert!(!scripts.is_empty());
            assert_eq!(
                csp.matches("'sha256-").count(),
                scripts.len() + elements(html, "style").len()
            );
            // No inline event-handler attributes or style attributes,
            // which a hash-based policy would block.
            for attribute in [" onclick=", " onload=", " onsubmit=", " style="] {
                assert!(!html.contains(attribute), "{attribute}");
            }
        }
    }
}
