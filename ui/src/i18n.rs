//! UI strings in English, Chinese, Arabic and Indonesian (the service's mobile app's four): a
//! plain lookup table made by the model's `texts!`, as the shell's and `ccp`'s are, so a missing
//! string is a compile error rather than a blank label.

mod table;

pub use table::Key;

/// The four languages and the lookup, shared with the shell and `ccp` (`ccp_model::i18n`).
pub use ccp_model::i18n::{Lang, t};

/// A failed command in the user's language: what kind of failure it is, translated (the
/// model's table, which `ccp` uses too), then the core's (or the server's) own words, which say
/// exactly what happened.
pub fn error_text(lang: Lang, e: &ccp_model::ipc::UiError) -> String {
    ccp_model::i18n::error_text(lang, e.kind, &e.message)
}

/// The string for `key` with its `{}` placeholder filled by `value`. In a right-to-left
/// language the value is isolated (FSI … PDI, as Fluent does): a card number, a host or an
/// amount inside Arabic keeps its own order ("البطاقة 441353••••••5203", not "5203••••••441353").
pub fn tf(lang: Lang, key: Key, value: impl std::fmt::Display) -> String {
    if lang.dir() == "rtl" {
        // A value with no right-to-left letter (a count "72 / 102", a merchant "7-Eleven") is
        // a left-to-right run: first-strong isolation would give "72 / 102" the page's
        // direction, drawn "102 / 72". Anything else takes its own first strong direction.
        let value = value.to_string();
        let open = if value.chars().any(is_rtl_letter) {
            '\u{2068}'
        } else {
            '\u{2066}'
        };
        let isolated = format!("{open}{value}\u{2069}");
        return ccp_model::i18n::fill(t(lang, key), &[&isolated]);
    }
    ccp_model::i18n::fill(t(lang, key), &[&value])
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::i18n::untranslated::{self, Literal};

    #[test]
    fn a_value_inside_arabic_is_isolated_and_elsewhere_left_alone() {
        assert_eq!(
            tf(Lang::En, Key::CopyCodeFor, "7-Eleven"),
            "Copy the code for 7-Eleven"
        );
        assert_eq!(
            tf(Lang::Ar, Key::CopyCodeFor, "7-Eleven"),
            "نسخ رمز \u{2066}7-Eleven\u{2069}"
        );
        // A count is one left-to-right run (first-strong would draw it "102 / 72").
        assert_eq!(
            tf(Lang::Ar, Key::TransactionsShown, "72 / 102"),
            "المعروض \u{2066}72 / 102\u{2069}"
        );
        // Arabic inside takes its own direction.
        assert!(tf(Lang::Ar, Key::CopyCodeFor, "متجر 7").contains('\u{2068}'));
        let amount = crate::format::amount_str(Lang::Ar, "52.95", "USD");
        assert!(
            amount.starts_with('\u{2066}') && amount.ends_with('\u{2069}'),
            "{amount:?}"
        );
        assert!(!crate::format::amount_str(Lang::En, "52.95", "USD").contains('\u{2066}'));
    }

    #[test]
    fn lookups_differ_per_language() {
        assert_eq!(t(Lang::En, Key::NavCards), "Cards");
        assert_eq!(t(Lang::Zh, Key::NavCards), "卡片");
        assert_eq!(t(Lang::Ar, Key::NavCards), "البطاقات");
        assert_eq!(t(Lang::Id, Key::NavCards), "Kartu");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::En, Key::UpdatedMinutesAgo, 2), "Updated 2 min ago");
        assert_eq!(tf(Lang::Zh, Key::UpdatedMinutesAgo, 2), "2 分钟前更新");
        assert_eq!(
            tf(Lang::En, Key::UnreadableTransactions, 3),
            "3 transactions could not be read"
        );
        assert_eq!(
            tf(Lang::Zh, Key::UnreadableTransactions, 3),
            "3 笔交易无法读取"
        );
    }

    #[test]
    fn errors_say_their_kind_in_the_users_language_then_the_details() {
        use ccp_model::ipc::{ErrorKind, UiError};
        let e = UiError::new(
            ErrorKind::Offline,
            "offline: cannot reach the server (refused)",
        );
        assert_eq!(
            error_text(Lang::Zh, &e),
            "无法连接服务器。 (offline: cannot reach the server (refused))"
        );
        assert!(error_text(Lang::Id, &e).starts_with("Tidak dapat terhubung ke server."));
    }

    /// Every key has all four languages, none empty, each with as many `{}` as in English.
    #[test]
    fn every_string_is_filled_in_every_language() {
        let problems = Key::problems();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// A literal the window shows as words: a text node (`>{ "…" }`) or a label
    /// (`aria-label="…"`, `title="…"`, `placeholder="…"`, `alt="…"`) with a word in it; only
    /// the brand name is allowed. Classes, ids and values are not shown as words.
    fn shown(literal: &Literal) -> bool {
        let before = literal.before.trim_end();
        let text_node = before
            .strip_suffix('{')
            .is_some_and(|b| b.trim_end().ends_with('>'));
        let label = ["aria-label=", "title=", "placeholder=", "alt="]
            .iter()
            .any(|a| before.ends_with(a));
        (text_node || label) && untranslated::has_word(&literal.text, &["ComeComePay"])
    }

    /// Every word the window shows comes from the table: a text node or a label attribute
    /// written as a literal in a component would show in English whatever the language.
    #[test]
    fn no_component_shows_a_literal_word() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = untranslated::sources(&src, &["i18n/table.rs"]);
        assert!(files.len() > 20, "the component sources were found");
        let found = untranslated::find(&files, shown);
        assert!(
            found.is_empty(),
            "untranslated text in the window:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_literal_check_sees_text_nodes_and_labels_but_not_classes() {
        let words = |line: &str| -> Vec<String> {
            (untranslated::literals(line).into_iter())
                .filter(shown)
                .map(|l| l.text)
                .collect()
        };
        assert_eq!(words(r#"<p class="x">{ "Hello" }</p>"#), ["Hello"]);
        assert_eq!(words(r#"<button aria-label="Close">"#), ["Close"]);
        assert!(words(r#"<p class={if ok { "ok" } else { "error" }}>"#).is_empty());
        assert!(words(r#"<span>{ "—" }</span>"#).is_empty());
        assert!(words(r#"<h1>{ "ComeComePay" }</h1>"#).is_empty());
    }
}
