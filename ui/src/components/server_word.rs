use crate::hooks::use_store;
use crate::i18n::{Key, t};
use ccp_model::i18n::{Said, Vocabulary, said_opt};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub vocabulary: Vocabulary,
    pub word: Option<AttrValue>,
}

/// A word the service sent (a status, a kind, a card network) in the user's words. One this app
/// does not know yet is shown as sent, marked (class `as-sent`, a dotted underline) and titled
/// so, for sighted and screen-reader users alike; nothing sent is a dash.
#[function_component(ServerWord)]
pub fn server_word(props: &Props) -> Html {
    let lang = use_store().lang();
    match said_opt(lang, props.vocabulary, props.word.as_deref()) {
        Said::AsSent(raw) => {
            let note = t(lang, Key::AsSent);
            html! { <span class="as-sent" title={note} aria-label={format!("{raw} ({note})")}>{ raw }</span> }
        }
        known => html! { { known.text().to_owned() } },
    }
}
