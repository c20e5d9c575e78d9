//! Reading the e-mail, password and code: from the terminal (hidden where secret), or line by
//! line from stdin for scripts (`--password-stdin`, then the code on the next line).

use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, t};
use secrecy::SecretString;
use std::io::{BufRead, IsTerminal, Write};

type Result<T> = std::result::Result<T, Failure>;

pub struct Input {
    reader: Box<dyn BufRead>,
    interactive: bool,
    lang: Lang,
}

impl Input {
    /// Prompts and messages in `lang`.
    pub fn new(lang: Lang) -> Self {
        let stdin = std::io::stdin();
        Input {
            interactive: stdin.is_terminal(),
            reader: Box::new(stdin.lock()),
            lang,
        }
    }

    /// `what`: the answer awaited, for the message when stdin ends first.
    fn next_line(&mut self, what: Text) -> Result<String> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            let what = t(self.lang, what);
            return Err(Failure::new(exit::FAILURE, Text::StdinEnded, &[&what]));
        }
        Ok(without_line_ending(&line).to_owned())
    }

    /// A visible answer (the e-mail).
    pub fn line(&mut self, prompt: Text, what: Text) -> Result<String> {
        if self.interactive {
            eprint!("{}", t(self.lang, prompt));
            std::io::stderr().flush()?;
        }
        Ok(self.next_line(what)?.trim().to_owned())
    }

    /// A secret: hidden on a terminal, else the next stdin line.
    pub fn secret(&mut self, prompt: Text, what: Text, from_stdin: bool) -> Result<SecretString> {
        let prompt = t(self.lang, prompt);
        self.secret_prompt(prompt, what, from_stdin)
    }

    /// A secret after a prompt made with values (the code's, naming the e-mail). Kept byte
    /// for byte: spaces are part of a password, and trimming them would sign in with a
    /// different one.
    pub fn secret_prompt(
        &mut self,
        prompt: &str,
        what: Text,
        from_stdin: bool,
    ) -> Result<SecretString> {
        let text = if self.interactive && !from_stdin {
            rpassword::prompt_password(prompt)?
        } else {
            self.next_line(what)?
        };
        Ok(SecretString::from(text))
    }
}

/// The line without its one ending (`\n` or `\r\n`); everything else is content.
fn without_line_ending(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(rest) => rest.strip_suffix('\r').unwrap_or(rest),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn piped(text: &'static str, lang: Lang) -> Input {
        Input {
            reader: Box::new(text.as_bytes()),
            interactive: false,
            lang,
        }
    }

    #[test]
    fn only_the_line_ending_is_removed_from_a_secret() {
        let mut input = piped("  pass word \t\r\n 12345 \nend\r\r\nlast", Lang::En);
        let secret = |i: &mut Input| {
            i.secret(Text::PromptPassword, Text::WhatPassword, true)
                .unwrap()
        };
        assert_eq!(secret(&mut input).expose_secret(), "  pass word \t");
        assert_eq!(secret(&mut input).expose_secret(), " 12345 ");
        // One `\r\n` ending removed; a stray `\r` before it is content.
        assert_eq!(secret(&mut input).expose_secret(), "end\r");
        // The last line needs no ending.
        assert_eq!(secret(&mut input).expose_secret(), "last");
        let e = input.secret_prompt("", Text::WhatCode, true).unwrap_err();
        assert_eq!(e.code(), exit::FAILURE);
        assert_eq!(e.render(Lang::En), "stdin ended before the one-time code");
        let e = piped("", Lang::Zh)
            .secret(Text::PromptPassword, Text::WhatPassword, true)
            .unwrap_err();
        assert_eq!(e.render(Lang::Zh), "标准输入在读取密码之前已结束");
    }

    #[test]
    fn line_endings() {
        assert_eq!(without_line_ending("pw\r\n"), "pw");
        assert_eq!(without_line_ending("pw\n"), "pw");
        assert_eq!(without_line_ending("pw\r\r\n"), "pw\r");
        assert_eq!(without_line_ending(" pw "), " pw ");
        assert_eq!(without_line_ending("\n"), "");
    }

    #[test]
    fn a_visible_answer_is_trimmed() {
        let mut input = piped("  me@example.com \r\n", Lang::Ar);
        assert_eq!(
            input.line(Text::PromptEmail, Text::WhatEmail).unwrap(),
            "me@example.com"
        );
    }
}
