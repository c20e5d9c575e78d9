use crate::components::error_text::ErrorText;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t};
use crate::ipc;
use crate::state::Action;
use web_sys::HtmlSelectElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
}

/// The language, before signing in (welcome and sign-in pages): a first run starts in the
/// desktop's language, and this changes it at once, saved like every setting.
#[function_component(LanguagePicker)]
pub fn language_picker(props: &Props) -> Html {
    let store = use_store();
    let error = use_state(|| None::<String>);
    let lang = store.lang();
    let Some(settings) = store.info.as_ref().map(|i| i.settings.clone()) else {
        return html! {};
    };
    let onchange = {
        let (store, error) = (store.clone(), error.clone());
        Callback::from(move |e: Event| {
            let mut next = settings.clone();
            next.language =
                Lang::from_code(&e.target_unchecked_into::<HtmlSelectElement>().value());
            let (store, error) = (store.clone(), error.clone());
            spawn_local(async move {
                match ipc::set_settings(&next).await {
                    Ok(stored) => store.dispatch(Action::SettingsSaved(stored)),
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    html! {
        <div class="language-picker">
            <label for={props.id.clone()}>{ t(lang, Key::Language) }</label>
            <select id={props.id.clone()} {onchange}>
                // Each language named in itself, so it can be found without reading the current one.
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.code()} lang={l.code()} selected={*l == lang}>{ l.native_name() }</option>
                }) }
            </select>
            <ErrorText message={(*error).clone()} />
        </div>
    }
}
