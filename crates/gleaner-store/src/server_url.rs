//! Store URLs of the server backends: the one Gleaner option they carry
//! (`prefix` for Redis, `schema` for Postgres), and a printable form
//! without the password.

use url::Url;

use crate::error::StoreError;

/// The longest `prefix`/`schema` name accepted (Postgres identifiers are
/// at most 63 bytes; Redis has no limit, the same rule keeps them alike).
const MAX_NAME_LEN: usize = 48;

/// A parsed server store URL.
#[derive(Clone, Debug)]
pub(crate) struct ServerUrl {
    /// The URL handed to the client library: Gleaner's own option removed.
    pub(crate) client_url: Url,
    /// The value of Gleaner's option (`prefix` or `schema`), when given.
    pub(crate) namespace_opt: Option<String>,
    /// The URL as given with the password (user info and `password=`
    /// query value) replaced by `***`: the only form ever printed.
    pub(crate) redacted: String,
}

/// Returns `url` with any password replaced by `***`.
pub(crate) fn redact(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Only fails for URLs that cannot have a password, which have none.
        let _ignored = shown.set_password(Some("***"));
    }
    if shown
        .query_pairs()
        .any(|(key, _)| key.eq_ignore_ascii_case("password"))
    {
        let pairs: Vec<(String, String)> = shown
            .query_pairs()
            .map(|(key, value)| {
                if key.eq_ignore_ascii_case("password") {
                    (key.into_owned(), "***".to_owned())
                } else {
                    (key.into_owned(), value.into_owned())
                }
            })
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    shown.to_string()
}

/// Returns a printable form of a URL that may not even parse: everything
/// between `://` and the last `@` of the authority is hidden.
pub(crate) fn redact_unparsed(raw: &str) -> String {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return raw.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://***@{host}{tail}"),
        None => raw.to_owned(),
    }
}

/// Checks a `prefix`/`schema` name: 1 to 48 of `a-z`, `0-9`, `_`, not
/// starting with a digit, so it can be used unquoted as a Postgres
/// identifier and inside a Redis key pattern without escaping.
pub(crate) fn valid_namespace(name: &str) -> bool {
    let mut characters = name.chars();
    (1..=MAX_NAME_LEN).contains(&name.len())
        && characters
            .next()
            .is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && characters.all(|rest| rest.is_ascii_lowercase() || rest.is_ascii_digit() || rest == '_')
}

impl ServerUrl {
    /// Parses `raw`, takes out the query parameter `option` (checked with
    /// [`valid_namespace`]) and keeps every other part for the client.
    pub(crate) fn parse(raw: &str, option: &str) -> Result<Self, StoreError> {
        let parsed = Url::parse(raw).map_err(|error| StoreError::InvalidUrl {
            url: redact_unparsed(raw),
            reason: error.to_string(),
        })?;
        let redacted = redact(&parsed);
        let mut namespace_opt = None;
        let mut kept_pairs = Vec::new();
        for (key, value) in parsed.query_pairs() {
            if key == option {
                if !valid_namespace(&value) {
                    return Err(StoreError::InvalidUrl {
                        url: redacted,
                        reason: format!(
                            "`{option}` must be 1 to {MAX_NAME_LEN} of a-z, 0-9 and _, \
                             not starting with a digit"
                        ),
                    });
                }
                namespace_opt = Some(value.into_owned());
            } else {
                kept_pairs.push((key.into_owned(), value.into_owned()));
            }
        }
        let mut client_url = parsed.clone();
        if kept_pairs.is_empty() {
            client_url.set_query(None);
        } else {
            client_url
                .query_pairs_mut()
                .clear()
                .extend_pairs(kept_pairs);
        }
        Ok(Self {
            client_url,
            namespace_opt,
            redacted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_is_taken_out_and_the_rest_kept() {
        let url = ServerUrl::parse(
            "postgres://u:pw@db:5432/test?schema=t_1&sslmode=disable",
            "schema",
        )
        .unwrap();
        assert_eq!(url.namespace_opt.as_deref(), Some("t_1"));
        assert_eq!(
            url.client_url.as_str(),
            "postgres://u:pw@db:5432/test?sslmode=disable"
        );
        assert_eq!(
            url.redacted,
            "postgres://u:***@db:5432/test?schema=t_1&sslmode=disable"
        );
    }

    #[test]
    fn passwords_never_show() {
        let url = ServerUrl::parse(
            "postgres://db/test?user=u&password=hunter2&schema=s",
            "schema",
        )
        .unwrap();
        assert!(!url.redacted.contains("hunter2"), "{}", url.redacted);
        let error = ServerUrl::parse("redis://:hunter2@h/?prefix=Bad-Name", "prefix").unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(error.to_string().contains("`prefix` must be"), "{error}");
        let unparsable = ServerUrl::parse("redis://u:hunter2@[bad/", "prefix").unwrap_err();
        assert!(!unparsable.to_string().contains("hunter2"), "{unparsable}");
    }

    #[test]
    fn namespace_names_are_plain_identifiers() {
        for good in ["t123", "_x", "gleaner_prod", &"a".repeat(48)] {
            assert!(valid_namespace(good), "{good}");
        }
        for bad in ["", "1abc", "A", "a-b", "a.b", "a:b", "{a}", &"a".repeat(49)] {
            assert!(!valid_namespace(bad), "{bad}");
        }
    }
}
