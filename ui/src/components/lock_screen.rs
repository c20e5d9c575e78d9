use crate::format;
use crate::hooks::{
    every_second_while, load_snapshot, now_unix, report, use_rerender_at, use_store,
};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::Action;
use ccp_model::Sensitive;
use ccp_model::ipc::{AppEvent, ErrorKind, UnlockArgs};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// All the window shows while the app is locked: the PIN and the button. The core decides
/// (it counts wrong PINs and makes the next try wait); this only asks.
#[function_component(LockScreen)]
pub fn lock_screen() -> Html {
    let store = use_store();
    let lang = store.lang();
    let pin_ref = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let known_wait = store.info.as_ref().and_then(|i| i.lock.retry_at);
    let wait_until = use_state(|| known_wait);
    {
        let pin_ref = pin_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = pin_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let now = now_unix();
    let waiting = wait_until.filter(|at| *at > now);
    use_rerender_at(every_second_while(waiting.is_some(), now));

    let submit = {
        let (store, pin_ref, busy, error, wait_until) = (
            store.clone(),
            pin_ref.clone(),
            busy.clone(),
            error.clone(),
            wait_until.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = pin_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let pin = Sensitive::new(input.value());
            input.set_value("");
            let (store, busy, error, wait_until) = (
                store.clone(),
                busy.clone(),
                error.clone(),
                wait_until.clone(),
            );
            // A new try starts clean: an old "not right" must not stand for this one's answer
            // (and the alert is announced again when it comes).
            error.set(None);
            busy.set(true);
            spawn_local(async move {
                match ipc::unlock(&UnlockArgs { pin }).await {
                    Ok(status) => {
                        error.set(None);
                        store.dispatch(Action::Event(AppEvent::LockChanged(status)));
                        load_snapshot(store).await;
                    }
                    Err(e) if e.kind == ErrorKind::WrongPin => {
                        wait_until.set(e.retry_after_secs.map(|s| now_unix() + s as i64));
                        error.set(Some(t(store.lang(), Key::WrongPin).to_owned()));
                    }
                    Err(e) => error.set(Some(report(&store, e))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="page lock-screen" aria-labelledby="lock-heading">
            <h2 id="lock-heading">{ t(lang, Key::LockedTitle) }</h2>
            <p class="hint">{ t(lang, Key::LockedHint) }</p>
            <form class="stack" onsubmit={submit} aria-busy={(*busy).to_string()}>
                <label for="lock-pin">{ t(lang, Key::Pin) }</label>
                <input id="lock-pin" ref={pin_ref} type="password" inputmode="numeric"
                    autocomplete="off" required=true aria-describedby="lock-wait" />
                <button id="lock-unlock" class="primary" type="submit" disabled={*busy || waiting.is_some()}>{ t(lang, Key::Unlock) }</button>
            </form>
            if let Some(message) = &*error {
                <p id="lock-error" class="error" role="alert">{ message }</p>
            }
            if let Some(at) = waiting {
                <p id="lock-wait" role="timer">{ tf(lang, Key::PinWait, format::countdown(at - now)) }</p>
            }
        </section>
    }
}
