//! The `OpenAPI` document, generated from the handlers' `#[utoipa::path]`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;

/// The document served at `/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Gleaner", description = "Interests from AI interactions, behind guardrails that hold (SPEC §6)."),
    paths(
        api::ingest::ingest_events,
        api::ingest::ingest_accounts,
        api::ingest::ingest_catalog,
        api::classify::classify,
        api::accounts::profile,
        api::accounts::recommendations,
        api::accounts::explain,
        api::accounts::hide_topic,
        api::accounts::unhide_topic,
        api::accounts::set_ai_personalization,
        api::accounts::export,
        api::accounts::forget,
        api::accounts::move_account,
        api::accounts::override_settings,
        api::audiences::reach,
        api::ops::healthz,
        api::ops::readyz,
        api::ops::metrics,
        api::ops::openapi,
        api::pages::me,
        api::pages::operator_summary,
        api::pages::privacy_center,
        api::pages::operator_dashboard,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
