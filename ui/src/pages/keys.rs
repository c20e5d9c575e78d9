//! The Card keys page (Potato Cloud): the app's keys (once), sign in, generate, list with
//! copy, verify. One component per form, each holding its own inputs; the page keeps only
//! what they share (the status, the listed keys, the error line). Every call goes through the
//! shell; secrets are read from their inputs on submit only.

mod app_form;
mod generate_form;
mod key_list;
mod login_form;
mod verify_form;

use crate::components::error_text::ErrorText;
use crate::hooks::{Store, report, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use app_form::AppForm;
use ccp_model::ipc::{KeysStatus, UiError};
use ccp_model::potato::{CardKey, KeyQuery, KeyType};
use generate_form::GenerateForm;
use key_list::KeyList;
use login_form::LoginForm;
use std::future::Future;
use verify_form::VerifyForm;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[function_component(KeysPage)]
pub fn keys_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let status = use_state(|| None::<KeysStatus>);
    let keys = use_state(Vec::<CardKey>::new);
    let error = use_state(|| None::<String>);
    let calls = Calls {
        store: store.clone(),
        on_error: {
            let error = error.clone();
            Callback::from(move |message: Option<String>| error.set(message))
        },
    };

    let refresh_list = {
        let (calls, keys) = (calls.clone(), keys.clone());
        Callback::from(move |()| {
            let keys = keys.clone();
            let list = async { ipc::keys_list(&KeyQuery::default()).await };
            calls.run(list, move |page| keys.set(page.keys));
        })
    };
    {
        let (status, refresh_list) = (status.clone(), refresh_list.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(s) = ipc::keys_status().await {
                    if s.signed_in_as.is_some() {
                        refresh_list.emit(());
                    }
                    status.set(Some(s));
                }
            });
        });
    }
    let on_status = {
        let status = status.clone();
        Callback::from(move |s: KeysStatus| status.set(Some(s)))
    };
    let on_signed_in = {
        let (on_status, refresh_list) = (on_status.clone(), refresh_list.clone());
        Callback::from(move |s: KeysStatus| {
            on_status.emit(s);
            refresh_list.emit(());
        })
    };
    let on_logout = {
        let (calls, on_status, keys) = (calls.clone(), on_status.clone(), keys.clone());
        Callback::from(move |_: MouseEvent| {
            let (on_status, keys) = (on_status.clone(), keys.clone());
            calls.run(ipc::keys_logout(), move |s| {
                keys.set(Vec::new());
                on_status.emit(s);
            });
        })
    };

    let s = (*status).clone().unwrap_or_default();
    html! {
        <ContextProvider<Calls> context={calls}>
        <section class="page keys-page" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{ t(lang, Key::KeysTitle) }</h2>
            <p class="hint">{ t(lang, Key::KeysIntro) }</p>
            <ErrorText message={(*error).clone()} />
            <AppForm status={s.clone()} {on_status} />
            if s.configured {
                if let Some(user) = &s.signed_in_as {
                    <div class="panel row">
                        <span id="keys-user-signed-in">{ tf(lang, Key::KeysSignedInAs, user) }</span>
                        <button id="keys-logout" class="secondary" onclick={on_logout}>{ t(lang, Key::SignOut) }</button>
                    </div>
                    <GenerateForm on_generated={refresh_list} />
                    <KeyList keys={(*keys).clone()} />
                } else {
                    <LoginForm {on_signed_in} />
                }
                <VerifyForm />
            }
        </section>
        </ContextProvider<Calls>>
    }
}

/// How the page's forms call the shell: through the store (so a failure is reported and an
/// expired session returns to sign-in) into the page's one error line.
#[derive(Clone, PartialEq)]
struct Calls {
    store: Store,
    on_error: Callback<Option<String>>,
}

impl Calls {
    fn lang(&self) -> Lang {
        self.store.lang()
    }

    /// Runs one shell call in the background and hands its answer to `done`.
    fn run<T: 'static>(
        &self,
        call: impl Future<Output = Result<T, UiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        let (store, on_error) = (self.store.clone(), self.on_error.clone());
        spawn_local(async move {
            match call.await {
                Ok(answer) => done(answer),
                Err(e) => on_error.emit(Some(report(&store, e))),
            }
        });
    }

    /// A form's submit: the last error goes away, then the call runs.
    fn submit<T: 'static>(
        &self,
        call: impl Future<Output = Result<T, UiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.on_error.emit(None);
        self.run(call, done);
    }
}

#[hook]
fn use_calls() -> Calls {
    use_context::<Calls>().expect("the keys forms render inside the KeysPage")
}

/// What an input holds now.
fn input_value(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// What an input holds, emptying it: a secret stays in the page no longer than its submit.
fn take_input(input: &NodeRef) -> String {
    let value = input_value(input);
    if let Some(i) = input.cast::<HtmlInputElement>() {
        i.set_value("");
    }
    value
}

fn type_name(lang: Lang, k: KeyType) -> &'static str {
    t(
        lang,
        match k {
            KeyType::Day => Key::TypeDay,
            KeyType::Week => Key::TypeWeek,
            KeyType::Month => Key::TypeMonth,
            KeyType::Quarter => Key::TypeQuarter,
            KeyType::Year => Key::TypeYear,
            KeyType::Permanent => Key::TypePermanent,
        },
    )
}
