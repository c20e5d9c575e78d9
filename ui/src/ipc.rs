//! Typed calls into the Tauri shell and its event channel. Arguments and answers are
//! ccp-model types only; a rejected call becomes a [`UiError`]. The bindings compile on every
//! target (so the crate's tests build natively) but work only inside the app window.

use ccp_model::api::{Message, TransactionDetail};
use ccp_model::ipc::{
    AppEvent, AppInfo, BrowserStatus, CardActionArgs, CardKeyArgs, CopyPasscodeArgs, EVENT_CHANNEL,
    ErrorKind, ExportArgs, Exported, FeedArgs, HistoryArgs, KeysGenerateArgs, KeysLoginArgs,
    KeysSetupArgs, KeysStatus, KycApplicant, KycStarted, LockStatus, LoginArgs, LoginOutcome,
    OpenMessageArgs, RemovePinArgs, ResendOtpArgs, ServerChoice, SetPinArgs, Settings,
    TransactionDetailArgs, TransactionsArgs, UiError, UnfreezeForArgs, UnlockArgs, VerifyOtpArgs,
    cmd,
};
use ccp_model::potato::{CardKey, KeyPage, KeyQuery, Verification};
use ccp_model::view::{
    CardView, FeedView, Fetched, FreezeAllReport, MessagesView, PastPasscode, SessionInfo,
    Snapshot, TransactionsView,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// The same `invoke`, its promise handed back at once: the call is sent when this returns.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    fn tauri_invoke_now(cmd: &str, args: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Commands that take arguments get them under one key, `args` (the shell's parameter name).
#[derive(Serialize)]
struct Envelope<'a, T> {
    args: &'a T,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, UiError> {
    // JSON-compatible: plain objects and numbers, which is what the shell's serde expects.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(format!("could not encode the request: {e}")))
}

async fn call<T: DeserializeOwned>(cmd: &str, args: JsValue) -> Result<T, UiError> {
    let answer = tauri_invoke(cmd, args).await.map_err(rejection)?;
    decode(cmd, answer)
}

fn decode<T: DeserializeOwned>(cmd: &str, answer: JsValue) -> Result<T, UiError> {
    serde_wasm_bindgen::from_value(answer)
        .map_err(|e| internal(format!("unexpected answer to {cmd}: {e}")))
}

/// A command without arguments sent before its answer is wanted: the two a window paints from
/// go out before Yew renders its first frame, so the shell answers while the frame is built.
#[derive(Clone, PartialEq)]
pub struct Asked {
    cmd: &'static str,
    /// The call's promise (as a plain value: props compare, and `Promise` has no `PartialEq`).
    sent: Result<JsValue, JsValue>,
}

impl Asked {
    fn send(cmd: &'static str) -> Self {
        let sent = tauri_invoke_now(cmd, js_sys::Object::new().into()).map(JsValue::from);
        Self { cmd, sent }
    }

    pub async fn answer<T: DeserializeOwned>(self) -> Result<T, UiError> {
        let promise: js_sys::Promise = self.sent.map_err(rejection)?.unchecked_into();
        let answer = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(rejection)?;
        decode(self.cmd, answer)
    }
}

/// The app's info and its cached snapshot, both sent now (read with [`Asked::answer`] as
/// [`AppInfo`] and [`Snapshot`]).
pub fn ask_start() -> (Asked, Asked) {
    (Asked::send(cmd::APP_INFO), Asked::send(cmd::SNAPSHOT))
}

async fn call_with<A: Serialize, T: DeserializeOwned>(cmd: &str, args: &A) -> Result<T, UiError> {
    call(cmd, to_js(&Envelope { args })?).await
}

/// For commands that answer `()`: the value (null) is not decoded.
async fn call_unit(cmd: &str) -> Result<(), UiError> {
    tauri_invoke(cmd, js_sys::Object::new().into())
        .await
        .map(drop)
        .map_err(rejection)
}

/// The shell rejects with a serialized [`UiError`]; Tauri itself (unknown command, denied
/// permission) rejects with a plain string.
fn rejection(value: JsValue) -> UiError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<UiError>(value.clone()) {
        return error;
    }
    internal(
        value
            .as_string()
            .unwrap_or_else(|| "the app shell gave an unexpected error".to_owned()),
    )
}

fn internal(message: String) -> UiError {
    UiError::new(ErrorKind::Internal, message)
}

pub async fn app_info() -> Result<AppInfo, UiError> {
    call(cmd::APP_INFO, js_sys::Object::new().into()).await
}

pub async fn snapshot() -> Result<Snapshot, UiError> {
    call(cmd::SNAPSHOT, js_sys::Object::new().into()).await
}

pub async fn login(args: &LoginArgs) -> Result<LoginOutcome, UiError> {
    call_with(cmd::LOGIN, args).await
}

pub async fn verify_otp(args: &VerifyOtpArgs) -> Result<SessionInfo, UiError> {
    call_with(cmd::VERIFY_OTP, args).await
}

pub async fn resend_otp(args: &ResendOtpArgs) -> Result<(), UiError> {
    tauri_invoke(cmd::RESEND_OTP, to_js(&Envelope { args })?)
        .await
        .map(drop)
        .map_err(rejection)
}

pub async fn passcode_history(args: &HistoryArgs) -> Result<Fetched<Vec<PastPasscode>>, UiError> {
    call_with(cmd::PASSCODE_HISTORY, args).await
}

pub async fn keys_status() -> Result<KeysStatus, UiError> {
    call(cmd::KEYS_STATUS, js_sys::Object::new().into()).await
}

pub async fn keys_setup(args: &KeysSetupArgs) -> Result<KeysStatus, UiError> {
    call_with(cmd::KEYS_SETUP, args).await
}

pub async fn keys_login(args: &KeysLoginArgs) -> Result<KeysStatus, UiError> {
    call_with(cmd::KEYS_LOGIN, args).await
}

pub async fn keys_logout() -> Result<KeysStatus, UiError> {
    call(cmd::KEYS_LOGOUT, js_sys::Object::new().into()).await
}

pub async fn keys_generate(args: &KeysGenerateArgs) -> Result<Vec<CardKey>, UiError> {
    call_with(cmd::KEYS_GENERATE, args).await
}

pub async fn keys_list(args: &KeyQuery) -> Result<KeyPage, UiError> {
    call_with(cmd::KEYS_LIST, args).await
}

pub async fn keys_verify(args: &CardKeyArgs) -> Result<Verification, UiError> {
    call_with(cmd::KEYS_VERIFY, args).await
}

pub async fn keys_copy(args: &CardKeyArgs) -> Result<(), UiError> {
    tauri_invoke(cmd::KEYS_COPY, to_js(&Envelope { args })?)
        .await
        .map(drop)
        .map_err(rejection)
}

pub async fn open_update() -> Result<(), UiError> {
    call_unit(cmd::OPEN_UPDATE).await
}

pub async fn logout() -> Result<(), UiError> {
    call_unit(cmd::LOGOUT).await
}

pub async fn sync_now() -> Result<(), UiError> {
    call_unit(cmd::SYNC_NOW).await
}

pub async fn card_action(args: &CardActionArgs) -> Result<CardView, UiError> {
    call_with(cmd::CARD_ACTION, args).await
}

pub async fn unfreeze_for(args: &UnfreezeForArgs) -> Result<CardView, UiError> {
    call_with(cmd::UNFREEZE_FOR, args).await
}

pub async fn freeze_all() -> Result<FreezeAllReport, UiError> {
    call(cmd::FREEZE_ALL, js_sys::Object::new().into()).await
}

pub async fn unlock(args: &UnlockArgs) -> Result<LockStatus, UiError> {
    call_with(cmd::UNLOCK, args).await
}

pub async fn lock_now() -> Result<(), UiError> {
    call_unit(cmd::LOCK_NOW).await
}

pub async fn set_pin(args: &SetPinArgs) -> Result<LockStatus, UiError> {
    call_with(cmd::SET_PIN, args).await
}

pub async fn remove_pin(args: &RemovePinArgs) -> Result<LockStatus, UiError> {
    call_with(cmd::REMOVE_PIN, args).await
}

pub async fn browser_status() -> Result<BrowserStatus, UiError> {
    call(cmd::BROWSER_STATUS, js_sys::Object::new().into()).await
}

pub async fn browser_install() -> Result<BrowserStatus, UiError> {
    call(cmd::BROWSER_INSTALL, js_sys::Object::new().into()).await
}

pub async fn open_kyc() -> Result<(), UiError> {
    call_unit(cmd::OPEN_KYC).await
}

pub async fn note_activity() -> Result<(), UiError> {
    call_unit(cmd::NOTE_ACTIVITY).await
}

pub async fn start_kyc(applicant: &KycApplicant) -> Result<KycStarted, UiError> {
    call_with(cmd::START_KYC, applicant).await
}

pub async fn copy_passcode(args: &CopyPasscodeArgs) -> Result<(), UiError> {
    tauri_invoke(cmd::COPY_PASSCODE, to_js(&Envelope { args })?)
        .await
        .map(drop)
        .map_err(rejection)
}

pub async fn set_settings(args: &Settings) -> Result<Settings, UiError> {
    call_with(cmd::SET_SETTINGS, args).await
}

pub async fn transactions(args: &TransactionsArgs) -> Result<Fetched<TransactionsView>, UiError> {
    call_with(cmd::TRANSACTIONS, args).await
}

pub async fn transaction_detail(
    args: &TransactionDetailArgs,
) -> Result<Fetched<TransactionDetail>, UiError> {
    call_with(cmd::TRANSACTION_DETAIL, args).await
}

pub async fn transaction_feed(args: &FeedArgs) -> Result<Fetched<FeedView>, UiError> {
    call_with(cmd::TRANSACTION_FEED, args).await
}

pub async fn messages() -> Result<Fetched<MessagesView>, UiError> {
    call(cmd::MESSAGES, js_sys::Object::new().into()).await
}

pub async fn open_message(args: &OpenMessageArgs) -> Result<Message, UiError> {
    call_with(cmd::OPEN_MESSAGE, args).await
}

/// `None`: the user closed the save dialog.
pub async fn export_transactions(args: &ExportArgs) -> Result<Option<Exported>, UiError> {
    call_with(cmd::EXPORT_TRANSACTIONS, args).await
}

pub async fn choose_server(args: &ServerChoice) -> Result<AppInfo, UiError> {
    call_with(cmd::CHOOSE_SERVER, args).await
}

pub async fn test_notification() -> Result<(), UiError> {
    call_unit(cmd::TEST_NOTIFICATION).await
}

/// Feeds every [`AppEvent`] on the shell's channel to `on_event` for the window's lifetime.
/// A payload that does not decode is reported to the console and skipped.
pub async fn listen_events(on_event: impl Fn(AppEvent) + 'static) -> Result<(), UiError> {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let payload = js_sys::Reflect::get(&event, &JsValue::from_str("payload"))
            .unwrap_or(JsValue::UNDEFINED);
        match serde_wasm_bindgen::from_value::<AppEvent>(payload.clone()) {
            Ok(e) => on_event(e),
            // Only the event's name is logged (a bare string, or the one key of an object):
            // serde's message could quote a passcode.
            Err(_) => {
                let kind = payload.as_string().unwrap_or_else(|| {
                    js_sys::Object::keys(&js_sys::Object::from(payload))
                        .get(0)
                        .as_string()
                        .unwrap_or_default()
                });
                web_sys::console::warn_1(
                    &format!("skipped an undecodable app event {kind:?}").into(),
                );
            }
        }
    });
    tauri_listen(EVENT_CHANNEL, &handler)
        .await
        .map_err(rejection)?;
    // The listener lives as long as the window, so the closure must too.
    handler.forget();
    Ok(())
}
