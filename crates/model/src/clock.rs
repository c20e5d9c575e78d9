//! The one wall clock of the project, in the contract's unit (Unix seconds).

/// Now, in Unix seconds.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Now, in Unix seconds: in the webview by `Date.now()` (wasm has no system clock of its own).
#[cfg(target_arch = "wasm32")]
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}
