//! The window's commands: a few lines each, the work is in ccp-core.

use crate::error::{Error, Result};
use crate::models::AppState;
use crate::{notify, settings};
use ccp_model::ipc::{
    AppInfo, CardActionArgs, CopyPasscodeArgs, KycStarted, LoginArgs, LoginOutcome, Settings,
    TransactionsArgs, VerifyOtpArgs,
};
use ccp_model::view::{CardView, Fetched, SessionInfo, Snapshot, TransactionsView};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info.lock().expect("info lock").clone()
}

#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>) -> Result<Snapshot> {
    Ok(state.core.snapshot().await?)
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, args: LoginArgs) -> Result<LoginOutcome> {
    Ok(state
        .core
        .login(&args.email, args.password.into_secret())
        .await?)
}

#[tauri::command]
pub async fn verify_otp(state: State<'_, AppState>, args: VerifyOtpArgs) -> Result<SessionInfo> {
    Ok(state
        .core
        .verify_otp(&args.email, args.otp.into_secret())
        .await?)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Result<()> {
    Ok(state.core.logout().await?)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Result<()> {
    state.core.note_activity();
    Ok(state.core.sync_now().await?)
}

#[tauri::command]
pub async fn card_action(state: State<'_, AppState>, args: CardActionArgs) -> Result<CardView> {
    Ok(state
        .core
        .card_action(&args.public_token, args.action)
        .await?)
}

#[tauri::command]
pub async fn transactions(
    state: State<'_, AppState>,
    args: TransactionsArgs,
) -> Result<Fetched<TransactionsView>> {
    Ok(state
        .core
        .transactions_or_cached(&args.public_token, 50)
        .await?)
}

#[tauri::command]
pub async fn start_kyc(app: AppHandle, state: State<'_, AppState>) -> Result<KycStarted> {
    let url = state.core.start_kyc().await?;
    // The session exists now; if no browser opens, the window still shows the link to open.
    if let Err(e) = app.opener().open_url(&url, None::<&str>) {
        tracing::warn!("could not open the browser: {e}");
    }
    Ok(KycStarted { url })
}

#[tauri::command]
pub async fn copy_passcode(
    app: AppHandle,
    state: State<'_, AppState>,
    args: CopyPasscodeArgs,
) -> Result<()> {
    // Only the cached passcodes: the rest of the snapshot is not needed here.
    let code = state
        .core
        .passcodes()
        .await?
        .data
        .into_iter()
        .find(|p| p.id == args.id)
        .ok_or(Error::UnknownPasscode(args.id))?
        .passcode;
    crate::clipboard::copy_for_a_while(&app, code, state.clipboard_clear_after)
}

#[tauri::command]
pub fn set_settings(state: State<'_, AppState>, args: Settings) -> Result<Settings> {
    state.core.set_language(&args.language)?;
    settings::save(&state.settings_path, &args)?;
    state.info.lock().expect("info lock").settings = args.clone();
    Ok(args)
}

#[tauri::command]
pub fn test_notification(app: AppHandle) -> Result<()> {
    notify::show(
        &app,
        "ComeComePay",
        "Notifications work: new 3-D Secure passcodes will appear like this.",
    )
}
