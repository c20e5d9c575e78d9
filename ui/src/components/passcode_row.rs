use crate::components::error_text::ErrorText;
use crate::format;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::ipc::CopyPasscodeArgs;
use ccp_model::view::PasscodeView;
use yew::platform::spawn_local;
use yew::prelude::*;

/// From how many seconds before its end a code's countdown warns.
const ENDING_SECS: i64 = 30;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub passcode: PasscodeView,
    /// Unix seconds, ticking: drives the countdown.
    pub now: i64,
}

/// One 3-D Secure code (`.passcode-row[data-id]`). A live code shows its digits, a `m:ss`
/// countdown and a copy button; an expired one shows only where and how much, dimmed.
#[function_component(PasscodeRow)]
pub fn passcode_row(props: &Props) -> Html {
    let store = use_store();
    let copied = use_state(|| false);
    let error = use_state(|| None::<String>);
    let lang = store.lang();
    let p = &props.passcode;
    let live = p.is_live(props.now);
    let left = p.seconds_left(props.now);
    // The last half minute: too little to switch windows and type, so the countdown says so.
    let ending = live && left <= ENDING_SECS;

    let copy = {
        let (store, copied, error, id) = (store.clone(), copied.clone(), error.clone(), p.id);
        Callback::from(move |_: MouseEvent| {
            let (store, copied, error) = (store.clone(), copied.clone(), error.clone());
            error.set(None);
            spawn_local(async move {
                // The shell copies the code and clears the clipboard after 30 s.
                match ipc::copy_passcode(&CopyPasscodeArgs { id }).await {
                    Ok(()) => copied.set(true),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };

    // Nothing is frozen here: the page asks first and says what will happen.
    let wasnt_me = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::FreezeAll)))
    };

    html! {
        <li class={classes!("passcode-row", (!live).then_some("expired"))} data-id={p.id.to_string()}>
            <div class="passcode-what">
                <bdi class="passcode-merchant">{ &p.merchant_name }</bdi>
                <span class="passcode-amount">{ format::amount_str(lang, &p.amount, &p.currency) }</span>
            </div>
            if live {
                // Shown on purpose: reading it is what this page is for.
                <span class="passcode-code mono">{ format::group_code(p.passcode.expose()) }</span>
                <span class={classes!("passcode-countdown", ending.then_some("ending"))} role="timer"
                    title={t(lang, Key::ExpiresIn)}>
                    { format::countdown(left) }
                </span>
                // Inserted once when the last half minute starts, so a screen reader says it
                // once (a timer's every second is not announced).
                <span class="visually-hidden" role="status">
                    if ending { { tf(lang, Key::CodeEnding, &p.merchant_name) } }
                </span>
                <button class="passcode-copy" onclick={copy}
                    aria-label={tf(lang, Key::CopyCodeFor, &p.merchant_name)}>{ t(lang, Key::Copy) }</button>
            } else {
                <span class="passcode-expired">{ t(lang, Key::Expired) }</span>
            }
            // Also on an expired code: a code nobody asked for is a warning whenever it is seen.
            <button class="passcode-wasnt-me danger-outline" onclick={wasnt_me}
                aria-label={tf(lang, Key::WasntMeFor, &p.merchant_name)}>{ t(lang, Key::WasntMe) }</button>
            if *copied && live {
                <p class="passcode-copied" role="status">{ t(lang, Key::Copied) }</p>
            }
            <ErrorText message={(*error).clone()} />
        </li>
    }
}
