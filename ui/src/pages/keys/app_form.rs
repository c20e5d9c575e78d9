use super::{input_value, take_input, use_calls};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use ccp_model::Sensitive;
use ccp_model::ipc::{KeysSetupArgs, KeysStatus};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: KeysStatus,
    pub on_status: Callback<KeysStatus>,
}

/// This app's keys at Potato Cloud: the server, the ask key and the signing secret, set once.
#[function_component(AppForm)]
pub fn app_form(props: &Props) -> Html {
    let calls = use_calls();
    let lang = calls.lang();
    let (server_ref, ask_ref, sign_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let on_setup = {
        let on_status = props.on_status.clone();
        let (server_ref, ask_ref, sign_ref) =
            (server_ref.clone(), ask_ref.clone(), sign_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = KeysSetupArgs {
                server: input_value(&server_ref),
                ask_key: Sensitive::new(take_input(&ask_ref)),
                sign_secret: Some(Sensitive::new(take_input(&sign_ref))),
            };
            let (setup, on_status) = (
                async move { ipc::keys_setup(&args).await },
                on_status.clone(),
            );
            calls.submit(setup, move |s| on_status.emit(s));
        })
    };
    let s = &props.status;
    html! {
        <form class="panel stack" onsubmit={on_setup} aria-labelledby="keys-app-heading">
            <h3 id="keys-app-heading">{ t(lang, Key::KeysApp) }</h3>
            if s.configured {
                <p id="keys-configured" class="ok">{ tf(lang, Key::KeysConfigured, s.server.clone().unwrap_or_default()) }</p>
            }
            <label for="keys-server">{ t(lang, Key::ServerAddress) }</label>
            <input id="keys-server" type="url" dir="ltr" ref={server_ref}
                value={s.server.clone().unwrap_or_else(|| "https://api.potatocloud.cn".into())} />
            <label for="keys-ask-key">{ t(lang, Key::KeysAskKeyLabel) }</label>
            <input id="keys-ask-key" type="password" autocomplete="off" ref={ask_ref} />
            <label for="keys-sign-secret">{ t(lang, Key::KeysSignSecret) }</label>
            <input id="keys-sign-secret" type="password" autocomplete="off" ref={sign_ref} />
            <button id="keys-save" type="submit">{ t(lang, Key::KeysSave) }</button>
        </form>
    }
}
