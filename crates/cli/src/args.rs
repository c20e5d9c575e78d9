use crate::i18n::Lang;
use ccp_model::ipc::{KycApplicant, KycField};
use ccp_model::potato::KeyType;
use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// Language of the output and of the server's messages: en, zh, ar or id (English,
    /// Simplified Chinese, Arabic, Indonesian). `--json` output and this help stay as they are.
    #[arg(long, global = true, env = "CCP_LANG", default_value = "en",
          value_parser = ["en", "zh", "ar", "id"])]
    pub lang: String,
    /// Keyring service name (tests use their own).
    #[arg(long, global = true, env = "CCP_KEYRING_SERVICE", hide = true)]
    pub keyring_service: Option<String>,
    /// Potato Cloud server root for `ccp keys` (https, or http on loopback only). Default:
    /// https://api.potatocloud.cn.
    #[arg(long, global = true, env = "CCP_POTATO_SERVER")]
    pub potato_server: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The language `--lang` names.
    pub fn language(&self) -> Lang {
        Lang::from_code(&self.lang)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// For packagers: the man page or a shell's completions, on stdout.
    #[command(hide = true)]
    Generate {
        #[arg(value_enum)]
        what: Generated,
    },
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
    /// KYC verification status; `kyc start` begins a verification.
    Kyc {
        #[command(subcommand)]
        command: Option<KycCommand>,
    },
    /// Live 3-D Secure passcodes; with --all every cached record, expired ones too.
    Codes {
        #[arg(long)]
        all: bool,
        /// With --all: the newest N records only.
        #[arg(long, requires = "all")]
        limit: Option<u32>,
    },
    /// Print each new 3-D Secure passcode as it arrives (Ctrl-C to stop).
    Watch,
    /// Messages from the service: the account's notifications and announcements; `messages
    /// open KIND ID` prints one in full (and the service marks it read).
    Messages {
        #[command(subcommand)]
        command: Option<MessagesCommand>,
    },
    /// The FalPay open API's access token. Client credentials come from the keyring (`ccp
    /// falpay login`) or from CCP_FALPAY_CLIENT_ID and CCP_FALPAY_CLIENT_SECRET, never from
    /// the command line.
    Falpay(FalpayArgs),
    /// Potato Cloud card keys: sign in, generate, list and verify keys. The app's askKey and
    /// signing secret come from CCP_POTATO_ASK_KEY / CCP_POTATO_SIGN_SECRET or the keyring
    /// (`ccp keys setup`), never from the command line.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The browser companion: tell browsers where `ccp-browser-host` is (native messaging).
    #[command(subcommand)]
    Browser(BrowserCommand),
}

#[derive(Debug, Subcommand)]
pub enum MessagesCommand {
    /// One message in full.
    Open {
        #[arg(value_parser = ["notification", "announcement"])]
        kind: String,
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BrowserCommand {
    /// Write the host's manifest where the browsers look for it.
    Install(BrowserArgs),
    /// Remove what `install` wrote.
    Uninstall(BrowserArgs),
}

#[derive(Debug, clap::Args)]
pub struct BrowserArgs {
    #[arg(long, value_enum, default_value = "all")]
    pub browser: BrowserChoice,
    /// For every user of this machine (needs root), instead of only yours.
    #[arg(long)]
    pub system: bool,
    /// Into this directory instead (a browser profile's `NativeMessagingHosts`); one browser.
    #[arg(long, conflicts_with = "system")]
    pub dir: Option<std::path::PathBuf>,
    /// The host binary (default: `ccp-browser-host` beside `ccp`).
    #[arg(long)]
    pub host: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BrowserChoice {
    Chrome,
    Chromium,
    Edge,
    Firefox,
    All,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Store the app's askKey and signing secret in the OS keyring (typed hidden, or one per
    /// line on stdin with --stdin; an empty signing secret: the app has signing off).
    Setup {
        #[arg(long)]
        stdin: bool,
    },
    /// Sign in with your Potato Cloud user number and password.
    Login {
        #[arg(long, value_name = "NUMBER")]
        user: Option<String>,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Sign out: the token is deleted from the keyring.
    Logout,
    /// Generate 1 to 10 keys of a type.
    Generate {
        /// day, week, month, quarter, year or permanent.
        #[arg(long = "type", value_name = "TYPE")]
        key_type: KeyType,
        #[arg(long, default_value_t = 1)]
        count: u32,
    },
    /// List your keys, a page at a time.
    List {
        /// Only keys nobody has redeemed yet.
        #[arg(long)]
        unused: bool,
        /// Only redeemed keys.
        #[arg(long, conflicts_with = "unused")]
        used: bool,
        #[arg(long = "type", value_name = "TYPE")]
        key_type: Option<KeyType>,
        #[arg(long, default_value_t = 1)]
        page: u32,
        /// At most 1000.
        #[arg(long, default_value_t = 50)]
        page_size: u32,
    },
    /// Verify (redeem) a key for this installation: a key binds to the first device. The key
    /// is typed hidden, or read as the first line of stdin: a redeemable key on the command
    /// line would be visible to every user in the process list.
    Verify,
}

#[derive(Debug, Args)]
pub struct FalpayArgs {
    /// FalPay server root (https, or http on loopback only).
    #[arg(long, global = true, env = "CCP_FALPAY_SERVER")]
    pub falpay_server: Option<String>,
    #[command(subcommand)]
    pub command: FalpayCommand,
}

#[derive(Debug, Subcommand)]
pub enum FalpayCommand {
    /// Get a token; print its scope and seconds left (the token itself only with --show).
    Token {
        /// Also print the token itself.
        #[arg(long)]
        show: bool,
    },
    /// Store the client id and secret in the keyring, once the server accepts them. Both are
    /// read from the terminal (the secret hidden), or as two lines of stdin.
    Login {
        /// Read the secret from stdin even on a terminal (the id is the line before it).
        #[arg(long)]
        secret_stdin: bool,
    },
    /// Delete this server's client id and secret from the keyring.
    Logout,
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
        /// Freeze it again after this long (e.g. `15m`, at most `1h`): for one checkout. The
        /// deadline is kept in the data directory: the app freezes the card when it is up, or
        /// else the next `ccp` command does.
        #[arg(long = "for", value_parser = humantime::parse_duration)]
        for_a_while: Option<std::time::Duration>,
    },
    /// "Wasn't me": freeze every active card at once (a 3-D Secure code nobody asked for).
    FreezeAll {
        /// Required: every active card stops working until unfrozen.
        #[arg(long)]
        yes: bool,
    },
    /// Cancel for good: the card can never be used or changed again.
    Cancel {
        token: String,
        /// Required: cancelling cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KycCommand {
    /// Start identity verification with these details; prints the page to open in a browser.
    /// An option left out is taken from your profile where it has it (names, phone).
    Start(KycStartArgs),
}

/// The KYC form as options; each is checked as the desktop app checks its form.
#[derive(Debug, Args)]
pub struct KycStartArgs {
    /// Given name as in your passport, in Latin letters.
    #[arg(long)]
    pub first_name: Option<String>,
    /// Family name as in your passport, in Latin letters.
    #[arg(long)]
    pub last_name: Option<String>,
    /// Your phone's country calling code, e.g. 852 or +852.
    #[arg(long)]
    pub area_code: Option<String>,
    /// Phone number without the calling code (spaces and dashes allowed).
    #[arg(long)]
    pub phone: Option<String>,
    /// Billing country: two-letter ISO 3166-1 code, e.g. HK.
    #[arg(long)]
    pub country: Option<String>,
    /// State, province or region (may be left out).
    #[arg(long)]
    pub state: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// Street address.
    #[arg(long)]
    pub address: Option<String>,
    /// Postal code (may be left out where there is none).
    #[arg(long)]
    pub post_code: Option<String>,
}

impl KycStartArgs {
    /// The option for one field, if given.
    pub fn get(&self, field: KycField) -> Option<&str> {
        match field {
            KycField::FirstName => self.first_name.as_deref(),
            KycField::LastName => self.last_name.as_deref(),
            KycField::AreaCode => self.area_code.as_deref(),
            KycField::Phone => self.phone.as_deref(),
            KycField::Country => self.country.as_deref(),
            KycField::State => self.state.as_deref(),
            KycField::City => self.city.as_deref(),
            KycField::Address => self.address.as_deref(),
            KycField::PostCode => self.post_code.as_deref(),
        }
    }

    /// Whether the option for this field was given (else its value came from the profile).
    pub fn gives(&self, field: KycField) -> bool {
        self.get(field).is_some()
    }

    /// The options given, over the draft (from the profile) for those left out.
    pub fn over(&self, mut draft: KycApplicant) -> KycApplicant {
        for field in KycField::ALL {
            if let Some(value) = self.get(field) {
                *draft.get_mut(field) = value.to_owned();
            }
        }
        draft
    }
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
        let cli = Cli::try_parse_from(["ccp", "falpay", "token", "--show", "--falpay-server", "x"])
            .unwrap();
        assert!(matches!(
            cli.command,
            Command::Falpay(FalpayArgs {
                falpay_server: Some(_),
                command: FalpayCommand::Token { show: true }
            })
        ));
        // Credentials are never command-line values.
        for arg in ["--client-secret", "--client-id", "--secret"] {
            assert!(Cli::try_parse_from(["ccp", "falpay", "token", arg, "x"]).is_err());
        }
    }

    #[test]
    fn kyc_alone_is_the_status_and_start_takes_the_form() {
        let cli = Cli::try_parse_from(["ccp", "kyc"]).unwrap();
        assert!(matches!(cli.command, Command::Kyc { command: None }));
        let cli = Cli::try_parse_from([
            "ccp",
            "kyc",
            "start",
            "--first-name",
            "Ann",
            "--area-code",
            "+852",
            "--phone",
            "9123 4567",
        ])
        .unwrap();
        let Command::Kyc {
            command: Some(KycCommand::Start(args)),
        } = cli.command
        else {
            panic!("not kyc start");
        };
        let draft = KycApplicant {
            first_name: "Profile".into(),
            last_name: "User".into(),
            ..KycApplicant::default()
        };
        let a = args.over(draft);
        assert_eq!(
            (
                a.first_name.as_str(),
                a.last_name.as_str(),
                a.area_code.as_str()
            ),
            ("Ann", "User", "+852")
        );
    }
}

/// What `ccp generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// The man page, roff (`ccp.1`).
    Man,
    Bash,
    Zsh,
    Fish,
}
