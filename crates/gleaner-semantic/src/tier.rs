//! [`TierSelection`]: which classifier tier reads conversations, and
//! [`build_classifier`], the one place a selection becomes a classifier.
//!
//! Every binary that classifies (the CLI's commands, `gleaner serve` and
//! its stream workers, `bench`, `eval`) picks its classifier here, so the
//! rules are written once:
//!
//! - `lexicon` never touches the model;
//! - `semantic` and `cascade` need the model and fail naming the fix
//!   ([`TierUnavailable`]) when it is missing or does not load;
//! - `auto` (the default) is the cascade when the model loads, else the
//!   lexicon tier alone, and says why ([`SelectedClassifier::lexicon_fallback`])
//!   so the caller can tell the person what that costs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use gleaner_classify::{Classifier, LexiconClassifier};

use crate::cache::CatalogEmbeddingCache;
use crate::classifier::{CascadeClassifier, SemanticClassifier};
use crate::heads::{HeadsError, SemanticHeads};
use crate::manifest::{
    MissingModel, ModelsDirError, CATALOG_CACHE_FILE, FETCH_COMMAND, MODEL_MANIFEST, WEIGHTS_FILE,
};
use crate::{SemanticEncoder, SemanticError};

/// Which classifier tier reads conversations (`--tier`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TierSelection {
    /// The cascade when the model is installed, else the lexicon tier.
    #[default]
    Auto,
    /// Phrase lists and keywords only.
    Lexicon,
    /// The embedding model and its trained heads only.
    Semantic,
    /// Both: sensitive if either says so, topics from both.
    Cascade,
}

impl TierSelection {
    /// Every selection, in the order help lists them.
    pub const ALL: [Self; 4] = [Self::Auto, Self::Lexicon, Self::Semantic, Self::Cascade];

    /// Returns the stable name (`auto`, `lexicon`, `semantic`, `cascade`),
    /// the value of `--tier`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Lexicon => "lexicon",
            Self::Semantic => "semantic",
            Self::Cascade => "cascade",
        }
    }

    /// Returns one line saying what the selection runs, for help texts.
    pub fn description(self) -> &'static str {
        match self {
            Self::Auto => "The cascade when the model is installed, else the lexicon tier",
            Self::Lexicon => "Phrase lists and keywords only",
            Self::Semantic => "The embedding model and its trained heads only",
            Self::Cascade => "Both: sensitive if either says so, topics from both",
        }
    }

    /// Assembles the classifier of this selection; `load_semantic` is
    /// called (once) only when the selection may use the semantic tier.
    pub fn assemble(
        self,
        load_semantic: impl FnOnce() -> Result<Arc<dyn Classifier>, SemanticUnavailable>,
    ) -> Result<SelectedClassifier, TierUnavailable> {
        let unavailable = |reason| TierUnavailable {
            selection: self,
            reason,
        };
        let selected = match self {
            Self::Lexicon => SelectedClassifier::lexicon(None),
            Self::Auto => match load_semantic() {
                Ok(semantic) => SelectedClassifier::cascade(semantic),
                Err(reason) => SelectedClassifier::lexicon(Some(reason)),
            },
            Self::Semantic => SelectedClassifier {
                classifier: load_semantic().map_err(unavailable)?,
                lexicon_fallback: None,
            },
            Self::Cascade => SelectedClassifier::cascade(load_semantic().map_err(unavailable)?),
        };
        Ok(selected)
    }
}

impl fmt::Display for TierSelection {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for TierSelection {
    type Err = UnknownTier;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|selection| selection.as_str() == name)
            .ok_or_else(|| UnknownTier {
                name: name.to_owned(),
            })
    }
}

/// A name that is not a [`TierSelection`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tier `{name}` (available: auto, lexicon, semantic, cascade)")]
pub struct UnknownTier {
    /// The name given.
    pub name: String,
}

/// The classifier a [`TierSelection`] resolved to.
pub struct SelectedClassifier {
    /// The classifier to run.
    pub classifier: Arc<dyn Classifier>,
    /// Why the semantic tier is not part of it, when `auto` fell back to
    /// the lexicon tier alone (`None` for every other outcome).
    pub lexicon_fallback: Option<SemanticUnavailable>,
}

impl SelectedClassifier {
    fn lexicon(lexicon_fallback: Option<SemanticUnavailable>) -> Self {
        Self {
            classifier: Arc::new(LexiconClassifier::embedded().clone()),
            lexicon_fallback,
        }
    }

    fn cascade(semantic: Arc<dyn Classifier>) -> Self {
        Self {
            classifier: Arc::new(CascadeClassifier::with_embedded_lexicon(semantic)),
            lexicon_fallback: None,
        }
    }
}

impl fmt::Debug for SelectedClassifier {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SelectedClassifier")
            .field("classifier", &self.classifier.name())
            .field("lexicon_fallback", &self.lexicon_fallback)
            .finish()
    }
}

/// A selection that needs the semantic tier, which cannot run.
#[derive(Debug, thiserror::Error)]
#[error("the {selection} tier needs the semantic model: {reason}")]
pub struct TierUnavailable {
    /// The selection asked for (`semantic` or `cascade`).
    pub selection: TierSelection,
    /// Why the semantic tier cannot run.
    pub reason: SemanticUnavailable,
}

/// Why the semantic tier cannot run. Each message names the fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SemanticUnavailable {
    /// No models directory could be picked.
    #[error(transparent)]
    NoModelsDir(#[from] ModelsDirError),
    /// A model file is missing, corrupted or unreadable.
    #[error(transparent)]
    ModelMissing(#[from] MissingModel),
    /// The embedded heads do not parse.
    #[error("the semantic heads do not load ({0}); `gleaner train` writes them")]
    HeadsDoNotLoad(&'static HeadsError),
    /// The model files have the pinned sums but do not load.
    #[error("the model does not load ({0}); `{FETCH_COMMAND}` reinstalls it")]
    ModelDoesNotLoad(SemanticError),
    /// The heads read or adapt layers the model does not have.
    #[error("the semantic heads do not fit the model ({0})")]
    HeadsDoNotFit(SemanticError),
}

/// Loads the semantic tier from the models directory: checks every model
/// file against [`MODEL_MANIFEST`] (reads and hashes about 90 MB), loads
/// the encoder and the embedded heads, and keeps catalog embeddings in
/// [`CATALOG_CACHE_FILE`] next to the model.
pub fn load_semantic_classifier(
    models_dir: &Path,
) -> Result<SemanticClassifier, SemanticUnavailable> {
    let model = MODEL_MANIFEST.installed(models_dir)?;
    let heads = SemanticHeads::embedded().map_err(SemanticUnavailable::HeadsDoNotLoad)?;
    let encoder =
        SemanticEncoder::load(&model.model_dir).map_err(SemanticUnavailable::ModelDoesNotLoad)?;
    let catalog_cache = CatalogEmbeddingCache::open(
        &model.model_dir.join(CATALOG_CACHE_FILE),
        WEIGHTS_FILE.sha256,
    );
    let classifier = SemanticClassifier::new(encoder, heads.clone())
        .map_err(SemanticUnavailable::HeadsDoNotFit)?;
    Ok(classifier.with_catalog_cache(catalog_cache))
}

/// Builds the classifier of `selection`, loading the semantic tier from
/// `models_dir` (the resolved models directory, see
/// [`crate::manifest::resolve_models_dir`], or why none could be picked)
/// only when the selection may use it.
pub fn build_classifier(
    selection: TierSelection,
    models_dir: Result<PathBuf, ModelsDirError>,
) -> Result<SelectedClassifier, TierUnavailable> {
    selection.assemble(|| {
        let semantic = load_semantic_classifier(&models_dir?)?;
        Ok(Arc::new(semantic))
    })
}

#[cfg(test)]
mod tests {
    use gleaner_classify::{Classification, SensitiveHit, Tier};
    use gleaner_core::{Conversation, SensitiveCategory};

    use super::*;

    /// A semantic tier that flags religion in everything.
    struct FlagsReligion;

    impl Classifier for FlagsReligion {
        fn name(&self) -> &'static str {
            "semantic"
        }

        fn classify(&self, _conversation: &Conversation) -> Classification {
            Classification {
                sensitive: vec![SensitiveHit {
                    category: SensitiveCategory::Religion,
                    score: 0.9,
                    tier: Tier::Semantic,
                }],
                ..Classification::default()
            }
        }
    }

    fn no_model() -> Result<Arc<dyn Classifier>, SemanticUnavailable> {
        Err(SemanticUnavailable::NoModelsDir(
            ModelsDirError::NoCacheDirectory,
        ))
    }

    /// A models directory with nothing in it.
    fn empty_models_dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn every_selection_parses_back_from_its_name() {
        for selection in TierSelection::ALL {
            assert_eq!(selection.to_string(), selection.as_str());
            assert_eq!(
                selection.to_string().parse::<TierSelection>(),
                Ok(selection)
            );
        }
        assert_eq!(TierSelection::default(), TierSelection::Auto);
    }

    #[test]
    fn an_unknown_name_is_refused_listing_the_tiers() {
        for name in ["", "Lexicon", "both", "semantic "] {
            let error = name.parse::<TierSelection>().unwrap_err();
            let message = error.to_string();
            assert!(message.contains(&format!("`{name}`")), "{message}");
            for selection in TierSelection::ALL {
                assert!(message.contains(selection.as_str()), "{message}");
            }
        }
    }

    #[test]
    fn lexicon_never_loads_the_model() {
        let selected = TierSelection::Lexicon
            .assemble(|| panic!("the lexicon tier loaded the model"))
            .unwrap();
        assert_eq!(selected.classifier.name(), "lexicon");
        assert!(selected.lexicon_fallback.is_none());
    }

    #[test]
    fn auto_is_the_cascade_when_the_model_loads() {
        let selected = TierSelection::Auto
            .assemble(|| Ok(Arc::new(FlagsReligion)))
            .unwrap();
        assert_eq!(selected.classifier.name(), "cascade");
        assert!(selected.lexicon_fallback.is_none());
    }

    #[test]
    fn auto_without_the_model_is_the_lexicon_saying_why() {
        let models_dir = empty_models_dir();
        let selected =
            build_classifier(TierSelection::Auto, Ok(models_dir.path().to_path_buf())).unwrap();
        assert_eq!(selected.classifier.name(), "lexicon");
        let reason = selected.lexicon_fallback.expect("a reason").to_string();
        assert!(reason.contains(WEIGHTS_FILE.file_name), "{reason}");
        assert!(reason.contains("is missing"), "{reason}");
        assert!(reason.contains(FETCH_COMMAND), "{reason}");
    }

    #[test]
    fn semantic_and_cascade_without_the_model_fail_naming_the_fix() {
        for selection in [TierSelection::Semantic, TierSelection::Cascade] {
            let models_dir = empty_models_dir();
            let error =
                build_classifier(selection, Ok(models_dir.path().to_path_buf())).unwrap_err();
            assert_eq!(error.selection, selection);
            assert!(matches!(
                error.reason,
                SemanticUnavailable::ModelMissing(MissingModel::Absent { .. })
            ));
            let message = error.to_string();
            assert!(message.contains(selection.as_str()), "{message}");
            assert!(message.contains(FETCH_COMMAND), "{message}");
        }
        let error = TierSelection::Cascade.assemble(no_model).unwrap_err();
        assert!(error.to_string().contains("GLEANER_MODELS"), "{error}");
    }

    #[test]
    fn the_models_dir_is_only_needed_by_tiers_that_use_the_model() {
        let no_dir = || Err(ModelsDirError::NoCacheDirectory);
        let lexicon = build_classifier(TierSelection::Lexicon, no_dir()).unwrap();
        assert_eq!(lexicon.classifier.name(), "lexicon");
        let auto = build_classifier(TierSelection::Auto, no_dir()).unwrap();
        assert!(matches!(
            auto.lexicon_fallback,
            Some(SemanticUnavailable::NoModelsDir(_))
        ));
        assert!(build_classifier(TierSelection::Semantic, no_dir()).is_err());
    }

    #[test]
    fn cascade_combines_both_tiers_flags() {
        let lexicon = LexiconClassifier::embedded();
        let cascade = TierSelection::Cascade
            .assemble(|| Ok(Arc::new(FlagsReligion)))
            .unwrap()
            .classifier;
        assert_eq!(cascade.name(), "cascade");
        let conversation = Conversation::from_user_text("c", "since my MS diagnosis I need boots");
        let by_lexicon = lexicon.classify(&conversation);
        assert_eq!(
            by_lexicon.sensitive_categories(),
            [SensitiveCategory::Health]
        );
        let result = cascade.classify(&conversation);
        assert_eq!(
            result.sensitive_categories(),
            [SensitiveCategory::Religion, SensitiveCategory::Health]
        );
        let tier_of = |category| {
            result
                .sensitive
                .iter()
                .find(|hit| hit.category == category)
                .map(|hit| hit.tier)
        };
        assert_eq!(tier_of(SensitiveCategory::Health), Some(Tier::Lexicon));
        assert_eq!(tier_of(SensitiveCategory::Religion), Some(Tier::Semantic));
        // The lexicon's topics are kept.
        for topic in &by_lexicon.topics {
            assert!(result.topics.contains(topic), "{result:?}");
        }
    }

    #[test]
    fn semantic_is_the_semantic_tier_alone() {
        let model_dir = tempfile::tempdir().unwrap();
        crate::test_support::write_model_dir(model_dir.path());
        let encoder = SemanticEncoder::load(model_dir.path()).expect("synthetic model loads");
        let semantic = SemanticClassifier::new(encoder, crate::test_support::one_layer_heads())
            .expect("the one-layer heads fit the one-layer model");
        let selected = TierSelection::Semantic
            .assemble(|| Ok(Arc::new(semantic)))
            .unwrap();
        assert_eq!(selected.classifier.name(), "semantic");
        let result = selected
            .classifier
            .classify(&Conversation::from_user_text("c", "hi there"));
        assert!(result
            .sensitive
            .iter()
            .all(|hit| hit.tier == Tier::Semantic));
    }

    /// Needs the real model where `GLEANER_MODELS` points (what `gleaner
    /// models fetch` writes); skips with a message otherwise.
    #[test]
    fn real_model_builds_the_cascade() {
        let Some(models_dir) = std::env::var_os("GLEANER_MODELS").map(PathBuf::from) else {
            eprintln!("skipped: set GLEANER_MODELS to a models dir (gleaner models fetch)");
            return;
        };
        if !MODEL_MANIFEST.check(&models_dir).is_installed() {
            eprintln!("skipped: no valid model under {}", models_dir.display());
            return;
        }
        let selected = build_classifier(TierSelection::Cascade, Ok(models_dir)).unwrap();
        assert_eq!(selected.classifier.name(), "cascade");
        assert!(selected.lexicon_fallback.is_none());
    }
}
