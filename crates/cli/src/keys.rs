//! `ccp keys …`: Potato Cloud card keys over ccp-potato. The app's askKey and signing secret
//! come from the environment (`CCP_POTATO_ASK_KEY`, `CCP_POTATO_SIGN_SECRET`) or the OS
//! keyring (`ccp keys setup`), never from the command line (visible in `ps`); the user's
//! token lives in the keyring.

use crate::args::{Cli, KeysCommand};
use crate::exit::{self, Failure};
use crate::input::Input;
use crate::output;
use ccp_core::SecretStore;
use ccp_model::potato::{CardKey, KeyPage, KeyQuery, KeyState, KeyTime, Verification};
use ccp_potato::secrets::{ASK_KEY, SIGN_SECRET};
use ccp_potato::{AppKeys, Config, PotatoClient};
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

type Result<T = ()> = std::result::Result<T, Failure>;

/// Environment variable of the app's askKey (overrides the keyring's).
pub const ENV_ASK_KEY: &str = "CCP_POTATO_ASK_KEY";
/// Environment variable of the app's signing secret (overrides the keyring's).
pub const ENV_SIGN_SECRET: &str = "CCP_POTATO_SIGN_SECRET";

pub async fn run(cli: &Cli, data_dir: &Path, cmd: KeysCommand) -> Result {
    let server = cli
        .potato_server
        .clone()
        .unwrap_or_else(|| Config::DEFAULT_SERVER.to_owned());
    let mut config = Config::new(&server)?;
    if let Some(prefix) = &cli.keyring_service {
        config = config.with_keyring_prefix(prefix);
    }
    let json = cli.json;
    if let KeysCommand::Setup { stdin } = cmd {
        return setup(&config, stdin, json).await;
    }
    let app = app_keys(&config).await?;
    let client = PotatoClient::new(config, app)?;
    match cmd {
        KeysCommand::Setup { .. } => unreachable!("handled above"),
        KeysCommand::Login {
            user,
            password_stdin,
        } => {
            let mut input = Input::new();
            let user = match user {
                Some(u) => u,
                None => input.line("Potato Cloud user number: ", "user number")?,
            };
            let password = input.secret("Password: ", "password", password_stdin)?;
            let session = client.login(&user, &password).await?;
            if !session.kept_in_keyring {
                eprintln!(
                    "ccp: warning: no usable OS keyring; the Potato Cloud sign-in is not kept \
                     after this command"
                );
            }
            if json {
                output::json(&session);
            } else {
                println!(
                    "Signed in to Potato Cloud as {}.",
                    output::clean(&session.user_number)
                );
            }
        }
        KeysCommand::Logout => {
            client.logout().await?;
            if !json {
                println!("Signed out of Potato Cloud. The token is deleted from the keyring.");
            }
        }
        KeysCommand::Generate { key_type, count } => {
            let keys = client.generate(key_type, count).await?;
            if json {
                output::json(&keys);
            } else {
                for k in &keys {
                    println!("{}", key_line(k));
                }
            }
        }
        KeysCommand::List {
            unused,
            used,
            key_type,
            page,
            page_size,
        } => {
            let query = KeyQuery {
                page,
                page_size,
                state: match (unused, used) {
                    (true, _) => Some(KeyState::Unused),
                    (_, true) => Some(KeyState::Used),
                    _ => None,
                },
                key_type,
                card: None,
            };
            let page = client.list(&query).await?;
            if json {
                output::json(&page);
            } else {
                print_page(&page);
            }
        }
        KeysCommand::Verify { key } => {
            let device = ccp_potato::device_id(data_dir)?;
            let verdict = client.verify(&key, &device).await?;
            if json {
                output::json(&verdict);
            } else {
                print_verdict(&verdict);
            }
            if !verdict.valid {
                return Err(Failure::new(exit::REFUSED, "the key is not valid"));
            }
        }
    }
    Ok(())
}

/// The environment's, else the keyring's.
async fn app_keys(config: &Config) -> Result<AppKeys> {
    let env = |name| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .map(SecretString::from)
    };
    let store = SecretStore::new(&config.keyring_service, config.use_keyring);
    let ask_key = match env(ENV_ASK_KEY) {
        Some(k) => k,
        None => store
            .get(ASK_KEY)
            .await
            .map_err(ccp_potato::Error::from)?
            .ok_or_else(|| {
                Failure::new(
                    exit::USAGE,
                    format!(
                        "no Potato Cloud askKey: run `ccp keys setup` (kept in the keyring) or set \
                     {ENV_ASK_KEY}"
                    ),
                )
            })?,
    };
    let sign_secret = match env(ENV_SIGN_SECRET) {
        Some(s) => Some(s),
        None => store
            .get(SIGN_SECRET)
            .await
            .map_err(ccp_potato::Error::from)?,
    };
    Ok(AppKeys::new(ask_key, sign_secret))
}

async fn setup(config: &Config, from_stdin: bool, json: bool) -> Result {
    let mut input = Input::new();
    let ask_key = input.secret("askKey: ", "askKey", from_stdin)?;
    if ask_key.expose_secret().trim().is_empty() {
        return Err(Failure::new(
            exit::USAGE,
            "the askKey is empty; nothing stored",
        ));
    }
    let sign_secret = input.secret(
        "Signing secret (empty: the app has signing off): ",
        "signing secret",
        from_stdin,
    )?;
    let keys = AppKeys::new(
        SecretString::from(ask_key.expose_secret().trim()),
        Some(SecretString::from(sign_secret.expose_secret().trim())),
    );
    let store = SecretStore::new(&config.keyring_service, true);
    keys.save(&store).await?;
    if json {
        output::json(&serde_json::json!({ "stored": true, "signing": keys.signing() }));
    } else {
        println!(
            "Stored the askKey{} in the keyring for {}.",
            if keys.signing() {
                " and the signing secret"
            } else {
                " (signing off)"
            },
            config.server
        );
    }
    Ok(())
}

fn time_text(t: &Option<KeyTime>) -> String {
    match t {
        None => "-".to_owned(),
        Some(KeyTime::Millis(ms)) => {
            let f = time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
            );
            time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
                .ok()
                .and_then(|t| t.format(f).ok())
                .unwrap_or_else(|| ms.to_string())
        }
        Some(KeyTime::Text(t)) => output::clean(t).into_owned(),
    }
}

fn key_line(k: &CardKey) -> String {
    let kind = k
        .key_type
        .map(|t| t.to_string())
        .or_else(|| k.type_code.map(|c| format!("type {c}")))
        .unwrap_or_else(|| "?".into());
    let state = match k.state {
        Some(KeyState::Unused) => "unused",
        Some(KeyState::Used) => "used",
        None => "?",
    };
    format!(
        "{}  {kind:<9}  {state:<6}  created {}  expires {}",
        output::clean(&k.card),
        time_text(&k.created),
        time_text(&k.expires)
    )
}

fn print_page(page: &KeyPage) {
    if page.keys.is_empty() {
        println!("No keys.");
        return;
    }
    for k in &page.keys {
        println!("{}", key_line(k));
    }
    let of = match (page.total, page.pages) {
        (Some(total), Some(pages)) => format!(" of {pages} ({total} keys)"),
        (Some(total), None) => format!(" ({total} keys)"),
        _ => String::new(),
    };
    eprintln!("Page {}{of}", page.page);
}

fn print_verdict(v: &Verification) {
    let kind = v
        .key_type
        .map(|t| t.to_string())
        .unwrap_or_else(|| "?".into());
    let until = v
        .expires
        .as_deref()
        .map(|e| format!(", valid until {}", output::clean(e)))
        .unwrap_or_else(|| " (no expiry)".into());
    if v.valid {
        println!("Valid {kind} key{until}.");
    } else {
        println!(
            "Not valid{}.",
            v.remark
                .as_deref()
                .map(|r| format!(": {}", output::clean(r)))
                .unwrap_or_default()
        );
    }
}
