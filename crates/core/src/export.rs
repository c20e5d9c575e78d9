//! A card's transactions as CSV, for a spreadsheet or an accountant: one header row, then one
//! row per transaction, amounts exactly as the server sent them.

use crate::{Error, Result};
use ccp_model::api::Transaction;
use std::path::Path;

/// The columns, in order (English: a file's header is read by programs as much as by people).
pub const HEADER: [&str; 9] = [
    "time",
    "merchant",
    "description",
    "amount",
    "currency",
    "status",
    "type",
    "transaction_id",
    "reference",
];

/// The CSV text (RFC 4180: quoted where needed, CRLF line ends). Server text is made safe for
/// spreadsheets: control characters are dropped, and a text cell that starts like a formula
/// (`=`, `+`, `-`, `@`) gets a leading `'` so that opening the file runs nothing. Amounts are
/// numbers and keep their sign.
pub fn transactions_csv(txs: &[Transaction]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| Error::Internal(format!("CSV: {e}"));
    w.write_record(HEADER).map_err(failed)?;
    for x in txs {
        let amount = match (&x.amount, &x.amount_unreadable) {
            (Some(a), _) => a.as_str().to_owned(),
            (None, Some(raw)) => text(raw),
            (None, None) => String::new(),
        };
        let cell = |v: &Option<String>| v.as_deref().map(text).unwrap_or_default();
        w.write_record([
            cell(&x.trade_time),
            cell(&x.merchant_name),
            cell(&x.description),
            amount,
            cell(&x.currency),
            cell(&x.status),
            cell(&x.trade_type),
            cell(&x.transaction_id),
            cell(&x.trade_id),
        ])
        .map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| Error::Internal(format!("CSV: {}", e.error())))
}

/// Writes `bytes` beside `path` first, then renames: a failed or interrupted export never
/// leaves half a file under the chosen name (or half of an older export it replaces). The
/// temporary file has a random name and is created new (`O_EXCL`: a file or a symlink planted
/// under that name is never followed or overwritten), readable by the user only, and synced to
/// disk before the rename.
pub async fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let (path, bytes) = (path.to_owned(), bytes.to_owned());
    tokio::task::spawn_blocking(move || write_file_now(&path, &bytes))
        .await
        .map_err(|e| Error::Internal(format!("the export stopped: {e}")))?
}

fn write_file_now(path: &Path, bytes: &[u8]) -> Result<()> {
    use rand::Rng;
    use std::io::Write;
    let failed = |e: std::io::Error| {
        Error::Internal(format!(
            "the export could not be written to {}: {e}",
            path.display()
        ))
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let suffix: u64 = rand::rng().random();
    let part = path.with_file_name(format!(
        ".{}.{suffix:016x}.part",
        name.as_deref().unwrap_or("export")
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&part).map_err(failed)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&part, path)) {
        let _ = std::fs::remove_file(&part);
        return Err(failed(e));
    }
    Ok(())
}

fn text(s: &str) -> String {
    let clean = ccp_model::plain_text::strip_unsafe(s);
    if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Amount;

    /// The old temporary name was `<file>.part`, fixed: a symlink planted there sent the
    /// export (and its card data) wherever it pointed. Now nothing planted beside the file is
    /// followed, the file is the user's only, and no temporary file is left.
    #[cfg(unix)]
    #[tokio::test]
    async fn an_export_follows_no_planted_link_and_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let path = dir.path().join("x.csv");
        std::os::unix::fs::symlink(&victim, dir.path().join("x.csv.part")).unwrap();
        write_file(&path, b"a,b\r\n").await.unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\r\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["victim", "x.csv", "x.csv.part"]);
        // An export into a directory that does not exist fails and leaves nothing.
        let nowhere = dir.path().join("no/such.csv");
        assert!(write_file(&nowhere, b"x").await.is_err());
    }

    #[test]
    fn rows_are_exact_quoted_and_formula_safe() {
        let tx = Transaction {
            amount: Some(Amount::parse("-1234.50").unwrap()),
            currency: Some("USD".into()),
            merchant_name: Some("=HYPERLINK(\"http://x\")".into()),
            description: Some("Books, \"used\"\r\nline".into()),
            trade_time: Some("2026-01-20T10:30:00Z".into()),
            transaction_id: Some("tx1".into()),
            ..Default::default()
        };
        let odd = Transaction {
            amount_unreadable: Some("N/A".into()),
            merchant_name: Some("@SUM(A1)".into()),
            ..Default::default()
        };
        let text = String::from_utf8(transactions_csv(&[tx, odd]).unwrap()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "time,merchant,description,amount,currency,status,type,transaction_id,reference"
        );
        assert_eq!(
            lines[1],
            r#"2026-01-20T10:30:00Z,"'=HYPERLINK(""http://x"")","Books, ""used""line",-1234.50,USD,,,tx1,"#
        );
        assert_eq!(lines[2], ",'@SUM(A1),,N/A,,,,,");
        assert_eq!(lines.len(), 4, "a line end after the last row: {text:?}");
        assert_eq!(lines[3], "");
    }
}
