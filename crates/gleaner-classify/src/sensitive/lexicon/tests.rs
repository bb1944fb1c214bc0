use gleaner_core::SensitiveCategory;

use super::{parse_file, parse_files, Role, BUNDLED};

const HEADER: &str = "category\trole\tflags\tphrase\n";

/// Parses `body` as the file `xx.tsv` and returns the error message.
fn error_of(body: &str) -> String {
    parse_files(&[("xx", &format!("{HEADER}{body}"))])
        .expect_err("the file is invalid")
        .to_string()
}

#[test]
fn bundled_files_parse_and_every_file_is_bundled() {
    let files = parse_files(&BUNDLED).unwrap();
    assert!(files.iter().all(|file| !file.entries.is_empty()));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".tsv").map(str::to_owned)
        })
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = BUNDLED.iter().map(|(lang, _)| (*lang).to_owned()).collect();
    bundled.sort();
    assert_eq!(
        on_disk, bundled,
        "every data/lexicon/*.tsv must be in BUNDLED"
    );
}

#[test]
fn parses_the_columns() {
    let entries = parse_file(
        "xx",
        &format!(
            "{HEADER}# a section\n\nreligion\tphrase\tweak,prefix\tchurch\nany\tblocker\t-\tunion station\n\
             politics\tblocker\tcased\tUnion Vote\n"
        ),
    )
    .unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].category, Some(SensitiveCategory::Religion));
    assert_eq!(entries[0].role, Role::Phrase);
    assert_eq!(entries[0].marked(), "~church*");
    assert_eq!(entries[0].line, 4);
    assert_eq!(entries[1].category, None);
    assert_eq!(entries[2].category, Some(SensitiveCategory::Politics));
    assert_eq!(entries[2].marked(), "=Union Vote");
}

#[test]
fn rejects_unknown_categories_roles_and_flags() {
    let cases = [
        (
            "religon\tphrase\t-\tmosque\n",
            "unknown sensitive category `religon`",
        ),
        ("religion\tphrse\t-\tmosque\n", "unknown role `phrse`"),
        (
            "religion\tphrase\tstrong\tmosque\n",
            "unknown flag `strong`",
        ),
        ("religion\tphrase\t~\tmosque\n", "unknown flag `~`"),
        ("religion\tphrase\t\tmosque\n", "unknown flag ``"),
        ("religion\tphrase\tweak,weak\tmosque\n", "given twice"),
        (
            "religion\tblocker\tweak\tmosque\n",
            "only a `phrase` may be `weak`",
        ),
        (
            "any\tphrase\t-\tmosque\n",
            "only a blocker may name the category `any`",
        ),
        (
            "health\torigin\t-\tnigerian\n",
            "belongs to the category `ethnicity`",
        ),
        (
            "politics\tpartner\t-\tmy wife\n",
            "belongs to the category `sexual_orientation`",
        ),
    ];
    for (line, reason) in cases {
        let error = error_of(line);
        assert!(error.contains("xx.tsv: line 2: "), "{error}");
        assert!(error.contains(reason), "{line:?}: {error}");
    }
}

#[test]
fn rejects_markers_in_the_phrase_and_malformed_lines() {
    let cases = [
        ("religion\tphrase\t-\t~church\n", "marker character"),
        ("religion\tphrase\t-\t=LDS\n", "marker character"),
        ("religion\tphrase\t-\tchristian*\n", "marker character"),
        ("any\tblocker\t-\tpolitics|union vote\n", "marker character"),
        ("religion\tphrase\t-\t church\n", "stray spaces"),
        ("religion\tphrase\t-\tholy  water\n", "stray spaces"),
        ("religion\tphrase\t-\t...\n", "no word"),
        (
            "religion\tphrase\tchurch\n",
            "expected 4 tab-separated fields, found 3",
        ),
        ("religion\tphrase\t-\tchurch\textra\n", "found 5"),
        ("religion phrase - church\n", "found 1"),
    ];
    for (line, reason) in cases {
        let error = error_of(line);
        assert!(error.contains("xx.tsv: line 2: "), "{error}");
        assert!(error.contains(reason), "{line:?}: {error}");
    }
    let error = parse_files(&[("xx", "religion\tphrase\t-\tchurch\n")])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("xx.tsv: line 1: expected the header"),
        "{error}"
    );
    let error = error_of("# ok\nreligion\tphrase\t-\tchurch\nreligion\tphrase\t-\n");
    assert!(error.contains("xx.tsv: line 4: "), "{error}");
}

#[test]
fn rejects_duplicates_in_a_file_and_across_files() {
    let error = error_of("religion\tphrase\t-\tmosque\n# again\nreligion\tphrase\t-\tMOSQUE\n");
    assert!(
        error.contains("xx.tsv: line 4: duplicate of xx.tsv line 2"),
        "{error}"
    );
    // Another category, role or flag is another rule.
    parse_files(&[(
        "xx",
        &format!(
            "{HEADER}religion\tphrase\t-\tmass\nreligion\tphrase\tweak\tmass\nhealth\tphrase\t-\tmass\n\
             religion\tdescriptor\t-\tmass\nreligion\tblocker\t-\tmass\nany\tblocker\t-\tmass\n"
        ),
    )])
    .unwrap();
    let error = parse_files(&[
        ("en", &format!("{HEADER}health\tphrase\tprefix\tdiabet\n")),
        ("es", &format!("{HEADER}health\tphrase\tprefix\tdiabét\n")),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("es.tsv: line 2: duplicate of en.tsv line 2"),
        "{error}"
    );
    // Couple rule sides pair within a group: a repeat inside the shared group
    // is a duplicate, the same words in another language's own pair are not.
    let partner = format!("{HEADER}sexual_orientation\tpartner\t-\tmarried\n");
    let error = parse_files(&[("en", &partner), ("pt", &partner)])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("pt.tsv: line 2: duplicate of en.tsv line 2"),
        "{error}"
    );
    parse_files(&[("en", &partner), ("de", &partner)]).unwrap();
    // Frames and origins joined per file may repeat in another file.
    let expand =
        format!("{HEADER}ethnicity\texpand_frame\t-\tbin\nethnicity\texpand_origin\t-\tpole\n");
    parse_files(&[("de", &expand), ("it", &expand)]).unwrap();
    assert!(parse_files(&[(
        "de",
        &format!("{expand}ethnicity\texpand_origin\t-\tpole\n")
    )])
    .is_err());
}
