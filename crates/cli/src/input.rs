//! Reading the e-mail, password and code: from the terminal (hidden where secret), or line by
//! line from stdin for scripts (`--password-stdin`, then the code on the next line).

use secrecy::SecretString;
use std::io::{BufRead, IsTerminal, Write};

pub struct Input {
    reader: Box<dyn BufRead>,
    interactive: bool,
}

impl Input {
    pub fn new() -> Self {
        let stdin = std::io::stdin();
        Input {
            interactive: stdin.is_terminal(),
            reader: Box::new(stdin.lock()),
        }
    }

    fn next_line(&mut self, what: &str) -> std::io::Result<String> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("stdin ended before the {what}"),
            ));
        }
        Ok(without_line_ending(&line).to_owned())
    }

    /// A visible answer (the e-mail).
    pub fn line(&mut self, prompt: &str, what: &str) -> std::io::Result<String> {
        if self.interactive {
            eprint!("{prompt}");
            std::io::stderr().flush()?;
        }
        Ok(self.next_line(what)?.trim().to_owned())
    }

    /// A secret: hidden on a terminal, else the next stdin line. Kept byte for byte: spaces
    /// are part of a password, and trimming them would sign in with a different one.
    pub fn secret(
        &mut self,
        prompt: &str,
        what: &str,
        from_stdin: bool,
    ) -> std::io::Result<SecretString> {
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

    fn piped(text: &'static str) -> Input {
        Input {
            reader: Box::new(text.as_bytes()),
            interactive: false,
        }
    }

    #[test]
    fn only_the_line_ending_is_removed_from_a_secret() {
        let mut input = piped("  pass word \t\r\n 12345 \nend\r\r\nlast");
        let secret = |i: &mut Input| i.secret("", "x", true).unwrap();
        assert_eq!(secret(&mut input).expose_secret(), "  pass word \t");
        assert_eq!(secret(&mut input).expose_secret(), " 12345 ");
        // One `\r\n` ending removed; a stray `\r` before it is content.
        assert_eq!(secret(&mut input).expose_secret(), "end\r");
        // The last line needs no ending.
        assert_eq!(secret(&mut input).expose_secret(), "last");
        let e = input.secret("", "one-time code", true).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::UnexpectedEof);
        assert_eq!(e.to_string(), "stdin ended before the one-time code");
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
        let mut input = piped("  me@example.com \r\n");
        assert_eq!(input.line("", "e-mail").unwrap(), "me@example.com");
    }
}
