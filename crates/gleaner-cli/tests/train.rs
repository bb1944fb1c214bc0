//! `gleaner train` end to end on the real model: a small slice of the
//! development split trains the same heads file twice, in the format the
//! semantic tier loads, recording the settings it was given; bad layers,
//! out-of-range shares and bad lines are usage errors that write nothing.
//!
//! Needs the model where `$GLEANER_MODELS` points (`scripts/test` fetches
//! it there). Without it the tests say they skip, except under `CI=true`,
//! where a missing model fails them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The models directory holding the real model, or `None` (skip) off CI.
fn models_dir() -> Option<PathBuf> {
    let found = std::env::var_os("GLEANER_MODELS")
        .map(PathBuf::from)
        .filter(|dir| {
            dir.join("multilingual-e5-small")
                .join("e5-small-q4.bin")
                .is_file()
        });
    if found.is_none() {
        let message = "no model under $GLEANER_MODELS (run `gleaner models fetch`)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
        eprintln!("skipped: {message}");
    }
    found
}

fn train(models: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .env("GLEANER_MODELS", models)
        .arg("train")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the gleaner binary runs")
}

/// `gleaner train --dataset DATASET --out OUT EXTRA…`.
fn train_into(models: &Path, dataset: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "--dataset",
        dataset.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    train(models, &args)
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every 40th item of the development split: a few dozen items of every
/// kind, multi-turn ones included.
fn small_dataset(directory: &Path) -> PathBuf {
    let dev = std::fs::read_to_string(repo_root().join("data/eval/dev.jsonl")).expect("dev split");
    let lines: Vec<&str> = dev.lines().step_by(40).collect();
    assert!(lines.len() > 50);
    let path = directory.join("small.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write dataset");
    path
}

#[test]
fn training_writes_the_same_loadable_heads_twice() {
    let Some(models) = models_dir() else { return };
    let directory = tempfile::tempdir().expect("tempdir");
    let dataset = small_dataset(directory.path());
    let items = std::fs::read_to_string(&dataset).unwrap().lines().count();
    let mut files = Vec::new();
    for run in ["first", "second"] {
        let out = directory.path().join(format!("{run}.json"));
        let output = train_into(
            &models,
            &dataset,
            &out,
            &[
                "--epochs",
                "3",
                "--recall-target",
                "0.95",
                "--budget",
                "0.05",
            ],
        );
        assert!(output.status.success(), "{}", stderr_of(&output));
        files.push(std::fs::read(&out).expect("heads written"));
    }
    assert_eq!(files[0], files[1], "same data and seed give the same file");
    let heads: serde_json::Value = serde_json::from_slice(&files[0]).unwrap();
    assert_eq!(heads["format"], "gleaner-heads-3");
    assert!(
        heads.get("encoder_delta").is_none(),
        "gleaner train fits heads on the frozen encoder"
    );
    assert_eq!(heads["layers"], serde_json::json!([8, 10, 12]));
    assert_eq!(
        heads["training"]["datasets"],
        serde_json::json!(["small.jsonl"])
    );
    assert_eq!(heads["training"]["net_epochs"], 3);
    assert_eq!(heads["training"]["recall_target"], 0.95);
    assert_eq!(heads["training"]["max_false_positive_rate"], 0.05);
    assert_eq!(heads["training"]["net_members"], 3);
    let train_items = heads["training"]["train_items"].as_u64().unwrap();
    let validation_items = heads["training"]["validation_items"].as_u64().unwrap();
    assert_eq!(train_items + validation_items, items as u64);
    let outputs = heads["sensitive"]["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 8, "seven categories and the any-output");
    assert!(outputs.last().unwrap()["category"].is_null());
    // Three members of 256 hidden units × 1,152 features as base64 of f32.
    assert_eq!(heads["sensitive"]["hidden"], 768);
    let encoded = heads["sensitive"]["hidden_weights"].as_str().unwrap();
    assert_eq!(encoded.len(), (768 * 1152 * 4usize).div_ceil(3) * 4);
    assert_eq!(heads["topics"].as_array().unwrap().len(), 25);
    // No text of the data set is in the file.
    let text = String::from_utf8_lossy(&files[0]);
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&dataset)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let turn = first["turns"][0]["text"].as_str().unwrap();
    assert!(!text.contains(turn));
}

#[test]
fn bad_layers_and_bad_lines_are_usage_errors_that_write_nothing() {
    let Some(models) = models_dir() else { return };
    let directory = tempfile::tempdir().expect("tempdir");
    let dataset = small_dataset(directory.path());
    let out = directory.path().join("heads.json");
    let output = train_into(&models, &dataset, &out, &["--layers", "8,12,10"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("--layers"),
        "{}",
        stderr_of(&output)
    );
    assert!(!out.exists());
    for (flag, value) in [("--budget", "0"), ("--recall-target", "1.5")] {
        let output = train_into(&models, &dataset, &out, &[flag, value]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
        assert!(stderr_of(&output).contains(flag), "{}", stderr_of(&output));
        assert!(!out.exists());
    }
    let broken = directory.path().join("broken.jsonl");
    let mut text = std::fs::read_to_string(&dataset).unwrap();
    text.push_str("{\"id\": \"x\", \"turns\": 3}\n");
    std::fs::write(&broken, &text).unwrap();
    let line = text.lines().count();
    let output = train_into(&models, &broken, &out, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains(&format!("line {line}")),
        "{}",
        stderr_of(&output)
    );
    assert!(!out.exists());
}
