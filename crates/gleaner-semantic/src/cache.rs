//! [`CatalogEmbeddingCache`]: embeddings of catalog texts, kept between
//! runs so a catalog is embedded once per model, not once per ingest.
//!
//! Only catalog texts go through it (titles and descriptions a business
//! wrote); conversations are never cached, in memory or on disk, because an
//! embedding is derived from what a person said. Keys are SHA-256 digests
//! of the model's identity and the exact text, so a cache file never holds
//! text and a cache from another model is never read.
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

/// digest(model id, text) → 384 little-endian f32.
const EMBEDDINGS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("catalog_embeddings");

/// Bytes of one stored embedding.
const EMBEDDING_BYTES: usize = EMBEDDING_DIM * 4;

/// Catalog-text embeddings by digest, in memory and optionally in a file.
#[derive(Debug)]
pub struct CatalogEmbeddingCache {
    model_id: String,
    memory: Mutex<HashMap<[u8; 32], [f32; EMBEDDING_DIM]>>,
    file: Option<Database>,
}

impl CatalogEmbeddingCache {
    /// A cache held in memory only, for embeddings of `model_id`.
    pub fn in_memory(model_id: impl Into<String>) -> Self {
        Self {
            model_id: model_id.into(),
            memory: Mutex::new(HashMap::new()),
            file: None,
        }
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

    /// The cached embedding of a key, from memory or the file.
    pub fn get(&self, key: &[u8; 32]) -> Option<[f32; EMBEDDING_DIM]> {
        if let Some(found) = self.lock().get(key) {
            return Some(*found);
        }
        let found = self.read_file(key)?;
        self.lock().insert(*key, found);
        Some(found)
    }

    /// Stores embeddings (memory always; the file in one transaction when
    /// there is one; a failed write only loses the persistence).
    pub fn put_all(&self, entries: &[([u8; 32], [f32; EMBEDDING_DIM])]) {
        if entries.is_empty() {
            return;
        }
        self.lock().extend(entries.iter().copied());
        if let Some(database) = &self.file {
            let _ignored = write_entries(database, entries);
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], [f32; EMBEDDING_DIM]>> {
        // A panic while holding the lock cannot leave the map half-written
        // (single inserts), so a poisoned lock is still usable.
        self.memory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn read_file(&self, key: &[u8; 32]) -> Option<[f32; EMBEDDING_DIM]> {
        let database = self.file.as_ref()?;
        let transaction = database.begin_read().ok()?;
        let table = transaction.open_table(EMBEDDINGS).ok()?;
        let value = table.get(key).ok()??;
        decode(value.value())
    }
}

fn write_entries(
    database: &Database,
    entries: &[([u8; 32], [f32; EMBEDDING_DIM])],
) -> Result<(), redb::Error> {
    let transaction = database.begin_write()?;
    {
        let mut table = transaction.open_table(EMBEDDINGS)?;
        let mut bytes = Vec::with_capacity(EMBEDDING_BYTES);
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

fn decode(bytes: &[u8]) -> Option<[f32; EMBEDDING_DIM]> {
    if bytes.len() != EMBEDDING_BYTES {
        return None;
    }
    let mut embedding = [0.0f32; EMBEDDING_DIM];
    for (value, raw) in embedding.iter_mut().zip(bytes.chunks_exact(4)) {
        *value = f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]);
    }
    Some(embedding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(seed: f32) -> [f32; EMBEDDING_DIM] {
        let mut embedding = [0.0f32; EMBEDDING_DIM];
        for (index, value) in embedding.iter_mut().enumerate() {
            *value = seed + index as f32 / 1000.0;
        }
        embedding
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
        assert_eq!(decode(&[0u8; 12]), None);
        assert_eq!(
            decode(&vec![0u8; EMBEDDING_BYTES]),
            Some([0.0; EMBEDDING_DIM])
        );
    }
}
