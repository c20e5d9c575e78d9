use crate::components::app_lock_settings::AppLockSettings;
use crate::components::browser_settings::BrowserSettings;
use crate::components::error_text::ErrorText;
use crate::components::server_chooser::ServerChooser;
use crate::format;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::ipc::{AppMode, OptionalPart, Settings, ShortcutProblem, Theme};

/// The command a desktop's own shortcut settings can run where the app cannot grab one (a
/// command, the same in every language).
const COPY_NEWEST: &str = "comecomepay-desktop --copy-newest";
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

/// What a button or switch last did, shown next to it.
#[derive(Clone, PartialEq)]
enum Outcome {
    Done(Key),
    Failed(String),
}

/// Notification privacy, language, a test notification, and what the app is connected to.
#[function_component(SettingsPage)]
pub fn settings_page() -> Html {
    let store = use_store();
    let saved = use_state(|| None::<Outcome>);
    let tested = use_state(|| None::<Outcome>);
    let downloaded = use_state(|| None::<Outcome>);
    let desk = use_state(|| None::<Outcome>);
    let lang = store.lang();
    let Some(info) = store.info.clone() else {
        return html! { <section class="page"><p>{ t(lang, Key::Loading) }</p></section> };
    };
    let settings = info.settings.clone();

    // Saves the whole settings value; the shell answers with what it stored, and the outcome
    // shows next to the control that changed (`slot`).
    let save_to = {
        let store = store.clone();
        move |next: Settings, saved: UseStateHandle<Option<Outcome>>| {
            let store = store.clone();
            spawn_local(async move {
                match ipc::set_settings(&next).await {
                    Ok(stored) => {
                        let took = stored.copy_shortcut == next.copy_shortcut;
                        store.dispatch(Action::SettingsSaved(stored));
                        // Whether the shortcut took: the app's info says why not, in a form
                        // this page translates.
                        if let Ok(info) = ipc::app_info().await {
                            store.dispatch(Action::AppInfo(info));
                        }
                        saved.set(took.then_some(Outcome::Done(Key::Saved)));
                    }
                    Err(e) => saved.set(Some(Outcome::Failed(report(&store, e)))),
                }
            });
        }
    };
    // A control's change: `edit` applies it to the settings, which are saved, and the outcome
    // shows in `slot`.
    let on_change = |slot: &UseStateHandle<Option<Outcome>>, edit: fn(&mut Settings, &Event)| {
        let (save_to, slot, settings) = (save_to.clone(), slot.clone(), settings.clone());
        Callback::from(move |e: Event| {
            let mut next = settings.clone();
            edit(&mut next, &e);
            save_to(next, slot.clone());
        })
    };
    let on_show_code = on_change(&saved, |s, e| {
        s.show_code_in_notification = e.target_unchecked_into::<HtmlInputElement>().checked()
    });
    let on_shortcut_on = on_change(&desk, |s, e| {
        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
        s.copy_shortcut = on.then(|| Settings::DEFAULT_SHORTCUT.to_owned());
    });
    let on_shortcut_keys = on_change(&desk, |s, e| {
        let keys = e.target_unchecked_into::<HtmlInputElement>().value();
        let keys = keys.trim();
        s.copy_shortcut = (!keys.is_empty()).then(|| keys.to_owned());
    });
    // Pressing the keys records them (the typed form above stays for what cannot be pressed).
    let on_shortcut_press = {
        let (save_to, desk, settings) = (save_to.clone(), desk.clone(), settings.clone());
        Callback::from(move |e: KeyboardEvent| {
            let pressed = format::shortcut(
                e.ctrl_key(),
                e.alt_key(),
                e.shift_key(),
                e.meta_key(),
                &e.code(),
                &e.key(),
            );
            if let Some(keys) = pressed {
                e.prevent_default();
                e.target_unchecked_into::<HtmlInputElement>()
                    .set_value(&keys);
                let next = Settings {
                    copy_shortcut: Some(keys),
                    ..settings.clone()
                };
                save_to(next, desk.clone());
            }
        })
    };
    let on_autostart = on_change(&desk, |s, e| {
        s.start_at_login = e.target_unchecked_into::<HtmlInputElement>().checked()
    });
    let on_theme = on_change(&saved, |s, e| {
        let code = e.target_unchecked_into::<HtmlSelectElement>().value();
        s.theme = Theme::from_code(&code);
    });
    let on_language = on_change(&saved, |s, e| {
        let code = e.target_unchecked_into::<HtmlSelectElement>().value();
        s.language = Lang::from_code(&code);
    });
    let open_keys = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::Keys)))
    };
    let on_test = {
        let (store, tested) = (store.clone(), tested.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, tested) = (store.clone(), tested.clone());
            tested.set(None);
            spawn_local(async move {
                match ipc::test_notification().await {
                    Ok(()) => tested.set(Some(Outcome::Done(Key::Sent))),
                    Err(e) => tested.set(Some(Outcome::Failed(report(&store, e)))),
                }
            });
        })
    };
    let on_download = {
        let (store, downloaded) = (store.clone(), downloaded.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, downloaded) = (store.clone(), downloaded.clone());
            spawn_local(async move {
                match ipc::open_update().await {
                    Ok(()) => downloaded.set(None),
                    Err(e) => downloaded.set(Some(Outcome::Failed(report(&store, e)))),
                }
            });
        })
    };
    let outcome = |o: &Option<Outcome>, class: &'static str| match o {
        Some(Outcome::Done(key)) => {
            html! { <span class={classes!("ok", class)} role="status">{ t(lang, *key) }</span> }
        }
        Some(Outcome::Failed(message)) => html! { <ErrorText message={Some(message.clone())} /> },
        None => html! {},
    };
    let connection = info.connection.clone();
    let mode = match connection.as_ref().map(|c| c.mode) {
        Some(AppMode::Demo) => t(lang, Key::DemoBadge),
        _ => t(lang, Key::LiveBadge),
    };
    let server = connection.map(|c| c.server).unwrap_or_default();
    // The demo's address is a random local port: start a change from the build's default.
    let change_from = if store.is_demo() {
        info.default_server.clone().unwrap_or_default()
    } else {
        server.clone()
    };

    html! {
        <section class="page settings-page" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{ t(lang, Key::SettingsTitle) }</h2>
            <fieldset class="panel">
                <legend>{ t(lang, Key::Notifications) }</legend>
                <label class="check">
                    <input type="checkbox" id="settings-show-code"
                        checked={settings.show_code_in_notification} onchange={on_show_code} />
                    <span>{ t(lang, Key::ShowCode) }</span>
                </label>
                <p class="hint">{ t(lang, Key::ShowCodeHint) }</p>
                <div class="row">
                    <button id="settings-test-notification" onclick={on_test}>{ t(lang, Key::TestNotification) }</button>
                    { outcome(&tested, "test-notification-result") }
                </div>
            </fieldset>
            <AppLockSettings />
            <BrowserSettings />
            <fieldset class="panel desktop-settings">
                <legend>{ t(lang, Key::OnThisDesktop) }</legend>
                <label class="check">
                    <input type="checkbox" id="settings-shortcut-on"
                        checked={settings.copy_shortcut.is_some()} onchange={on_shortcut_on} />
                    <span>{ t(lang, Key::ShortcutOn) }</span>
                </label>
                <div class="row">
                    <label for="settings-shortcut">{ t(lang, Key::ShortcutKeys) }</label>
                    // Kept on screen when off (disabled), so it never vanishes under the cursor.
                    <input id="settings-shortcut" type="text" class="mono" dir="ltr" spellcheck="false"
                        value={settings.copy_shortcut.clone().unwrap_or_else(|| Settings::DEFAULT_SHORTCUT.to_owned())}
                        disabled={settings.copy_shortcut.is_none()} onchange={on_shortcut_keys}
                        onkeydown={on_shortcut_press}
                        aria-describedby="settings-shortcut-hint" />
                </div>
                <p id="settings-shortcut-hint" class="hint">{ t(lang, Key::ShortcutHint) }</p>
                if let Some(problem) = &info.shortcut_problem {
                    <p id="settings-shortcut-problem" class="error" role="alert"
                        title={match problem {
                            ShortcutProblem::NotGiven { detail, .. } | ShortcutProblem::Unavailable { detail } => Some(detail.clone()),
                            ShortcutProblem::NotKeys { .. } => None,
                        }}>
                        { match problem {
                            ShortcutProblem::NotKeys { keys } => tf(lang, Key::ShortcutNotKeys, keys),
                            ShortcutProblem::NotGiven { keys, .. } => tf(lang, Key::ShortcutNotGiven, keys),
                            ShortcutProblem::Unavailable { .. } => t(lang, Key::ShortcutUnavailable).to_owned(),
                        } }
                        if matches!(problem, ShortcutProblem::Unavailable { .. }) {
                            { " " }<code dir="ltr">{ COPY_NEWEST }</code>
                        }
                    </p>
                }
                <label class="check">
                    <input type="checkbox" id="settings-autostart"
                        checked={settings.start_at_login} onchange={on_autostart}
                        disabled={info.unavailable.iter().any(|u| u.part == OptionalPart::Autostart)} />
                    <span>{ t(lang, Key::StartAtLogin) }</span>
                </label>
                // What this system could not give the app: said, with the platform's words on hover.
                if !info.unavailable.is_empty() {
                    <ul id="settings-unavailable" class="warning-list">
                        { for info.unavailable.iter().map(|u| html! {
                            <li class="warning" data-part={format!("{:?}", u.part)} title={u.detail.clone()}>
                                { t(lang, match u.part {
                                    OptionalPart::Autostart => Key::AutostartUnavailable,
                                    OptionalPart::Tray => Key::TrayUnavailable,
                                    OptionalPart::NotificationClicks => Key::ClicksUnavailable,
                                    OptionalPart::SingleInstance => Key::SingleInstanceUnavailable,
                                }) }
                            </li>
                        }) }
                    </ul>
                }
                { outcome(&desk, "settings-desktop-saved") }
            </fieldset>
            { choice_panel(lang, Key::Language, "settings-language", on_language,
                Lang::ALL.iter().map(|l| (l.code(), l.native_name(), *l == lang)),
                outcome(&saved, "settings-saved")) }
            { choice_panel(lang, Key::Theme, "settings-theme", on_theme,
                Theme::ALL.iter().map(|theme| (theme.code(), t(lang, match theme {
                    Theme::System => Key::ThemeSystem,
                    Theme::Light => Key::ThemeLight,
                    Theme::Dark => Key::ThemeDark,
                }), *theme == settings.theme)),
                html! {}) }
            <fieldset class="panel">
                <legend>{ t(lang, Key::Account) }</legend>
                <dl class="facts">
                    if let Some(session) = &store.session {
                        <dt>{ t(lang, Key::Email) }</dt><dd>{ &session.email }</dd>
                    }
                    <dt>{ t(lang, Key::Server) }</dt><dd id="settings-current-server" class="mono"><bdi dir="ltr">{ server.clone() }</bdi></dd>
                </dl>
                <details class="change-server">
                    <summary id="settings-change-server">{ t(lang, Key::ChangeServer) }</summary>
                    <p class="hint">{ tf(lang, Key::ChangeServerHint, &server) }</p>
                    <ServerChooser id="settings" initial={change_from} submit={Key::UseThisServer} />
                </details>
            </fieldset>
            <fieldset class="panel other-services">
                <legend>{ t(lang, Key::OtherServices) }</legend>
                <p class="hint">{ t(lang, Key::OtherServicesIntro) }</p>
                <button id="settings-open-keys" type="button" class="secondary" onclick={open_keys}>{ t(lang, Key::OpenKeys) }</button>
            </fieldset>
            <fieldset class="panel about">
                <legend>{ t(lang, Key::About) }</legend>
                <dl class="facts">
                    <dt>{ t(lang, Key::Version) }</dt>
                    <dd id="about-version">{ format!("{} {} ({mode})", info.name, info.version) }</dd>
                </dl>
                { match &info.update {
                    Some(update) => html! {
                        <div id="about-update" class="stack" role="status">
                            <p class="ok">{ tf(lang, Key::UpdateAvailable, &update.version) }</p>
                            if let Some(notes) = &update.release_notes {
                                <p class="hint">{ notes }</p>
                            }
                            if update.download_url.is_some() {
                                <div class="row">
                                    <button id="about-download" onclick={on_download}>{ t(lang, Key::Download) }</button>
                                    { outcome(&downloaded, "download-result") }
                                </div>
                            }
                        </div>
                    },
                    None => html! { <p class="hint">{ t(lang, Key::UpToDate) }</p> },
                } }
            </fieldset>
        </section>
    }
}

/// A panel with one choice: its legend names the `<select>` too; `options` are (value, words,
/// chosen); `after` stands under it (what saving said).
fn choice_panel(
    lang: Lang,
    legend: Key,
    id: &'static str,
    onchange: Callback<Event>,
    options: impl Iterator<Item = (&'static str, &'static str, bool)>,
    after: Html,
) -> Html {
    html! {
        <fieldset class="panel">
            <legend>{ t(lang, legend) }</legend>
            <select {id} aria-label={t(lang, legend)} {onchange}>
                { for options.map(|(value, words, selected)| html! {
                    <option {value} {selected}>{ words }</option>
                }) }
            </select>
            { after }
        </fieldset>
    }
}
