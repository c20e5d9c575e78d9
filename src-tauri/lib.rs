//! ComeComePay Desktop: the Tauri shell. It wires ccp-core to the window — commands in,
//! events out, notifications — and holds no logic of its own.

mod autostart;
mod browser;
mod clipboard;
mod commands;
mod error;
mod events;
mod export;
mod i18n;
mod keys;
mod kyc;
mod lock;
mod notify;
mod optional;
mod options;
mod settings;
mod shortcut;
mod state;
mod tray;
mod webview2;
mod window;

use ccp_core::app_lock::AppLock;
use ccp_core::launcher::{LaunchOptions, Launcher};
use ccp_model::ipc::OptionalPart;
use clap::Parser;
use options::Options;
use state::AppState;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tauri::{Manager, WindowEvent};

pub use error::{Error, Result};

/// Runs the app; returns the process exit code.
pub fn run() -> i32 {
    let started = std::time::Instant::now();
    let options = Options::parse();
    ccp_io::log::init("info,tao=warn,wry=warn");
    if let Some(problem) = display_problem() {
        eprintln!("comecomepay-desktop: {problem}");
        return 1;
    }
    if let Some((title, text)) = webview2::missing() {
        webview2::tell(title, &text);
        return webview2::EXIT_NO_WEBVIEW2;
    }
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let handle = app.handle();
            // First: a second launch (e.g. after closing to the tray on a desktop that shows
            // no tray) hands over to this one — brings the window back, or copies the newest
            // code for `--copy-newest` — instead of starting another app.
            let single = optional::plugin(handle, "single-instance", single_instance());
            let copy = options.copy_newest;
            let (hidden, idle_override) = (options.hidden || copy, options.lock_idle_secs);
            let state = tauri::async_runtime::block_on(start(options))?;
            tracing::debug!(
                "core opened {} ms after start",
                started.elapsed().as_millis()
            );
            events::forward(handle.clone(), state.launcher.subscribe());
            let start_at_login = state.launcher.settings().start_at_login;
            app.manage(state);
            let state = app.state::<AppState>();
            if let Err(detail) = single {
                state.set_unavailable(OptionalPart::SingleInstance, detail);
            }
            let clicks = notify::open_codes_on_click(handle, |app| {
                tauri::async_runtime::spawn(async move { shortcut::copy_newest(&app).await });
            });
            if let Err(detail) = clicks {
                state.set_unavailable(OptionalPart::NotificationClicks, detail);
            }
            lock::lock_when_idle(handle, idle_override);
            lock::follow_screen_lock(handle);
            // Optional parts: one that cannot start is shown in Settings, never fatal.
            match optional::plugin(handle, "global-shortcut", shortcut::plugin()) {
                Ok(()) => shortcut::register_at_start(handle),
                Err(detail) => shortcut::unavailable(handle, detail),
            }
            match optional::plugin(handle, "autostart", autostart::plugin()) {
                Ok(()) => autostart::refresh(handle, start_at_login),
                Err(detail) => state.set_unavailable(OptionalPart::Autostart, detail),
            }
            // The window is created hidden (tauri.conf.json): shown now, unless started from
            // the login item, which keeps it in the tray.
            window::started(handle);
            if hidden {
                window::release_later(handle);
            } else {
                window::show(handle);
            }
            match tray::install(handle) {
                Ok(()) => state.tray.store(true, Ordering::Relaxed),
                Err(e) => state.set_unavailable(OptionalPart::Tray, e.to_string()),
            }
            if copy {
                let handle = handle.clone();
                tauri::async_runtime::spawn(async move { shortcut::copy_newest(&handle).await });
            }
            tracing::debug!("set up {} ms after start", started.elapsed().as_millis());
            Ok(())
        })
        .on_page_load(move |_, payload| {
            if let tauri::webview::PageLoadEvent::Finished = payload.event() {
                tracing::debug!(
                    "page loaded {} ms after start",
                    started.elapsed().as_millis()
                );
            }
        })
        .on_window_event(|window, event| match event {
            WindowEvent::Focused(focused) => {
                let state = window.state::<AppState>();
                if *focused {
                    state.note_activity();
                }
                if let Some(core) = state.launcher.core() {
                    core.set_foreground(*focused);
                }
            }
            // With a tray icon, closing only hides: passcodes keep arriving as notifications.
            WindowEvent::CloseRequested { api, .. }
                if window.state::<AppState>().tray.load(Ordering::Relaxed) =>
            {
                api.prevent_close();
                window::hide(window);
            }
            _ => {}
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            eprintln!("comecomepay-desktop: {e}");
            return 1;
        }
    };
    app.run(|app, event| {
        // The last window closing quits, unless the app released it (hidden for a while):
        // then the tray, notifications and the pollers go on.
        if let tauri::RunEvent::ExitRequested {
            code: None, api, ..
        } = &event
            && app
                .try_state::<AppState>()
                .is_some_and(|s| s.window_released.load(Ordering::SeqCst))
        {
            api.prevent_exit();
        }
        // Close the cache before exit handlers run: SQLCipher's OpenSSL must not be torn
        // down under a live connection thread.
        if let tauri::RunEvent::Exit = event
            && let Some(state) = app.try_state::<AppState>()
        {
            clipboard::clear_if_ours();
            tauri::async_runtime::block_on(state.launcher.close_current());
        }
    });
    0
}

/// One app at a time; a second start's `--copy-newest` is done here (the desktop's own shortcut
/// settings can run it where the app cannot grab a shortcut itself).
fn single_instance() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_single_instance::init(|app, args, _cwd| {
        if args.iter().any(|a| a == "--copy-newest") {
            let app = app.clone();
            tauri::async_runtime::spawn(async move { shortcut::copy_newest(&app).await });
        } else {
            window::show(app)
        }
    })
}

/// Opens the launcher: the command line's server (or demo) for this run, else the remembered
/// choice, else none yet (the window shows its welcome page). Pollers run on Tauri's runtime.
async fn start(options: Options) -> std::result::Result<AppState, Box<dyn std::error::Error>> {
    let every = Duration::from_secs(options.demo_passcode_every);
    let launch = LaunchOptions {
        data_dir: options
            .data_dir
            .clone()
            .unwrap_or_else(ccp_core::Config::default_data_dir),
        keyring_service: options.keyring_service.clone(),
        demo: Some(Arc::new(ccp_demo::Demo {
            program: ccp_core::programs::find_for_this(ccp_core::programs::SANDBOX),
            passcode_every: (!every.is_zero()).then_some(every),
        })),
        app_version: env!("CARGO_PKG_VERSION").into(),
        download_hosts: ccp_core::update::build_download_hosts(),
        passcode_window: options.passcode_window_secs.map(Duration::from_secs),
    };
    let keys = keys::Keys::new(launch.data_dir.clone(), options.keyring_service.clone());
    let service = options.keyring_service.as_deref();
    let lock = AppLock::new(
        &launch.data_dir,
        service.unwrap_or(ccp_core::KEYRING_SERVICE),
        Duration::from_secs(options.pin_delay_secs.max(1)),
    );
    // With a PIN set the app starts locked: it starts at login, into the tray, and whoever
    // opens it first must be the cardholder.
    if lock.is_enabled().await {
        lock.lock().await?;
    }
    let mut state = AppState::new(
        Launcher::open(launch, options.choice()).await?,
        Duration::from_secs(options.clipboard_clear_secs),
        keys,
        Arc::new(lock),
    );
    state.minute_secs = options.minute_secs.max(1);
    state.release_hidden_secs = options.release_hidden_secs;
    Ok(state)
}

/// On Linux a window needs X11 or Wayland; say so instead of letting GTK abort.
fn display_problem() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
    (!set("DISPLAY") && !set("WAYLAND_DISPLAY")).then(|| {
        "no display: neither DISPLAY nor WAYLAND_DISPLAY is set. Run it in a desktop session, \
         or under a virtual display: xvfb-run -a comecomepay-desktop"
            .to_owned()
    })
}
