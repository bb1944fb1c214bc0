//! The `OpenAPI` document, generated from the handlers' `#[utoipa::path]`.
//!
//! [`ApiDoc`] holds what is not a route (title, the bearer scheme, the
//! error schemas); the paths come from [`api_routes`](crate::api_routes),
//! which declares each route for the router and the document at once.

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The parts of the document served at `/openapi.json` that are not routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Gleaner", description = "Interests from AI interactions, behind guardrails that hold (SPEC §6)."),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail, crate::error::ApiErrorCode)),
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

/// Returns the document served at `/openapi.json`: [`ApiDoc`] with every
/// route of [`api_routes`](crate::api_routes).
pub fn document() -> utoipa::openapi::OpenApi {
    crate::api_routes().into_openapi()
}

/// Returns the document as JSON, built once.
pub(crate) fn document_json() -> &'static str {
    static DOCUMENT_JSON: OnceLock<String> = OnceLock::new();
    DOCUMENT_JSON.get_or_init(|| {
        document()
            .to_json()
            .expect("the OpenAPI document serializes")
    })
}
