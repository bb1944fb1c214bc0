//! Parsing of the taxonomy TSV.
//!
//! The format is one header line `id\tparent_id\tname\tiab_id`, then one row
//! per topic. Blank lines and lines starting with `#` are skipped. A parent
//! must be declared before its children, which makes cycles impossible and
//! lets the tier of each row be computed in one pass.

use std::collections::HashMap;

use gleaner_core::TopicId;

use crate::error::TaxonomyError;
use crate::topic::{Topic, MAX_TIER};

const HEADER: [&str; 4] = ["id", "parent_id", "name", "iab_id"];

/// Parses the TSV into topics in file order, checking every structural rule.
pub(crate) fn parse_topics(tsv: &str) -> Result<Vec<Topic>, TaxonomyError> {
    let mut lines = tsv.lines().enumerate();
    let header_line = lines.next().map_or("", |(_, line)| line);
    let header_fields: Vec<&str> = header_line
        .trim_end_matches('\r')
        .split('\t')
        .map(str::trim)
        .collect();
    if header_fields != HEADER {
        return Err(TaxonomyError::BadHeader {
            found: header_line.to_owned(),
        });
    }

    let mut topics: Vec<Topic> = Vec::new();
    let mut tier_by_id: HashMap<TopicId, u8> = HashMap::new();
    for (index, raw_line) in lines {
        let line_number = index + 1;
        let line = raw_line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != HEADER.len() {
            return Err(TaxonomyError::WrongFieldCount {
                line: line_number,
                found: fields.len(),
            });
        }
        let id = parse_id(fields[0], line_number)?;
        if tier_by_id.contains_key(&id) {
            return Err(TaxonomyError::DuplicateId {
                line: line_number,
                id,
            });
        }
        let parent_field = fields[1].trim();
        let parent_opt = if parent_field.is_empty() {
            None
        } else {
            Some(parse_id(parent_field, line_number)?)
        };
        let tier = match parent_opt {
            None => 1,
            Some(parent) => {
                let Some(parent_tier) = tier_by_id.get(&parent) else {
                    return Err(TaxonomyError::UnknownParent {
                        line: line_number,
                        id,
                        parent,
                    });
                };
                parent_tier + 1
            }
        };
        if tier > MAX_TIER {
            return Err(TaxonomyError::TooDeep {
                line: line_number,
                id,
                tier,
                max_tier: MAX_TIER,
            });
        }
        let name = fields[2].trim();
        if name.is_empty() {
            return Err(TaxonomyError::EmptyName {
                line: line_number,
                id,
            });
        }
        if name.contains('>') {
            return Err(TaxonomyError::NameContainsPathSeparator {
                line: line_number,
                id,
            });
        }
        let iab_field = fields[3].trim();
        let iab_id = (!iab_field.is_empty()).then(|| iab_field.to_owned());
        tier_by_id.insert(id, tier);
        topics.push(Topic {
            id,
            parent: parent_opt,
            name: name.to_owned(),
            iab_id,
            tier,
        });
    }
    if topics.is_empty() {
        return Err(TaxonomyError::Empty);
    }
    Ok(topics)
}

fn parse_id(field: &str, line_number: usize) -> Result<TopicId, TaxonomyError> {
    field
        .trim()
        .parse::<u32>()
        .map(TopicId)
        .map_err(|_| TaxonomyError::InvalidId {
            line: line_number,
            value: field.to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER_LINE: &str = "id\tparent_id\tname\tiab_id\n";

    fn parse_body(body: &str) -> Result<Vec<Topic>, TaxonomyError> {
        parse_topics(&format!("{HEADER_LINE}{body}"))
    }

    #[test]
    fn parses_tiers_and_optional_iab_ids() {
        let topics =
            parse_body("1\t\tSports\t483\n10\t1\tRunning\t\n11\t10\tTrail running\t\n").unwrap();
        assert_eq!(topics.len(), 3);
        assert_eq!(topics[0].tier, 1);
        assert_eq!(topics[0].iab_id.as_deref(), Some("483"));
        assert_eq!(topics[2].tier, 3);
        assert_eq!(topics[2].parent, Some(TopicId(10)));
        assert_eq!(topics[1].iab_id, None);
    }

    #[test]
    fn skips_blank_and_comment_lines_and_accepts_crlf() {
        let topics = parse_body("# roots\r\n1\t\tSports\t\r\n\r\n2\t1\tGolf\t512\r\n").unwrap();
        assert_eq!(topics.len(), 2);
        assert_eq!(topics[1].iab_id.as_deref(), Some("512"));
    }

    #[test]
    fn rejects_bad_header() {
        let error = parse_topics("id\tname\n1\tSports\n").unwrap_err();
        assert!(matches!(error, TaxonomyError::BadHeader { .. }));
        assert!(matches!(
            parse_topics(""),
            Err(TaxonomyError::BadHeader { .. })
        ));
    }

    #[test]
    fn errors_name_the_line() {
        let cases: [(&str, TaxonomyError); 7] = [
            (
                "1\t\tSports\n",
                TaxonomyError::WrongFieldCount { line: 2, found: 3 },
            ),
            (
                "x\t\tSports\t\n",
                TaxonomyError::InvalidId {
                    line: 2,
                    value: "x".to_owned(),
                },
            ),
            (
                "1\t\tSports\t\n1\t\tTravel\t\n",
                TaxonomyError::DuplicateId {
                    line: 3,
                    id: TopicId(1),
                },
            ),
            (
                "2\t1\tGolf\t\n1\t\tSports\t\n",
                TaxonomyError::UnknownParent {
                    line: 2,
                    id: TopicId(2),
                    parent: TopicId(1),
                },
            ),
            (
                "1\t\tA\t\n2\t1\tB\t\n3\t2\tC\t\n4\t3\tD\t\n",
                TaxonomyError::TooDeep {
                    line: 5,
                    id: TopicId(4),
                    tier: 4,
                    max_tier: MAX_TIER,
                },
            ),
            (
                "1\t\t  \t\n",
                TaxonomyError::EmptyName {
                    line: 2,
                    id: TopicId(1),
                },
            ),
            (
                "1\t\tA > B\t\n",
                TaxonomyError::NameContainsPathSeparator {
                    line: 2,
                    id: TopicId(1),
                },
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(parse_body(body).unwrap_err(), expected, "body: {body:?}");
        }
    }

    #[test]
    fn error_messages_are_lowercase_and_name_the_line() {
        let message = parse_body("1\t\tSports\t\n1\t\tTravel\t\n")
            .unwrap_err()
            .to_string();
        assert_eq!(message, "line 3: duplicate topic id 1");
    }

    #[test]
    fn rejects_a_self_parent_as_unknown_parent() {
        let error = parse_body("1\t1\tLoop\t\n").unwrap_err();
        assert!(matches!(
            error,
            TaxonomyError::UnknownParent { line: 2, .. }
        ));
    }

    #[test]
    fn rejects_an_empty_taxonomy() {
        assert_eq!(parse_body("").unwrap_err(), TaxonomyError::Empty);
    }
}
