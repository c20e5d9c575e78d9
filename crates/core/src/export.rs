//! A card's transactions as CSV, for a spreadsheet or an accountant: one header row, then one
//! row per transaction, amounts exactly as the server sent them.

use crate::{Error, Result};
use ccp_model::api::Transaction;
use std::path::{Path, PathBuf};

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
/// leaves half a file under the chosen name (or half of an older export it replaces).
pub async fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let failed = |e: std::io::Error| {
        Error::Internal(format!(
            "the export could not be written to {}: {e}",
            path.display()
        ))
    };
    tokio::fs::write(&part, bytes).await.map_err(failed)?;
    if let Err(e) = tokio::fs::rename(&part, path).await {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(failed(e));
    }
    Ok(())
}

fn text(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Amount;

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
