//! Reading the e-mail, password and code: from the terminal (hidden where secret), or line by
//! line from stdin for scripts (`--password-stdin`, then the code on the next line).

use secrecy::SecretString;
use std::io::{BufRead, IsTerminal, Write};

pub struct Input {
    lines: std::io::Lines<std::io::StdinLock<'static>>,
    interactive: bool,
}

impl Input {
    pub fn new() -> Self {
        let stdin = std::io::stdin();
        Input {
            interactive: stdin.is_terminal(),
            lines: stdin.lock().lines(),
        }
    }

    fn next_line(&mut self, what: &str) -> std::io::Result<String> {
        match self.lines.next() {
            Some(line) => Ok(line?.trim_end_matches('\r').to_owned()),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("stdin ended before the {what}"),
            )),
        }
    }

    /// A visible answer (the e-mail).
    pub fn line(&mut self, prompt: &str, what: &str) -> std::io::Result<String> {
        if self.interactive {
            eprint!("{prompt}");
            std::io::stderr().flush()?;
        }
        Ok(self.next_line(what)?.trim().to_owned())
    }

    /// A secret: hidden on a terminal, else the next stdin line.
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
        Ok(SecretString::from(text.trim().to_owned()))
    }
}
