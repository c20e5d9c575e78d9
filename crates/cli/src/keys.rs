//! `ccp keys …`: Potato Cloud card keys over ccp-potato. The app's askKey and signing secret
//! come from the environment (`CCP_POTATO_ASK_KEY`, `CCP_POTATO_SIGN_SECRET`) or the OS
//! keyring (`ccp keys setup`), never from the command line (visible in `ps`); the user's
//! token lives in the keyring.

use crate::args::{Cli, KeysCommand};
use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, pad, t, tf};
use crate::input::Input;
use crate::output;
use ccp_model::potato::{CardKey, KeyPage, KeyQuery, KeyState, KeyTime, KeyType, Verification};
use ccp_potato::secrets::{ASK_KEY, SIGN_SECRET};
use ccp_potato::{AppKeys, Config, PotatoClient, SecretStore};
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
    let lang = cli.language();
    if let KeysCommand::Setup { stdin } = cmd {
        return setup(&config, lang, stdin, json).await;
    }
    let app = app_keys(&config).await?;
    let client = PotatoClient::new(config, app)?;
    match cmd {
        KeysCommand::Setup { .. } => unreachable!("handled above"),
        KeysCommand::Login {
            user,
            password_stdin,
        } => {
            let mut input = Input::new(lang);
            let user = match user {
                Some(u) => u,
                None => input.line(Text::PromptPotatoUser, Text::WhatUserNumber)?,
            };
            let password =
                input.secret(Text::PromptPassword, Text::WhatPassword, password_stdin)?;
            let session = client.login(&user, &password).await?;
            if !session.kept_in_keyring {
                eprintln!("ccp: {}", t(lang, Text::PotatoNotKept));
            }
            output::either(json, &session, |s| {
                let user = output::clean(&s.user_number).into_owned();
                println!("{}", tf(lang, Text::PotatoSignedIn, &[&user]));
            });
        }
        KeysCommand::Logout => {
            client.logout().await?;
            if !json {
                println!("{}", t(lang, Text::PotatoSignedOut));
            }
        }
        KeysCommand::Generate { key_type, count } => {
            let keys = client.generate(key_type, count).await?;
            output::either(json, &keys, |keys| {
                for k in keys {
                    println!("{}", key_line(lang, k));
                }
            });
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
            output::either(json, &page, |p| print_page(lang, p));
        }
        KeysCommand::Verify => {
            let key = Input::new(lang).secret(Text::PromptCardKey, Text::WhatCardKey, false)?;
            let device = ccp_potato::device_id(data_dir)?;
            let verdict = client.verify(key.expose_secret(), &device).await?;
            output::either(json, &verdict, |v| print_verdict(lang, v));
            if !verdict.valid {
                return Err(Failure::new(exit::REFUSED, Text::KeyNotValid, &[]));
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
            .ok_or_else(|| Failure::new(exit::USAGE, Text::NoAskKey, &[&ENV_ASK_KEY]))?,
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

async fn setup(config: &Config, lang: Lang, from_stdin: bool, json: bool) -> Result {
    let mut input = Input::new(lang);
    let ask_key = input.secret(Text::PromptAskKey, Text::WhatAskKey, from_stdin)?;
    if ask_key.expose_secret().trim().is_empty() {
        return Err(Failure::new(exit::USAGE, Text::AskKeyEmpty, &[]));
    }
    let sign_secret = input.secret(Text::PromptSignSecret, Text::WhatSignSecret, from_stdin)?;
    let keys = AppKeys::new(
        SecretString::from(ask_key.expose_secret().trim()),
        Some(SecretString::from(sign_secret.expose_secret().trim())),
    );
    let store = SecretStore::new(&config.keyring_service, true);
    keys.save(&store).await?;
    if json {
        output::json(&serde_json::json!({ "stored": true, "signing": keys.signing() }));
    } else {
        let stored = if keys.signing() {
            Text::StoredSigning
        } else {
            Text::StoredNoSigning
        };
        println!("{}", tf(lang, stored, &[&config.server]));
    }
    Ok(())
}

fn time_text(t: &Option<KeyTime>) -> String {
    match t {
        None => "-".to_owned(),
        Some(KeyTime::Millis(ms)) => {
            let f = time::macros::format_description!(
                // untranslated: a time format (UTC is written so in every language)
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

/// A key type's name in `lang` ("year").
fn type_name(lang: Lang, key_type: KeyType) -> &'static str {
    t(
        lang,
        match key_type {
            KeyType::Day => Text::KeyDay,
            KeyType::Week => Text::KeyWeek,
            KeyType::Month => Text::KeyMonth,
            KeyType::Quarter => Text::KeyQuarter,
            KeyType::Year => Text::KeyYear,
            KeyType::Permanent => Text::KeyPermanent,
        },
    )
}

fn key_line(lang: Lang, k: &CardKey) -> String {
    let kind = k
        .key_type
        .map(|kt| type_name(lang, kt).to_owned())
        .or_else(|| k.type_code.map(|c| tf(lang, Text::KeyTypeNumber, &[&c])))
        .unwrap_or_else(|| "?".into());
    let state = match k.state {
        Some(KeyState::Unused) => t(lang, Text::KeyUnused),
        Some(KeyState::Used) => t(lang, Text::KeyUsed),
        None => "?",
    };
    [
        output::clean(&k.card).into_owned(),
        pad(&kind, 9),
        pad(state, 6),
        tf(lang, Text::KeyCreated, &[&time_text(&k.created)]),
        tf(lang, Text::KeyExpires, &[&time_text(&k.expires)]),
    ]
    .join("  ")
}

fn print_page(lang: Lang, page: &KeyPage) {
    if page.keys.is_empty() {
        println!("{}", t(lang, Text::NoKeys));
        return;
    }
    for k in &page.keys {
        println!("{}", key_line(lang, k));
    }
    let footer = match (page.total, page.pages) {
        (Some(total), Some(pages)) => tf(lang, Text::PageOfTotal, &[&page.page, &pages, &total]),
        (Some(total), None) => tf(lang, Text::PageTotal, &[&page.page, &total]),
        _ => tf(lang, Text::Page, &[&page.page]),
    };
    eprintln!("{footer}");
}

fn print_verdict(lang: Lang, v: &Verification) {
    let kind = v.key_type.map_or("?", |kt| type_name(lang, kt));
    if v.valid {
        let line = match v.expires.as_deref() {
            Some(e) => tf(lang, Text::ValidUntil, &[&kind, &output::clean(e)]),
            None => tf(lang, Text::ValidNoExpiry, &[&kind]),
        };
        println!("{line}");
    } else {
        let line = match v.remark.as_deref() {
            Some(r) => tf(lang, Text::NotValidBecause, &[&output::clean(r)]),
            None => t(lang, Text::NotValid).to_owned(),
        };
        println!("{line}");
    }
}
