//! The one cache the session reads and writes, swapped as sessions come and go: an encrypted
//! file while signed in with a keyring, an in-memory database otherwise.

use super::{Cache, delete_files};
use crate::{Error, Result};
use secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) struct CacheSlot {
    path: PathBuf,
    current: RwLock<Cache>,
    /// Bumped on every swap: a round that began before one may have written to a closed cache.
    swaps: AtomicU64,
}

impl CacheSlot {
    /// Starts with an empty in-memory cache; `path` is where the file cache lives.
    pub async fn new(path: PathBuf) -> Result<Self> {
        Ok(CacheSlot {
            path,
            current: RwLock::new(Cache::memory().await?),
            swaps: AtomicU64::new(0),
        })
    }

    /// The cache in use now (a cheap handle; it stays valid after a swap).
    pub fn get(&self) -> Cache {
        self.current.read().expect("cache lock").clone()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn replace(&self, new: Cache) -> Cache {
        let old = std::mem::replace(&mut *self.current.write().expect("cache lock"), new);
        self.swaps.fetch_add(1, Ordering::SeqCst);
        old
    }

    /// How many times the cache was swapped so far.
    pub fn swaps(&self) -> u64 {
        self.swaps.load(Ordering::SeqCst)
    }

    /// Opens the encrypted file with `key` and makes it current. A file this key cannot read
    /// (another key, damaged) is only a cache: it is replaced by a new one. Any other failure
    /// (busy, permissions, disk full) is returned and the file kept: nothing is wrong with it.
    pub async fn open_file(&self, key: &SecretString) -> Result<()> {
        let cache = match Cache::open(&self.path, key).await {
            Ok(c) => c,
            Err(e @ Error::CacheUnreadable(_)) => {
                tracing::warn!("starting a new cache: {e}");
                delete_files(&self.path)?;
                Cache::open(&self.path, key).await?
            }
            Err(e) => return Err(e),
        };
        self.replace(cache);
        Ok(())
    }

    /// A fresh in-memory cache becomes current (a session that cannot be kept on disk).
    pub async fn use_memory(&self) -> Result<()> {
        self.replace(Cache::memory().await?);
        Ok(())
    }

    /// Swaps in an empty in-memory cache and deletes the file one (with its WAL).
    pub async fn drop_file(&self) -> Result<()> {
        let old = self.replace(Cache::memory().await?);
        old.close().await;
        self.delete_files()
    }

    /// Deletes the file cache (and its WAL) without touching the current one.
    pub fn delete_files(&self) -> Result<()> {
        delete_files(&self.path)
    }

    /// Closes the current cache's connections (before a process exits).
    pub async fn close(&self) {
        self.get().close().await;
    }
}
