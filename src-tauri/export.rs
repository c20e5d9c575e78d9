//! CSV export's one step that needs the desktop: the system's save dialog, opened from Rust (the
//! webview gets no file or dialog access). Fetching and writing the file are ccp-core's.

use crate::error::{Error, Result};
use crate::i18n::{self, Lang, Text};
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// The path the user picked in the save dialog, with `.csv` added when they typed no
/// extension; `None` when they closed it.
pub async fn ask_path(app: &AppHandle, lang: Lang, file_name: &str) -> Result<Option<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app
        .dialog()
        .file()
        .set_title(i18n::t(lang, Text::ExportTitle))
        .set_file_name(file_name)
        .add_filter(i18n::t(lang, Text::CsvFiles), &["csv"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog.save_file(move |picked| {
        let _ = tx.send(picked);
    });
    let Some(picked) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let mut path = picked
        .into_path()
        .map_err(|e| Error::Export(format!("the chosen place is not a file: {e}")))?;
    if path.extension().is_none() {
        path.set_extension("csv");
    }
    Ok(Some(path))
}
