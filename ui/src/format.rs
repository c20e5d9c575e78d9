//! Turning model values into display text: countdowns, ages, money, status labels. Pure
//! functions of their inputs (the clock is passed in), so they are tested natively.

use crate::i18n::{Key, Lang, t, tf};
use ccp_model::Amount;
use ccp_model::api::{PokepayStatus, Transaction};
use ccp_model::i18n::{Ago, ago};
pub use ccp_model::i18n::{card_status, countdown, kyc_status};
use ccp_model::view::{Connectivity, SyncStatus};
use ccp_model::when::ServerTime;
pub use ccp_model::when::expiry;

/// "Updated 2 min ago" for data fetched at `fetched_at` (Unix seconds), seen at `now`: the
/// model's age, in the window's words for it.
pub fn age(lang: Lang, fetched_at: Option<i64>, now: i64) -> String {
    let Some(at) = fetched_at else {
        return t(lang, Key::NotSynced).to_owned();
    };
    let (unit, n) = ago(at, now);
    let key = match unit {
        Ago::JustNow => Key::UpdatedJustNow,
        Ago::MinutesAgo => Key::UpdatedMinutesAgo,
        Ago::HoursAgo => Key::UpdatedHoursAgo,
        Ago::DaysAgo => Key::UpdatedDaysAgo,
    };
    tf(lang, key, n)
}

/// When the text of [`age`] changes next (`None`: never fetched, it does not change).
pub fn age_changes_at(fetched_at: Option<i64>, now: i64) -> Option<i64> {
    fetched_at.map(|at| ccp_model::i18n::ago_changes_at(at, now))
}

/// The status bar line: connectivity first (it matters most), then the data's age.
pub fn sync_line(
    lang: Lang,
    sync: &SyncStatus,
    offline: bool,
    fetched_at: Option<i64>,
    now: i64,
) -> String {
    let age = age(lang, fetched_at, now);
    if offline || sync.connectivity == Connectivity::Offline {
        format!("{} · {age}", t(lang, Key::Offline))
    } else if sync.connectivity == Connectivity::Degraded {
        format!("{} · {age}", t(lang, Key::Degraded))
    } else {
        age
    }
}

/// A balance in the user's language, exactly as the server sent it (see [`amount_text`]); an
/// unknown balance is a dash.
pub fn money(lang: Lang, amount: Option<&Amount>, currency: Option<&str>) -> String {
    match amount {
        Some(amount) => ltr_run(lang, amount_text(lang, amount, currency)),
        None => "—".to_owned(),
    }
}

/// A transaction's amount exactly as the server sent it, in the user's language. One that is
/// not a number shows as sent; none is a dash.
pub fn transaction_amount(lang: Lang, x: &Transaction) -> String {
    match transaction_amount_text(lang, x) {
        Some(text) => ltr_run(lang, text),
        None => "—".to_owned(),
    }
}

/// A transaction's amount with its direction in the text, not in colour alone: money in gets a
/// `+` (money out has its `-`), inside the left-to-right run in Arabic. Also whether it is
/// money in, for the row's class.
pub fn signed_transaction_amount(lang: Lang, x: &Transaction) -> (String, bool) {
    let credit = x.amount.as_ref().is_some_and(Amount::is_positive);
    match transaction_amount_text(lang, x) {
        Some(text) if credit => (ltr_run(lang, format!("+{text}")), true),
        _ => (transaction_amount(lang, x), false),
    }
}

/// The amount's text before it is isolated; `None` when the server sent none.
fn transaction_amount_text(lang: Lang, x: &Transaction) -> Option<String> {
    match (&x.amount, &x.amount_unreadable) {
        (Some(amount), _) => Some(amount_text(lang, amount, x.currency.as_deref())),
        (None, Some(raw)) => Some(with_currency(raw.clone(), x.currency.as_deref())),
        (None, None) => None,
    }
}

/// An amount the server sent as text (3-D Secure records): formatted like a balance when it
/// reads as a number, else shown as sent.
pub fn amount_str(lang: Lang, amount: &str, currency: &str) -> String {
    match Amount::parse(amount.trim()) {
        Ok(a) => ltr_run(lang, amount_text(lang, &a, Some(currency))),
        Err(_) => ltr_run(lang, with_currency(amount.to_owned(), Some(currency))),
    }
}

/// Money by the platform's `Intl.NumberFormat` for the language (its digits, separators and
/// currency placement: `USD 1,234.50`, `US$1,234.50`, `١٬٢٣٤٫٥٠ US$`), never rounded: the
/// amount's own fraction digits (at least two) are asked for, and an amount with more digits
/// than a double holds exactly goes through our own grouping instead. Outside the webview
/// (native tests) it is always our own grouping: `-1,234.50 USD`.
fn amount_text(lang: Lang, amount: &Amount, currency: Option<&str>) -> String {
    let currency = currency.map(str::trim).filter(|c| !c.is_empty());
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl_money(lang, amount, currency) {
        return text;
    }
    let _ = lang;
    with_currency(grouped(amount), currency)
}

/// In a right-to-left language, `text` as one left-to-right run (LRI … PDI): an amount's number
/// and currency ("HK$ 569.46") keep their order inside Arabic instead of being split ("$HK").
pub fn ltr_run(lang: Lang, text: String) -> String {
    if lang.dir() == "rtl" {
        format!("\u{2066}{text}\u{2069}")
    } else {
        text
    }
}

#[cfg(target_arch = "wasm32")]
fn intl_money(lang: Lang, amount: &Amount, currency: Option<&str>) -> Option<String> {
    use js_sys::{Array, Intl::NumberFormat, Object, Reflect};
    use wasm_bindgen::JsValue;
    let text = amount.to_display();
    // A double holds 15 significant decimal digits exactly; beyond that it would round.
    if text.chars().filter(char::is_ascii_digit).count() > 15 {
        return None;
    }
    let number: f64 = text.parse().ok()?;
    let fraction = text
        .split_once('.')
        .map_or(0, |(_, f)| f.len())
        .clamp(2, 20) as f64;
    // `Intl` throws (a trap in wasm) on a malformed currency code: only three letters go in as
    // a currency; anything else (`USDT`) is written after the number as sent.
    let iso = currency.filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()));
    let key = format!("number {} {fraction} {}", locale(lang), iso.unwrap_or(""));
    // The options are built only when the formatter is made, not on every call.
    let format = intl::formatter(key, || {
        let options = Object::new();
        let set = |k: &str, v: JsValue| {
            // Setting a member of a plain new object cannot fail.
            let _ = Reflect::set(&options, &k.into(), &v);
        };
        set("minimumFractionDigits", fraction.into());
        set("maximumFractionDigits", fraction.into());
        if let Some(code) = iso {
            set("style", "currency".into());
            set("currency", code.into());
        }
        NumberFormat::new(&Array::of1(&locale(lang).into()), &options).format()
    });
    let shown = format
        .call1(&JsValue::NULL, &number.into())
        .ok()?
        .as_string()?;
    Some(match (iso, currency) {
        (None, Some(other)) => format!("{shown} {other}"),
        _ => shown,
    })
}

/// `-1,234.50`: the amount's display form with its whole part grouped in thousands.
fn grouped(amount: &Amount) -> String {
    let shown = amount.to_display();
    let (sign, digits) = match shown.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", shown.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    format!("{sign}{}.{fraction}", group_thousands(whole))
}

fn with_currency(text: String, currency: Option<&str>) -> String {
    match currency.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{text} {c}"),
        None => text,
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The BCP 47 locale the platform's `Intl` formats for in `lang`.
pub fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Zh => "zh-CN",
        // Western digits in Arabic too: the codes, card numbers and the bank's challenge page
        // all use them, so one page never shows two digit systems (and a code is read as typed).
        Lang::Ar => "ar-u-nu-latn",
        Lang::Id => "id-ID",
    }
}

/// A moment (Unix seconds) as date and time in the user's language and the computer's time
/// zone, by the webview's `Intl` (outside the webview, in native tests: `@<seconds>`).
pub fn date_time(lang: Lang, unix: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        intl::date(
            lang,
            "date-time",
            &[("dateStyle", "medium"), ("timeStyle", "short")],
            unix,
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        format!("@{unix}")
    }
}

/// A date the server sent (`created_at`: RFC 3339, `YYYY-MM-DD HH:MM:SS`, Unix seconds) as a day
/// in the user's language: a moment in the computer's time zone, a date without a zone as that
/// date. Anything unreadable is shown as sent; outside the webview, `@<seconds>`.
pub fn server_date(lang: Lang, raw: &str) -> String {
    let Some(when) = ServerTime::read(raw) else {
        return raw.to_owned();
    };
    #[cfg(target_arch = "wasm32")]
    {
        match when {
            ServerTime::Moment(unix) => intl::date(lang, "date", &[("dateStyle", "medium")], unix),
            ServerTime::Day { .. } => intl::date(
                lang,
                "date-utc",
                &[("dateStyle", "medium"), ("timeZone", "UTC")],
                when.unix(),
            ),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        format!("@{}", when.unix())
    }
}

/// A time the server sent, for display: in the user's language and time zone when it names its
/// zone (RFC 3339: `2026-10-30T08:31:03Z`, `…+08:00`). Without a zone whose clock it is cannot be
/// known, so that (and anything unreadable) is shown as sent. Outside the webview: as sent.
pub fn server_time(lang: Lang, raw: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if names_its_zone(raw) {
        let ms = js_sys::Date::parse(raw.trim());
        if ms.is_finite() {
            return date_time(lang, (ms / 1000.0).floor() as i64);
        }
    }
    let _ = lang;
    raw.to_owned()
}

/// Whether `raw` is an RFC 3339 date and time with its zone (`Z` or `±hh:mm`).
pub fn names_its_zone(raw: &str) -> bool {
    let raw = raw.trim();
    let Some((date, time)) = raw.split_once(['T', 't', ' ']) else {
        return false;
    };
    let zoned = time.ends_with(['Z', 'z'])
        || time.len() > 6 && {
            let zone = &time.as_bytes()[time.len() - 6..];
            matches!(zone[0], b'+' | b'-')
                && zone[3] == b':'
                && [1, 2, 4, 5].iter().all(|&i| zone[i].is_ascii_digit())
        };
    date.len() == 10 && date.as_bytes()[4] == b'-' && time.len() >= 8 && zoned
}

/// Today's date as `YYYY-MM-DD` in the computer's time zone (for file names); outside the
/// webview, `today`.
pub fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "today".to_owned()
    }
}

/// How far the computer's clock is ahead of UTC (seconds) at the moment `unix`; outside the
/// webview, 0.
pub fn utc_offset_at(unix: i64) -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
        -(d.get_timezone_offset() as i64) * 60
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = unix;
        0
    }
}

/// The day a server time falls on for the reader (a moment in the computer's time zone, a date
/// as sent); `None` when it cannot be read.
pub fn local_day(raw: &str) -> Option<(i32, u8, u8)> {
    let when = ServerTime::read(raw)?;
    Some(when.day(utc_offset_at(when.unix())))
}

/// A day's heading in a list by day: "Today", "Yesterday", else the date in full (weekday
/// included) in the user's language; outside the webview, `YYYY-MM-DD`.
pub fn day_heading(lang: Lang, day: (i32, u8, u8), now: i64) -> String {
    let on = |unix: i64| ServerTime::Moment(unix).day(utc_offset_at(unix));
    if day == on(now) {
        return t(lang, Key::Today).to_owned();
    }
    if day == on(now - 86_400) {
        return t(lang, Key::Yesterday).to_owned();
    }
    let (year, month, day) = day;
    #[cfg(target_arch = "wasm32")]
    {
        let midnight = ServerTime::Day { year, month, day }.unix();
        intl::date(
            lang,
            "day-full",
            &[("dateStyle", "full"), ("timeZone", "UTC")],
            midnight,
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// The time of day (Unix seconds) in the user's language and time zone, by `Intl`.
pub fn time_of_day(lang: Lang, unix: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        intl::date(lang, "time", &[("timeStyle", "short")], unix)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        format!("@{unix}")
    }
}

/// `Intl` formatters made once and kept: WebKit does not give back the memory of a formatter
/// (`toLocaleString` with options makes a new one on every call), so a line that re-renders
/// each second grew the web process by ≈ 3 MB a minute. The keys are few (four languages, a
/// handful of fraction digits and currencies).
#[cfg(target_arch = "wasm32")]
mod intl {
    use super::{Lang, locale};
    use js_sys::{Array, Date, Function, Intl::DateTimeFormat, Object, Reflect};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;

    thread_local! {
        static MADE: RefCell<HashMap<String, Function>> = RefCell::new(HashMap::new());
    }

    /// The `format` function of the formatter for `key`, made by `make` the first time.
    pub fn formatter(key: String, make: impl FnOnce() -> Function) -> Function {
        if let Some(f) = MADE.with(|m| m.borrow().get(&key).cloned()) {
            return f;
        }
        let f = make();
        MADE.with(|m| m.borrow_mut().insert(key, f.clone()));
        f
    }

    /// A moment (Unix seconds) by the `Intl.DateTimeFormat` with `options` for `lang`.
    pub fn date(lang: Lang, kind: &str, options: &[(&str, &str)], unix: i64) -> String {
        let format = formatter(format!("{kind} {}", locale(lang)), || {
            let o = Object::new();
            for (k, v) in options {
                let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
            }
            DateTimeFormat::new(&Array::of1(&locale(lang).into()), &o).format()
        });
        let date = Date::new(&JsValue::from_f64(unix as f64 * 1000.0));
        format
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// A shortcut as pressed, in the form the shortcut plugin reads (`Ctrl+Alt+C`): from the
/// modifiers held and the physical key (`KeyboardEvent.code`, so the layout does not matter).
/// `None` while only modifiers are down, and for what is editing rather than a shortcut: a key
/// without Ctrl, Alt or Super (Tab must still move on, Shift+C is typing) and Ctrl with a key
/// alone (Ctrl+A selects the field; a system-wide Ctrl+C would take copying from every app):
/// Alt or Super, Ctrl+Shift, or Ctrl with an F-key make a shortcut. Where the platform leaves
/// `code` empty, a letter, digit or F-key from `key` stands in.
pub fn shortcut(
    ctrl: bool,
    alt: bool,
    shift: bool,
    meta: bool,
    code: &str,
    key: &str,
) -> Option<String> {
    let from_key;
    let code = match code {
        "" | "Unidentified" => {
            let mut chars = key.chars();
            from_key = match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => {
                    format!("Key{}", c.to_ascii_uppercase())
                }
                (Some(c), None) if c.is_ascii_digit() => format!("Digit{c}"),
                _ => key.to_owned(),
            };
            from_key.as_str()
        }
        code => code,
    };
    let key = if let Some(letter) = code.strip_prefix("Key") {
        letter.to_owned()
    } else if let Some(digit) = code.strip_prefix("Digit") {
        digit.to_owned()
    } else if let Some(arrow) = code.strip_prefix("Arrow") {
        arrow.to_owned()
    } else if code.starts_with('F') && code[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n))
        || matches!(
            code,
            "Space" | "Enter" | "Home" | "End" | "PageUp" | "PageDown" | "Insert" | "Delete"
        )
    {
        code.to_owned()
    } else {
        return None;
    };
    let f_key = key.starts_with('F') && key.len() > 1;
    if !(alt || meta || (ctrl && (shift || f_key))) {
        return None;
    }
    let held = [
        (ctrl, "Ctrl"),
        (alt, "Alt"),
        (shift, "Shift"),
        (meta, "Super"),
    ];
    let mut parts: Vec<&str> = held
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect();
    parts.push(&key);
    Some(parts.join("+"))
}

/// A passcode in groups of three for reading aloud: `007321` → `007 321`.
pub fn group_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// PokePay's review state: what it means, or its number when this client does not know it.
pub fn review(lang: Lang, status: PokepayStatus) -> String {
    match ccp_model::i18n::review(lang, status) {
        Some(label) => label.to_owned(),
        None => tf(lang, Key::ReviewCode, status.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::api::{CardLocalStatus, UserKycStatus};

    #[test]
    fn only_times_that_name_their_zone_are_converted() {
        for zoned in [
            "2026-10-30T08:31:03Z",
            "2026-10-30T08:31:03.120z",
            "2026-10-30 08:31:03+08:00",
            " 2026-10-30T08:31:03-05:30 ",
        ] {
            assert!(names_its_zone(zoned), "{zoned}");
        }
        for unzoned in [
            "2026-10-30 08:31:03",
            "2026-10-30T08:31:03",
            "2026-10-30",
            "1761813063",
            "30/10/2026 08:31",
            "",
            "2026-10-30T08:31+0800",
            "2026-10-30T08:31:03 ½€€",
        ] {
            assert!(!names_its_zone(unzoned), "{unzoned}");
        }
        // Outside the webview, and for any time without a zone: as sent.
        assert_eq!(
            server_time(Lang::En, "2026-10-30 08:31:03"),
            "2026-10-30 08:31:03"
        );
    }

    #[test]
    fn the_age_text_changes_exactly_when_the_next_unit_is_whole() {
        let at = 1_000_000;
        assert_eq!(age_changes_at(None, at), None);
        for now in [at - 30, at, at + 59, at + 3_599, at + 86_399, at + 86_400] {
            let changes = age_changes_at(Some(at), now).unwrap();
            // The text is the same until then, and differs from then on.
            let text = |now| age(Lang::En, Some(at), now);
            assert_eq!(text(now), text(changes - 1), "seen at {now}");
            assert_ne!(text(changes - 1), text(changes), "seen at {now}");
        }
    }

    #[test]
    fn age_picks_the_largest_whole_unit() {
        let now = 1_000_000;
        assert_eq!(age(Lang::En, None, now), "Not synced yet");
        assert_eq!(age(Lang::En, Some(now - 59), now), "Updated just now");
        assert_eq!(age(Lang::En, Some(now + 30), now), "Updated just now");
        assert_eq!(age(Lang::En, Some(now - 120), now), "Updated 2 min ago");
        assert_eq!(
            age(Lang::En, Some(now - 3 * 3_600 - 5), now),
            "Updated 3 h ago"
        );
        assert_eq!(
            age(Lang::En, Some(now - 2 * 86_400), now),
            "Updated 2 d ago"
        );
        assert_eq!(age(Lang::Zh, Some(now - 120), now), "2 分钟前更新");
    }

    #[test]
    fn sync_line_leads_with_offline() {
        let sync = SyncStatus::default();
        let now = 10_000;
        assert_eq!(
            sync_line(Lang::En, &sync, false, Some(now - 120), now),
            "Updated 2 min ago"
        );
        assert_eq!(
            sync_line(Lang::En, &sync, true, Some(now - 120), now),
            "Offline: showing saved data · Updated 2 min ago"
        );
        let degraded = SyncStatus {
            connectivity: Connectivity::Degraded,
            ..sync
        };
        assert_eq!(
            sync_line(Lang::En, &degraded, false, None, now),
            "The server is having trouble · Not synced yet"
        );
    }

    #[test]
    fn money_is_shown_exactly_with_grouped_thousands() {
        let money_of =
            |text: &str, currency| money(Lang::En, Amount::parse(text).ok().as_ref(), currency);
        assert_eq!(money_of("1234.5", Some("USD")), "1,234.50 USD");
        assert_eq!(money_of("1000.00", Some("HKD")), "1,000.00 HKD");
        assert_eq!(money_of("0", Some("USD")), "0.00 USD");
        assert_eq!(money_of("-0.00", None), "0.00");
        // Never rounded: what an f64 would show as -1,000,000.13 and 1,000.00.
        assert_eq!(money_of("-1000000.126", None), "-1,000,000.126");
        assert_eq!(money_of("999.999", Some("EUR")), "999.999 EUR");
        assert_eq!(
            money_of("123456789012345678.99", Some(" ")),
            "123,456,789,012,345,678.99"
        );
        assert_eq!(money(Lang::Ar, None, Some("USD")), "—");
    }

    #[test]
    fn transaction_amounts_are_shown_exactly() {
        let tx = |amount: Option<&str>, raw: Option<&str>, currency: Option<&str>| Transaction {
            amount: amount.map(|a| ccp_model::Amount::parse(a).unwrap()),
            amount_unreadable: raw.map(str::to_owned),
            currency: currency.map(str::to_owned),
            ..Default::default()
        };
        let shown =
            |amount, raw, currency| transaction_amount(Lang::En, &tx(amount, raw, currency));
        assert_eq!(shown(Some("1234.5"), None, Some("USD")), "1,234.50 USD");
        assert_eq!(shown(Some("-1000000.125"), None, None), "-1,000,000.125");
        assert_eq!(
            shown(Some("123456789012345678.99"), None, None),
            "123,456,789,012,345,678.99"
        );
        assert_eq!(shown(Some("-0"), None, Some("HKD")), "0.00 HKD");
        assert_eq!(shown(None, Some("N/A"), Some("USD")), "N/A USD");
        assert_eq!(shown(None, None, Some("USD")), "—");
    }

    #[test]
    fn money_in_says_so_with_a_sign_not_colour_alone() {
        let tx = |amount: &str| Transaction {
            amount: Some(ccp_model::Amount::parse(amount).unwrap()),
            currency: Some("HKD".into()),
            ..Default::default()
        };
        let signed = |lang, amount| signed_transaction_amount(lang, &tx(amount));
        assert_eq!(signed(Lang::En, "31.42"), ("+31.42 HKD".to_owned(), true));
        assert_eq!(signed(Lang::En, "-18.51"), ("-18.51 HKD".to_owned(), false));
        assert_eq!(signed(Lang::En, "0"), ("0.00 HKD".to_owned(), false));
        // Inside Arabic the sign stays with its number, in the one left-to-right run.
        assert_eq!(signed(Lang::Ar, "31.42").0, "\u{2066}+31.42 HKD\u{2069}");
    }

    #[test]
    fn a_pressed_shortcut_reads_as_the_plugin_writes_it() {
        let press = |ctrl, alt, shift, meta, code| shortcut(ctrl, alt, shift, meta, code, "");
        assert_eq!(
            press(true, true, false, false, "KeyC").as_deref(),
            Some("Ctrl+Alt+C")
        );
        assert_eq!(
            press(true, false, true, false, "F9").as_deref(),
            Some("Ctrl+Shift+F9")
        );
        assert_eq!(
            press(false, true, false, true, "Digit7").as_deref(),
            Some("Alt+Super+7")
        );
        assert_eq!(
            press(false, true, false, false, "ArrowUp").as_deref(),
            Some("Alt+Up")
        );
        assert_eq!(
            press(true, false, false, false, "F5").as_deref(),
            Some("Ctrl+F5")
        );
        assert_eq!(
            press(true, false, false, false, "KeyA"),
            None,
            "Ctrl+A selects the field"
        );
        assert_eq!(
            press(true, false, false, false, "KeyC"),
            None,
            "Ctrl+C stays copying"
        );
        assert_eq!(
            press(true, true, false, false, "ControlLeft"),
            None,
            "modifiers alone"
        );
        assert_eq!(
            press(false, false, true, false, "KeyC"),
            None,
            "Shift+C is typing"
        );
        assert_eq!(
            press(false, false, false, false, "Tab"),
            None,
            "Tab moves on"
        );
        assert_eq!(press(true, false, false, false, "F25"), None);
        // No physical code from the platform: the key's own name stands in.
        assert_eq!(
            shortcut(true, true, false, false, "", "k").as_deref(),
            Some("Ctrl+Alt+K")
        );
        assert_eq!(
            shortcut(true, false, false, false, "", "F5").as_deref(),
            Some("Ctrl+F5")
        );
    }

    #[test]
    fn codes_are_grouped_in_threes() {
        assert_eq!(group_code("007321"), "007 321");
        assert_eq!(group_code("12345"), "123 45");
        assert_eq!(group_code(""), "");
    }

    #[test]
    fn unknown_statuses_show_raw() {
        assert_eq!(card_status(Lang::En, &CardLocalStatus::Frozen), "Frozen");
        assert_eq!(
            card_status(Lang::En, &CardLocalStatus::from("lost_in_mail")),
            "lost_in_mail"
        );
        assert_eq!(
            kyc_status(Lang::En, &UserKycStatus::from("pending")),
            "Under review"
        );
        assert_eq!(kyc_status(Lang::En, &UserKycStatus::from("")), "—");
        assert_eq!(review(Lang::En, PokepayStatus(2)), "Approved");
        assert_eq!(review(Lang::En, PokepayStatus(42)), "Review code 42");
    }
}
