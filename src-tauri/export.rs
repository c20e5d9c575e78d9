//! CSV export's one step that needs the desktop: the system's save dialog, opened from Rust (the
//! webview gets no file or dialog access). Fetching and writing the file are ccp-core's.

use crate::error::{Error, Result};
use crate::i18n::{self, Lang, Text};
use ccp_core::Core;
use ccp_model::ipc::{ExportArgs, Exported};
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Asks where to save, then fetches every transaction of the card and writes them there as
/// CSV. `None`: the user closed the dialog, and nothing was fetched.
pub async fn transactions(
    app: &AppHandle,
    core: &Core,
    lang: Lang,
    args: &ExportArgs,
) -> Result<Option<Exported>> {
    let Some(path) = ask_path(app, lang, &args.file_name).await? else {
        return Ok(None);
    };
    let all = core.all_transactions(&args.public_token).await?;
    let csv = ccp_core::export::transactions_csv(&all.data.transactions)?;
    ccp_core::export::write_file(&path, &csv).await?;
    Ok(Some(Exported {
        count: all.data.transactions.len(),
        path: path.display().to_string(),
        fetched_at: all.fetched_at,
    }))
}

/// The path the user picked in the save dialog, with `.csv` added when they typed no
/// extension; `None` when they closed it.
async fn ask_path(app: &AppHandle, lang: Lang, file_name: &str) -> Result<Option<PathBuf>> {
    let mut name = file_name.to_owned();
    loop {
        let Some(picked) = save_dialog(app, lang, &name).await? else {
            return Ok(None);
        };
        match with_csv_extension(picked) {
            // The dialog asked about overwriting the name typed, not this one: a file that
            // exists under the new name is asked about again, in the dialog, by that name.
            (path, true) if path.exists() => {
                name = path
                    .file_name()
                    .map_or(name, |n| n.to_string_lossy().into_owned());
            }
            (path, _) => return Ok(Some(path)),
        }
    }
}

/// The path with `.csv` added when the user typed no extension, and whether it was added.
fn with_csv_extension(mut path: PathBuf) -> (PathBuf, bool) {
    if path.extension().is_some() {
        return (path, false);
    }
    path.set_extension("csv");
    (path, true)
}

/// The system's save dialog over the window; `None` when the user closed it.
async fn save_dialog(app: &AppHandle, lang: Lang, file_name: &str) -> Result<Option<PathBuf>> {
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
    let path = picked
        .into_path()
        .map_err(|e| Error::Export(format!("the chosen place is not a file: {e}")))?;
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_added_only_without_an_extension_and_says_so() {
        let (p, added) = with_csv_extension(PathBuf::from("/d/x"));
        assert_eq!((p, added), (PathBuf::from("/d/x.csv"), true));
        let (p, added) = with_csv_extension(PathBuf::from("/d/x.txt"));
        assert_eq!((p, added), (PathBuf::from("/d/x.txt"), false));
    }
}
