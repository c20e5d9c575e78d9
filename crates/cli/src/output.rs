//! How results are printed: a plain table for people, in the language `--lang` names, and the
//! ccp-model types as JSON for scripts (never translated). Every server-provided string in the
//! tables goes through [`clean`] and is shown as the server spelled it; JSON stays exact.

use crate::i18n::{Lang, Text, pad, pad_left, t, tf, width};
use ccp_model::Amount;
use ccp_model::api::{KycStatus, Message, MessageKind, PokepayStatus, Transaction};
pub use ccp_model::i18n::countdown;
use ccp_model::i18n::{Said, Vocabulary, said};
use ccp_model::view::{CardView, KycView, MessagesView, PasscodeView, TransactionsView};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Display;
use std::iter::Peekable;
use std::str::Chars;

pub fn json<T: Serialize>(value: &T) {
    let text = serde_json::to_string(value).expect("model types serialize");
    println!("{}", ccp_model::plain_text::escape_in_json(&text));
}

/// An answer as `--json` asks for it (the whole value on one line), else as `human` writes it
/// for people.
pub fn either<T: Serialize>(as_json: bool, value: &T, human: impl FnOnce(&T)) {
    if as_json { json(value) } else { human(value) }
}

/// "just now", "5 min ago", "3 h ago", "2 d ago".
pub fn age(lang: Lang, fetched_at: i64, now: i64) -> String {
    let (unit, n) = ccp_model::i18n::ago(fetched_at, now);
    unit.text(lang, n)
}

/// "yes" or "no".
fn yes_no(lang: Lang, yes: bool) -> &'static str {
    t(lang, if yes { Text::Yes } else { Text::No })
}

/// One column of a table: its title, its least width (in terminal columns), and whether it is
/// right-aligned (amounts).
struct Column {
    title: Text,
    min: usize,
    right: bool,
}

const fn col(title: Text, min: usize) -> Column {
    Column {
        title,
        min,
        right: false,
    }
}

const fn num(title: Text, min: usize) -> Column {
    Column {
        title,
        min,
        right: true,
    }
}

/// One line of a table: each cell padded to its column's width by terminal columns (a Chinese
/// title or merchant takes two a character), the last left-aligned one not padded.
fn line(columns: &[Column], widths: &[usize], cells: &[String]) -> String {
    let last = cells.len().saturating_sub(1);
    cells
        .iter()
        .zip(columns.iter().zip(widths))
        .enumerate()
        .map(
            |(i, (cell, (column, &w)))| match (column.right, i == last) {
                (true, _) => pad_left(cell, w),
                (false, true) => cell.clone(),
                (false, false) => pad(cell, w),
            },
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// The titles in `lang`, then the rows, each column as wide as its widest cell; with no rows,
/// only `empty`'s sentence (and `false`, so a footer about the rows is left out too).
fn table(lang: Lang, columns: &[Column], rows: &[Vec<String>], empty: Text) -> bool {
    if rows.is_empty() {
        println!("{}", t(lang, empty));
        return false;
    }
    let titles: Vec<String> = columns
        .iter()
        .map(|c| t(lang, c.title).to_owned())
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .chain([&titles])
                .map(|r| width(&r[i]))
                .fold(c.min, usize::max)
        })
        .collect();
    for row in [&titles].into_iter().chain(rows) {
        println!("{}", line(columns, &widths, row));
    }
    true
}

/// Label and value lines, the values lined up after the widest label in `lang`.
struct Labels {
    lang: Lang,
    width: usize,
}

impl Labels {
    /// For these labels (all a block may show, so its values line up whichever are shown).
    fn new(lang: Lang, labels: &[Text]) -> Labels {
        let widest = labels.iter().map(|l| width(t(lang, *l))).max();
        Labels {
            lang,
            width: widest.unwrap_or(0) + 2,
        }
    }

    fn print(&self, label: Text, value: impl Display) {
        println!("{}{value}", pad(t(self.lang, label), self.width));
    }

    /// A value on a line of its own, under the others.
    fn print_more(&self, value: impl Display) {
        println!("{}{value}", " ".repeat(self.width));
    }
}

/// A balance exactly as sent (at least two decimals, never rounded), or a dash.
fn money(amount: Option<&Amount>) -> String {
    amount.map_or_else(|| "—".into(), Amount::to_display)
}

/// Server text made safe for a terminal: control characters (C0, DEL, C1) and the bidi
/// overrides and isolates are dropped, and an escape sequence goes whole (CSI, OSC and the
/// other strings, two-character ones), so a merchant name cannot recolour the screen, move the
/// cursor, retitle the window, reorder, hide or fake a line. Printable text, any script, is
/// kept as it is.
pub fn clean(s: &str) -> Cow<'_, str> {
    use ccp_model::plain_text::is_unsafe;
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // The 8-bit forms: CSI, and DCS, SOS, OSC, PM, APC (strings up to a terminator).
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What follows an ESC: `[` a CSI, `]` `P` `X` `^` `_` a string, else intermediates
/// (0x20–0x2F) and one final character (0x30–0x7E), e.g. `ESC ( B`, `ESC 7`, `ESC c`.
fn skip_escape(chars: &mut Peekable<Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        _ => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
    }
}

/// A CSI's parameters and intermediates (0x20–0x3F), then its final character (0x40–0x7E).
fn skip_csi(chars: &mut Peekable<Chars<'_>>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// A control string's body, up to its terminator (BEL, ST as `ESC \` or 0x9C); an unended
/// one runs to the end, as a terminal would swallow it.
fn skip_string(chars: &mut Peekable<Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// A word the service sent (a status, a kind, a card network) in the user's words, from the
/// model's one table; one this client does not know yet is shown as sent, a missing one as a
/// dash.
fn word(lang: Lang, vocabulary: Vocabulary, raw: &str) -> String {
    match said(lang, vocabulary, raw) {
        Said::Nothing => "—".to_owned(),
        known => clean(known.text()).into_owned(),
    }
}

fn word_opt(lang: Lang, vocabulary: Vocabulary, raw: &Option<String>) -> String {
    word(lang, vocabulary, raw.as_deref().unwrap_or_default())
}

/// A transaction's amount exactly as sent (at least two decimals, never rounded), or the text
/// of one that is not a number, or a dash.
fn transaction_amount(x: &Transaction) -> Cow<'_, str> {
    match (&x.amount, &x.amount_unreadable) {
        (Some(a), _) => Cow::Owned(a.to_display()),
        (None, raw) => or_dash(raw),
    }
}

fn or_dash(s: &Option<String>) -> Cow<'_, str> {
    s.as_deref().map_or(Cow::Borrowed("—"), clean)
}

/// Label and value lines, as `ccp status` prints them.
pub fn labelled(lang: Lang, lines: &[(Text, String)]) {
    let labels: Vec<Text> = lines.iter().map(|(label, _)| *label).collect();
    let l = Labels::new(lang, &labels);
    for (label, value) in lines {
        l.print(*label, value);
    }
}

const CARD_COLUMNS: [Column; 6] = [
    col(Text::ColToken, 12),
    col(Text::ColNumber, 18),
    col(Text::ColScheme, 11),
    col(Text::ColCurrency, 4),
    num(Text::ColBalance, 12),
    col(Text::ColStatus, 0),
];

pub fn cards(lang: Lang, cards: &[CardView]) {
    let rows: Vec<Vec<String>> = cards
        .iter()
        .map(|c| {
            vec![
                clean(&c.public_token).into_owned(),
                clean(&c.masked_number).into_owned(),
                word_opt(lang, Vocabulary::CardScheme, &c.scheme),
                or_dash(&c.currency).into_owned(),
                money(c.balance.as_ref()),
                word(lang, Vocabulary::CardStatus, c.status.as_str()),
            ]
        })
        .collect();
    table(lang, &CARD_COLUMNS, &rows, Text::NoCards);
}

pub fn card(lang: Lang, c: &CardView) {
    use Text::*;
    labelled(
        lang,
        &[
            (LabelCard, clean(&c.masked_number).into_owned()),
            (LabelToken, clean(&c.public_token).into_owned()),
            (
                LabelScheme,
                word_opt(lang, Vocabulary::CardScheme, &c.scheme),
            ),
            (LabelCurrency, or_dash(&c.currency).into_owned()),
            (LabelBalance, money(c.balance.as_ref())),
            (
                LabelStatus,
                word(lang, Vocabulary::CardStatus, c.status.as_str()),
            ),
            (LabelPhysical, yes_no(lang, c.is_physical).to_owned()),
            (LabelExpires, or_dash(&c.expiry_date).into_owned()),
        ],
    );
}

const TRANSACTION_COLUMNS: [Column; 6] = [
    col(Text::ColTime, 25),
    col(Text::ColMerchant, 24),
    num(Text::ColAmount, 10),
    col(Text::ColCurrency, 4),
    col(Text::ColType, 10),
    col(Text::ColStatus, 0),
];

pub fn transactions(lang: Lang, view: &TransactionsView) {
    let rows: Vec<Vec<String>> = view
        .transactions
        .iter()
        .map(|x| {
            vec![
                or_dash(&x.trade_time).into_owned(),
                or_dash(&x.merchant_name).into_owned(),
                transaction_amount(x).into_owned(),
                or_dash(&x.currency).into_owned(),
                word_opt(lang, Vocabulary::TransactionType, &x.trade_type),
                word_opt(lang, Vocabulary::TransactionStatus, &x.status),
            ]
        })
        .collect();
    if !table(lang, &TRANSACTION_COLUMNS, &rows, Text::NoTransactions) {
        return;
    }
    println!(
        "{}",
        tf(
            lang,
            Text::TransactionsShown,
            &[&view.transactions.len(), &view.total]
        )
    );
}

const MESSAGE_COLUMNS: [Column; 4] = [
    col(Text::ColKind, 13),
    col(Text::ColId, 8),
    col(Text::ColTime, 25),
    col(Text::ColSubject, 0),
];

/// Notifications, then announcements, newest first; unread ones start with `*`.
pub fn messages(lang: Lang, view: &MessagesView) {
    let kind = |k: MessageKind| match k {
        MessageKind::Notification => t(lang, Text::KindNotification),
        MessageKind::Announcement => t(lang, Text::KindAnnouncement),
    };
    let rows: Vec<Vec<String>> = MessageKind::ALL
        .iter()
        .flat_map(|k| view.list(*k))
        .map(|m| {
            vec![
                format!("{}{}", if m.read { " " } else { "*" }, kind(m.kind)),
                clean(&m.id).into_owned(),
                or_dash(&m.created_at).into_owned(),
                or_dash(&m.title).into_owned(),
            ]
        })
        .collect();
    if table(lang, &MESSAGE_COLUMNS, &rows, Text::NoMessages) {
        println!("{}", tf(lang, Text::MessagesUnread, &[&view.unread()]));
    }
}

/// One message: its subject and time, then its text (control characters gone, lines kept).
pub fn message(lang: Lang, m: &Message) {
    labelled(
        lang,
        &[
            (Text::ColSubject, or_dash(&m.title).into_owned()),
            (Text::ColTime, or_dash(&m.created_at).into_owned()),
        ],
    );
    println!();
    for line in m.content.as_deref().unwrap_or_default().lines() {
        println!("{}", clean(line));
    }
}

/// The review's number, and what it means when this client knows it.
fn review(lang: Lang, p: PokepayStatus) -> String {
    match ccp_model::i18n::review(lang, p) {
        Some(meaning) => format!("{} ({meaning})", p.0),
        None => p.0.to_string(),
    }
}

pub fn kyc(lang: Lang, k: &KycView) {
    use Text::*;
    let l = Labels::new(
        lang,
        &[
            LabelKycStatus,
            LabelMessage,
            LabelCanSubmit,
            LabelLatestRequest,
            LabelReview,
            LabelReason,
            LabelUpdated,
            LabelEligible,
        ],
    );
    match &k.status {
        None => println!("{}", t(lang, KycNotFetched)),
        Some(KycStatus {
            user_kyc_status,
            can_submit_kyc,
            message,
            latest_kyc,
        }) => {
            // The envelope's `message` ("KYC status retrieved successfully") is not content.
            let _ = message;
            l.print(
                LabelKycStatus,
                word(lang, Vocabulary::KycStatus, user_kyc_status.as_str()),
            );
            l.print(LabelCanSubmit, yes_no(lang, *can_submit_kyc));
            if let Some(latest) = latest_kyc {
                let status = (latest.status.as_ref())
                    .map(|s| word(lang, Vocabulary::CheckStatus, s.as_str()));
                let review = latest.pokepay_status.map(|p| review(lang, p));
                l.print(LabelLatestRequest, or_dash(&status));
                l.print(LabelReview, or_dash(&review));
                if let Some(reason) = latest.fail_reason.as_deref().filter(|r| !r.is_empty()) {
                    l.print(LabelReason, clean(reason));
                }
                l.print(LabelUpdated, or_dash(&latest.updated_at));
            }
        }
    }
    if let Some(e) = &k.eligibility {
        l.print(LabelEligible, yes_no(lang, e.eligible));
        if let Some(reason) = &e.reason {
            l.print_more(clean(reason));
        }
    }
}

const PASSCODE_COLUMNS: [Column; 6] = [
    col(Text::ColId, 8),
    col(Text::ColMerchant, 24),
    num(Text::ColAmount, 10),
    col(Text::ColCurrency, 4),
    col(Text::ColCode, 8),
    col(Text::ColExpiry, 0),
];

fn passcode_cells(lang: Lang, p: &PasscodeView, now: i64) -> Vec<String> {
    let left = p.seconds_left(now);
    let expiry = if left > 0 {
        tf(lang, Text::ExpiresIn, &[&countdown(left)])
    } else {
        t(lang, Text::Expired).to_owned()
    };
    vec![
        p.id.to_string(),
        clean(&p.merchant_name).into_owned(),
        clean(&p.amount).into_owned(),
        clean(&p.currency).into_owned(),
        clean(p.passcode.expose()).into_owned(),
        expiry,
    ]
}

/// One passcode on a line of its own (`ccp watch`), in the table's least column widths.
pub fn passcode_line(lang: Lang, p: &PasscodeView, now: i64) -> String {
    let widths = PASSCODE_COLUMNS.map(|c| c.min);
    line(&PASSCODE_COLUMNS, &widths, &passcode_cells(lang, p, now))
}

pub fn passcodes(lang: Lang, codes: &[&PasscodeView], now: i64, all: bool) {
    let none = match all {
        true => Text::NoPasscodes,
        false => Text::NoLivePasscodes,
    };
    let rows: Vec<Vec<String>> = codes.iter().map(|p| passcode_cells(lang, p, now)).collect();
    table(lang, &PASSCODE_COLUMNS, &rows, none);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_countdowns() {
        assert_eq!(age(Lang::En, 1000, 1030), "just now");
        assert_eq!(age(Lang::En, 1000, 1000 + 5 * 60 + 3), "5 min ago");
        assert_eq!(age(Lang::En, 0, 3 * 3600), "3 h ago");
        assert_eq!(age(Lang::En, 0, 2 * 86400 + 1), "2 d ago");
        assert_eq!(age(Lang::Zh, 1000, 1000 + 5 * 60 + 3), "5 分钟前");
        assert_eq!(age(Lang::Ar, 0, 3 * 3600), "قبل 3 ساعة");
        assert_eq!(age(Lang::Id, 1000, 1030), "baru saja");
        assert_eq!(countdown(245), "4:05");
        assert_eq!(countdown(0), "0:00");
        // A code already over reads 0:00, not "-1:-5" (the tray's and the window's countdown).
        assert_eq!(countdown(-65), "0:00");
        assert_eq!(age(Lang::En, 1030, 1000), "just now");
    }

    #[test]
    fn server_text_loses_controls_and_escape_sequences() {
        let cases = [
            ("Amazon", "Amazon"),
            ("Café 東京 متجر", "Café 東京 متجر"),
            ("\u{1b}[31mRed\u{1b}[0m Shop", "Red Shop"),
            ("\u{1b}[2J\u{1b}[1;1HClear", "Clear"),
            ("\u{1b}[?25lHidden cursor", "Hidden cursor"),
            ("\u{1b}]0;pwned\u{7}Title", "Title"),
            (
                "\u{1b}]8;;http://evil/\u{1b}\\Link\u{1b}]8;;\u{1b}\\",
                "Link",
            ),
            ("\u{1b}P1$r\u{1b}\\DCS", "DCS"),
            ("\u{1b}(BCharset \u{1b}7saved\u{1b}8", "Charset saved"),
            ("\u{9b}31mC1 CSI", "C1 CSI"),
            ("\u{9d}0;t\u{9c}C1 OSC", "C1 OSC"),
            (
                "Line\r\nbreak\ttab\u{0}nul\u{7f}del\u{85}nel",
                "Linebreaktabnuldelnel",
            ),
            ("Fake\r00000 expired", "Fake00000 expired"),
            ("\u{8}\u{8}\u{8}back", "back"),
            ("trailing ESC \u{1b}", "trailing ESC "),
            ("unended \u{1b}]0;title", "unended "),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw), want, "{raw:?}");
            assert!(!clean(raw).chars().any(char::is_control), "{raw:?}");
        }
        assert!(matches!(clean("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn a_passcode_line_shows_clean_server_text() {
        use ccp_model::Sensitive;
        let p = PasscodeView {
            id: 7,
            merchant_name: "\u{1b}[2KEvil\u{1b}[31m\r\nShop".into(),
            amount: "1.00\u{7}".into(),
            currency: "U\u{9b}1mSD".into(),
            passcode: Sensitive::new("12\u{1b}[8m34"),
            received_at: "2026-01-20T10:30:00Z".into(),
            received_at_unix: 0,
            expires_at_unix: 300,
        };
        assert_eq!(
            passcode_line(Lang::En, &p, 55),
            format!(
                "{:<8} {:<24} {:>10} {:<4} {:<8} expires in 4:05",
                7, "EvilShop", "1.00", "USD", "1234"
            )
        );
        assert!(passcode_line(Lang::Zh, &p, 55).ends_with(" 4:05 后过期"));
        assert!(passcode_line(Lang::Ar, &p, 400).ends_with(" منتهية الصلاحية"));
    }

    /// An override (U+202E) would show `Shop$1.00` as `Shop00.1$` and could make the row
    /// read another amount; isolates (U+2066–2069) move text across columns.
    #[test]
    fn bidi_controls_in_server_text_cannot_reorder_a_row() {
        assert_eq!(clean("Shop\u{202E}00.1$\u{202C}"), "Shop00.1$");
        assert_eq!(clean("\u{2067}a\u{2069}b\u{202A}c\u{202D}"), "abc");
        assert_eq!(clean("متجر \u{200F}商店"), "متجر \u{200F}商店");
    }

    #[test]
    fn columns_line_up_by_terminal_columns() {
        let columns = [
            col(Text::ColMerchant, 4),
            num(Text::ColAmount, 3),
            col(Text::ColStatus, 0),
        ];
        let widths = [6, 4, 0];
        assert_eq!(
            line(
                &columns,
                &widths,
                &["东京".into(), "1.5".into(), "ok".into()]
            ),
            "东京    1.5 ok"
        );
        assert_eq!(
            line(
                &columns,
                &widths,
                &["Tokyo".into(), "12.5".into(), "ok".into()]
            ),
            "Tokyo  12.5 ok"
        );
    }
}
