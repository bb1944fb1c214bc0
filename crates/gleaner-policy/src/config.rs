//! Policy configuration: raw (serde) builder → validated [`PolicyConfig`].

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use gleaner_core::{CountryCode, Timestamp};
use serde::Deserialize;

/// The 27 EU member states.
pub const EU_MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
/// EU regions with ISO codes of their own (outermost regions, Åland).
pub const EU_REGIONS_WITH_OWN_CODES: [&str; 7] = ["GF", "GP", "MQ", "RE", "YT", "MF", "AX"];
/// EEA states outside the EU, the UK and South Korea.
pub const OTHER_EXCLUDED: [&str; 5] = ["IS", "LI", "NO", "GB", "KR"];
/// What the strict profile adds to the default one.
pub const STRICT_ADDITIONS: [&str; 6] = ["CH", "GI", "JE", "GG", "IM", "BR"];

/// Which built-in list of excluded jurisdictions applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionProfile {
    /// EU/EEA (with the regions that have their own codes), UK, South Korea.
    #[default]
    Default,
    /// The default list plus CH, GI, JE, GG, IM and BR.
    Strict,
}

impl JurisdictionProfile {
    /// Returns the excluded countries of this profile.
    pub fn excluded_countries(self) -> BTreeSet<CountryCode> {
        let mut codes: Vec<&str> = EU_MEMBER_STATES
            .iter()
            .chain(EU_REGIONS_WITH_OWN_CODES.iter())
            .chain(OTHER_EXCLUDED.iter())
            .copied()
            .collect();
        if self == Self::Strict {
            codes.extend(STRICT_ADDITIONS);
        }
        codes
            .into_iter()
            .map(|code| code.parse().expect("built-in country codes are valid"))
            .collect()
    }
}

/// The validated guardrail configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyConfig {
    /// Nothing that happened before this instant is used.
    pub effective_date: Timestamp,
    /// Signals older than this many days are deleted.
    pub retention_days: u32,
    /// Countries whose accounts are never processed.
    pub excluded_countries: BTreeSet<CountryCode>,
    /// Whether content (not ads) may be personalized for minors.
    pub minors_content_allowed: bool,
    /// Whether the person's `ai_personalization: off` is honoured (on by default).
    pub opt_out_enabled: bool,
    /// The age of majority.
    pub adult_age: u16,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        Self {
            effective_date: default_effective_date(),
            retention_days: 180,
            excluded_countries: JurisdictionProfile::Default.excluded_countries(),
            minors_content_allowed: false,
            opt_out_enabled: true,
            adult_age: 18,
        }
    }
}

fn default_effective_date() -> Timestamp {
    Utc.from_utc_datetime(
        &NaiveDate::from_ymd_opt(2025, 12, 16)
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .expect("valid constant date"),
    )
}

/// A problem found while validating a policy configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyConfigError {
    /// The version tag is not one this build reads.
    #[error("unsupported policy config version `{0}` (supported: 1)")]
    UnsupportedVersion(u32),
    /// `retention_days` must be between 1 and 3650.
    #[error("field `retention_days` must be between 1 and 3650, got {0}")]
    RetentionOutOfRange(u32),
    /// A country code is not ISO 3166-1 alpha-2.
    #[error("field `{field}` holds `{value}`, which is not an ISO 3166-1 alpha-2 code")]
    BadCountry {
        /// Which field.
        field: &'static str,
        /// The bad value.
        value: String,
    },
    /// `effective_date` must be an RFC 3339 instant or a `YYYY-MM-DD` date.
    #[error("field `effective_date` must be RFC 3339 or YYYY-MM-DD, got `{0}`")]
    BadEffectiveDate(String),
    /// `adult_age` must be between 16 and 21.
    #[error("field `adult_age` must be between 16 and 21, got {0}")]
    AdultAgeOutOfRange(u16),
}

/// The raw, serde-facing policy configuration. Unknown fields are refused.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfigBuilder {
    /// Schema version of this document; 1 today.
    pub version: Option<u32>,
    /// `YYYY-MM-DD` or RFC 3339.
    pub effective_date: Option<String>,
    /// Retention in days.
    pub retention_days: Option<u32>,
    /// The built-in exclusion list to start from.
    pub jurisdiction_profile: Option<JurisdictionProfile>,
    /// Extra countries to exclude.
    #[serde(default)]
    pub also_exclude: Vec<String>,
    /// Whether minors may get personalized content (never ads).
    pub minors_content_allowed: Option<bool>,
    /// Whether the person's opt-out is honoured.
    pub opt_out_enabled: Option<bool>,
    /// The age of majority.
    pub adult_age: Option<u16>,
}

impl PolicyConfigBuilder {
    /// Validates every field and reports every problem at once.
    pub fn build_and_validate(self) -> Result<PolicyConfig, Vec<PolicyConfigError>> {
        let mut errors = Vec::new();
        let defaults = PolicyConfig::default();
        if let Some(version) = self.version {
            if version != 1 {
                errors.push(PolicyConfigError::UnsupportedVersion(version));
            }
        }
        let effective_date = match self.effective_date.as_deref() {
            None => defaults.effective_date,
            Some(raw) => parse_instant_or_date(raw).unwrap_or_else(|| {
                errors.push(PolicyConfigError::BadEffectiveDate(raw.to_owned()));
                defaults.effective_date
            }),
        };
        let retention_days = self.retention_days.unwrap_or(defaults.retention_days);
        if !(1..=3650).contains(&retention_days) {
            errors.push(PolicyConfigError::RetentionOutOfRange(retention_days));
        }
        let adult_age = self.adult_age.unwrap_or(defaults.adult_age);
        if !(16..=21).contains(&adult_age) {
            errors.push(PolicyConfigError::AdultAgeOutOfRange(adult_age));
        }
        let mut excluded_countries = self
            .jurisdiction_profile
            .unwrap_or_default()
            .excluded_countries();
        for raw in &self.also_exclude {
            match raw.parse::<CountryCode>() {
                Ok(code) => {
                    excluded_countries.insert(code);
                }
                Err(_) => errors.push(PolicyConfigError::BadCountry {
                    field: "also_exclude",
                    value: raw.clone(),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PolicyConfig {
            effective_date,
            retention_days,
            excluded_countries,
            minors_content_allowed: self
                .minors_content_allowed
                .unwrap_or(defaults.minors_content_allowed),
            opt_out_enabled: self.opt_out_enabled.unwrap_or(defaults.opt_out_enabled),
            adult_age,
        })
    }
}

fn parse_instant_or_date(raw: &str) -> Option<Timestamp> {
    if let Ok(instant) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(instant.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_excludes_eu_eea_uk_korea_and_regions() {
        let excluded = PolicyConfig::default().excluded_countries;
        assert_eq!(excluded.len(), 27 + 7 + 5);
        for code in ["DE", "FR", "RE", "AX", "NO", "GB", "KR", "IS", "LI"] {
            assert!(excluded.contains(&code.parse().unwrap()), "{code}");
        }
        for code in ["US", "CH", "BR", "JP"] {
            assert!(!excluded.contains(&code.parse().unwrap()), "{code}");
        }
    }

    #[test]
    fn strict_profile_adds_six() {
        let strict = JurisdictionProfile::Strict.excluded_countries();
        assert_eq!(strict.len(), 27 + 7 + 5 + 6);
        assert!(strict.contains(&"BR".parse().unwrap()));
    }

    #[test]
    fn builder_reports_every_problem_and_names_the_field() {
        let builder: PolicyConfigBuilder = serde_json::from_str(
            r#"{"version":2,"retention_days":0,"also_exclude":["XYZ"],"effective_date":"soon"}"#,
        )
        .unwrap();
        let errors = builder.build_and_validate().unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|line| line.contains("retention_days")));
        assert!(text.iter().any(|line| line.contains("also_exclude")));
        assert!(text.iter().any(|line| line.contains("effective_date")));
    }

    #[test]
    fn builder_refuses_unknown_fields() {
        let parsed = serde_json::from_str::<PolicyConfigBuilder>(r#"{"retention":3}"#);
        assert!(parsed
            .unwrap_err()
            .to_string()
            .contains("unknown field `retention`"));
    }

    #[test]
    fn empty_builder_gives_the_defaults() {
        let built = PolicyConfigBuilder::default().build_and_validate().unwrap();
        assert_eq!(built, PolicyConfig::default());
    }
}
