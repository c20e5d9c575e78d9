//! ComeComePay Desktop: the Tauri shell. It wires ccp-core to the window — commands in,
//! events out, notifications — and holds no logic of its own.

mod clipboard;
mod commands;
mod error;
mod events;
mod models;
mod notify;
mod settings;
mod tray;

use ccp_model::ipc::{AppInfo, AppMode};
use clap::Parser;
use models::{AppState, Options};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::Ordering;
use tauri::{Manager, WindowEvent};

pub use error::{Error, Result};

const DEMO_KEYRING_SERVICE: &str = "ComeComePay Desktop (demo)";

/// Runs the app; returns the process exit code.
pub fn run() -> i32 {
    let options = Options::parse();
    init_logging();
    if let Some(problem) = display_problem() {
        eprintln!("comecomepay-desktop: {problem}");
        return 1;
    }
    let app = tauri::Builder::default()
        // Registered first: a second launch (e.g. after closing to the tray on a desktop that
        // shows no tray) brings this window back instead of starting another app.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tray::show_window(app)
        }))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::snapshot,
            commands::login,
            commands::verify_otp,
            commands::logout,
            commands::sync_now,
            commands::card_action,
            commands::start_kyc,
            commands::copy_passcode,
            commands::set_settings,
            commands::test_notification,
            commands::transactions,
        ])
        .setup(move |app| {
            let state = tauri::async_runtime::block_on(start(options))?;
            let core = state.core.clone();
            app.manage(state);
            events::forward(app.handle().clone(), core.clone());
            // Pollers live as long as the app; they run on Tauri's tokio runtime.
            let sync = tauri::async_runtime::block_on(async { core.start_sync() });
            app.manage(Mutex::new(Some(sync)));
            match tray::install(app.handle()) {
                Ok(()) => app.state::<AppState>().tray.store(true, Ordering::Relaxed),
                Err(e) => tracing::info!("no tray icon ({e}); closing the window quits"),
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            WindowEvent::Focused(focused) => {
                window.state::<AppState>().core.set_foreground(*focused);
            }
            // With a tray icon, closing only hides: passcodes keep arriving as notifications.
            WindowEvent::CloseRequested { api, .. }
                if window.state::<AppState>().tray.load(Ordering::Relaxed) =>
            {
                api.prevent_close();
                let _ = window.hide();
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
        // Close the cache before exit handlers run: SQLCipher's OpenSSL must not be torn
        // down under a live connection thread.
        if let tauri::RunEvent::Exit = event
            && let Some(state) = app.try_state::<AppState>()
        {
            tauri::async_runtime::block_on(state.core.close());
        }
    });
    0
}

/// Opens the core against the chosen server; in demo mode first starts the embedded sandbox
/// and signs in to its demo account.
async fn start(options: Options) -> std::result::Result<AppState, Box<dyn std::error::Error>> {
    let data_dir = options
        .data_dir
        .clone()
        .unwrap_or_else(ccp_core::Config::default_data_dir);
    let (mode, sandbox, server) = match &options.server {
        Some(server) => (AppMode::Live, None, server.clone()),
        None => {
            let sandbox = ccp_sandbox::Sandbox::start(ccp_sandbox::Config {
                data_dir: Some(data_dir.join("demo-sandbox")),
                otp_fixed: Some(DEMO_OTP.to_owned()),
                passcode_every: (options.demo_passcode_every > 0)
                    .then(|| std::time::Duration::from_secs(options.demo_passcode_every)),
                control: false,
                ..Default::default()
            })
            .await?;
            let url = sandbox.base_url();
            (AppMode::Demo, Some(sandbox), url)
        }
    };
    let core_dir: PathBuf = match mode {
        AppMode::Demo => data_dir.join("demo"),
        AppMode::Live => data_dir.clone(),
    };
    let mut config = ccp_core::Config::new(&server, core_dir)?;
    config.keyring_service = options.keyring_service.clone().unwrap_or_else(|| {
        match mode {
            AppMode::Demo => DEMO_KEYRING_SERVICE,
            AppMode::Live => ccp_core::Config::DEFAULT_KEYRING_SERVICE,
        }
        .to_owned()
    });
    let settings_path = data_dir.join("settings.json");
    let settings = settings::load(&settings_path);
    config.language = settings.language.clone();
    let core = ccp_core::Core::open(config).await?;
    if mode == AppMode::Demo && !core.is_signed_in() {
        demo_sign_in(&core).await;
    }
    let info = AppInfo {
        name: "ComeComePay Desktop".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        mode,
        server,
        settings,
    };
    Ok(AppState {
        core,
        info: Mutex::new(info),
        settings_path,
        clipboard_clear_after: std::time::Duration::from_secs(options.clipboard_clear_secs),
        tray: Default::default(),
        _sandbox: sandbox,
    })
}

/// The embedded sandbox's sign-in code: fixed and documented (README), so a demo user who signs
/// out can sign in again through the same login → one-time code flow as a real account.
pub const DEMO_OTP: &str = "12345";

async fn demo_sign_in(core: &ccp_core::Core) {
    let email = ccp_sandbox::DEMO_EMAIL;
    let result = async {
        core.login(email, ccp_sandbox::DEMO_PASSWORD.into()).await?;
        core.verify_otp(email, DEMO_OTP.into()).await?;
        core.sync_now().await
    }
    .await;
    if let Err(e) = result {
        tracing::warn!("demo sign-in failed: {e}");
    }
}

fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CCP_LOG")
                .unwrap_or_else(|_| "info,tao=warn,wry=warn".into()),
        )
        .with_writer(std::io::stderr)
        .try_init();
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
