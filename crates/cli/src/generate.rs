//! `ccp generate`: the man page and shell completions the packages ship, made from the parser's
//! own definitions (a flag added to `args.rs` shows up in both without anyone remembering).

use crate::args::{Cli, Generated};
use clap::CommandFactory;
use std::io::Write;

pub fn write(what: Generated, out: &mut impl Write) -> std::io::Result<()> {
    let command = Cli::command();
    let name = command.get_name().to_owned();
    let shell = match what {
        Generated::Man => return clap_mangen::Man::new(command).render(out),
        Generated::Bash => clap_complete::Shell::Bash,
        Generated::Zsh => clap_complete::Shell::Zsh,
        Generated::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut shown(&command), name, out);
    Ok(())
}

/// `command` without what it hides (this command, the tests' keyring option): clap_complete
/// offers hidden subcommands and options to the shell, clap_mangen does not.
fn shown(command: &clap::Command) -> clap::Command {
    let mut out = clap::Command::new(command.get_name().to_owned())
        .args(
            command
                .get_arguments()
                .filter(|a| !a.is_hide_set())
                .cloned(),
        )
        .subcommands(
            command
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(shown),
        );
    if let Some(about) = command.get_about() {
        out = out.about(about.clone());
    }
    if let Some(version) = command.get_version() {
        out = out.version(version.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(what: Generated) -> String {
        let mut out = Vec::new();
        write(what, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_man_page_and_completions_name_the_commands_and_hide_the_hidden() {
        let man = made(Generated::Man);
        assert!(man.contains(".TH ccp 1"));
        for sub in ["login", "cards", "codes", "watch", "messages"] {
            assert!(man.contains(sub), "{sub} in the man page");
        }
        assert!(
            !man.contains("keyring\\-service"),
            "a hidden option in the man page"
        );
        let bash = made(Generated::Bash);
        assert!(bash.contains("complete -F _ccp"), "{bash}");
        assert!(bash.contains(" cards "), "{bash}");
        assert!(
            bash.contains("--data-dir"),
            "a global option under a subcommand too"
        );
        let zsh = made(Generated::Zsh);
        assert!(zsh.starts_with("#compdef ccp"));
        let fish = made(Generated::Fish);
        assert!(fish.contains("complete -c ccp"));
        for shell in [bash, zsh, fish] {
            assert!(
                !shell.contains("For packagers"),
                "the packagers' command offered"
            );
            assert!(
                !shell.contains("ccp,generate)"),
                "the packagers' command offered"
            );
            assert!(
                !shell.contains("keyring-service"),
                "the tests' option offered"
            );
        }
    }
}
