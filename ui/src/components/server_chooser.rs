use crate::components::error_text::ErrorText;
use crate::hooks::{load_snapshot, use_store};
use crate::i18n::{Key, t};
use crate::ipc;
use crate::state::Action;
use ccp_model::ipc::ServerChoice;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Prefix of the element ids (`welcome`, `settings`): both pages may exist in one test.
    pub id: AttrValue,
    /// The address to start from (the build's default, or the current server).
    pub initial: String,
    /// Show the address only under "Advanced" (the welcome page with a build default: most
    /// users never need to see it).
    #[prop_or_default]
    pub address_in_advanced: bool,
    pub submit: Key,
}

/// A server address (https; plain http only after ticking the box that names the risk) and
/// "Try the demo". Either choice goes to the shell, which checks the address before it signs
/// out of anything; the answer becomes the window's new picture of the app.
#[function_component(ServerChooser)]
pub fn server_chooser(props: &Props) -> Html {
    let store = use_store();
    let lang = store.lang();
    let url = use_state(|| props.initial.clone());
    let insecure = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);

    let choose = {
        let (store, busy, error) = (store.clone(), busy.clone(), error.clone());
        move |choice: ServerChoice| {
            let (store, busy, error) = (store.clone(), busy.clone(), error.clone());
            error.set(None);
            busy.set(true);
            spawn_local(async move {
                match ipc::choose_server(&choice).await {
                    Ok(info) => {
                        store.dispatch(Action::ServerChosen(info));
                        load_snapshot(store.clone()).await;
                    }
                    Err(e) => error.set(Some(crate::i18n::error_text(lang, &e))),
                }
                busy.set(false);
            });
        }
    };
    let on_submit = {
        let (url, insecure, error, choose) =
            (url.clone(), insecure.clone(), error.clone(), choose.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let address = url.trim().to_owned();
            if address.is_empty() {
                error.set(Some(t(lang, Key::MissingServer).to_owned()));
                return;
            }
            choose(ServerChoice::Server {
                url: address,
                allow_insecure_http: *insecure,
            });
        })
    };
    let on_demo = Callback::from(move |_: MouseEvent| choose(ServerChoice::Demo));
    let on_url = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            url.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_insecure = {
        let insecure = insecure.clone();
        Callback::from(move |e: Event| {
            insecure.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };

    let id = |part: &str| format!("{}-{part}", props.id);
    let (address_id, hint_id, risk_id) = (id("server"), id("server-hint"), id("insecure-risk"));
    let address = html! {
        <>
            <label for={address_id.clone()}>{ t(lang, Key::ServerAddress) }</label>
            <input id={address_id} type="url" inputmode="url" autocomplete="url" spellcheck="false"
                dir="ltr" aria-describedby={hint_id.clone()} value={(*url).clone()} oninput={on_url}
                disabled={*busy} />
            <p id={hint_id} class="hint">{ t(lang, Key::ServerAddressHint) }</p>
        </>
    };
    let insecure_box = html! {
        <>
            <label class="check">
                <input type="checkbox" id={id("insecure")} checked={*insecure}
                    aria-describedby={risk_id.clone()} onchange={on_insecure} disabled={*busy} />
                <span>{ t(lang, Key::AllowInsecureHttp) }</span>
            </label>
            <p id={risk_id} class={classes!("hint", (*insecure).then_some("risk"))}>{ t(lang, Key::InsecureRisk) }</p>
        </>
    };
    html! {
        <div class="server-chooser stack">
            <form class="stack" onsubmit={on_submit} novalidate=true>
                if !props.address_in_advanced {
                    { address.clone() }
                }
                <details class="advanced">
                    <summary id={id("advanced")}>{ t(lang, Key::Advanced) }</summary>
                    <div class="stack">
                        if props.address_in_advanced {
                            { address }
                        }
                        { insecure_box }
                    </div>
                </details>
                <button id={id("connect")} type="submit" class="primary" disabled={*busy}>
                    { t(lang, if *busy { Key::Connecting } else { props.submit }) }
                </button>
            </form>
            <button id={id("demo")} type="button" onclick={on_demo} disabled={*busy}
                aria-describedby={id("demo-hint")}>{ t(lang, Key::TryDemo) }</button>
            <p id={id("demo-hint")} class="hint">{ t(lang, Key::TryDemoHint) }</p>
            <ErrorText message={(*error).clone()} />
        </div>
    }
}
