//! The lock that the app and `ccp` (or two `ccp`s) share around one server's session: an OS
//! file lock (std's `File::try_lock`: `flock` on Unix, `LockFileEx` on Windows) on a file in
//! the session directory. Refresh, sign-in, sign-out and opening the cache take it, so two
//! processes never spend the same rotating refresh token or delete a cache the other has open.

use crate::{Error, Result};
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long to wait for another process (which holds the lock for at most one request).
const PATIENCE: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(20);

pub(crate) struct ProcessLock {
    path: PathBuf,
}

/// Held until dropped (closing the file releases the lock).
pub(crate) struct Held {
    _file: File,
}

impl ProcessLock {
    pub fn new(path: PathBuf) -> Self {
        ProcessLock { path }
    }

    /// Waits for the lock without blocking a runtime thread: `try_lock` in a loop, so a process
    /// that died holding it (the OS releases it then) or a slow one only costs polling.
    pub async fn acquire(&self) -> Result<Held> {
        let file = self.open()?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Held { _file: file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < PATIENCE => {
                    tokio::time::sleep(POLL).await;
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Internal(format!(
                        "another ComeComePay process has held the session lock ({}) for over {} s",
                        self.path.display(),
                        PATIENCE.as_secs()
                    )));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(Error::Internal(format!(
                        "locking {}: {e}",
                        self.path.display()
                    )));
                }
            }
        }
    }

    fn open(&self) -> Result<File> {
        if let Some(dir) = self.path.parent() {
            ccp_io::private_fs::create_private_dir(dir)
                .map_err(|e| Error::Config(format!("creating {}: {e}", dir.display())))?;
        }
        // 0600 from the start: other local users have no business knowing who is signed in.
        ccp_io::private_fs::private_file_options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.path)
            .map_err(|e| Error::Internal(format!("opening {}: {e}", self.path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ProcessLock::new(dir.path().join("s/session.lock"));
        let held = lock.acquire().await.unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = std::fs::metadata(dir.path().join("s/session.lock")).unwrap();
            assert_eq!(
                file.permissions().mode() & 0o777,
                0o600,
                "the lock file is private"
            );
        }
        // A second open file description (as another process would have) must wait.
        let other = ProcessLock::new(dir.path().join("s/session.lock"));
        let waiting = tokio::spawn(async move { other.acquire().await.map(|_| ()) });
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(!waiting.is_finished(), "the lock was taken twice");
        drop(held);
        tokio::time::timeout(Duration::from_secs(2), waiting)
            .await
            .expect("released")
            .unwrap()
            .unwrap();
    }
}
