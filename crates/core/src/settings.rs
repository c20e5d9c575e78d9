//! The user's settings: a small JSON file in the data directory. Nothing secret goes in it.

use crate::{Error, Result};
use ccp_io::private_fs;
use ccp_model::i18n::Lang;
use ccp_model::ipc::Settings;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

pub(crate) struct SettingsFile {
    /// `None`: settings live in memory only (the command line takes them as options).
    path: Option<PathBuf>,
    current: RwLock<Settings>,
}

impl SettingsFile {
    /// Reads the file; a missing or unreadable one gives the defaults, in the desktop's
    /// language (a first run speaks it from the welcome page on).
    pub fn load(path: Option<PathBuf>) -> Self {
        let current = path
            .as_deref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_else(|| first_run(sys_locale::get_locale().as_deref()));
        SettingsFile {
            path,
            current: RwLock::new(current),
        }
    }

    /// Kept in a file (the app), not only in memory (the command line).
    pub fn is_file_backed(&self) -> bool {
        self.path.is_some()
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

/// The settings of a first run on a desktop whose language is `locale` (`zh-CN`, `ar_EG.UTF-8`,
/// `C`): ours when we speak it, else English.
fn first_run(locale: Option<&str>) -> Settings {
    Settings {
        language: locale.map(Lang::from_code).unwrap_or_default(),
        ..Settings::default()
    }
}

/// The file (and the directory it is created in) is the user's alone: 0600, created so from the
/// start.
fn write_atomically(path: &Path, settings: &Settings) -> std::io::Result<()> {
    private_fs::write_private_atomically(path, &serde_json::to_vec_pretty(settings)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_settings_are_read_back_and_a_bad_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.json");
        let file = SettingsFile::load(Some(path.clone()));
        let first = first_run(sys_locale::get_locale().as_deref());
        assert_eq!(file.get(), first);
        let changed = Settings {
            language: ccp_model::i18n::Lang::Zh,
            ..Settings::default()
        };
        file.save(&changed).unwrap();
        assert_eq!(SettingsFile::load(Some(path.clone())).get(), changed);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(SettingsFile::load(Some(path)).get(), first);
    }

    #[test]
    fn a_first_run_speaks_the_desktops_language_when_we_do() {
        for (locale, lang) in [
            (Some("zh-CN"), Lang::Zh),
            (Some("zh_CN.UTF-8"), Lang::Zh),
            (Some("ar-EG"), Lang::Ar),
            (Some("id_ID.UTF-8"), Lang::Id),
            (Some("en-GB"), Lang::En),
            (Some("fr-FR"), Lang::En),
            (Some("C"), Lang::En),
            (None, Lang::En),
        ] {
            let settings = first_run(locale);
            assert_eq!(settings.language, lang, "{locale:?}");
            assert_eq!(
                Settings {
                    language: Lang::En,
                    ..settings
                },
                Settings::default()
            );
        }
    }

    #[test]
    fn a_file_from_an_older_version_keeps_its_values_and_gets_the_new_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(
            &path,
            br#"{"show_code_in_notification":true,"language":"zh"}"#,
        )
        .unwrap();
        let settings = SettingsFile::load(Some(path)).get();
        assert!(settings.show_code_in_notification);
        assert_eq!(settings.language, ccp_model::i18n::Lang::Zh);
        assert_eq!(settings.copy_shortcut.as_deref(), Some("Ctrl+Alt+C"));
        assert!(!settings.start_at_login);
    }

    #[cfg(unix)]
    #[test]
    fn the_settings_file_and_its_directory_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        // As an older version (or a 022 umask) left them: readable by everyone.
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = data.join("settings.json");
        std::fs::write(&path, b"{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let stale_tmp = path.with_extension("json.tmp");
        std::fs::write(&stale_tmp, b"").unwrap();
        std::fs::set_permissions(&stale_tmp, std::fs::Permissions::from_mode(0o644)).unwrap();

        SettingsFile::load(Some(path.clone()))
            .save(&Settings::default())
            .unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&data), 0o700);
        assert!(!stale_tmp.exists());

        // A first save creates both.
        let fresh = dir.path().join("fresh/settings.json");
        SettingsFile::load(Some(fresh.clone()))
            .save(&Settings::default())
            .unwrap();
        assert_eq!(mode(&fresh), 0o600);
        assert_eq!(mode(fresh.parent().unwrap()), 0o700);
    }
}
