use super::{input_value, take_input, use_calls};
use crate::i18n::{Key, t};
use crate::ipc;
use ccp_model::Sensitive;
use ccp_model::ipc::{KeysLoginArgs, KeysStatus};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_signed_in: Callback<KeysStatus>,
}

/// Signing in to Potato Cloud with a user number and a password.
#[function_component(LoginForm)]
pub fn login_form(props: &Props) -> Html {
    let calls = use_calls();
    let lang = calls.lang();
    let (user_ref, password_ref) = (use_node_ref(), use_node_ref());
    let on_login = {
        let on_signed_in = props.on_signed_in.clone();
        let (user_ref, password_ref) = (user_ref.clone(), password_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = KeysLoginArgs {
                user_number: input_value(&user_ref).trim().to_owned(),
                password: Sensitive::new(take_input(&password_ref)),
            };
            let (login, on_signed_in) = (
                async move { ipc::keys_login(&args).await },
                on_signed_in.clone(),
            );
            calls.submit(login, move |s| on_signed_in.emit(s));
        })
    };
    html! {
        <form class="panel stack" onsubmit={on_login} aria-labelledby="keys-login-heading">
            <h3 id="keys-login-heading">{ t(lang, Key::SignInTitle) }</h3>
            <label for="keys-user">{ t(lang, Key::KeysUserNumber) }</label>
            <input id="keys-user" type="text" autocomplete="username" ref={user_ref} />
            <label for="keys-password">{ t(lang, Key::Password) }</label>
            <input id="keys-password" type="password" autocomplete="current-password" ref={password_ref} />
            <button id="keys-login" type="submit" class="primary">{ t(lang, Key::SignIn) }</button>
        </form>
    }
}
