//! `ccp falpay …`: the FalPay open API's access token (seed 004), over ccp-falpay. Its own
//! server (`--falpay-server` / `CCP_FALPAY_SERVER`) and credentials (keyring or environment);
//! no ComeComePay server or session is involved.

use crate::args::{Cli, Command, FalpayCommand};
use crate::exit::{self, Failure};
use crate::input::Input;
use crate::output;
use ccp_falpay::{
    CredentialStore, Credentials, DEFAULT_KEYRING_BASE, FalPayClient, FalPayConfig, Source,
};
use secrecy::ExposeSecret;

type Result<T = ()> = std::result::Result<T, Failure>;

pub async fn run(cli: Cli) -> Result {
    let Command::Falpay(args) = cli.command else {
        unreachable!("only `ccp falpay` comes here")
    };
    let server = args.falpay_server.ok_or_else(|| {
        Failure::new(
            exit::USAGE,
            "no FalPay server: pass --falpay-server https://… or set CCP_FALPAY_SERVER",
        )
    })?;
    let config = FalPayConfig::new(&server)?;
    let base = cli
        .keyring_service
        .as_deref()
        .unwrap_or(DEFAULT_KEYRING_BASE);
    let store = CredentialStore::new(base, &config);
    match args.command {
        FalpayCommand::Token { show } => token(&config, &store, show, cli.json).await,
        FalpayCommand::Login { secret_stdin } => login(&config, &store, secret_stdin).await,
        FalpayCommand::Logout => {
            store.delete().await?;
            println!(
                "The FalPay client id and secret for {} are deleted from the keyring.",
                config.origin()
            );
            Ok(())
        }
    }
}

async fn token(config: &FalPayConfig, store: &CredentialStore, show: bool, json: bool) -> Result {
    let (credentials, source) = ccp_falpay::find_credentials(store).await?;
    let client = FalPayClient::new(config, credentials)?;
    let token = client.token().await?;
    let seconds_left = client.remaining(&token).as_secs();
    let from = match source {
        Source::Environment => "environment",
        Source::Keyring { .. } => "keyring",
    };
    if json {
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
    println!(
        "Scope         {}",
        token.scope().map_or("(not given)".into(), output::clean)
    );
    println!("Seconds left  {seconds_left}");
    println!("Credentials   {from}");
    if show {
        println!(
            "Token         {}",
            output::clean(token.secret().expose_secret())
        );
    }
    Ok(())
}

/// Reads the id and the secret, asks the server for a token with them, and stores them only
/// when it gave one.
async fn login(config: &FalPayConfig, store: &CredentialStore, secret_stdin: bool) -> Result {
    let mut input = Input::new();
    let id = input.line("FalPay client id: ", "client id")?;
    let secret = input.secret("FalPay client secret: ", "client secret", secret_stdin)?;
    let credentials = Credentials::new(&id, secret)?;
    let client = FalPayClient::new(config, credentials.clone())?;
    let token = client.token().await?;
    store.save(&credentials).await?;
    println!(
        "FalPay accepted client {} (scope {}); its id and secret are in the keyring ({}).",
        output::clean(credentials.client_id()),
        token.scope().map_or("not given".into(), output::clean),
        output::clean(store.service())
    );
    Ok(())
}
