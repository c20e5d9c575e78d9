//! UI strings in English, Chinese, Arabic and Indonesian (the service's mobile app's four): a plain lookup table, no runtime loading, so a
//! missing string is a compile error rather than a blank label.

mod table;

pub use table::Key;

/// The four languages, shared with the shell and `ccp` (`ccp_model::i18n`).
pub use ccp_model::i18n::Lang;

/// The string for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    table::strings(key)[lang as usize]
}

/// A failed command in the user's language: what kind of failure it is, translated (the
/// model's table, which `ccp` uses too), then the core's (or the server's) own words, which say
/// exactly what happened.
pub fn error_text(lang: Lang, e: &ccp_model::ipc::UiError) -> String {
    ccp_model::i18n::error_text(lang, e.kind, &e.message)
}

/// The string for `key` with its `{}` placeholder replaced by `value`.
pub fn tf(lang: Lang, key: Key, value: impl std::fmt::Display) -> String {
    t(lang, key).replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn every_string_is_filled_in_every_language() {
        for key in Key::ALL {
            let all = table::strings(*key);
            for s in all {
                assert!(!s.trim().is_empty(), "{key:?} has an empty translation");
            }
            // A placeholder in one language must be in all of them.
            let [en, zh, ar, id] = all;
            let holes = en.matches("{}").count();
            assert_eq!(zh.matches("{}").count(), holes, "{key:?} zh");
            assert_eq!(ar.matches("{}").count(), holes, "{key:?} ar");
            assert_eq!(id.matches("{}").count(), holes, "{key:?} id");
        }
    }

    /// Every word the window shows comes from the table: a text node or a label attribute
    /// written as a literal in a component would show in English whatever the language. Only
    /// the brand name is allowed.
    #[test]
    fn no_component_shows_a_literal_word() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 20, "the component sources were found");
        let allowed = ["ComeComePay"];
        let mut found = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("i18n/table.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for literal in literal_words(line) {
                    if !allowed.contains(&literal.as_str()) {
                        found.push(format!("{}:{}: {literal:?}", file.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "untranslated text in the window:\n{}",
            found.join("\n")
        );
    }

    /// Literals with a word in them that a line renders as text (`>{ "…" }`) or as a label
    /// (`aria-label="…"`, `title="…"`, `placeholder="…"`, `alt="…"`).
    fn literal_words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let has_word = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        let mut rest = line;
        while let Some(i) = rest.find('"') {
            let before = rest[..i].trim_end();
            let after = &rest[i + 1..];
            let Some(end) = after.find('"') else { break };
            let literal = &after[..end];
            let text_node =
                before.ends_with('{') && before[..before.len() - 1].trim_end().ends_with('>');
            let label = ["aria-label=", "title=", "placeholder=", "alt="]
                .iter()
                .any(|a| before.ends_with(a));
            if (text_node || label) && has_word(literal) {
                out.push(literal.to_owned());
            }
            rest = &after[end + 1..];
        }
        out
    }

    #[test]
    fn the_literal_check_sees_text_nodes_and_labels_but_not_classes() {
        assert_eq!(literal_words(r#"<p class="x">{ "Hello" }</p>"#), ["Hello"]);
        assert_eq!(literal_words(r#"<button aria-label="Close">"#), ["Close"]);
        assert!(literal_words(r#"<p class={if ok { "ok" } else { "error" }}>"#).is_empty());
        assert!(literal_words(r#"<span>{ "—" }</span>"#).is_empty());
    }
}
