//! One function per subcommand, each a few calls into ccp-core.

use crate::args::{CardCommand, Cli, Command, KycCommand, KycStartArgs};
use crate::exit::{self, Failure};
use crate::input::Input;
use crate::output;
use ccp_core::{Config, Core, Resource, SessionPersistence, now_unix};
use ccp_model::ipc::{
    AppEvent, CardAction, FieldProblem, FieldProblemKind, KycStarted, LoginOutcome,
};
use ccp_model::view::{Connectivity, Fetched, SessionInfo};
use secrecy::ExposeSecret;
use std::future::Future;

type Result<T = ()> = std::result::Result<T, Failure>;

pub async fn run(mut cli: Cli) -> Result {
    // FalPay has its own server and credentials: no ComeComePay server or session needed.
    if let Command::Falpay(_) = &cli.command {
        return crate::falpay::run(cli).await;
    }
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(Config::default_data_dir);
    // Potato Cloud needs no ComeComePay server.
    if matches!(cli.command, Command::Keys(_)) {
        let Command::Keys(cmd) = std::mem::replace(&mut cli.command, Command::Status) else {
            unreachable!("matched above");
        };
        return crate::keys::run(&cli, &data_dir, cmd).await;
    }
    let server = cli
        .server
        .clone()
        .or(Config::BUILD_DEFAULT_SERVER.map(str::to_owned))
        .ok_or_else(|| {
            Failure::new(
                exit::USAGE,
                "no server: pass --server https://… or set CCP_SERVER (this build has no \
                 default; builds made with CCP_DEFAULT_SERVER=https://… have one)",
            )
        })?;
    let mut config = match cli.allow_insecure_http {
        true => Config::with_insecure_http(&server, data_dir)?,
        false => Config::new(&server, data_dir)?,
    };
    if config.is_insecure() {
        eprintln!(
            "ccp: warning: plain http to {}: passwords, codes and tokens travel unencrypted",
            config.server
        );
    }
    config.language = cli.lang.clone();
    if let Some(service) = &cli.keyring_service {
        config.keyring_service = service.clone();
    }
    let core = Core::open(config).await?;
    let outcome = command(&core, cli).await;
    core.close().await;
    outcome
}

async fn command(core: &Core, cli: Cli) -> Result {
    let json = cli.json;
    match cli.command {
        Command::Login {
            email,
            password_stdin,
        } => login(core, email, password_stdin, json).await,
        Command::Logout => {
            core.logout().await?;
            if !json {
                println!("Signed out. The local cache and the keyring entries are deleted.");
            }
            Ok(())
        }
        Command::Status => status(core, json).await,
        Command::Sync => {
            signed_in(core)?;
            core.sync_now().await?;
            status(core, json).await
        }
        Command::Cards => {
            let cards = fresh_or_cached(core, Resource::Cards, core.cards()).await?;
            if json {
                output::json(&cards);
            } else {
                output::cards(&cards.data);
            }
            Ok(())
        }
        Command::Card(cmd) => card(core, cmd, json).await,
        Command::Transactions { token, limit } => transactions(core, &token, limit, json).await,
        Command::Kyc {
            command: Some(KycCommand::Start(args)),
        } => kyc_start(core, args, json).await,
        Command::Kyc { command: None } => {
            let kyc = fresh_or_cached(core, Resource::Kyc, core.cached_kyc()).await?;
            if json {
                output::json(&kyc);
            } else {
                output::kyc(&kyc.data);
            }
            Ok(())
        }
        Command::Codes { all } => {
            let codes = fresh_or_cached(core, Resource::Passcodes, core.passcodes()).await?;
            let now = now_unix();
            let shown: Vec<_> = codes
                .data
                .iter()
                .filter(|p| all || p.is_live(now))
                .collect();
            if json {
                output::json(&Fetched {
                    data: shown,
                    fetched_at: codes.fetched_at,
                });
            } else {
                output::passcodes(&shown, now, all);
            }
            Ok(())
        }
        Command::Watch => watch(core, json).await,
        Command::Falpay(_) => unreachable!("handled before the core opens"),
        Command::Keys(_) => unreachable!("handled in run"),
    }
}

/// `ccp kyc start`: the options over the profile's draft, checked as the app checks its form;
/// each problem is printed on its own line (exit 2, nothing sent).
async fn kyc_start(core: &Core, args: KycStartArgs, json: bool) -> Result {
    signed_in(core)?;
    let applicant = args.over(core.kyc_applicant_draft());
    let problems = applicant.validate();
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("ccp: {}", problem_line(p, args.gives(p.field)));
        }
        return Err(Failure::new(
            exit::USAGE,
            "KYC was not started (nothing was sent): fix the options above",
        ));
    }
    let url = core.start_kyc(&applicant).await?;
    if json {
        output::json(&KycStarted { url });
    } else {
        println!("Open this page in your browser to verify your identity:");
        println!("{}", output::clean(&url));
        println!("Then `ccp kyc` shows how the review goes.");
    }
    Ok(())
}

/// `--phone must be 4-15 digits …`. A value taken from the profile says so, since the user
/// did not type it; the value itself is never printed.
fn problem_line(p: &FieldProblem, given: bool) -> String {
    let option = format!("--{}", p.field.as_str().replace('_', "-"));
    if given || p.problem == FieldProblemKind::Missing {
        format!("{option} {}", p.describe())
    } else {
        format!(
            "{option} (taken from your profile) {}; pass {option}",
            p.describe()
        )
    }
}

fn signed_in(core: &Core) -> Result {
    if core.is_signed_in() {
        Ok(())
    } else {
        Err(ccp_core::Error::NotSignedIn.into())
    }
}

/// Refreshes one resource from the server; when the server cannot be reached, the cached copy
/// is shown instead, with a note of how old it is on stderr.
async fn fresh_or_cached<T>(
    core: &Core,
    resource: Resource,
    cached: impl Future<Output = ccp_core::Result<Fetched<T>>>,
) -> Result<Fetched<T>> {
    signed_in(core)?;
    match core.sync_resource(resource).await {
        Ok(()) => {
            let unreadable = core.sync_status().unreadable_records;
            if resource == Resource::Passcodes && unreadable > 0 {
                eprintln!("ccp: {unreadable} 3-D Secure records could not be read (skipped)");
            }
            Ok(cached.await?)
        }
        Err(e) => fall_back(e, cached).await,
    }
}

/// The cached copy when `e` says the server cannot be reached; any other error stands.
async fn fall_back<T>(
    e: ccp_core::Error,
    cached: impl Future<Output = ccp_core::Result<Fetched<T>>>,
) -> Result<Fetched<T>> {
    if !e.is_unreachable() {
        return Err(e.into());
    }
    let data = cached.await?;
    match data.fetched_at {
        Some(at) => {
            eprintln!(
                "ccp: {}; showing the copy cached {}",
                output::clean(&e.to_string()),
                output::age(at, now_unix())
            );
            Ok(data)
        }
        None => Err(Failure::new(
            exit::OFFLINE,
            format!("{e}; nothing is cached yet"),
        )),
    }
}

async fn login(core: &Core, email: Option<String>, password_stdin: bool, json: bool) -> Result {
    let mut input = Input::new();
    let email = match email {
        Some(e) => e,
        None => input.line("E-mail: ", "e-mail")?,
    };
    let password = input.secret("Password: ", "password", password_stdin)?;
    let session = match core.login(&email, password).await? {
        LoginOutcome::SignedIn { session } => session,
        LoginOutcome::OtpSent { email } => {
            enter_code(core, &mut input, &email, password_stdin).await?
        }
    };
    if let SessionPersistence::MemoryOnly { reason } = core.persistence() {
        eprintln!(
            "ccp: warning: no usable OS keyring ({reason}); this session is not kept after this command"
        );
    }
    // Fill the cache so read commands work offline from now on; not fatal if it fails.
    if let Err(e) = core.sync_now().await {
        eprintln!(
            "ccp: signed in, but the first sync failed: {}",
            output::clean(&e.to_string())
        );
    }
    if json {
        output::json(&session);
    } else {
        println!("Signed in as {}.", output::clean(&session.email));
    }
    Ok(())
}

/// Asks for the e-mailed code until the server takes one: a wrong one may be typed again (the
/// server counts attempts), an empty line e-mails a new code (or says how long until one may
/// be asked for). A bounded number of prompts, so piped input cannot loop for ever.
async fn enter_code(
    core: &Core,
    input: &mut Input,
    email: &str,
    from_stdin: bool,
) -> std::result::Result<SessionInfo, Failure> {
    const PROMPTS: usize = 6;
    let shown = output::clean(email);
    for prompt in 1..=PROMPTS {
        let otp = input.secret(
            &format!("Code e-mailed to {shown} (empty: send a new one): "),
            "one-time code",
            from_stdin,
        )?;
        if otp.expose_secret().trim().is_empty() {
            match core.resend_otp(email).await {
                Ok(()) => eprintln!("ccp: a new code is on its way to {shown}"),
                Err(e) => match e.retry_after() {
                    Some(wait) => eprintln!(
                        "ccp: a code was sent recently; you can ask for a new one in {}",
                        output::countdown(wait.as_secs() as i64)
                    ),
                    None => return Err(e.into()),
                },
            }
            continue;
        }
        match core.verify_otp(email, otp).await {
            Ok(session) => return Ok(session),
            Err(e @ ccp_core::Error::WrongCode { .. }) if prompt < PROMPTS => {
                eprintln!("ccp: {}; type it again", output::clean(&e.to_string()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Failure::new(exit::AUTH, "no code was accepted"))
}

async fn status(core: &Core, json: bool) -> Result {
    let snapshot = core.snapshot().await?;
    let persistence = match core.persistence() {
        SessionPersistence::Keyring => "keyring".to_owned(),
        SessionPersistence::MemoryOnly { reason } => format!("memory only ({reason})"),
    };
    if json {
        output::json(&serde_json::json!({
            "server": core.config().server.as_str(),
            "signed_in": snapshot.session.is_some(),
            "session": snapshot.session,
            "persistence": persistence,
            "cards_fetched_at": snapshot.cards.fetched_at,
            "passcodes_fetched_at": snapshot.passcodes.fetched_at,
            "kyc_fetched_at": snapshot.kyc.fetched_at,
            "sync": snapshot.sync,
        }));
        return Ok(());
    }
    let now = now_unix();
    let when = |t: Option<i64>| t.map_or("never".to_owned(), |t| output::age(t, now));
    println!("Server     {}", core.config().server);
    match &snapshot.session {
        Some(s) => println!(
            "Signed in  {} ({})",
            output::clean(&s.email),
            output::clean(&persistence)
        ),
        None => println!("Signed in  no (run `ccp login`)"),
    }
    println!(
        "Cards      {} cached, fetched {}",
        snapshot.cards.data.len(),
        when(snapshot.cards.fetched_at)
    );
    println!(
        "Passcodes  {} cached, fetched {}",
        snapshot.passcodes.data.len(),
        when(snapshot.passcodes.fetched_at)
    );
    println!("KYC        fetched {}", when(snapshot.kyc.fetched_at));
    Ok(())
}

async fn card(core: &Core, cmd: CardCommand, json: bool) -> Result {
    let (token, action) = match cmd {
        CardCommand::Show { token } => {
            let cards = fresh_or_cached(core, Resource::Cards, core.cards()).await?;
            let card = cards
                .data
                .into_iter()
                .find(|c| c.public_token == token)
                .ok_or_else(|| {
                    Failure::new(exit::FAILURE, format!("no card {token}: see `ccp cards`"))
                })?;
            if json {
                output::json(&card);
            } else {
                output::card(&card);
            }
            return Ok(());
        }
        CardCommand::Freeze { token } => (token, CardAction::Freeze),
        CardCommand::Unfreeze { token } => (token, CardAction::Unfreeze),
        CardCommand::Cancel { token, yes } => {
            if !yes {
                return Err(Failure::new(
                    exit::USAGE,
                    format!("cancelling a card is final: run `ccp card cancel {token} --yes`"),
                ));
            }
            (token, CardAction::Cancel)
        }
    };
    signed_in(core)?;
    let card = core.card_action(&token, action).await?;
    if json {
        output::json(&card);
    } else {
        println!(
            "Card {} is now {}.",
            output::clean(&card.masked_number),
            output::clean(&card.status.to_string())
        );
    }
    Ok(())
}

async fn transactions(core: &Core, token: &str, limit: u32, json: bool) -> Result {
    signed_in(core)?;
    let view = match core.transactions(token, limit).await {
        Ok(view) => Fetched {
            data: view,
            fetched_at: Some(now_unix()),
        },
        Err(e) => fall_back(e, core.cached_transactions(token)).await?,
    };
    let unreadable = view.data.unreadable;
    if unreadable > 0 {
        eprintln!("ccp: {unreadable} transactions could not be read (skipped)");
    }
    if json {
        output::json(&view);
    } else {
        output::transactions(&view.data);
    }
    Ok(())
}

/// Polls as the app does in front (fast cadence) and prints each new passcode.
async fn watch(core: &Core, json: bool) -> Result {
    signed_in(core)?;
    let mut events = core.subscribe();
    let _sync = core.start_sync();
    core.set_foreground(true);
    if !json {
        eprintln!("Watching for 3-D Secure passcodes (Ctrl-C to stop)…");
    }
    let mut last = Connectivity::Unknown;
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return Ok(()),
            event = events.recv() => match event {
                Ok(AppEvent::NewPasscode(p)) => {
                    if json {
                        output::json(&p);
                    } else {
                        println!("{}", output::passcode_line(&p, now_unix()));
                    }
                }
                Ok(AppEvent::SignedOut { reason }) => {
                    return Err(Failure::new(exit::AUTH, format!("signed out: {reason}")));
                }
                Ok(AppEvent::Sync(status)) if status.connectivity != last => {
                    if status.connectivity == Connectivity::Offline {
                        eprintln!("ccp: offline; retrying…");
                    } else if last == Connectivity::Offline {
                        eprintln!("ccp: back online");
                    }
                    last = status.connectivity;
                }
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return Ok(()),
            }
        }
    }
}
