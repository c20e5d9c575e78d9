//! Where diagnostics go: every binary of the app (window, `ccp`, the browser host) logs to
//! stderr, filtered by `CCP_LOG` (`RUST_LOG`'s syntax) — stdout is `ccp`'s output and the
//! browser host's native-messaging channel, so nothing else may write there.

/// Starts logging to stderr with `CCP_LOG`'s filter, or `default` when it is unset or unreadable.
/// A second call (a test that starts two apps in one process) keeps the first.
pub fn init(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CCP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
