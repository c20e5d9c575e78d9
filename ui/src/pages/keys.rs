use crate::components::error_text::ErrorText;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use ccp_model::Sensitive;
use ccp_model::ipc::{CardKeyArgs, KeysGenerateArgs, KeysLoginArgs, KeysSetupArgs, KeysStatus};
use ccp_model::potato::{CardKey, KeyQuery, KeyState, KeyType, Verification};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Potato Cloud card keys: the app's keys (once), sign in, generate, list with copy, verify.
/// Every call goes through the shell; secrets are read from their inputs on submit only.
#[function_component(KeysPage)]
pub fn keys_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let status = use_state(|| None::<KeysStatus>);
    let keys = use_state(Vec::<CardKey>::new);
    let verified = use_state(|| None::<Verification>);
    let error = use_state(|| None::<String>);
    let (server_ref, ask_ref, sign_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let (user_ref, password_ref) = (use_node_ref(), use_node_ref());
    let (type_ref, count_ref, verify_ref) = (use_node_ref(), use_node_ref(), use_node_ref());

    let refresh_list = {
        let (store, keys, error) = (store.clone(), keys.clone(), error.clone());
        move || {
            let (store, keys, error) = (store.clone(), keys.clone(), error.clone());
            spawn_local(async move {
                match ipc::keys_list(&KeyQuery::default()).await {
                    Ok(page) => keys.set(page.keys),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        }
    };
    {
        let (status, refresh_list) = (status.clone(), refresh_list.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(s) = ipc::keys_status().await {
                    if s.signed_in_as.is_some() {
                        refresh_list();
                    }
                    status.set(Some(s));
                }
            });
        });
    }
    let value = |r: &NodeRef| {
        r.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let clear = |r: &NodeRef| {
        if let Some(i) = r.cast::<HtmlInputElement>() {
            i.set_value("");
        }
    };

    let on_setup = {
        let (store, status, error) = (store.clone(), status.clone(), error.clone());
        let (server_ref, ask_ref, sign_ref) =
            (server_ref.clone(), ask_ref.clone(), sign_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = KeysSetupArgs {
                server: value(&server_ref),
                ask_key: Sensitive::new(value(&ask_ref)),
                sign_secret: Some(Sensitive::new(value(&sign_ref))),
            };
            clear(&ask_ref);
            clear(&sign_ref);
            let (store, status, error) = (store.clone(), status.clone(), error.clone());
            error.set(None);
            spawn_local(async move {
                match ipc::keys_setup(&args).await {
                    Ok(s) => status.set(Some(s)),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    let on_login = {
        let (store, status, error) = (store.clone(), status.clone(), error.clone());
        let (user_ref, password_ref) = (user_ref.clone(), password_ref.clone());
        let refresh_list = refresh_list.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = KeysLoginArgs {
                user_number: value(&user_ref).trim().to_owned(),
                password: Sensitive::new(value(&password_ref)),
            };
            clear(&password_ref);
            let (store, status, error, refresh_list) = (
                store.clone(),
                status.clone(),
                error.clone(),
                refresh_list.clone(),
            );
            error.set(None);
            spawn_local(async move {
                match ipc::keys_login(&args).await {
                    Ok(s) => {
                        status.set(Some(s));
                        refresh_list();
                    }
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    let on_logout = {
        let (store, status, keys, error) =
            (store.clone(), status.clone(), keys.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, status, keys, error) =
                (store.clone(), status.clone(), keys.clone(), error.clone());
            spawn_local(async move {
                match ipc::keys_logout().await {
                    Ok(s) => {
                        keys.set(Vec::new());
                        status.set(Some(s));
                    }
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    let on_generate = {
        let (store, error, refresh_list) = (store.clone(), error.clone(), refresh_list.clone());
        let (type_ref, count_ref) = (type_ref.clone(), count_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let key_type = type_ref
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(KeyType::Month);
            let count = value(&count_ref).trim().parse().unwrap_or(0);
            let (store, error, refresh_list) = (store.clone(), error.clone(), refresh_list.clone());
            error.set(None);
            spawn_local(async move {
                match ipc::keys_generate(&KeysGenerateArgs { key_type, count }).await {
                    Ok(_) => refresh_list(),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    let on_verify = {
        let (store, verified, error, verify_ref) = (
            store.clone(),
            verified.clone(),
            error.clone(),
            verify_ref.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = CardKeyArgs {
                card: value(&verify_ref).trim().to_owned(),
            };
            let (store, verified, error) = (store.clone(), verified.clone(), error.clone());
            error.set(None);
            spawn_local(async move {
                match ipc::keys_verify(&args).await {
                    Ok(v) => verified.set(Some(v)),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    let copy = |card: String| {
        let (store, error) = (store.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, error, args) = (
                store.clone(),
                error.clone(),
                CardKeyArgs { card: card.clone() },
            );
            spawn_local(async move {
                if let Err(e) = ipc::keys_copy(&args).await {
                    error.set(Some(report(&store, e)));
                }
            });
        })
    };

    let s = (*status).clone().unwrap_or_default();
    html! {
        <section class="page keys-page" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{ t(lang, Key::KeysTitle) }</h2>
            <p class="hint">{ t(lang, Key::KeysIntro) }</p>
            <ErrorText message={(*error).clone()} />
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
            if s.configured {
                if let Some(user) = &s.signed_in_as {
                    <div class="panel row">
                        <span id="keys-user-signed-in">{ tf(lang, Key::KeysSignedInAs, user) }</span>
                        <button id="keys-logout" class="secondary" onclick={on_logout}>{ t(lang, Key::SignOut) }</button>
                    </div>
                    <form class="panel row" onsubmit={on_generate} aria-labelledby="keys-generate-heading">
                        <h3 id="keys-generate-heading">{ t(lang, Key::KeysGenerate) }</h3>
                        <label for="keys-type">{ t(lang, Key::KeysType) }</label>
                        <select id="keys-type" ref={type_ref}>
                            { for KeyType::ALL.iter().map(|k| html! {
                                <option value={k.as_str()} selected={*k == KeyType::Month}>{ type_name(lang, *k) }</option>
                            }) }
                        </select>
                        <label for="keys-count">{ t(lang, Key::KeysCount) }</label>
                        <input id="keys-count" type="number" min="1" max="10" value="1" ref={count_ref} />
                        <button id="keys-generate" type="submit" class="primary">{ t(lang, Key::KeysGenerate) }</button>
                    </form>
                    <div class="panel">
                        <h3>{ t(lang, Key::KeysList) }</h3>
                        if keys.is_empty() {
                            <p class="empty">{ t(lang, Key::KeysNone) }</p>
                        }
                        <ul class="key-list">
                            { for keys.iter().map(|k| html! {
                                <li class="key-row">
                                    <code class="key-card" dir="ltr">{ &k.card }</code>
                                    <span class="key-type">{ k.key_type.map(|kt| type_name(lang, kt)).unwrap_or_default() }</span>
                                    <span class="key-state">{ t(lang, if k.state == Some(KeyState::Used) { Key::KeysUsed } else { Key::KeysUnused }) }</span>
                                    <button class="key-copy" onclick={copy(k.card.clone())}
                                        aria-label={tf(lang, Key::KeysCopy, &k.card)}>{ t(lang, Key::Copy) }</button>
                                </li>
                            }) }
                        </ul>
                    </div>
                } else {
                    <form class="panel stack" onsubmit={on_login} aria-labelledby="keys-login-heading">
                        <h3 id="keys-login-heading">{ t(lang, Key::SignInTitle) }</h3>
                        <label for="keys-user">{ t(lang, Key::KeysUserNumber) }</label>
                        <input id="keys-user" type="text" autocomplete="username" ref={user_ref} />
                        <label for="keys-password">{ t(lang, Key::Password) }</label>
                        <input id="keys-password" type="password" autocomplete="current-password" ref={password_ref} />
                        <button id="keys-login" type="submit" class="primary">{ t(lang, Key::SignIn) }</button>
                    </form>
                }
                <form class="panel stack" onsubmit={on_verify} aria-labelledby="keys-verify-heading">
                    <h3 id="keys-verify-heading">{ t(lang, Key::KeysVerify) }</h3>
                    <label for="keys-verify-key">{ t(lang, Key::KeysCard) }</label>
                    <input id="keys-verify-key" type="text" dir="ltr" spellcheck="false" ref={verify_ref} />
                    <button id="keys-verify" type="submit">{ t(lang, Key::KeysVerify) }</button>
                    if let Some(v) = &*verified {
                        <p id="keys-verified" class={if v.valid { "ok" } else { "error" }} role="status">
                            { verification_text(lang, v) }
                        </p>
                    }
                </form>
            }
        </section>
    }
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

fn verification_text(lang: Lang, v: &Verification) -> String {
    if !v.valid {
        return t(lang, Key::KeysInvalid).to_owned();
    }
    let kind = v.key_type.map(|k| type_name(lang, k)).unwrap_or("—");
    match &v.expires {
        Some(at) => format!(
            "{} · {kind} · {}",
            t(lang, Key::KeysValid),
            tf(lang, Key::KeysExpires, at)
        ),
        None => format!("{} · {kind}", t(lang, Key::KeysValid)),
    }
}
