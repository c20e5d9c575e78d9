//! [`Launcher`]: which server the desktop app talks to, and the [`Core`] for it. The user chooses
//! on the welcome page (or in Settings, which signs out of the old server first); the choice is
//! remembered in `server.json` in the data directory. `--demo` / `--server` on the command line
//! choose for one run without being remembered. Every core the launcher opens shares one event
//! channel, so the shell subscribes once and hears whichever server is current.

use crate::events::Events;
use crate::settings::SettingsFile;
use crate::update::{self, LastCheck};
use crate::{Config, Core, Error, Result, SyncHandle};
use ccp_io::private_fs;
use ccp_model::ipc::{AppEvent, AppMode, ConnectionInfo, ServerChoice, Settings, UpdateInfo};
use futures_util::future::BoxFuture;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;

/// Where a launcher keeps things and how it sets up each core it opens.
#[derive(Debug, Clone)]
pub struct LaunchOptions {
    pub data_dir: PathBuf,
    /// Overrides the keyring service (tests use their own); `None`: the default one (or the
    /// demo's own, for the demo).
    pub keyring_service: Option<String>,
    /// Starts the demo when the user chooses it (the desktop app's is `ccp_demo::Demo`);
    /// `None`: this build has no demo.
    pub demo: Option<Arc<dyn StartDemo>>,
    /// The running app's version, compared with what the server announces (the update check).
    pub app_version: String,
    /// The hosts an update's download link may point at, besides the server's own origin: the
    /// app passes [`crate::update::build_download_hosts`], fixed when it was built.
    pub download_hosts: Vec<String>,
    /// Overrides how long a new passcode keeps the faster pace ([`Config::passcode_window`]):
    /// `scripts/bench.sh` sets zero so that every sample meets the idle pace, as the first
    /// code of a payment does.
    pub passcode_window: Option<std::time::Duration>,
}

/// Demo mode, kept out of the core (its server is the test server): starts the demo's server
/// and says how to reach it.
pub trait StartDemo: Send + Sync + std::fmt::Debug {
    /// Starts the server, keeping its data under `data_dir`; the config of a core for it, and
    /// the running server (stopped when the launcher leaves the demo).
    fn start<'a>(
        &'a self,
        data_dir: &'a Path,
    ) -> BoxFuture<'a, Result<(Config, Box<dyn DemoServer>)>>;
}

/// A running demo server.
pub trait DemoServer: Send + Sync {
    /// Signs the core just opened for it in to the demo account.
    fn sign_in<'a>(&'a self, core: &'a Core) -> BoxFuture<'a, ()>;
    /// Stops the server, after the core that used it has closed.
    fn stop(self: Box<Self>) -> BoxFuture<'static, ()>;
}

/// The running connection: its core, pollers and (for the demo) its server.
struct Current {
    core: Core,
    info: ConnectionInfo,
    // Dropped (pollers stopped) before the core closes; see `Launcher::close_current`.
    sync: Option<SyncHandle>,
    /// The daily update check against this server; aborted with it.
    update_check: tokio::task::JoinHandle<()>,
    demo: Option<Box<dyn DemoServer>>,
}

pub struct Launcher {
    options: LaunchOptions,
    events: Events,
    /// The user's settings (`settings.json`): the same for every server, and readable before
    /// one is chosen (the welcome page speaks the user's language).
    settings: Arc<SettingsFile>,
    current: Mutex<Option<Current>>,
    /// One switch at a time: a second "use this server" waits for the first to finish.
    switching: tokio::sync::Mutex<()>,
    /// A newer release the current server announced.
    update: Arc<Mutex<Option<UpdateInfo>>>,
}

const CHOICE_FILE: &str = "server.json";
const SETTINGS_FILE: &str = "settings.json";

impl Launcher {
    /// Opens `choice` (the command line's) or else the remembered one; with neither, no core
    /// runs until [`Launcher::choose`] (the welcome page).
    pub async fn open(options: LaunchOptions, choice: Option<ServerChoice>) -> Result<Launcher> {
        private_fs::create_private_dir(&options.data_dir).map_err(|e| {
            Error::Config(format!(
                "data directory {}: {e}",
                options.data_dir.display()
            ))
        })?;
        let choice = choice.or_else(|| remembered(&options.data_dir));
        let launcher = Launcher {
            settings: Arc::new(SettingsFile::load(Some(
                options.data_dir.join(SETTINGS_FILE),
            ))),
            events: Events::new(),
            current: Mutex::new(None),
            switching: tokio::sync::Mutex::new(()),
            update: Arc::default(),
            options,
        };
        if let Some(choice) = choice {
            let current = launcher.connect(&choice).await?;
            *launcher.current.lock().expect("launcher lock") = Some(current);
        }
        Ok(launcher)
    }

    /// The current server's core; `None` before the user chose one (or during a switch).
    pub fn core(&self) -> Option<Core> {
        let current = self.current.lock().expect("launcher lock");
        current.as_ref().map(|c| c.core.clone())
    }

    /// Like [`Launcher::core`], for commands: no server yet is an error that says so.
    pub fn require_core(&self) -> Result<Core> {
        self.core().ok_or(Error::NoServer)
    }

    pub fn connection(&self) -> Option<ConnectionInfo> {
        let current = self.current.lock().expect("launcher lock");
        current.as_ref().map(|c| c.info.clone())
    }

    /// A newer release than this one, if the server announced it.
    pub fn update(&self) -> Option<UpdateInfo> {
        self.update.lock().expect("update lock").clone()
    }

    /// Where the app keeps its data (the sessions, settings, the lock's and the browser's files).
    pub fn data_dir(&self) -> &Path {
        &self.options.data_dir
    }

    pub fn settings(&self) -> Settings {
        self.settings.get()
    }

    /// Keeps the settings; the current server hears the new language from the next request on.
    pub fn save_settings(&self, settings: &Settings) -> Result<Settings> {
        match self.core() {
            Some(core) => core.save_settings(settings),
            None => {
                self.settings.save(settings)?;
                Ok(settings.clone())
            }
        }
    }

    /// Every event of every core this launcher runs, now and after a switch.
    pub fn subscribe(&self) -> broadcast::Receiver<AppEvent> {
        self.events.subscribe()
    }

    /// Switches to `choice` and remembers it. The new server is checked (a valid URL, https or
    /// an allowed http) before anything changes; then the old server is signed out of (its
    /// tokens and cache deleted) and closed, and the new one opened.
    pub async fn choose(&self, choice: ServerChoice) -> Result<ConnectionInfo> {
        let _one = self.switching.lock().await;
        // Fails here, with the old connection untouched, if the URL is not acceptable.
        self.config_for(&choice)?;
        let old = self.current.lock().expect("launcher lock").take();
        if let Some(old) = old {
            let signed_out = if old.core.is_signed_in() {
                old.core.logout().await
            } else {
                Ok(())
            };
            Self::close(old).await;
            // Leftovers were named (and logged); the switch goes on, and the user sees it.
            if let Err(e) = signed_out {
                tracing::warn!("signing out of the previous server: {e}");
            }
        }
        let current = self.connect(&choice).await?;
        let info = current.info.clone();
        *self.current.lock().expect("launcher lock") = Some(current);
        remember(&self.options.data_dir, &choice)?;
        Ok(info)
    }

    /// Stops the pollers and closes the cache (call before the process exits).
    pub async fn close_current(&self) {
        let current = self.current.lock().expect("launcher lock").take();
        if let Some(current) = current {
            Self::close(current).await;
        }
    }

    async fn close(mut current: Current) {
        current.update_check.abort();
        if let Some(sync) = current.sync.take() {
            sync.shutdown().await;
        }
        current.core.close().await;
        if let Some(demo) = current.demo.take() {
            demo.stop().await;
        }
    }

    fn config_for(&self, choice: &ServerChoice) -> Result<Option<Config>> {
        match choice {
            ServerChoice::Demo => Ok(None),
            ServerChoice::Server {
                url,
                allow_insecure_http,
            } => {
                let data_dir = &self.options.data_dir;
                let config = if *allow_insecure_http {
                    Config::with_insecure_http(url, data_dir)?
                } else {
                    Config::new(url, data_dir)?
                };
                Ok(Some(config))
            }
        }
    }

    /// Opens the core for `choice` (starting the demo's server first) and its pollers.
    async fn connect(&self, choice: &ServerChoice) -> Result<Current> {
        let mut demo = None;
        let (mut config, mode) = match self.config_for(choice)? {
            Some(config) => (config, AppMode::Live),
            None => {
                let Some(start) = &self.options.demo else {
                    return Err(Error::Config("this build has no demo".into()));
                };
                let (config, started) = start.start(&self.options.data_dir).await?;
                demo = Some(started);
                (config, AppMode::Demo)
            }
        };
        config.settings_file = Some(self.options.data_dir.join(SETTINGS_FILE));
        if let Some(service) = &self.options.keyring_service {
            config.keyring_service = service.clone();
        }
        if let Some(window) = self.options.passcode_window {
            config.passcode_window = window;
        }
        let info = ConnectionInfo {
            mode,
            server: config.server.as_str().trim_end_matches('/').to_owned(),
            insecure: config.is_insecure(),
        };
        let core = Core::open_shared(config, self.events.clone(), self.settings.clone()).await?;
        if let Some(demo) = &demo {
            demo.sign_in(&core).await;
        }
        // A snapshot lets the window repaint for the new server at once.
        if let Ok(snapshot) = core.snapshot().await {
            self.events.emit(AppEvent::Snapshot(Box::new(snapshot)));
        }
        *self.update.lock().expect("update lock") = None;
        let update_check = tokio::spawn(keep_checking_for_updates(
            core.clone(),
            self.options.clone(),
            info.server.clone(),
            self.update.clone(),
            self.events.clone(),
        ));
        Ok(Current {
            update_check,
            sync: Some(core.start_sync()),
            core,
            info,
            demo,
        })
    }
}

/// Once a day (a fresh answer from an earlier run counts), asks `server` whether a newer
/// release exists; publishes what it learns. Runs in the background: start never waits on it.
async fn keep_checking_for_updates(
    core: Core,
    options: LaunchOptions,
    server: String,
    slot: Arc<Mutex<Option<UpdateInfo>>>,
    events: Events,
) {
    let publish = |update: Option<UpdateInfo>| {
        let mut current = slot.lock().expect("update lock");
        if *current != update {
            if let Some(new) = &update {
                events.emit(AppEvent::UpdateAvailable(new.clone()));
            }
            *current = update;
        }
    };
    loop {
        let now = crate::now_unix();
        let wait = match LastCheck::load(&options.data_dir) {
            Some(last) if last.is_fresh(&server, now) => {
                // Read back from disk: checked again, as if the server had just said it (the
                // file may come from a build with other hosts, or have been edited).
                publish(
                    last.update
                        .map(|u| update::vetted(u, core.config(), &options.download_hosts)),
                );
                update::EVERY.saturating_sub(Duration::from_secs((now - last.checked_at) as u64))
            }
            _ => match update::check(&core, &options.app_version, &options.download_hosts).await {
                Ok(found) => {
                    let last = LastCheck {
                        server: server.clone(),
                        checked_at: now,
                        update: found.clone(),
                    };
                    last.save(&options.data_dir);
                    publish(found);
                    update::EVERY
                }
                // Offline or the server in trouble: an hour later is soon enough.
                Err(e) => {
                    tracing::debug!("update check failed: {e}");
                    Duration::from_secs(3600)
                }
            },
        };
        tokio::time::sleep(wait).await;
    }
}

/// The remembered choice (the app's welcome page or Settings); a missing or unreadable file
/// means "ask". The browser host follows it, as the app does.
pub fn remembered(data_dir: &Path) -> Option<ServerChoice> {
    let bytes = std::fs::read(data_dir.join(CHOICE_FILE)).ok()?;
    match serde_json::from_slice(&bytes) {
        Ok(choice) => Some(choice),
        Err(e) => {
            tracing::warn!("ignoring an unreadable {CHOICE_FILE}: {e}");
            None
        }
    }
}

fn remember(data_dir: &Path, choice: &ServerChoice) -> Result<()> {
    let path = data_dir.join(CHOICE_FILE);
    let json = serde_json::to_vec_pretty(choice).map_err(|e| Error::Internal(e.to_string()))?;
    private_fs::write_private_atomically(&path, &json)
        .map_err(|e| Error::Config(format!("saving {}: {e}", path.display())))
}
