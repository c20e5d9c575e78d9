use crate::hooks::{Store, report, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::Action;
use ccp_model::Sensitive;
use ccp_model::ipc::{AppEvent, LockStatus, RemovePinArgs, SetPinArgs, Settings, UiError};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Settings' "App lock": turn it on with a PIN (typed twice), choose the idle time, lock now,
/// change the PIN or turn it off (both ask for the current PIN).
#[function_component(AppLockSettings)]
pub fn app_lock_settings() -> Html {
    let store = use_store();
    let lang = store.lang();
    let message = use_state(|| None::<Result<Key, String>>);
    let (current_ref, new_ref, again_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let Some(info) = store.info.clone() else {
        return html! {};
    };
    let enabled = info.lock.enabled;
    let value = |r: &NodeRef| {
        r.cast::<HtmlInputElement>()
            .map(|i| {
                let v = i.value();
                i.set_value("");
                v
            })
            .unwrap_or_default()
    };

    let set_pin = {
        let (store, message) = (store.clone(), message.clone());
        let refs = (current_ref.clone(), new_ref.clone(), again_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let current = value(&refs.0);
            let (new, again) = (value(&refs.1), value(&refs.2));
            if new != again {
                message.set(Some(Ok(Key::PinsDiffer)));
                return;
            }
            let args = SetPinArgs {
                current: enabled.then(|| Sensitive::new(current)),
                new: Sensitive::new(new),
            };
            let (store, message) = (store.clone(), message.clone());
            spawn_local(async move {
                change_lock(&store, &message, ipc::set_pin(&args), Key::PinSaved).await;
            });
        })
    };
    let turn_off = {
        let (store, message, current_ref) = (store.clone(), message.clone(), current_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let args = RemovePinArgs {
                current: Sensitive::new(value(&current_ref)),
            };
            let (store, message) = (store.clone(), message.clone());
            spawn_local(async move {
                change_lock(&store, &message, ipc::remove_pin(&args), Key::LockOff).await;
            });
        })
    };
    let lock_now = Callback::from(|_: MouseEvent| {
        spawn_local(async {
            let _ = ipc::lock_now().await;
        })
    });
    let on_idle = {
        let (store, settings) = (store.clone(), info.settings.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Ok(minutes) = select.value().parse() else {
                return;
            };
            let next = Settings {
                lock_after_idle_minutes: minutes,
                ..settings.clone()
            };
            let store = store.clone();
            spawn_local(async move {
                match ipc::set_settings(&next).await {
                    Ok(stored) => store.dispatch(Action::SettingsSaved(stored)),
                    Err(e) => drop(report(&store, e)),
                }
            });
        })
    };
    let idle_label = |m: u32| match m {
        0 => t(lang, Key::LockOnlyOnScreenLock).to_owned(),
        m => tf(lang, Key::LockAfterMinutes, m),
    };
    html! {
        <fieldset class="panel app-lock" id="settings-app-lock">
            <legend>{ t(lang, Key::AppLock) }</legend>
            <p class="hint">{ t(lang, Key::AppLockHint) }</p>
            if enabled {
                <p class="ok" id="lock-state">{ t(lang, Key::LockOn) }</p>
                <div class="row">
                    <label for="lock-idle">{ t(lang, Key::LockWhen) }</label>
                    <select id="lock-idle" onchange={on_idle}>
                        { for Settings::LOCK_MINUTES_CHOICES.iter().map(|m| html! {
                            <option value={m.to_string()} selected={*m == info.settings.lock_after_idle_minutes}>{ idle_label(*m) }</option>
                        }) }
                    </select>
                    <button id="lock-now" onclick={lock_now}>{ t(lang, Key::LockNow) }</button>
                </div>
            }
            <form class="stack" onsubmit={set_pin}>
                if enabled {
                    <label for="lock-current">{ t(lang, Key::CurrentPin) }</label>
                    <input id="lock-current" ref={current_ref} type="password" inputmode="numeric" autocomplete="off" />
                }
                <label for="lock-new">{ t(lang, Key::NewPin) }</label>
                <input id="lock-new" ref={new_ref} type="password" inputmode="numeric" autocomplete="off" minlength="4" />
                <label for="lock-again">{ t(lang, Key::RepeatPin) }</label>
                <input id="lock-again" ref={again_ref} type="password" inputmode="numeric" autocomplete="off" minlength="4" />
                <div class="row">
                    <button id="lock-set" type="submit">{ t(lang, if enabled { Key::ChangePin } else { Key::TurnOnLock }) }</button>
                    if enabled {
                        <button id="lock-off" type="button" class="danger-outline" onclick={turn_off}>{ t(lang, Key::TurnOffLock) }</button>
                    }
                </div>
            </form>
            { match &*message {
                Some(Ok(key)) => html! { <p id="lock-message" role="status">{ t(lang, *key) }</p> },
                Some(Err(text)) => html! { <p id="lock-message" class="error" role="alert">{ text.clone() }</p> },
                None => html! {},
            } }
        </fieldset>
    }
}

/// Sets or removes the PIN: the lock's new state goes to the store, and `done` (or the
/// failure) is said under the form.
async fn change_lock(
    store: &Store,
    message: &UseStateHandle<Option<Result<Key, String>>>,
    call: impl std::future::Future<Output = Result<LockStatus, UiError>>,
    done: Key,
) {
    match call.await {
        Ok(status) => {
            store.dispatch(Action::Event(AppEvent::LockChanged(status)));
            message.set(Some(Ok(done)));
        }
        Err(e) => message.set(Some(Err(report(store, e)))),
    }
}
