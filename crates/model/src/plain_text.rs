//! Server text shown as plain text (a terminal table, a notification, `--json` on a terminal)
//! must not steer how it, or what follows it, is shown. Control characters (C0, DEL, C1) can
//! move a terminal's cursor or start escape sequences; the bidi embeddings, overrides and
//! isolates (U+202A–202E, U+2066–2069) reorder the rest of a line, so a merchant name could
//! make a row read another amount. Both kinds go.

use std::borrow::Cow;

/// The bidi formatting characters that reorder what follows them (not the marks LRM/RLM,
/// which only take a side and are part of ordinary right-to-left text).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character server text may not bring to the screen.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `s` without its unsafe characters (borrowed when there are none).
pub fn strip_unsafe(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// JSON text with every unsafe character that JSON allows raw (DEL, C1, the bidi controls) as a
/// `\uXXXX` escape: the same value for a program that reads it, nothing that steers a terminal
/// it is printed on. Such characters occur only inside strings, where the escape is valid.
pub fn escape_in_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_go_and_any_script_stays() {
        assert_eq!(strip_unsafe("Shop\u{202E}99.1$\u{202C} ok"), "Shop99.1$ ok");
        assert_eq!(strip_unsafe("a\u{2066}b\u{2069}\u{7f}\u{85}\u{1b}c"), "abc");
        assert!(matches!(
            strip_unsafe("متجر 商店 \u{200F}"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_keeps_the_value_and_escapes_what_would_steer_a_terminal() {
        let value = serde_json::json!({"m": "a\u{7f}b\u{9b}c\u{202E}d"});
        let text = serde_json::to_string(&value).unwrap();
        let escaped = escape_in_json(&text);
        assert_eq!(escaped, r#"{"m":"a\u007fb\u009bc\u202ed"}"#);
        assert!(!escaped.chars().any(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
