use crate::hooks::{report, use_store};
use crate::i18n::{Key, t};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::ipc::Settings;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The first run's offer of an app lock, until it is taken or declined.
#[function_component(LockOffer)]
pub fn lock_offer() -> Html {
    let store = use_store();
    let lang = store.lang();
    let Some(info) = store.info.clone() else {
        return html! {};
    };
    if info.lock.enabled || info.settings.lock_offered {
        return html! {};
    }
    let answer = |set_up: bool| {
        let (store, settings) = (store.clone(), info.settings.clone());
        Callback::from(move |_: MouseEvent| {
            let next = Settings {
                lock_offered: true,
                ..settings.clone()
            };
            let store = store.clone();
            if set_up {
                store.dispatch(Action::Navigate(Page::Settings));
            }
            spawn_local(async move {
                match ipc::set_settings(&next).await {
                    Ok(stored) => store.dispatch(Action::SettingsSaved(stored)),
                    Err(e) => drop(report(&store, e)),
                }
            });
        })
    };
    html! {
        <div id="lock-offer" class="notice" role="region" aria-label={t(lang, Key::AppLock)}>
            <p>{ t(lang, Key::LockOffer) }</p>
            <button id="lock-offer-set-up" onclick={answer(true)}>{ t(lang, Key::SetUpLock) }</button>
            <button id="lock-offer-not-now" class="secondary" onclick={answer(false)}>{ t(lang, Key::NotNow) }</button>
        </div>
    }
}
