use crate::error::Result;
use ccp_model::Sensitive;
use std::time::Duration;
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;

/// Copies a passcode and clears the clipboard after `clear_after` (30 s by default), unless the
/// user has copied something else meanwhile (that is theirs; leave it).
pub fn copy_for_a_while(app: &AppHandle, code: Sensitive, clear_after: Duration) -> Result<()> {
    app.clipboard().write_text(code.expose().to_owned())?;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after).await;
        let still_ours = app
            .clipboard()
            .read_text()
            .is_ok_and(|now| now == code.expose());
        if still_ours && let Err(e) = app.clipboard().clear() {
            tracing::warn!("could not clear the clipboard: {e}");
        }
    });
    Ok(())
}
