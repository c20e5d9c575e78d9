//! The window's commands: a few lines each, the work is in ccp-core. [`handler`] registers them
//! all; its list must equal `ccp_model::ipc::cmd::ALL` (a test checks).

use crate::error::{Error, Result};
use crate::notify;
use crate::state::AppState;
use crate::{browser, clipboard, export, i18n, kyc, lock, settings};
use ccp_model::api::{Message, TransactionDetail};
use ccp_model::ipc::{
    AppInfo, BrowserStatus, CardActionArgs, CardKeyArgs, CopyPasscodeArgs, ExportArgs, Exported,
    FeedArgs, HistoryArgs, KeysGenerateArgs, KeysLoginArgs, KeysSetupArgs, KeysStatus,
    KycApplicant, KycStarted, LockStatus, LoginArgs, LoginOutcome, OpenMessageArgs, RemovePinArgs,
    ResendOtpArgs, ServerChoice, SetPinArgs, Settings, TransactionDetailArgs, TransactionsArgs,
    UnfreezeForArgs, UnlockArgs, VerifyOtpArgs,
};
use ccp_model::potato::{CardKey, KeyPage, KeyQuery, Verification};
use ccp_model::view::{
    CardView, FeedView, Fetched, FreezeAllReport, MessagesView, PastPasscode, SessionInfo,
    Snapshot, TransactionsView,
};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        name: "ComeComePay Desktop".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        connection: state.launcher.connection(),
        default_server: ccp_core::Config::BUILD_DEFAULT_SERVER.map(str::to_owned),
        settings: state.launcher.settings(),
        update: state.launcher.update(),
        shortcut_problem: state.shortcut_problem(),
        unavailable: state.unavailable(),
        lock: state.lock.cached_status(),
        open_first: state.take_open_first(),
    }
}

/// Opens the announced release's download page in the browser. The address comes from the
/// core (https only), never from the window.
#[tauri::command]
pub fn open_update(app: AppHandle, state: State<'_, AppState>) -> Result<()> {
    let update = state.launcher.update();
    let url = update.and_then(|u| u.download_url);
    let url = url.ok_or(Error::NoUpdate)?;
    Ok(app.opener().open_url(url, None::<&str>)?)
}

/// Switches to another server (or the demo), signing out of the current one; answers with the
/// new picture of the app. A URL that is not acceptable fails before anything changes.
#[tauri::command]
pub async fn choose_server(state: State<'_, AppState>, args: ServerChoice) -> Result<AppInfo> {
    state.unlocked()?;
    state.launcher.choose(args).await?;
    Ok(app_info(state))
}

#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>) -> Result<Snapshot> {
    Ok(state.core()?.snapshot().await?)
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, args: LoginArgs) -> Result<LoginOutcome> {
    let password = args.password.into_secret();
    Ok(state.core()?.login(&args.email, password).await?)
}

#[tauri::command]
pub async fn verify_otp(state: State<'_, AppState>, args: VerifyOtpArgs) -> Result<SessionInfo> {
    let otp = args.otp.into_secret();
    Ok(state.core()?.verify_otp(&args.email, otp).await?)
}

#[tauri::command]
pub async fn resend_otp(state: State<'_, AppState>, args: ResendOtpArgs) -> Result<()> {
    Ok(state.core()?.resend_otp(&args.email).await?)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Result<()> {
    Ok(state.core()?.logout().await?)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Result<()> {
    let core = state.core()?;
    core.note_activity();
    Ok(core.sync_now().await?)
}

#[tauri::command]
pub async fn card_action(state: State<'_, AppState>, args: CardActionArgs) -> Result<CardView> {
    Ok(state
        .core()?
        .card_action(&args.public_token, args.action)
        .await?)
}

#[tauri::command]
pub async fn transactions(
    state: State<'_, AppState>,
    args: TransactionsArgs,
) -> Result<Fetched<TransactionsView>> {
    let page = args.page.unwrap_or(1);
    Ok(state
        .core()?
        .transactions_page(&args.public_token, page)
        .await?)
}

#[tauri::command]
pub async fn transaction_detail(
    state: State<'_, AppState>,
    args: TransactionDetailArgs,
) -> Result<Fetched<TransactionDetail>> {
    Ok(state
        .core()?
        .transaction_detail(&args.public_token, &args.transaction_id)
        .await?)
}

#[tauri::command]
pub async fn transaction_feed(
    state: State<'_, AppState>,
    args: FeedArgs,
) -> Result<Fetched<FeedView>> {
    Ok(state.core()?.transaction_feed(args.whole).await?)
}

#[tauri::command]
pub async fn messages(state: State<'_, AppState>) -> Result<Fetched<MessagesView>> {
    Ok(state.core()?.messages().await?)
}

#[tauri::command]
pub async fn open_message(state: State<'_, AppState>, args: OpenMessageArgs) -> Result<Message> {
    Ok(state.core()?.open_message(args.kind, &args.id).await?)
}

/// Asks where to save (the system's save dialog, in the user's language), then fetches every
/// transaction of the card and writes them there as CSV. `None`: the user closed the dialog.
#[tauri::command]
pub async fn export_transactions(
    app: AppHandle,
    state: State<'_, AppState>,
    args: ExportArgs,
) -> Result<Option<Exported>> {
    let lang = state.launcher.settings().language;
    export::transactions(&app, &state.core()?, lang, &args).await
}

#[tauri::command]
pub async fn start_kyc(
    app: AppHandle,
    state: State<'_, AppState>,
    args: KycApplicant,
) -> Result<KycStarted> {
    let url = state.core()?.start_kyc(&args).await?;
    Ok(kyc::started(&app, &state, url))
}

/// Opens the KYC link the user was asked about (see `kyc.rs`); only while unlocked.
#[tauri::command]
pub fn open_kyc(app: AppHandle, state: State<'_, AppState>) -> Result<()> {
    state.unlocked()?;
    kyc::open_kept(&app)
}

#[tauri::command]
pub async fn copy_passcode(state: State<'_, AppState>, args: CopyPasscodeArgs) -> Result<()> {
    let passcode = state.core()?.passcode(args.id).await?;
    let code = passcode.ok_or(Error::UnknownPasscode(args.id))?.passcode;
    clipboard::copy_for_a_while(code, state.clipboard_clear_after)
}

#[tauri::command]
pub async fn passcode_history(
    state: State<'_, AppState>,
    args: HistoryArgs,
) -> Result<Fetched<Vec<PastPasscode>>> {
    Ok(state
        .core()?
        .passcode_history(args.before_id, args.limit)
        .await?)
}

/// Saves the settings after applying what lives outside the app (see [`settings::apply`]).
#[tauri::command]
pub fn set_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    args: Settings,
) -> Result<Settings> {
    state.unlocked()?;
    settings::apply(&app, &state, &args)
}

#[tauri::command]
pub fn test_notification(app: AppHandle, state: State<'_, AppState>) -> Result<()> {
    let lang = state.launcher.settings().language;
    notify::notice(&app, i18n::t(lang, i18n::Text::TestBody))
}

#[tauri::command]
pub async fn keys_status(state: State<'_, AppState>) -> Result<KeysStatus> {
    state.unlocked()?;
    Ok(state.keys.status(state.potato_server()).await)
}

/// Keeps the app's Potato Cloud keys in the keyring and remembers the server.
#[tauri::command]
pub async fn keys_setup(state: State<'_, AppState>, args: KeysSetupArgs) -> Result<KeysStatus> {
    state.unlocked()?;
    let server = args.server.trim().to_owned();
    state.keys.setup(args).await?;
    let settings = Settings {
        potato_server: Some(server.clone()),
        ..state.launcher.settings()
    };
    state.launcher.save_settings(&settings)?;
    Ok(state.keys.status(Some(server)).await)
}

#[tauri::command]
pub async fn keys_login(state: State<'_, AppState>, args: KeysLoginArgs) -> Result<KeysStatus> {
    state.unlocked()?;
    let (server, password) = (state.potato_server(), args.password.into_secret());
    let client = state.keys.current(server.as_deref()).await?;
    client.login(&args.user_number, &password).await?;
    drop(client);
    Ok(state.keys.status(server).await)
}

#[tauri::command]
pub async fn keys_logout(state: State<'_, AppState>) -> Result<KeysStatus> {
    state.unlocked()?;
    let server = state.potato_server();
    state
        .keys
        .current(server.as_deref())
        .await?
        .logout()
        .await?;
    Ok(state.keys.status(server).await)
}

#[tauri::command]
pub async fn keys_generate(
    state: State<'_, AppState>,
    args: KeysGenerateArgs,
) -> Result<Vec<CardKey>> {
    state.unlocked()?;
    let client = state.keys.current(state.potato_server().as_deref()).await?;
    Ok(client.generate(args.key_type, args.count).await?)
}

#[tauri::command]
pub async fn keys_list(state: State<'_, AppState>, args: KeyQuery) -> Result<KeyPage> {
    state.unlocked()?;
    let client = state.keys.current(state.potato_server().as_deref()).await?;
    Ok(client.list(&args).await?)
}

#[tauri::command]
pub async fn keys_verify(state: State<'_, AppState>, args: CardKeyArgs) -> Result<Verification> {
    state.unlocked()?;
    let device = state.keys.device_id()?;
    let client = state.keys.current(state.potato_server().as_deref()).await?;
    Ok(client.verify(&args.card, &device).await?)
}

/// A key to the clipboard, taken off again after a while if still there (like a passcode).
#[tauri::command]
pub fn keys_copy(state: State<'_, AppState>, args: CardKeyArgs) -> Result<()> {
    state.unlocked()?;
    let key = ccp_model::Sensitive::new(args.card);
    clipboard::copy_for_a_while(key, state.clipboard_clear_after)
}

/// "Unfreeze for one checkout": frozen again after the chosen minutes (see
/// [`ccp_core::Core::unfreeze_for`]).
#[tauri::command]
pub async fn unfreeze_for(state: State<'_, AppState>, args: UnfreezeForArgs) -> Result<CardView> {
    let minutes = std::time::Duration::from_secs(state.minute_secs * u64::from(args.minutes));
    Ok(state
        .core()?
        .unfreeze_for(&args.public_token, minutes)
        .await?)
}

/// "Wasn't me": every active card frozen at once.
#[tauri::command]
pub async fn freeze_all(state: State<'_, AppState>) -> Result<FreezeAllReport> {
    Ok(state.core()?.freeze_all().await?)
}

/// Unlocks with the PIN (checked in the core: counted, and made to wait after three wrong).
#[tauri::command]
pub async fn unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    args: UnlockArgs,
) -> Result<LockStatus> {
    let status = state.lock.unlock(&args.pin.into_secret()).await?;
    lock::announce(&app, status.clone());
    Ok(status)
}

#[tauri::command]
pub async fn lock_now(app: AppHandle) -> Result<()> {
    lock::lock(&app).await;
    Ok(())
}

/// Sets or changes the PIN; only while unlocked (a locked window cannot change it).
#[tauri::command]
pub async fn set_pin(state: State<'_, AppState>, args: SetPinArgs) -> Result<LockStatus> {
    state.unlocked()?;
    let current = args.current.map(ccp_model::Sensitive::into_secret);
    Ok(state
        .lock
        .set_pin(current.as_ref(), &args.new.into_secret())
        .await?)
}

#[tauri::command]
pub async fn remove_pin(state: State<'_, AppState>, args: RemovePinArgs) -> Result<LockStatus> {
    state.unlocked()?;
    Ok(state.lock.remove_pin(&args.current.into_secret()).await?)
}

/// The user did something in the window: the idle lock starts counting again.
#[tauri::command]
pub fn note_activity(state: State<'_, AppState>) {
    if !state.is_locked() {
        state.note_activity();
    }
}

/// Settings → Browser: when the extension last came, which browsers are set up.
#[tauri::command]
pub fn browser_status(state: State<'_, AppState>) -> Result<BrowserStatus> {
    state.unlocked()?;
    Ok(browser::status(&state))
}

#[tauri::command]
pub fn browser_install(state: State<'_, AppState>) -> Result<BrowserStatus> {
    state.unlocked()?;
    browser::install(&state)
}

/// Registers the commands and names them, from one list.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// The registered commands' names.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

commands![
    app_info,
    snapshot,
    login,
    verify_otp,
    logout,
    sync_now,
    card_action,
    start_kyc,
    copy_passcode,
    set_settings,
    test_notification,
    transactions,
    transaction_detail,
    transaction_feed,
    messages,
    open_message,
    export_transactions,
    choose_server,
    resend_otp,
    open_update,
    passcode_history,
    keys_status,
    keys_setup,
    keys_login,
    keys_logout,
    keys_generate,
    keys_list,
    keys_verify,
    keys_copy,
    unfreeze_for,
    freeze_all,
    unlock,
    lock_now,
    set_pin,
    remove_pin,
    note_activity,
    open_kyc,
    browser_status,
    browser_install,
];

#[cfg(test)]
mod tests {
    use ccp_model::ipc::cmd;

    #[test]
    fn the_handler_registers_exactly_the_model_commands() {
        assert_eq!(super::NAMES, cmd::ALL);
    }

    /// `capabilities/default.json` grants exactly `allow-<command>` for every command (and event
    /// listening); anything else granted to the webview would be a hole.
    #[test]
    fn the_capability_grants_exactly_the_commands() {
        let text = include_str!("../capabilities/default.json");
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = json["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        granted.sort();
        let mut expected: Vec<String> = cmd::ALL
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .chain([
                "core:event:allow-listen".into(),
                "core:event:allow-unlisten".into(),
            ])
            .collect();
        expected.sort();
        assert_eq!(granted, expected);
    }
}
