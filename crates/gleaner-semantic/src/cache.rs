//! [`CatalogEmbeddingCache`]: embeddings of catalog texts, kept between
//! runs so a catalog is embedded once per model, not once per ingest.
//!
//! Only catalog texts go through it (titles and descriptions a business
//! wrote); conversations are never cached, in memory or on disk, because an
//! embedding is derived from what a person said. Keys are SHA-256 digests
//! of the model's identity, the feature layout (which layers are pooled)
//! and the exact text, so a cache file never holds text and entries from
//! another model or layout are never read (a value of the wrong length is
//! a miss too).
//!
//! The file is a redb database with one table; a process that cannot open
//! it (another process holds it, the directory is read-only) runs with the
//! in-memory half alone: the cache is an optimization and never an error.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use redb::{Database, ReadableDatabase, TableDefinition};
use sha2::{Digest, Sha256};

use crate::EMBEDDING_DIM;

/// digest(model id and layout, text) → little-endian f32 features.
const EMBEDDINGS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("catalog_embeddings");

/// Catalog-text feature vectors by digest, in memory and optionally in a
/// file.
#[derive(Debug)]
pub struct CatalogEmbeddingCache {
    model_id: String,
    dimension: usize,
    memory: Mutex<HashMap<[u8; 32], Vec<f32>>>,
    file: Option<Database>,
}

impl CatalogEmbeddingCache {
    /// A cache held in memory only, for embeddings of `model_id`.
    pub fn in_memory(model_id: impl Into<String>) -> Self {
        Self {
            model_id: model_id.into(),
            dimension: EMBEDDING_DIM,
            memory: Mutex::new(HashMap::new()),
            file: None,
        }
    }

    /// Keys entries by a feature layout too (e.g. `layers-8-10-12`) and
    /// expects `dimension` floats per entry; what is held in memory is
    /// dropped (it was keyed without the layout).
    #[must_use]
    pub fn for_features(mut self, layout: &str, dimension: usize) -> Self {
        self.model_id.push('/');
        self.model_id.push_str(layout);
        self.dimension = dimension;
        self.lock().clear();
        self
    }

    /// Floats per entry.
    pub fn dimension(&self) -> usize {
        self.dimension
    }

    /// A cache backed by the redb file at `path` (created if missing). When
    /// the file cannot be opened the cache works in memory alone;
    /// [`Self::is_persistent`] tells which.
    pub fn open(path: &Path, model_id: impl Into<String>) -> Self {
        let mut cache = Self::in_memory(model_id);
        cache.file = Database::create(path).ok();
        cache
    }

    /// Whether embeddings outlive the process.
    pub fn is_persistent(&self) -> bool {
        self.file.is_some()
    }

    /// The key of one text: SHA-256 of the model id, a NUL and the text.
    pub fn key(&self, text: &str) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(self.model_id.as_bytes());
        hasher.update([0u8]);
        hasher.update(text.as_bytes());
        hasher.finalize().into()
    }

    /// The cached features of a key, from memory or the file.
    pub fn get(&self, key: &[u8; 32]) -> Option<Vec<f32>> {
        if let Some(found) = self.lock().get(key) {
            return Some(found.clone());
        }
        let found = self.read_file(key)?;
        self.lock().insert(*key, found.clone());
        Some(found)
    }

    /// Stores embeddings (memory always; the file in one transaction when
    /// there is one; a failed write only loses the persistence).
    pub fn put_all(&self, entries: &[([u8; 32], Vec<f32>)]) {
        let entries: Vec<&([u8; 32], Vec<f32>)> = entries
            .iter()
            .filter(|(_, features)| features.len() == self.dimension)
            .collect();
        if entries.is_empty() {
            return;
        }
        self.lock().extend(
            entries
                .iter()
                .map(|(key, features)| (*key, features.clone())),
        );
        if let Some(database) = &self.file {
            let _ignored = write_entries(database, &entries);
        }
    }

    /// Embeddings held in memory now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is held in memory.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Vec<f32>>> {
        // A panic while holding the lock cannot leave the map half-written
        // (single inserts), so a poisoned lock is still usable.
        self.memory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn read_file(&self, key: &[u8; 32]) -> Option<Vec<f32>> {
        let database = self.file.as_ref()?;
        let transaction = database.begin_read().ok()?;
        let table = transaction.open_table(EMBEDDINGS).ok()?;
        let value = table.get(key).ok()??;
        decode(value.value(), self.dimension)
    }
}

fn write_entries(
    database: &Database,
    entries: &[&([u8; 32], Vec<f32>)],
) -> Result<(), redb::Error> {
    let transaction = database.begin_write()?;
    {
        let mut table = transaction.open_table(EMBEDDINGS)?;
        let mut bytes = Vec::new();
        for (key, embedding) in entries {
            bytes.clear();
            for value in embedding {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
            table.insert(key, bytes.as_slice())?;
        }
    }
    transaction.commit()?;
    Ok(())
}

fn decode(bytes: &[u8], dimension: usize) -> Option<Vec<f32>> {
    if bytes.len() != dimension * 4 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|raw| f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(seed: f32) -> Vec<f32> {
        (0..EMBEDDING_DIM)
            .map(|index| seed + index as f32 / 1000.0)
            .collect()
    }

    #[test]
    fn entries_survive_reopening_the_file() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("catalog-embeddings.redb");
        let cache = CatalogEmbeddingCache::open(&path, "model-a");
        assert!(cache.is_persistent());
        let key = cache.key("Trail boots, waterproof");
        cache.put_all(&[(key, vector(0.5))]);
        drop(cache);
        let reopened = CatalogEmbeddingCache::open(&path, "model-a");
        assert!(reopened.is_empty());
        assert_eq!(reopened.get(&key), Some(vector(0.5)));
        assert_eq!(reopened.len(), 1);
    }

    #[test]
    fn keys_depend_on_the_model_and_the_text_and_hold_no_text() {
        let model_a = CatalogEmbeddingCache::in_memory("model-a");
        let model_b = CatalogEmbeddingCache::in_memory("model-b");
        assert_ne!(model_a.key("boots"), model_b.key("boots"));
        assert_ne!(model_a.key("boots"), model_a.key("boot"));
        assert_eq!(model_a.key("boots"), model_a.key("boots"));
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("cache.redb");
        let cache = CatalogEmbeddingCache::open(&path, "model-a");
        let canary = "CANARY-catalog-text-7f3a";
        cache.put_all(&[(cache.key(canary), vector(1.0))]);
        drop(cache);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows(canary.len()).any(|w| w == canary.as_bytes()));
    }

    #[test]
    fn a_file_that_cannot_be_opened_leaves_a_working_memory_cache() {
        let directory = tempfile::tempdir().unwrap();
        // A directory where the file should be: redb cannot open it.
        let cache = CatalogEmbeddingCache::open(directory.path(), "model-a");
        assert!(!cache.is_persistent());
        let key = cache.key("x");
        cache.put_all(&[(key, vector(2.0))]);
        assert_eq!(cache.get(&key), Some(vector(2.0)));
    }

    #[test]
    fn a_wrong_length_value_is_a_miss() {
        assert_eq!(decode(&[0u8; 12], EMBEDDING_DIM), None);
        assert_eq!(
            decode(&vec![0u8; EMBEDDING_DIM * 4], EMBEDDING_DIM),
            Some(vec![0.0; EMBEDDING_DIM])
        );
    }

    #[test]
    fn entries_of_another_feature_layout_are_never_read() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("cache.redb");
        let plain = CatalogEmbeddingCache::open(&path, "model-a");
        let key = plain.key("boots");
        plain.put_all(&[(key, vector(0.5))]);
        drop(plain);
        let layered = CatalogEmbeddingCache::open(&path, "model-a")
            .for_features("layers-8-10-12", 3 * EMBEDDING_DIM);
        assert_ne!(layered.key("boots"), key);
        assert_eq!(layered.get(&layered.key("boots")), None);
        // A value of the wrong length is neither stored nor read back.
        layered.put_all(&[(layered.key("boots"), vector(0.5))]);
        assert_eq!(layered.get(&layered.key("boots")), None);
        let wide = [vector(0.1), vector(0.2), vector(0.3)].concat();
        layered.put_all(&[(layered.key("boots"), wide.clone())]);
        drop(layered);
        let reopened = CatalogEmbeddingCache::open(&path, "model-a")
            .for_features("layers-8-10-12", 3 * EMBEDDING_DIM);
        assert_eq!(reopened.get(&reopened.key("boots")), Some(wide));
    }
}
