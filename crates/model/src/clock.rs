//! The one wall clock of the project, in the contract's unit (Unix seconds).

/// Now, in Unix seconds. Not for the wasm UI (it has no system clock; it uses `Date.now()`).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
