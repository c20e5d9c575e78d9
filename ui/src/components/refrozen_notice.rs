use crate::hooks::use_store;
use crate::i18n::{Key, t, tf};
use crate::state::Action;
use yew::prelude::*;

/// A card unfrozen for one checkout was frozen again (a status), or could not be (an alert,
/// kept until read: the card is open and the app keeps trying).
#[function_component(RefrozenNotice)]
pub fn refrozen_notice() -> Html {
    let store = use_store();
    let lang = store.lang();
    let Some(r) = store.refrozen.clone() else {
        return html! {};
    };
    let number = r
        .card
        .as_ref()
        .map(|c| c.masked_number.clone())
        .or_else(|| store.card(&r.public_token).map(|c| c.masked_number.clone()))
        .unwrap_or_else(|| r.public_token.clone());
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::DismissRefrozen))
    };
    let (class, role, text) = match &r.error {
        None => ("notice", "status", tf(lang, Key::RefrozenNotice, &number)),
        Some(why) => (
            "warning-bar",
            "alert",
            format!("{} {why}", tf(lang, Key::RefreezeFailedNotice, &number)),
        ),
    };
    html! {
        <div id="refrozen-notice" class={class} role={role}>
            <span>{ text }</span>
            <button class="link" onclick={dismiss}>{ t(lang, Key::Dismiss) }</button>
        </div>
    }
}
