//! How results are printed: a plain table for people, the ccp-model types as JSON for scripts.
//! Every server-provided string in the tables goes through [`clean`]; JSON stays exact.

use ccp_model::Amount;
use ccp_model::api::{KycStatus, Transaction};
use ccp_model::view::{CardView, KycView, PasscodeView, TransactionsView};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Display;
use std::iter::Peekable;
use std::str::Chars;

pub fn json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string(value).expect("model types serialize")
    );
}

/// "just now", "5 min ago", "3 h ago", "2 d ago".
pub fn age(fetched_at: i64, now: i64) -> String {
    let secs = (now - fetched_at).max(0);
    match secs {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86400 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86400),
    }
}

/// "4:05" left until `expires_at`.
pub fn countdown(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A balance exactly as sent (at least two decimals, never rounded), or a dash.
fn money(amount: Option<&Amount>) -> String {
    amount.map_or_else(|| "—".into(), Amount::to_display)
}

/// Server text made safe for a terminal: control characters (C0, DEL, C1) are dropped, and
/// an escape sequence goes whole (CSI, OSC and the other strings, two-character ones), so a
/// merchant name cannot recolour the screen, move the cursor, retitle the window, hide or
/// fake a line. Printable text, any script, is kept as it is.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
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
            c if c.is_control() => {}
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

/// A server value shown through its `Display` (statuses kept as the server spelled them).
fn shown(value: &impl Display) -> String {
    let text = clean(&value.to_string()).into_owned();
    // A status the server did not say (an empty one) reads as a dash, not as nothing.
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
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

pub fn cards(cards: &[CardView]) {
    if cards.is_empty() {
        println!("No cards.");
        return;
    }
    println!(
        "{:<12} {:<18} {:<11} {:<4} {:>12}  STATUS",
        "TOKEN", "NUMBER", "SCHEME", "CUR", "BALANCE"
    );
    for c in cards {
        println!(
            "{:<12} {:<18} {:<11} {:<4} {:>12}  {}",
            clean(&c.public_token),
            clean(&c.masked_number),
            or_dash(&c.scheme),
            or_dash(&c.currency),
            money(c.balance.as_ref()),
            shown(&c.status)
        );
    }
}

pub fn card(c: &CardView) {
    println!("Card      {}", clean(&c.masked_number));
    println!("Token     {}", clean(&c.public_token));
    println!("Scheme    {}", or_dash(&c.scheme));
    println!("Currency  {}", or_dash(&c.currency));
    println!("Balance   {}", money(c.balance.as_ref()));
    println!("Status    {}", shown(&c.status));
    println!("Physical  {}", if c.is_physical { "yes" } else { "no" });
    println!("Expires   {}", or_dash(&c.expiry_date));
}

pub fn transactions(t: &TransactionsView) {
    if t.transactions.is_empty() {
        println!("No transactions.");
        return;
    }
    println!(
        "{:<25} {:<24} {:>10} {:<4} {:<10} STATUS",
        "TIME", "MERCHANT", "AMOUNT", "CUR", "TYPE"
    );
    for x in &t.transactions {
        println!(
            "{:<25} {:<24} {:>10} {:<4} {:<10} {}",
            or_dash(&x.trade_time),
            or_dash(&x.merchant_name),
            transaction_amount(x),
            or_dash(&x.currency),
            or_dash(&x.trade_type),
            or_dash(&x.status)
        );
    }
    println!("({} of {} shown)", t.transactions.len(), t.total);
}

pub fn kyc(k: &KycView) {
    match &k.status {
        None => println!("KYC: not fetched yet."),
        Some(KycStatus {
            user_kyc_status,
            can_submit_kyc,
            message,
            latest_kyc,
        }) => {
            println!("KYC status      {}", shown(user_kyc_status));
            if let Some(m) = message {
                println!("Message         {}", clean(m));
            }
            println!(
                "Can submit      {}",
                if *can_submit_kyc { "yes" } else { "no" }
            );
            if let Some(l) = latest_kyc {
                let review = l.pokepay_status.map(|p| match p.label() {
                    Some(label) => format!("{} ({label})", p.0),
                    None => p.0.to_string(),
                });
                let status = l.status.as_ref().map(shown);
                println!("Latest request  {}", or_dash(&status));
                println!("Review          {}", or_dash(&review));
                if let Some(reason) = l.fail_reason.as_deref().filter(|r| !r.is_empty()) {
                    println!("Reason          {}", clean(reason));
                }
                println!("Updated         {}", or_dash(&l.updated_at));
            }
        }
    }
    if let Some(e) = &k.eligibility {
        println!("Eligible        {}", if e.eligible { "yes" } else { "no" });
        if let Some(reason) = &e.reason {
            println!("                {}", clean(reason));
        }
    }
}

pub fn passcode_line(p: &PasscodeView, now: i64) -> String {
    let left = p.seconds_left(now);
    let expiry = if left > 0 {
        format!("expires in {}", countdown(left))
    } else {
        "expired".to_owned()
    };
    format!(
        "{:<8} {:<24} {:>10} {:<4} {:<8} {}",
        p.id,
        clean(&p.merchant_name),
        clean(&p.amount),
        clean(&p.currency),
        clean(p.passcode.expose()),
        expiry
    )
}

pub fn passcodes(codes: &[&PasscodeView], now: i64, all: bool) {
    if codes.is_empty() {
        println!(
            "{}",
            if all {
                "No passcodes."
            } else {
                "No live passcodes."
            }
        );
        return;
    }
    println!(
        "{:<8} {:<24} {:>10} {:<4} {:<8} EXPIRY",
        "ID", "MERCHANT", "AMOUNT", "CUR", "CODE"
    );
    for p in codes {
        println!("{}", passcode_line(p, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_countdowns() {
        assert_eq!(age(1000, 1030), "just now");
        assert_eq!(age(1000, 1000 + 5 * 60 + 3), "5 min ago");
        assert_eq!(age(0, 3 * 3600), "3 h ago");
        assert_eq!(age(0, 2 * 86400 + 1), "2 d ago");
        assert_eq!(countdown(245), "4:05");
        assert_eq!(countdown(0), "0:00");
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
            passcode_line(&p, 55),
            format!(
                "{:<8} {:<24} {:>10} {:<4} {:<8} expires in 4:05",
                7, "EvilShop", "1.00", "USD", "1234"
            )
        );
    }
}
