use crate::hooks::use_store;
use crate::i18n::{Key, t};
use crate::state::{Action, Page};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The page it goes back to.
    pub to: Page,
    /// Its words ("Back to cards", or the page's name).
    pub label: Key,
}

/// The link at the top of a page opened from another one, back to that page.
#[function_component(BackLink)]
pub fn back_link(props: &Props) -> Html {
    let store = use_store();
    let words = t(store.lang(), props.label);
    let onclick = {
        let (store, to) = (store.clone(), props.to.clone());
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(to.clone())))
    };
    html! {
        <button class="back link" {onclick}>
            <span class="back-arrow" aria-hidden="true">{ "←" }</span>{ " " }{ words }
        </button>
    }
}
