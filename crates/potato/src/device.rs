//! This installation's device id, sent as `mac` when a key is verified (a key binds to the
//! first device that redeems it). Random, generated once and kept in the data directory: not a
//! hardware fingerprint, so nothing about the machine leaves it.

use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file, in the data directory, that holds the id.
pub const DEVICE_ID_FILE: &str = "potato-device-id";

/// The path of the id file in `data_dir`.
pub fn device_id_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DEVICE_ID_FILE)
}

/// The id kept in `data_dir`, made (32 lower-case hex digits) on the first call. A file that
/// does not hold an id is an error, not replaced: a new id would be another device, and the
/// keys bound to this one would stop verifying.
pub fn device_id(data_dir: &Path) -> Result<String> {
    let path = device_id_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => return parse(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::Device(format!("reading {}: {e}", path.display()))),
    }
    ccp_io::private_fs::create_private_dir(data_dir)
        .map_err(|e| Error::Device(format!("creating {}: {e}", data_dir.display())))?;
    let id: String = {
        use rand::Rng;
        let bytes: [u8; 16] = rand::rng().random();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    };
    let mut options = ccp_io::private_fs::private_file_options();
    options.write(true).create_new(true);
    match options.open(&path) {
        Ok(mut file) => {
            file.write_all(format!("{id}\n").as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| Error::Device(format!("writing {}: {e}", path.display())))?;
            Ok(id)
        }
        // Another process made it first: theirs counts.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::Device(format!("reading {}: {e}", path.display())))?;
            parse(&path, &text)
        }
        Err(e) => Err(Error::Device(format!("creating {}: {e}", path.display()))),
    }
}

fn parse(path: &Path, text: &str) -> Result<String> {
    let id = text.trim();
    let ok =
        (8..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(id.to_owned())
    } else {
        Err(Error::Device(format!(
            "{} does not hold a device id; move it away to make a new one (keys bound to the \
             old id will not verify on this device)",
            path.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("data");
        let id = device_id(&sub).unwrap();
        assert_eq!(id.len(), 32);
        assert_eq!(device_id(&sub).unwrap(), id);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(device_id_path(&sub))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0);
            // The data directory it made is the user's only too (it was 0755 under a 022
            // umask when `ccp keys` ran before anything else).
            let mode = std::fs::metadata(&sub).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let other = tempfile::tempdir().unwrap();
        assert_ne!(device_id(other.path()).unwrap(), id);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(device_id_path(dir.path()), "no\n").unwrap();
        let e = device_id(dir.path()).unwrap_err();
        assert!(e.to_string().contains("does not hold a device id"), "{e}");
        assert_eq!(
            std::fs::read_to_string(device_id_path(dir.path())).unwrap(),
            "no\n"
        );
    }
}
