use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// ComeComePay from the terminal: cards, KYC and 3-D Secure passcodes.
#[derive(Debug, Parser)]
#[command(name = "ccp", version, about)]
pub struct Cli {
    /// Server root (https, or http on loopback only). Default: the one this build was made
    /// for (`CCP_DEFAULT_SERVER` at build time), if any.
    #[arg(long, global = true, env = "CCP_SERVER")]
    pub server: Option<String>,
    /// Allow plain http to another machine: passwords, codes and tokens travel unencrypted.
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,
    /// Data directory, shared with the desktop app (default: the XDG data dir).
    #[arg(long, global = true, env = "CCP_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Machine output: JSON (one object per line for `watch`).
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of the server's messages: en, zh or ar.
    #[arg(long, global = true, env = "CCP_LANG", default_value = "en",
          value_parser = ["en", "zh", "ar"])]
    pub lang: String,
    /// Keyring service name (tests use their own).
    #[arg(long, global = true, env = "CCP_KEYRING_SERVICE", hide = true)]
    pub keyring_service: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in: e-mail and password, then the code the service e-mails.
    Login {
        #[arg(long)]
        email: Option<String>,
        /// Read the password from the first line of stdin (the code from the next line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Sign out: ends the session and deletes the local cache and keyring entries.
    Logout,
    /// Who is signed in, and how fresh the cache is.
    Status,
    /// Fetch everything now.
    Sync,
    /// List the cards.
    Cards,
    /// One card: show it, or change its status.
    #[command(subcommand)]
    Card(CardCommand),
    /// The newest transactions of a card.
    Transactions {
        token: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// KYC verification status.
    Kyc,
    /// Live 3-D Secure passcodes (with --all, expired ones too).
    Codes {
        #[arg(long)]
        all: bool,
    },
    /// Print each new 3-D Secure passcode as it arrives (Ctrl-C to stop).
    Watch,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    Show {
        token: String,
    },
    Freeze {
        token: String,
    },
    Unfreeze {
        token: String,
    },
    /// Cancel for good: the card can never be used or changed again.
    Cancel {
        token: String,
        /// Required: cancelling cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["ccp", "--json", "card", "cancel", "123", "--yes"]).unwrap();
        assert!(cli.json);
        assert!(matches!(
            cli.command,
            Command::Card(CardCommand::Cancel { yes: true, .. })
        ));
        assert!(Cli::try_parse_from(["ccp", "--lang", "fr", "cards"]).is_err());
    }
}
