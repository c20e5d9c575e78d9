//! Which pending record a challenge page asks for: pure logic, no I/O. Amount and currency must
//! be equal (the page's amount texts are read leniently: symbols, codes, grouping, decimal
//! commas; compared as exact decimals); the merchant must contain the other's name or be
//! contained in it, ignoring case, spaces and punctuation.

use ccp_model::browser::{Fact, MATCH_WINDOW_SECS, PageFacts};
use ccp_model::view::PasscodeView;

/// A page's amount: an exact decimal (canonical: no leading or trailing zeros) and the
/// currencies its symbol or code may stand for (empty: none shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageAmount {
    pub value: String,
    pub currencies: Vec<&'static str>,
}

/// Symbols, longest first (`US$` before `$`), and the ISO codes each may mean.
const SYMBOLS: &[(&str, &[&str])] = &[
    ("US$", &["USD"]),
    ("HK$", &["HKD"]),
    ("NT$", &["TWD"]),
    ("S$", &["SGD"]),
    ("A$", &["AUD"]),
    ("C$", &["CAD"]),
    ("NZ$", &["NZD"]),
    ("R$", &["BRL"]),
    ("Rp", &["IDR"]),
    ("RM", &["MYR"]),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
    ("₹", &["INR"]),
    ("₩", &["KRW"]),
    ("฿", &["THB"]),
    ("₫", &["VND"]),
    ("₱", &["PHP"]),
    ("¥", &["JPY", "CNY"]),
    ("￥", &["JPY", "CNY"]),
    ("元", &["CNY"]),
    (
        "$",
        &["USD", "CAD", "AUD", "HKD", "SGD", "NZD", "MXN", "TWD"],
    ),
];

/// Reads an amount as a page shows it (`US$52.95`, `52,95 €`, `USD 1,234.50`, `¥5,000`).
pub fn parse_page_amount(text: &str) -> Option<PageAmount> {
    let currencies = currency_of(text);
    let value = number_of(text)?;
    Some(PageAmount { value, currencies })
}

fn currency_of(text: &str) -> Vec<&'static str> {
    // An ISO code stands alone (`USD 52.95`, `52.95 usd`).
    let words = text.split(|c: char| !c.is_ascii_alphabetic());
    for word in words {
        if word.len() == 3 {
            let upper = word.to_ascii_uppercase();
            if let Some(code) = ISO_CODES.iter().find(|c| **c == upper) {
                return vec![code];
            }
        }
    }
    SYMBOLS
        .iter()
        .find(|(symbol, _)| text.contains(symbol))
        .map(|(_, codes)| codes.to_vec())
        .unwrap_or_default()
}

/// The codes a page may spell out; the service's currencies and their neighbours.
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "HKD", "CNY", "JPY", "SGD", "AUD", "CAD", "NZD", "IDR", "MYR", "THB",
    "PHP", "VND", "KRW", "INR", "TWD", "CHF", "AED", "SAR", "BRL", "MXN",
];

/// The first number in `text` as a canonical exact decimal. `.` and `,` are read by position:
/// with both, the last one is the decimal point; with one kind, it is a decimal point when it
/// occurs once and is not followed by exactly three digits (`52,95` is 52.95, `1,234` and
/// `1.234.567` are grouped). Spaces, no-break spaces and apostrophes group.
fn number_of(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let run: String = text[start..]
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
        })
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let run = run.trim_end_matches(['.', ',']);
    let last_dot = run.rfind('.');
    let last_comma = run.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(p), None) | (None, Some(p)) => {
            let sep = run.as_bytes()[p];
            let once = run.bytes().filter(|b| *b == sep).count() == 1;
            let after = run.len() - p - 1;
            (once && after != 3).then_some(p)
        }
        (None, None) => None,
    };
    let (whole, fraction) = match decimal {
        Some(p) => (&run[..p], &run[p + 1..]),
        None => (run, ""),
    };
    // The decimal point once, and no grouping after it.
    let point = decimal.map(|p| char::from(run.as_bytes()[p]));
    if fraction.contains(['.', ',']) || point.is_some_and(|c| whole.contains(c)) {
        return None;
    }
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    if whole.is_empty() {
        return None;
    }
    Some(canonical(&whole, fraction))
}

fn canonical(whole: &str, fraction: &str) -> String {
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// A record's amount in the same canonical form.
fn record_value(amount: &str) -> Option<String> {
    let amount = amount.trim();
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    (whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit()))
        .then(|| canonical(whole, fraction))
}

/// Lower case letters and digits only.
fn merchant_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn merchant_matches(record: &str, page: &str) -> bool {
    let (record, page) = (merchant_key(record), merchant_key(page));
    !record.is_empty() && !page.is_empty() && (record.contains(&page) || page.contains(&record))
}

/// What the page asks for, against the pending records.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'a> {
    None,
    Match(&'a PasscodeView),
    Ambiguous(Vec<&'a PasscodeView>),
    Mismatch(&'a PasscodeView, Vec<Fact>),
}

/// Records that can answer a challenge now: live, and received in the last ten minutes.
pub fn pending(records: &[PasscodeView], now: i64) -> impl Iterator<Item = &PasscodeView> {
    records
        .iter()
        .filter(move |p| p.is_live(now) && p.received_at_unix >= now - MATCH_WINDOW_SECS)
}

pub fn decide<'a>(records: &'a [PasscodeView], page: &PageFacts, now: i64) -> Verdict<'a> {
    let amounts: Vec<PageAmount> = page
        .amounts
        .iter()
        .filter_map(|a| parse_page_amount(a))
        .collect();
    let merchant = page
        .merchant
        .as_deref()
        .filter(|m| !merchant_key(m).is_empty());
    let differs = |p: &PasscodeView| -> Vec<Fact> {
        let value = record_value(&p.amount);
        let same_value = |a: &PageAmount| value.as_deref() == Some(a.value.as_str());
        let same_currency = |a: &PageAmount| {
            a.currencies.is_empty()
                || a.currencies
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&p.currency))
        };
        let mut differs = Vec::new();
        if !amounts.iter().any(same_value) {
            differs.push(Fact::Amount);
        } else if !amounts.iter().any(|a| same_value(a) && same_currency(a)) {
            differs.push(Fact::Currency);
        }
        if merchant.is_some_and(|m| !merchant_matches(&p.merchant_name, m)) {
            differs.push(Fact::Merchant);
        }
        differs
    };
    let live: Vec<&PasscodeView> = pending(records, now).collect();
    let Some(newest) = live.first().copied() else {
        return Verdict::None;
    };
    let matching: Vec<&PasscodeView> = live
        .iter()
        .copied()
        .filter(|p| differs(p).is_empty())
        .collect();
    match matching.len() {
        0 => Verdict::Mismatch(newest, differs(newest)),
        1 => Verdict::Match(matching[0]),
        _ => Verdict::Ambiguous(matching),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;

    fn amount(text: &str) -> Option<(String, Vec<&'static str>)> {
        parse_page_amount(text).map(|a| (a.value, a.currencies))
    }

    #[test]
    fn page_amounts_are_read_as_shops_and_banks_write_them() {
        let usd = vec!["USD"];
        assert_eq!(amount("US$52.95"), Some(("52.95".into(), usd.clone())));
        assert_eq!(amount("52.95 USD"), Some(("52.95".into(), usd.clone())));
        assert_eq!(amount("usd 52.90"), Some(("52.9".into(), usd.clone())));
        // One separator before exactly three digits groups thousands, as in `1,234`.
        assert_eq!(amount("52.950 USD"), Some(("52950".into(), usd.clone())));
        assert_eq!(amount("Amount: USD 1,234.50"), Some(("1234.5".into(), usd)));
        assert_eq!(amount("52,95 €"), Some(("52.95".into(), vec!["EUR"])));
        assert_eq!(amount("€1.234,56"), Some(("1234.56".into(), vec!["EUR"])));
        assert_eq!(
            amount("1 234,56 EUR"),
            Some(("1234.56".into(), vec!["EUR"]))
        );
        assert_eq!(amount("CHF 1'234.00"), Some(("1234".into(), vec!["CHF"])));
        assert_eq!(amount("¥5,000"), Some(("5000".into(), vec!["JPY", "CNY"])));
        assert_eq!(amount("HK$ 569.46"), Some(("569.46".into(), vec!["HKD"])));
        assert_eq!(
            amount("Rp 1.500.000"),
            Some(("1500000".into(), vec!["IDR"]))
        );
        assert_eq!(
            amount("$0.50"),
            Some(("0.5".into(), SYMBOLS.last().unwrap().1.to_vec()))
        );
        assert_eq!(amount("52.95"), Some(("52.95".into(), vec![])));
        assert_eq!(amount("no amount here"), None);
        assert_eq!(amount("1.2.3,4,5"), None);
    }

    fn record(
        id: i64,
        merchant: &str,
        amount: &str,
        currency: &str,
        received: i64,
    ) -> PasscodeView {
        PasscodeView {
            id,
            merchant_name: merchant.into(),
            amount: amount.into(),
            currency: currency.into(),
            passcode: Sensitive::new("123456"),
            received_at: String::new(),
            received_at_unix: received,
            expires_at_unix: received + 300,
        }
    }

    fn page(merchant: Option<&str>, amounts: &[&str]) -> PageFacts {
        PageFacts {
            merchant: merchant.map(Into::into),
            amounts: amounts.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// A verdict in a form a table can hold: its kind, the record ids it names, what differs.
    type Summary = (&'static str, Vec<i64>, Vec<Fact>);

    fn summary(v: Verdict) -> Summary {
        match v {
            Verdict::None => ("none", vec![], vec![]),
            Verdict::Match(p) => ("match", vec![p.id], vec![]),
            Verdict::Ambiguous(c) => ("ambiguous", c.iter().map(|p| p.id).collect(), vec![]),
            Verdict::Mismatch(p, d) => ("mismatch", vec![p.id], d),
        }
    }

    #[test]
    fn the_page_is_matched_by_amount_currency_and_merchant() {
        let now = 10_000;
        let records = vec![
            record(2, "AXE BOOKS LTD.", "52.95", "USD", now - 30),
            record(1, "Coffee & Co", "3.50", "EUR", now - 60),
        ];
        let cases: &[(Option<&str>, &[&str], Summary)] = &[
            (
                Some("Axe Books"),
                &["Total: US$52.95"],
                ("match", vec![2], vec![]),
            ),
            // Another amount: the newest record and what differs.
            (
                Some("Axe Books"),
                &["US$59.95"],
                ("mismatch", vec![2], vec![Fact::Amount]),
            ),
            (
                Some("Axe Books"),
                &["52,95 €"],
                ("mismatch", vec![2], vec![Fact::Currency]),
            ),
            (
                Some("Other Shop"),
                &["US$52.95"],
                ("mismatch", vec![2], vec![Fact::Merchant]),
            ),
            // A page that names no merchant is matched on the amount alone.
            (None, &["3,50 €"], ("match", vec![1], vec![])),
        ];
        for (merchant, amounts, want) in cases {
            let got = summary(decide(&records, &page(*merchant, amounts), now));
            assert_eq!(&got, want, "{merchant:?} {amounts:?}");
        }
    }

    #[test]
    fn two_matching_records_are_a_choice_and_old_or_expired_ones_are_nothing() {
        let now = 10_000;
        let axe = page(Some("axe-books"), &["$52.95"]);
        let twice = vec![
            record(3, "Axe Books", "52.95", "USD", now - 10),
            record(2, "Axe Books", "52.95", "USD", now - 20),
        ];
        let expired = vec![record(1, "Axe Books", "52.95", "USD", now - 301)];
        let cases: [(&[PasscodeView], Summary); 3] = [
            (&twice, ("ambiguous", vec![3, 2], vec![])),
            (&expired, ("none", vec![], vec![])),
            (&[], ("none", vec![], vec![])),
        ];
        for (records, want) in cases {
            assert_eq!(summary(decide(records, &axe, now)), want);
        }
    }
}
