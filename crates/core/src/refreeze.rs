//! "Unfreeze for one checkout": a card unfrozen for a few minutes is frozen again when its time
//! is up. The deadlines live in a file of the session directory, not in a process, so a quit,
//! a crash or a sleeping machine cannot leave a card open: whichever of the app or `ccp` runs
//! next freezes a card whose time ran out, and says so. The app and `ccp` change the file under
//! one file lock.

use crate::{Error, Result};
use ccp_io::private_fs;
use ccp_model::view::RefreezeDeadline;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The deadlines of one session (`refreeze.json` in its directory).
#[derive(Debug, Clone)]
pub(crate) struct Deadlines {
    path: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct DeadlinesFile {
    deadlines: Vec<RefreezeDeadline>,
}

impl Deadlines {
    pub fn new(session_dir: &Path) -> Self {
        Deadlines {
            path: session_dir.join("refreeze.json"),
        }
    }

    /// Every deadline, soonest first.
    pub async fn list(&self) -> Vec<RefreezeDeadline> {
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || read(&path))
            .await
            .unwrap_or_default()
    }

    /// Sets (or moves) the deadline of a card.
    pub async fn set(&self, public_token: &str, at: i64) -> Result<Vec<RefreezeDeadline>> {
        let token = public_token.to_owned();
        self.update(move |all| {
            all.retain(|d| d.public_token != token);
            all.push(RefreezeDeadline {
                public_token: token,
                at,
                last_error: None,
            });
        })
        .await
    }

    /// Forgets a card's deadline (frozen again, or the user changed the card by hand).
    /// `None`: it had none, nothing changed.
    pub async fn remove(&self, public_token: &str) -> Result<Option<Vec<RefreezeDeadline>>> {
        if !self
            .list()
            .await
            .iter()
            .any(|d| d.public_token == public_token)
        {
            return Ok(None);
        }
        let token = public_token.to_owned();
        self.update(move |all| all.retain(|d| d.public_token != token))
            .await
            .map(Some)
    }

    /// Keeps why freezing a card again failed; the deadline stays, so it is tried again.
    pub async fn note_failure(&self, public_token: &str, why: &str) -> Result<()> {
        let (token, why) = (public_token.to_owned(), why.to_owned());
        self.update(move |all| {
            for d in all.iter_mut().filter(|d| d.public_token == token) {
                d.last_error = Some(why.clone());
            }
        })
        .await
        .map(drop)
    }

    /// Reads, changes and writes the file under the session's refreeze lock, so the app and
    /// `ccp` never lose each other's deadlines.
    async fn update(
        &self,
        change: impl FnOnce(&mut Vec<RefreezeDeadline>) + Send + 'static,
    ) -> Result<Vec<RefreezeDeadline>> {
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || -> std::io::Result<Vec<RefreezeDeadline>> {
            if let Some(dir) = path.parent() {
                private_fs::create_private_dir(dir)?;
            }
            let lock = private_fs::private_file_options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path.with_extension("lock"))?;
            lock.lock()?;
            let mut all = read(&path);
            change(&mut all);
            all.sort_by_key(|d| d.at);
            let file = DeadlinesFile {
                deadlines: all.clone(),
            };
            private_fs::write_private_atomically(&path, &serde_json::to_vec_pretty(&file)?)?;
            Ok(all)
        })
        .await
        .map_err(|e| Error::Config(format!("refreeze deadlines: {e}")))?
        .map_err(|e| Error::Config(format!("refreeze deadlines: {e}")))
    }
}

/// A missing file is no deadline; an unreadable one is said in the log (and read as none, so
/// the app still starts: the cards stay as the server has them).
fn read(path: &Path) -> Vec<RefreezeDeadline> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            tracing::error!("cannot read {}: {e}", path.display());
            return Vec::new();
        }
    };
    match serde_json::from_slice::<DeadlinesFile>(&bytes) {
        Ok(mut f) => {
            f.deadlines.sort_by_key(|d| d.at);
            f.deadlines
        }
        Err(e) => {
            tracing::error!("{} is not readable: {e}", path.display());
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn deadlines_are_kept_sorted_moved_and_removed_across_handles() {
        let dir = tempfile::tempdir().unwrap();
        let a = Deadlines::new(&dir.path().join("session"));
        assert!(a.list().await.is_empty());
        a.set("card-b", 200).await.unwrap();
        a.set("card-a", 100).await.unwrap();
        // Another process's handle on the same directory sees them.
        let b = Deadlines::new(&dir.path().join("session"));
        let tokens: Vec<_> = b.list().await.into_iter().map(|d| d.public_token).collect();
        assert_eq!(tokens, ["card-a", "card-b"]);
        b.set("card-a", 300).await.unwrap();
        b.note_failure("card-b", "offline").await.unwrap();
        let all = a.list().await;
        assert_eq!(
            all.iter()
                .map(|d| (d.public_token.as_str(), d.at))
                .collect::<Vec<_>>(),
            [("card-b", 200), ("card-a", 300)]
        );
        assert_eq!(all[0].last_error.as_deref(), Some("offline"));
        assert_eq!(a.remove("card-x").await.unwrap(), None);
        assert_eq!(a.remove("card-b").await.unwrap().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn concurrent_writers_lose_no_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let writers = (0..20).map(|i| {
            let d = Deadlines::new(dir.path());
            tokio::spawn(async move { d.set(&format!("card-{i}"), i).await.unwrap() })
        });
        futures_util::future::join_all(writers).await;
        assert_eq!(Deadlines::new(dir.path()).list().await.len(), 20);
    }
}
