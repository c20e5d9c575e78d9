//! The user's settings: a small JSON file in the data directory. Nothing secret goes in it.

use crate::{Error, Result};
use ccp_model::ipc::Settings;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

pub(crate) struct SettingsFile {
    /// `None`: settings live in memory only (the command line takes them as options).
    path: Option<PathBuf>,
    current: RwLock<Settings>,
}

impl SettingsFile {
    /// Reads the file; a missing or unreadable one gives the defaults.
    pub fn load(path: Option<PathBuf>) -> Self {
        let current = path
            .as_deref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        SettingsFile {
            path,
            current: RwLock::new(current),
        }
    }

    pub fn get(&self) -> Settings {
        self.current.read().expect("settings lock").clone()
    }

    /// Writes the file atomically (a temporary file renamed over it), then keeps the new value.
    pub fn save(&self, settings: &Settings) -> Result<()> {
        if let Some(path) = &self.path {
            write_atomically(path, settings)
                .map_err(|e| Error::Config(format!("saving {}: {e}", path.display())))?;
        }
        *self.current.write().expect("settings lock") = settings.clone();
        Ok(())
    }
}

fn write_atomically(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(settings)?)?;
    std::fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_settings_are_read_back_and_a_bad_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.json");
        let file = SettingsFile::load(Some(path.clone()));
        assert_eq!(file.get(), Settings::default());
        let changed = Settings {
            language: "zh".into(),
            ..Settings::default()
        };
        file.save(&changed).unwrap();
        assert_eq!(SettingsFile::load(Some(path.clone())).get(), changed);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(SettingsFile::load(Some(path)).get(), Settings::default());
    }
}
