//! `docs/guardrails.md` holds the guardrail table a reader trusts: every
//! rule of `RULES` in order, its reason code, where it is decided, and the
//! tests that cover it. This test keeps that table true to the code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gleaner_core::ReasonCode;
use gleaner_policy::RULES;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The cells of each body row of the table under `## The table`.
fn table_rows() -> Vec<Vec<String>> {
    let doc = std::fs::read_to_string(repo_root().join("docs/guardrails.md"))
        .expect("docs/guardrails.md exists");
    let table = doc
        .split("\n## The table\n")
        .nth(1)
        .expect("docs/guardrails.md has a `## The table` section");
    table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2) // header and separator
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// The backticked spans of a cell, in order.
fn backticked(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// The file a table cell names, relative to the repository root.
fn source_file(named: &str) -> PathBuf {
    let (krate, path) = match named.split_once(' ') {
        Some((krate, path)) => (krate, path),
        None => ("gleaner-policy", named),
    };
    let path = if path.starts_with("rules/") {
        format!("src/{path}")
    } else {
        path.to_owned()
    };
    repo_root().join("crates").join(krate).join(path)
}

/// (test name, file) pairs of a tests cell written as
/// `` `a`, `b` (file), `c` (other file) ``.
fn cited_tests(cell: &str) -> Vec<(String, String)> {
    let mut cited = Vec::new();
    for group in cell.split("), ") {
        let (names, file) = group
            .trim_end_matches(')')
            .rsplit_once(" (")
            .unwrap_or_else(|| panic!("`{group}` names no file in parentheses"));
        for name in backticked(names) {
            cited.push((name.to_owned(), file.to_owned()));
        }
    }
    cited
}

#[test]
fn the_guardrail_table_lists_every_rule_in_order_with_its_reason_code() {
    let rows = table_rows();
    let names: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    let expected: Vec<&str> = RULES.iter().map(|rule| rule.name()).collect();
    assert_eq!(names, expected, "docs/guardrails.md rows vs RULES");
    let mut codes = BTreeSet::new();
    for row in &rows {
        assert_eq!(row.len(), 6, "six columns: {row:?}");
        let [code] = backticked(&row[1])[..] else {
            panic!("one reason code per row: {row:?}")
        };
        let parsed: ReasonCode = code
            .replace("<category>", "health")
            .parse()
            .unwrap_or_else(|error| panic!("{}: {error}", row[0]));
        codes.insert(parsed.rule_name());
    }
    assert_eq!(
        codes.len(),
        RULES.len(),
        "one distinct reason code per rule"
    );
}

#[test]
fn the_guardrail_table_names_files_and_tests_that_exist() {
    for row in table_rows() {
        let rule = &row[0];
        let decided_in = backticked(&row[4]);
        let file = source_file(decided_in[0]);
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("{rule}: {} does not exist", file.display()));
        for method in decided_in[1..]
            .iter()
            .map(|span| span.rsplit("::").next().unwrap())
        {
            if method.starts_with("on_") {
                assert!(
                    source.contains(&format!("fn {method}(")),
                    "{rule}: {} has no `{method}`",
                    file.display()
                );
            }
        }
        let tests = cited_tests(&row[5]);
        let own_file = format!("rules/{rule}.rs");
        assert!(
            tests.iter().any(|(_, file)| *file == own_file),
            "{rule}: no unit test of {own_file} cited"
        );
        assert!(
            tests.iter().any(|(_, file)| file == "tests/every_rule.rs"),
            "{rule}: no case of tests/every_rule.rs cited"
        );
        for (name, file) in tests {
            let path = source_file(&file);
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{rule}: {} does not exist", path.display()));
            assert!(
                source.contains(&format!("fn {name}(")),
                "{rule}: no test `{name}` in {}",
                path.display()
            );
        }
    }
}
