use crate::format;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use ccp_model::ipc::BrowserStatus;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Settings' "Browser": whether the browser companion has come lately, and one button that
/// tells the browsers where ComeComePay's host is.
#[function_component(BrowserSettings)]
pub fn browser_settings() -> Html {
    let store = use_store();
    let lang = store.lang();
    let status = use_state(|| None::<BrowserStatus>);
    let message = use_state(|| None::<Result<Key, String>>);
    {
        let (store, status) = (store.clone(), status.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match ipc::browser_status().await {
                    Ok(s) => status.set(Some(s)),
                    Err(e) => drop(report(&store, e)),
                }
            });
        });
    }
    let install = {
        let (store, status, message) = (store.clone(), status.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, status, message) = (store.clone(), status.clone(), message.clone());
            spawn_local(async move {
                match ipc::browser_install().await {
                    Ok(s) => {
                        status.set(Some(s));
                        message.set(Some(Ok(Key::BrowserSetUp)));
                    }
                    Err(e) => message.set(Some(Err(report(&store, e)))),
                }
            });
        })
    };
    let Some(s) = (*status).clone() else {
        return html! {};
    };
    let seen = match s.last_seen {
        Some(at) => tf(lang, Key::BrowserLastSeen, format::date_time(lang, at)),
        None => t(lang, Key::BrowserNeverSeen).to_owned(),
    };
    html! {
        <fieldset class="panel" id="settings-browser">
            <legend>{ t(lang, Key::BrowserTitle) }</legend>
            <p class="hint">{ t(lang, Key::BrowserHint) }</p>
            <p id="browser-seen">{ seen }</p>
            if !s.installed.is_empty() {
                <p id="browser-installed">{ tf(lang, Key::BrowserInstalled, s.installed.join(", ")) }</p>
            }
            if s.host_found {
                <button id="browser-install" onclick={install}>{ t(lang, Key::BrowserInstall) }</button>
            } else {
                <p class="hint" id="browser-no-host">{ t(lang, Key::BrowserNoHost) }</p>
            }
            { match &*message {
                Some(Ok(key)) => html! { <p id="browser-message" role="status">{ t(lang, *key) }</p> },
                Some(Err(text)) => html! { <p id="browser-message" class="error" role="alert">{ text.clone() }</p> },
                None => html! {},
            } }
        </fieldset>
    }
}
