//! Files only the user may read: the data directory is 0700, the cache and settings files are
//! 0600. The cache is encrypted and the settings hold nothing secret, but other local users
//! have no business learning even that an account, its cards or its habits exist. Unix only;
//! elsewhere these are plain create / no-ops (Windows profiles are private by ACL already).

use std::io;
use std::path::Path;

/// Creates `dir` (and any missing parent) readable by the user only, and tightens it to 0700
/// if it already existed looser (a data directory made by an older version, or by
/// `create_dir_all` under a 022 umask). Parents that already existed are left as they are.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Makes an existing file 0600; a file that does not exist is fine (SQLite creates its WAL and
/// shared-memory files only when needed).
pub fn restrict_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Options that create a file as 0600 from the start (no window in which it is world-readable).
pub fn private_file_options() -> std::fs::OpenOptions {
    #[allow(unused_mut)] // only Unix sets a mode
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Replaces `path` with `bytes` atomically (a temporary file renamed over it), creating the
/// directory and the file as the user's alone; the rename carries the 0600 mode over.
pub fn write_private_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    // A leftover of an interrupted save keeps its old mode if opened again: start anew.
    if let Err(e) = std::fs::remove_file(&tmp)
        && e.kind() != io::ErrorKind::NotFound
    {
        return Err(e);
    }
    let mut file = private_file_options()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    file.write_all(bytes)?;
    drop(file);
    std::fs::rename(tmp, path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_and_loose_directories_end_up_0700_and_files_0600() {
        let tmp = tempfile::tempdir().unwrap();
        let nested = tmp.path().join("a/b");
        create_private_dir(&nested).unwrap();
        assert_eq!(mode(&tmp.path().join("a")), 0o700);
        assert_eq!(mode(&nested), 0o700);

        let loose = tmp.path().join("loose");
        std::fs::create_dir(&loose).unwrap();
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_private_dir(&loose).unwrap();
        assert_eq!(mode(&loose), 0o700);

        let file = loose.join("f");
        std::fs::write(&file, b"x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        restrict_file(&loose.join("missing")).unwrap();

        let created = loose.join("created");
        private_file_options()
            .write(true)
            .create_new(true)
            .open(&created)
            .unwrap();
        assert_eq!(mode(&created), 0o600);
    }
}
