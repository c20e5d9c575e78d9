//! One function per subcommand, each a few calls into ccp-core.

use crate::args::{CardCommand, Cli, Command, KycCommand, KycStartArgs, MessagesCommand};
use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, t, tf};
use crate::input::Input;
use crate::output;
use ccp_core::{Config, Core, Resource, SessionPersistence, now_unix};
use ccp_model::api::MessageKind;
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
    let lang = cli.language();
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(Config::default_data_dir);
    // The browser's manifests need no server either.
    if let Command::Browser(cmd) = &cli.command {
        return crate::browser::run(cli.language(), cmd);
    }
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
        .ok_or_else(|| Failure::new(exit::USAGE, Text::NoServer, &[]))?;
    let mut config = match cli.allow_insecure_http {
        true => Config::with_insecure_http(&server, data_dir)?,
        false => Config::new(&server, data_dir)?,
    };
    if config.is_insecure() {
        eprintln!(
            "ccp: {}",
            tf(lang, Text::InsecureWarning, &[&config.server])
        );
    }
    config.language = cli.language();
    if let Some(service) = &cli.keyring_service {
        config.keyring_service = service.clone();
    }
    let core = Core::open(config).await?;
    refreeze_due(&core, lang, cli.json).await;
    let outcome = command(&core, cli).await;
    core.close().await;
    outcome
}

async fn command(core: &Core, cli: Cli) -> Result {
    let json = cli.json;
    let lang = cli.language();
    match cli.command {
        Command::Login {
            email,
            password_stdin,
        } => login(core, lang, email, password_stdin, json).await,
        Command::Logout => {
            core.logout().await?;
            if !json {
                println!("{}", t(lang, Text::SignedOut));
            }
            Ok(())
        }
        Command::Status => status(core, lang, json).await,
        Command::Sync => {
            signed_in(core)?;
            core.sync_now().await?;
            status(core, lang, json).await
        }
        Command::Cards => {
            let cards = fresh_or_cached(core, lang, Resource::Cards, core.cards()).await?;
            output::either(json, &cards, |c| output::cards(lang, &c.data));
            Ok(())
        }
        Command::Card(cmd) => card(core, lang, cmd, json).await,
        Command::Transactions { token, limit } => {
            transactions(core, lang, &token, limit, json).await
        }
        Command::Kyc {
            command: Some(KycCommand::Start(args)),
        } => kyc_start(core, lang, args, json).await,
        Command::Kyc { command: None } => {
            let kyc = fresh_or_cached(core, lang, Resource::Kyc, core.cached_kyc()).await?;
            output::either(json, &kyc, |k| output::kyc(lang, &k.data));
            Ok(())
        }
        Command::Codes { all, limit } => {
            // The window keeps the newest few in view; --all is every record the cache holds.
            let read = async {
                match (all, limit) {
                    (true, limit) => core.passcodes_up_to(limit.unwrap_or(u32::MAX)).await,
                    (false, _) => core.passcodes().await,
                }
            };
            let codes = fresh_or_cached(core, lang, Resource::Passcodes, read).await?;
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
                output::passcodes(lang, &shown, now, all);
            }
            Ok(())
        }
        Command::Watch => watch(core, lang, json).await,
        Command::Messages { command: None } => {
            let messages =
                fresh_or_cached(core, lang, Resource::Messages, core.cached_messages()).await?;
            output::either(json, &messages, |m| output::messages(lang, &m.data));
            Ok(())
        }
        Command::Messages {
            command: Some(MessagesCommand::Open { kind, id }),
        } => {
            signed_in(core)?;
            // clap accepted only the two codes.
            let kind = MessageKind::from_code(&kind).unwrap_or_default();
            let message = core.open_message(kind, &id).await?;
            output::either(json, &message, |m| output::message(lang, m));
            Ok(())
        }
        Command::Falpay(_) => unreachable!("handled before the core opens"),
        Command::Keys(_) => unreachable!("handled in run"),
        Command::Browser(_) => unreachable!("handled in run"),
        Command::Generate { .. } => unreachable!("handled in main"),
    }
}

/// `ccp kyc start`: the options over the profile's draft, checked as the app checks its form;
/// each problem is printed on its own line (exit 2, nothing sent).
async fn kyc_start(core: &Core, lang: Lang, args: KycStartArgs, json: bool) -> Result {
    signed_in(core)?;
    let applicant = args.over(core.kyc_applicant_draft());
    let problems = applicant.validate();
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("ccp: {}", problem_line(lang, p, args.gives(p.field)));
        }
        return Err(Failure::new(exit::USAGE, Text::KycNotStarted, &[]));
    }
    let url = core.start_kyc(&applicant).await?;
    if json {
        output::json(&KycStarted {
            url,
            ask_first: None,
        });
    } else {
        println!("{}", t(lang, Text::KycOpenPage));
        println!("{}", output::clean(&url));
        println!("{}", t(lang, Text::KycThen));
    }
    Ok(())
}

/// `--phone must be 4-15 digits …`. A value taken from the profile says so, since the user
/// did not type it; the value itself is never printed.
fn problem_line(lang: Lang, p: &FieldProblem, given: bool) -> String {
    let option = format!("--{}", p.field.as_str().replace('_', "-"));
    let problem = describe(lang, p);
    if given || p.problem == FieldProblemKind::Missing {
        format!("{option} {problem}")
    } else {
        tf(lang, Text::FromProfile, &[&option, &problem, &option])
    }
}

/// What is wrong with a field, without its name: "is too long (at most 50 characters)".
fn describe(lang: Lang, p: &FieldProblem) -> String {
    let text = match p.problem {
        FieldProblemKind::Missing => Text::ProblemMissing,
        FieldProblemKind::TooLong => {
            return tf(lang, Text::ProblemTooLong, &[&p.field.max_len()]);
        }
        FieldProblemKind::ControlCharacter => Text::ProblemControl,
        FieldProblemKind::NotLatin => Text::ProblemNotLatin,
        FieldProblemKind::InvalidCountryCode => Text::ProblemCountry,
        FieldProblemKind::InvalidAreaCode => Text::ProblemAreaCode,
        FieldProblemKind::InvalidPhone => Text::ProblemPhone,
        FieldProblemKind::InvalidPostCode => Text::ProblemPostCode,
    };
    t(lang, text).to_owned()
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
    lang: Lang,
    resource: Resource,
    cached: impl Future<Output = ccp_core::Result<Fetched<T>>>,
) -> Result<Fetched<T>> {
    signed_in(core)?;
    match core.sync_resource(resource).await {
        Ok(()) => {
            let unreadable = core.sync_status().unreadable_records;
            if resource == Resource::Passcodes && unreadable > 0 {
                eprintln!("ccp: {}", tf(lang, Text::UnreadableRecords, &[&unreadable]));
            }
            Ok(cached.await?)
        }
        Err(e) => fall_back(e, lang, cached).await,
    }
}

/// The cached copy when `e` says the server cannot be reached; any other error stands.
async fn fall_back<T>(
    e: ccp_core::Error,
    lang: Lang,
    cached: impl Future<Output = ccp_core::Result<Fetched<T>>>,
) -> Result<Fetched<T>> {
    if !e.is_unreachable() {
        return Err(e.into());
    }
    let data = cached.await?;
    match data.fetched_at {
        Some(at) => {
            let said = output::clean(&Failure::from(e).render(lang)).into_owned();
            let age = output::age(lang, at, now_unix());
            eprintln!("ccp: {}", tf(lang, Text::CachedCopy, &[&said, &age]));
            Ok(data)
        }
        None => Err(Failure::from(e).with_hint(Text::NothingCached)),
    }
}

async fn login(
    core: &Core,
    lang: Lang,
    email: Option<String>,
    password_stdin: bool,
    json: bool,
) -> Result {
    let mut input = Input::new(lang);
    let email = match email {
        Some(e) => e,
        None => input.line(Text::PromptEmail, Text::WhatEmail)?,
    };
    let password = input.secret(Text::PromptPassword, Text::WhatPassword, password_stdin)?;
    let session = match core.login(&email, password).await? {
        LoginOutcome::SignedIn { session } => session,
        LoginOutcome::OtpSent { email } => {
            enter_code(core, lang, &mut input, &email, password_stdin).await?
        }
    };
    if let SessionPersistence::MemoryOnly { reason } = core.persistence() {
        let reason = output::clean(&reason).into_owned();
        eprintln!("ccp: {}", tf(lang, Text::SessionNotKept, &[&reason]));
    }
    // Fill the cache so read commands work offline from now on; not fatal if it fails.
    if let Err(e) = core.sync_now().await {
        let said = output::clean(&Failure::from(e).render(lang)).into_owned();
        eprintln!("ccp: {}", tf(lang, Text::FirstSyncFailed, &[&said]));
    }
    output::either(json, &session, |s| {
        let email = output::clean(&s.email).into_owned();
        println!("{}", tf(lang, Text::SignedInAs, &[&email]));
    });
    Ok(())
}

/// Asks for the e-mailed code until the server takes one: a wrong one may be typed again (the
/// server counts attempts), an empty line e-mails a new code (or says how long until one may
/// be asked for). A bounded number of prompts, so piped input cannot loop for ever.
async fn enter_code(
    core: &Core,
    lang: Lang,
    input: &mut Input,
    email: &str,
    from_stdin: bool,
) -> std::result::Result<SessionInfo, Failure> {
    const PROMPTS: usize = 6;
    let shown = output::clean(email);
    for prompt in 1..=PROMPTS {
        let prompt_text = tf(lang, Text::PromptCode, &[&shown]);
        let otp = input.secret_prompt(&prompt_text, Text::WhatCode, from_stdin)?;
        if otp.expose_secret().trim().is_empty() {
            match core.resend_otp(email).await {
                Ok(()) => eprintln!("ccp: {}", tf(lang, Text::NewCodeSent, &[&shown])),
                Err(e) => match e.retry_after() {
                    Some(wait) => {
                        let wait = output::countdown(wait.as_secs() as i64);
                        eprintln!("ccp: {}", tf(lang, Text::CodeSentRecently, &[&wait]));
                    }
                    None => return Err(e.into()),
                },
            }
            continue;
        }
        match core.verify_otp(email, otp).await {
            Ok(session) => return Ok(session),
            // The kind's sentence says to type it again.
            Err(e @ ccp_core::Error::WrongCode { .. }) if prompt < PROMPTS => {
                eprintln!("ccp: {}", output::clean(&Failure::from(e).render(lang)));
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Failure::new(exit::AUTH, Text::NoCodeAccepted, &[]))
}

async fn status(core: &Core, lang: Lang, json: bool) -> Result {
    let snapshot = core.snapshot().await?;
    if json {
        let persistence = match core.persistence() {
            // untranslated: JSON
            SessionPersistence::Keyring => "keyring".to_owned(),
            // untranslated: JSON
            SessionPersistence::MemoryOnly { reason } => format!("memory only ({reason})"),
        };
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
    let when = |at: Option<i64>| match at {
        Some(at) => tf(lang, Text::FetchedAgo, &[&output::age(lang, at, now)]),
        None => t(lang, Text::NeverFetched).to_owned(),
    };
    let kept = match core.persistence() {
        SessionPersistence::Keyring => t(lang, Text::PersistKeyring).to_owned(),
        SessionPersistence::MemoryOnly { reason } => tf(lang, Text::PersistMemory, &[&reason]),
    };
    let signed_in = match &snapshot.session {
        Some(s) => format!("{} ({})", output::clean(&s.email), output::clean(&kept)),
        None => t(lang, Text::NotSignedInRunLogin).to_owned(),
    };
    let cached = |count: usize, at| tf(lang, Text::CachedCount, &[&count, &when(at)]);
    output::labelled(
        lang,
        &[
            (Text::LabelServer, core.config().server.to_string()),
            (Text::LabelSignedIn, signed_in),
            (
                Text::LabelCards,
                cached(snapshot.cards.data.len(), snapshot.cards.fetched_at),
            ),
            (
                Text::LabelPasscodes,
                cached(snapshot.passcodes.data.len(), snapshot.passcodes.fetched_at),
            ),
            (Text::LabelKyc, when(snapshot.kyc.fetched_at)),
        ],
    );
    Ok(())
}

/// A card unfrozen "for one checkout" whose time ran out while no app ran is frozen now, and
/// said so on stderr (so `--json` output stays one document).
async fn refreeze_due(core: &Core, lang: Lang, json: bool) {
    let now = now_unix();
    for r in core.refreeze_due().await {
        let ended = output::age(lang, r.deadline, now);
        let line = match (&r.card, &r.error) {
            (Some(card), _) => tf(
                lang,
                Text::Refrozen,
                &[&output::clean(&card.masked_number), &ended],
            ),
            (None, error) => tf(
                lang,
                Text::RefreezeFailed,
                &[
                    &r.public_token,
                    &output::clean(error.as_deref().unwrap_or_default()),
                ],
            ),
        };
        if !json || r.error.is_some() {
            eprintln!("ccp: {line}");
        }
    }
}

/// "Wasn't me": every active card frozen at once; what was and what was not, and what next.
async fn freeze_all(core: &Core, lang: Lang, yes: bool, json: bool) -> Result {
    if !yes {
        return Err(Failure::new(exit::USAGE, Text::FreezeAllAsks, &[]));
    }
    signed_in(core)?;
    let report = core.freeze_all().await?;
    if json {
        output::json(&report);
    } else if report.frozen.is_empty() && report.failed.is_empty() {
        println!("{}", t(lang, Text::NothingToFreeze));
    } else {
        for card in &report.frozen {
            println!(
                "{}",
                tf(
                    lang,
                    Text::FrozenNow,
                    &[&output::clean(&card.masked_number)]
                )
            );
        }
        for (card, why) in &report.failed {
            let number = output::clean(&card.masked_number);
            eprintln!(
                "ccp: {}",
                tf(lang, Text::NotFrozen, &[&number, &output::clean(why)])
            );
        }
        println!("{}", t(lang, Text::AfterFreezeAll));
    }
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            exit::FAILURE,
            Text::SomeNotFrozen,
            &[&report.failed.len()],
        ))
    }
}

async fn card(core: &Core, lang: Lang, cmd: CardCommand, json: bool) -> Result {
    let (token, action) = match cmd {
        CardCommand::Show { token } => {
            let cards = fresh_or_cached(core, lang, Resource::Cards, core.cards()).await?;
            let card = cards
                .data
                .into_iter()
                .find(|c| c.public_token == token)
                .ok_or_else(|| Failure::new(exit::FAILURE, Text::NoCard, &[&token]))?;
            output::either(json, &card, |c| output::card(lang, c));
            return Ok(());
        }
        CardCommand::Freeze { token } => (token, CardAction::Freeze),
        CardCommand::Unfreeze {
            token,
            for_a_while: Some(d),
        } => {
            signed_in(core)?;
            let card = core.unfreeze_for(&token, d).await?;
            output::either(json, &card, |c| {
                let number = output::clean(&c.masked_number).into_owned();
                let left = ccp_model::i18n::countdown(d.as_secs() as i64);
                println!("{}", tf(lang, Text::UnfrozenFor, &[&number, &left]));
            });
            return Ok(());
        }
        CardCommand::Unfreeze { token, .. } => (token, CardAction::Unfreeze),
        CardCommand::FreezeAll { yes } => return freeze_all(core, lang, yes, json).await,
        CardCommand::Cancel { token, yes } => {
            if !yes {
                return Err(Failure::new(exit::USAGE, Text::CancelIsFinal, &[&token]));
            }
            (token, CardAction::Cancel)
        }
    };
    signed_in(core)?;
    let card = core.card_action(&token, action).await?;
    output::either(json, &card, |c| {
        let number = output::clean(&c.masked_number).into_owned();
        let status = output::clean(&c.status.to_string()).into_owned();
        println!("{}", tf(lang, Text::CardNowStatus, &[&number, &status]));
    });
    Ok(())
}

async fn transactions(core: &Core, lang: Lang, token: &str, limit: u32, json: bool) -> Result {
    signed_in(core)?;
    let view = match core.transactions(token, limit).await {
        Ok(view) => Fetched {
            data: view,
            fetched_at: Some(now_unix()),
        },
        Err(e) => fall_back(e, lang, core.cached_transactions(token)).await?,
    };
    let unreadable = view.data.unreadable;
    if unreadable > 0 {
        eprintln!(
            "ccp: {}",
            tf(lang, Text::UnreadableTransactions, &[&unreadable])
        );
    }
    output::either(json, &view, |v| output::transactions(lang, &v.data));
    Ok(())
}

/// Polls as the app does in front (fast cadence) and prints each new passcode.
async fn watch(core: &Core, lang: Lang, json: bool) -> Result {
    signed_in(core)?;
    let mut events = core.subscribe();
    let sync = core.start_sync();
    core.set_foreground(true);
    if !json {
        eprintln!("{}", t(lang, Text::Watching));
    }
    let outcome = print_passcodes(&mut events, lang, json).await;
    // The pollers finish what they are doing before the cache closes.
    sync.shutdown().await;
    outcome
}

/// Prints each new passcode until Ctrl+C, a sign-out or the end of the events.
async fn print_passcodes(
    events: &mut tokio::sync::broadcast::Receiver<AppEvent>,
    lang: Lang,
    json: bool,
) -> Result {
    let mut last = Connectivity::Unknown;
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return Ok(()),
            event = events.recv() => match event {
                Ok(AppEvent::NewPasscode(p)) => {
                    if json {
                        output::json(&p);
                    } else {
                        println!("{}", output::passcode_line(lang, &p, now_unix()));
                    }
                }
                Ok(AppEvent::SignedOut { reason }) => {
                    return Err(Failure::new(exit::AUTH, Text::SignedOutReason, &[&reason]));
                }
                Ok(AppEvent::Sync(status)) if status.connectivity != last => {
                    if status.connectivity == Connectivity::Offline {
                        eprintln!("ccp: {}", t(lang, Text::OfflineRetrying));
                    } else if last == Connectivity::Offline {
                        eprintln!("ccp: {}", t(lang, Text::BackOnline));
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
