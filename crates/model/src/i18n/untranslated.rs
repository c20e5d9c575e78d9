//! The one scanner behind the window's and `ccp`'s test that no word reaches the user without
//! its table: it reads a crate's sources as text and finds the string literals with a word in
//! them. Which literals count is the caller's rule (the window: text nodes and labels in
//! `html!`; `ccp`: any literal that is not exempt). Only tests call it.

use std::path::{Path, PathBuf};

/// One string literal in a source, with what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// The 1-based line its opening quote is on.
    pub line: usize,
    /// Its text, escapes as written.
    pub text: String,
    /// What stands before the opening quote on its line.
    pub before: String,
    /// The first character after the closing quote.
    pub after: Option<char>,
    /// The line above (where an exemption such as `// untranslated: why` is written).
    pub above: String,
}

impl Literal {
    /// The last character before the opening quote, over lines.
    pub fn before_char(&self) -> Option<char> {
        self.before.trim_end().chars().last()
    }
}

/// The string literals in `code`, in order. Comments, character literals (`'"'`) and lifetimes
/// are skipped; a raw string (`r#"…"#`) is read whole.
pub fn literals(code: &str) -> Vec<Literal> {
    let lines: Vec<&str> = code.lines().collect();
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    while i < chars.len() {
        match chars[i] {
            '\n' => (line, line_start) = (line + 1, i + 1),
            // A comment runs to the end of its line.
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // A character literal ('"', '\'', '_'); a lifetime ('a) is left.
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 2,
            c @ ('"' | 'r') => {
                // `r"…"` and `r#"…"#`: a raw string ends at the quote and as many `#`.
                let hashes = if c == 'r'
                    && !chars
                        .get(i.wrapping_sub(1))
                        .is_some_and(|p| p.is_alphanumeric() || *p == '_')
                {
                    let n = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                    match chars.get(i + 1 + n) {
                        Some('"') => Some(n),
                        _ => None,
                    }
                } else {
                    None
                };
                if c == 'r' && hashes.is_none() {
                    i += 1;
                    continue;
                }
                let (start_line, before) = (line, chars[line_start..i].iter().collect::<String>());
                i += 1 + hashes.unwrap_or(0) + usize::from(hashes.is_some());
                let mut text = String::new();
                while i < chars.len() {
                    let closes = chars[i] == '"'
                        && hashes.is_none_or(|n| {
                            chars[i + 1..].iter().take(n).filter(|c| **c == '#').count() == n
                        });
                    if closes {
                        break;
                    }
                    if chars[i] == '\\' && hashes.is_none() {
                        text.push(chars[i]);
                        i += 1;
                    }
                    if chars.get(i) == Some(&'\n') {
                        (line, line_start) = (line + 1, i + 1);
                    }
                    if let Some(c) = chars.get(i) {
                        text.push(*c);
                    }
                    i += 1;
                }
                i += hashes.unwrap_or(0);
                out.push(Literal {
                    line: start_line,
                    text,
                    before,
                    after: chars.get(i + 1).copied(),
                    above: lines
                        .get(start_line.wrapping_sub(2))
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                });
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether `literal` has a word of two letters or more once placeholders (`{}`, `{name}`),
/// commands in backticks and the `allowed` words (names that are never translated) are taken
/// out.
pub fn has_word(literal: &str, allowed: &[&str]) -> bool {
    let mut text = String::new();
    let (mut brace, mut tick) = (false, false);
    for c in literal.chars() {
        match c {
            '{' => brace = true,
            '}' if brace => brace = false,
            '`' => tick = !tick,
            c if !brace && !tick => text.push(c),
            _ => {}
        }
    }
    text.split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().count() >= 2 && !allowed.contains(&word))
}

/// The `.rs` files under `dir`, sorted, but for those whose path ends with one of `skip`.
pub fn sources(dir: &Path, skip: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.retain(|f| !skip.iter().any(|s| f.ends_with(s)));
    files.sort();
    files
}

/// `file:line: "literal"` for each literal `counts` picks in the code of `files` before their
/// tests (`#[cfg(test)]`: tests show nothing to a user).
pub fn find(files: &[PathBuf], counts: impl Fn(&Literal) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for literal in literals(code).iter().filter(|l| counts(l)) {
            found.push(format!(
                "{}:{}: {:?}",
                file.display(),
                literal.line,
                literal.text
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_found_with_their_line_and_surroundings() {
        let code = "let a = 1; // \"not a literal\"\nlet c = '\"'; let d = '\\\\'; fn f<'a>(x: &'a str) {}\n<p>{ \"Hello\" }</p>\nlet r = r#\"<p class=\"x\">\"#;\nv[\"key\"] = w;";
        let found = literals(code);
        let texts: Vec<&str> = found.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Hello", "<p class=\"x\">", "key"]);
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].before, "<p>{ ");
        assert_eq!(found[0].after, Some(' '));
        assert_eq!(found[2].before_char(), Some('['));
        assert_eq!(found[2].after, Some(']'));
        assert_eq!(found[1].above, "<p>{ \"Hello\" }</p>");
    }

    #[test]
    fn a_word_is_two_letters_outside_placeholders_commands_and_names() {
        assert!(has_word("Hello", &[]));
        assert!(!has_word("—", &[]));
        assert!(!has_word("{} {name}", &[]));
        assert!(!has_word("`ccp login`: {}", &[]));
        assert!(!has_word("ccp: {}", &["ccp"]));
        assert!(has_word("ccp: {count} cards", &["ccp"]));
        assert!(!has_word("ComeComePay", &["ComeComePay"]));
    }
}
