//! The top-level component: owns the store, starts the link to the shell, and switches pages.

use crate::components::app_header::AppHeader;
use crate::components::lock_screen::LockScreen;
use crate::components::nav_bar::NavBar;
use crate::components::refrozen_notice::RefrozenNotice;
use crate::hooks::{Store, load_snapshot, now_unix, use_store, use_theme};
use crate::i18n::{Key, t, tf};
use crate::ipc::{self, Asked};
use crate::pages::activity::ActivityPage;
use crate::pages::card::CardPage;
use crate::pages::cards::CardsPage;
use crate::pages::codes::CodesPage;
use crate::pages::freeze_all::FreezeAllPage;
use crate::pages::history::HistoryPage;
use crate::pages::inbox::InboxPage;
use crate::pages::keys::KeysPage;
use crate::pages::kyc::KycPage;
use crate::pages::profile::ProfilePage;
use crate::pages::settings::SettingsPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::welcome::WelcomePage;
use crate::state::{Action, Page, State};
use ccp_model::ipc::AppInfo;
use ccp_model::view::Snapshot;
use futures_util::future::join;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What `main` asked the shell for before the first render ([`ipc::ask_start`]).
#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub info: Asked,
    pub snapshot: Asked,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_reducer(State::default);
    {
        let store = store.clone();
        let asked = (props.info.clone(), props.snapshot.clone());
        use_effect_with((), move |_| start(store, asked));
    }
    html! {
        <ContextProvider<Store> context={store}>
            <Window />
        </ContextProvider<Store>>
    }
}

/// Paints from the shell's cache at once, then follows its events; the UI never polls.
fn start(store: Store, (info, snapshot): (Asked, Asked)) {
    mark("ccp:start");
    spawn_local(async move {
        // Listening and painting at the same time: the snapshot was read before the listener
        // started, so what changed in between would be missed; once both are done it is read
        // again (the reducer merges: newer data wins, no passcode is dropped).
        let (listening, loaded) =
            join(listen(store.clone()), paint(store.clone(), info, snapshot)).await;
        if listening && loaded {
            load_snapshot(store).await;
        }
    });
}

/// Follows the shell's events into the store; false if that failed (the store shows why).
async fn listen(store: Store) -> bool {
    let events = store.clone();
    match ipc::listen_events(move |event| events.dispatch(Action::Event(event))).await {
        Ok(()) => {
            mark("ccp:listen");
            true
        }
        Err(e) => {
            store.dispatch(Action::LoadFailed(e));
            false
        }
    }
}

/// The first picture: the app's info, then (with a server chosen) the cached snapshot; true if
/// the snapshot was loaded. Before a server is chosen the snapshot fails (there is no core) and
/// is not used: the welcome page shows.
async fn paint(store: Store, info: Asked, snapshot: Asked) -> bool {
    let info = match info.answer::<AppInfo>().await {
        Ok(info) => info,
        Err(e) => {
            store.dispatch(Action::LoadFailed(e));
            return false;
        }
    };
    mark("ccp:info");
    let connected = info.connection.is_some();
    let first = info.open_first.clone();
    store.dispatch(Action::AppInfo(info));
    let mut loaded = false;
    if connected {
        store.dispatch(match snapshot.answer::<Snapshot>().await {
            Ok(snapshot) => {
                loaded = true;
                Action::Loaded(Box::new(snapshot))
            }
            Err(e) => Action::LoadFailed(e),
        });
        mark("ccp:snapshot");
    }
    // This window was built again for a notification's click or "Wasn't me".
    if let Some(event) = first {
        store.dispatch(Action::Event(event));
    }
    loaded
}

/// A point on the page's time line (`performance.mark`), read by scripts/bench.sh to split
/// the time to first paint.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The frame: header always, navigation when signed in, and the current page.
#[function_component(Window)]
fn window() -> Html {
    let store = use_store();
    let lang = store.lang();
    use_theme(
        store
            .info
            .as_ref()
            .map(|i| i.settings.theme)
            .unwrap_or_default(),
    );
    let retry = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| spawn_local(load_snapshot(store.clone())))
    };
    let body = if store.locked() {
        html! { <LockScreen /> }
    } else if store.needs_server() {
        html! { <WelcomePage /> }
    } else if !store.loaded {
        match &store.load_error {
            Some(e) => html! {
                <section class="page">
                    <p class="error" role="alert">{ tf(lang, Key::LoadFailed, &e.message) }</p>
                    <button onclick={retry}>{ t(lang, Key::Retry) }</button>
                </section>
            },
            None => html! { <p class="page loading">{ t(lang, Key::Loading) }</p> },
        }
    } else {
        match store.current_page() {
            Page::SignIn => html! { <SignInPage /> },
            Page::Cards => html! { <CardsPage /> },
            Page::Card(token) => html! { <CardPage {token} /> },
            Page::Activity => html! { <ActivityPage /> },
            Page::Inbox => html! { <InboxPage /> },
            Page::Codes => html! { <CodesPage /> },
            Page::History => html! { <HistoryPage /> },
            Page::Profile => html! { <ProfilePage /> },
            Page::Keys => html! { <KeysPage /> },
            Page::Kyc => html! { <KycPage /> },
            Page::Settings => html! { <SettingsPage /> },
            Page::FreezeAll => html! { <FreezeAllPage /> },
        }
    };
    // A new page starts at its top, as a link in a browser does (not at the last page's offset).
    use_effect_with(store.current_page(), |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    // The user is here: the idle lock counts again (told to the shell at most every 2 s).
    let last_told = use_mut_ref(|| 0i64);
    let tell = move || {
        let now = now_unix();
        if now - *last_told.borrow() >= 2 {
            *last_told.borrow_mut() = now;
            spawn_local(async {
                let _ = ipc::note_activity().await;
            });
        }
    };
    let on_key = {
        let tell = tell.clone();
        Callback::from(move |_: KeyboardEvent| tell())
    };
    let on_pointer = Callback::from(move |_: PointerEvent| tell());
    // Permanent while it lasts: the user allowed plain http, and must not forget it.
    let insecure_server = store
        .info
        .as_ref()
        .and_then(|i| i.connection.as_ref())
        .filter(|c| c.insecure)
        .map(|c| c.server.clone());
    html! {
        <div class="app" lang={lang.code()} dir={lang.dir()} onkeydown={on_key} onpointerdown={on_pointer}>
            <a class="skip-link" href="#main">{ t(lang, Key::SkipToContent) }</a>
            <AppHeader />
            if let Some(server) = insecure_server {
                <p id="insecure-warning" class="warning-bar" role="alert">{ tf(lang, Key::InsecureWarning, &server) }</p>
            }
            if store.signed_in() && !store.locked() {
                <NavBar />
            }
            <RefrozenNotice />
            if let Some(reason) = store.session.as_ref().and_then(|s| s.not_kept.as_deref()) {
                <p id="session-notice" class="notice" role="status">{ tf(lang, Key::SessionNotKept, reason) }</p>
            }
            <main id="main" class="content" tabindex="-1">{ body }</main>
        </div>
    }
}
