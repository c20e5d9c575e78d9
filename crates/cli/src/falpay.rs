//! `ccp falpay …`: the FalPay open API's access token (seed 004), over ccp-falpay. Its own
//! server (`--falpay-server` / `CCP_FALPAY_SERVER`) and credentials (keyring or environment);
//! no ComeComePay server or session is involved.

use crate::args::{Cli, Command, FalpayCommand};
use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, t, tf};
use crate::input::Input;
use crate::output;
use ccp_falpay::{CredentialStore, Credentials, FalPayClient, FalPayConfig, Source};
use secrecy::ExposeSecret;

type Result<T = ()> = std::result::Result<T, Failure>;

pub async fn run(cli: Cli) -> Result {
    let lang = cli.language();
    let Command::Falpay(args) = cli.command else {
        unreachable!("only `ccp falpay` comes here")
    };
    let server = args
        .falpay_server
        .ok_or_else(|| Failure::new(exit::USAGE, Text::NoFalpayServer, &[]))?;
    let config = FalPayConfig::new(&server)?;
    let store = CredentialStore::new(cli.keyring_service.as_deref(), &config);
    match args.command {
        FalpayCommand::Token { show } => token(&config, &store, lang, show, cli.json).await,
        FalpayCommand::Login { secret_stdin } => login(&config, &store, lang, secret_stdin).await,
        FalpayCommand::Logout => {
            store.delete().await?;
            println!("{}", tf(lang, Text::FalpayDeleted, &[&config.origin()]));
            Ok(())
        }
    }
}

async fn token(
    config: &FalPayConfig,
    store: &CredentialStore,
    lang: Lang,
    show: bool,
    json: bool,
) -> Result {
    let (credentials, source) = ccp_falpay::find_credentials(store).await?;
    let client = FalPayClient::new(config, credentials)?;
    let token = client.token().await?;
    let seconds_left = client.remaining(&token).as_secs();
    if json {
        let from = match source {
            // untranslated: JSON
            Source::Environment => "environment",
            // untranslated: JSON
            Source::Keyring { .. } => "keyring",
        };
        let mut v = serde_json::json!({
            "scope": token.scope(),
            "token_type": token.token_type(),
            "seconds_left": seconds_left,
            "credentials": from,
        });
        if show {
            v["access_token"] = token.secret().expose_secret().into();
        }
        output::json(&v);
        return Ok(());
    }
    let scope = token
        .scope()
        .map_or(t(lang, Text::NotGiven).into(), output::clean);
    let from = t(
        lang,
        match source {
            Source::Environment => Text::FromEnvironment,
            Source::Keyring { .. } => Text::FromKeyring,
        },
    );
    let mut lines = vec![
        (Text::LabelScope, scope.into_owned()),
        (Text::LabelSecondsLeft, seconds_left.to_string()),
        (Text::LabelCredentials, from.to_owned()),
    ];
    if show {
        let secret = output::clean(token.secret().expose_secret()).into_owned();
        lines.push((Text::LabelToken, secret));
    }
    output::labelled(lang, &lines);
    Ok(())
}

/// Reads the id and the secret, asks the server for a token with them, and stores them only
/// when it gave one.
async fn login(
    config: &FalPayConfig,
    store: &CredentialStore,
    lang: Lang,
    secret_stdin: bool,
) -> Result {
    let mut input = Input::new(lang);
    let id = input.line(Text::PromptClientId, Text::WhatClientId)?;
    let secret = input.secret(
        Text::PromptClientSecret,
        Text::WhatClientSecret,
        secret_stdin,
    )?;
    let credentials = Credentials::new(&id, secret)?;
    let client = FalPayClient::new(config, credentials.clone())?;
    let token = client.token().await?;
    store.save(&credentials).await?;
    let scope = token
        .scope()
        .map_or(t(lang, Text::ScopeNotGiven).into(), output::clean);
    let said = tf(
        lang,
        Text::FalpayAccepted,
        &[
            &output::clean(credentials.client_id()),
            &scope,
            &output::clean(store.service()),
        ],
    );
    println!("{said}");
    Ok(())
}
