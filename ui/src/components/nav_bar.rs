use crate::components::error_text::ErrorText;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, t};
use crate::ipc;
use crate::state::{Action, Page};
use yew::platform::spawn_local;
use yew::prelude::*;

/// The page switcher shown while signed in, with the live-code count and sign-out.
#[function_component(NavBar)]
pub fn nav_bar() -> Html {
    let store = use_store();
    let now = now_unix();
    let error = use_state(|| None::<String>);
    // Signing out deletes the offline copy too: asked first, "Stay signed in" focused.
    let asking = use_state(|| false);
    let stay_ref = use_node_ref();
    {
        let stay_ref = stay_ref.clone();
        use_effect_with(*asking, move |asking| {
            if *asking && let Some(button) = stay_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let lang = store.lang();
    let current = store.current_page();
    let live = store.live_passcodes(now).count();
    let keys_set_up = store
        .info
        .as_ref()
        .is_some_and(|i| i.settings.potato_server.is_some());
    // The badge changes when a live code expires (new ones arrive as events).
    use_rerender_at(store.live_passcodes(now).map(|p| p.expires_at_unix).min());

    let go = |page: Page| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(page.clone())))
    };
    let item = |id: &'static str, page: Page, key: Key, badge: Option<usize>| {
        let active = match (&current, &page) {
            (Page::Card(_), Page::Cards) | (Page::History, Page::Codes) => true,
            (a, b) => a == b,
        };
        html! {
            <li>
                <button id={id} class={classes!("nav-item", active.then_some("active"))}
                    aria-current={active.then_some("page")} onclick={go(page)}>
                    { t(lang, key) }
                    if let Some(n) = badge.filter(|n| *n > 0) {
                        <span class="badge">{ n }</span>
                    }
                </button>
            </li>
        }
    };
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let stay = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let sign_out = {
        let (store, error, asking) = (store.clone(), error.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, error) = (store.clone(), error.clone());
            asking.set(false);
            spawn_local(async move {
                match ipc::logout().await {
                    Ok(()) => store.dispatch(Action::SignedOut),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };

    html! {
        <nav class="nav-bar">
            <ul>
                { item("nav-cards", Page::Cards, Key::NavCards, None) }
                { item("nav-activity", Page::Activity, Key::NavActivity, None) }
                { item("nav-codes", Page::Codes, Key::NavCodes, Some(live)) }
                { item("nav-inbox", Page::Inbox, Key::NavInbox, Some(store.messages.data.unread() as usize)) }
                { item("nav-kyc", Page::Kyc, Key::NavKyc, None) }
                { item("nav-profile", Page::Profile, Key::ProfileTitle, None) }
                // Card keys are another service: in the bar once set up (or open), else
                // under Settings → Other services.
                if keys_set_up || current == Page::Keys {
                    { item("nav-keys", Page::Keys, Key::NavKeys, None) }
                }
                { item("nav-settings", Page::Settings, Key::NavSettings, None) }
            </ul>
            <div class="nav-account">
                if let Some(session) = &store.session {
                    <span class="nav-email">{ &session.email }</span>
                }
                <button id="nav-signout" class="secondary" onclick={ask}
                    aria-expanded={asking.to_string()}>{ t(lang, Key::SignOut) }</button>
            </div>
            if *asking {
                <div class="confirm signout-confirm" role="alertdialog" aria-modal="false" aria-labelledby="signout-question">
                    <p id="signout-question">{ t(lang, Key::SignOutQuestion) }</p>
                    <button id="signout-confirm" class="danger" onclick={sign_out}>{ t(lang, Key::SignOutConfirm) }</button>
                    <button id="signout-cancel" class="secondary" ref={stay_ref} onclick={stay}>{ t(lang, Key::StaySignedIn) }</button>
                </div>
            }
            <ErrorText message={(*error).clone()} />
        </nav>
    }
}
