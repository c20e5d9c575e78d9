use crate::components::language_picker::LanguagePicker;
use crate::components::server_chooser::ServerChooser;
use crate::hooks::use_store;
use crate::i18n::{Key, t};
use crate::state::Action;
use yew::prelude::*;

/// First run: sign in to the real service (the build's default server, changeable under
/// "Advanced") or try the demo. Shown until a server is chosen; the choice is remembered.
#[function_component(WelcomePage)]
pub fn welcome_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let default_server = store.info.as_ref().and_then(|i| i.default_server.clone());
    // Here again from the sign-in page's "Change server": the way back keeps the server.
    let again = store.info.as_ref().is_some_and(|i| i.connection.is_some());
    let keep = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ChooseServer(false)))
    };
    html! {
        <section class="page welcome-page" aria-labelledby="welcome-heading">
            <div class="panel narrow stack">
                <LanguagePicker id="welcome-language" />
                <h2 id="welcome-heading">{ t(lang, Key::WelcomeTitle) }</h2>
                <p class="hint">{ t(lang, Key::WelcomeIntro) }</p>
                <h3>{ t(lang, Key::SignInToService) }</h3>
                <ServerChooser id="welcome" initial={default_server.clone().unwrap_or_default()}
                    address_in_advanced={default_server.is_some()} submit={Key::Continue} />
                if again {
                    <button id="welcome-keep-server" type="button" class="link" onclick={keep}>{ t(lang, Key::KeepServer) }</button>
                }
            </div>
        </section>
    }
}
