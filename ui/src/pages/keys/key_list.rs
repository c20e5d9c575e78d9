use super::{type_name, use_calls};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use ccp_model::ipc::CardKeyArgs;
use ccp_model::potato::{CardKey, KeyState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub keys: Vec<CardKey>,
}

/// The listed card keys, each with its type, whether it was used, and a copy button.
#[function_component(KeyList)]
pub fn key_list(props: &Props) -> Html {
    let calls = use_calls();
    let lang = calls.lang();
    let copy = |card: String| {
        let calls = calls.clone();
        Callback::from(move |_: MouseEvent| {
            let args = CardKeyArgs { card: card.clone() };
            calls.run(async move { ipc::keys_copy(&args).await }, |()| {});
        })
    };
    html! {
        <div class="panel">
            <h3>{ t(lang, Key::KeysList) }</h3>
            if props.keys.is_empty() {
                <p class="empty">{ t(lang, Key::KeysNone) }</p>
            }
            <ul class="key-list">
                { for props.keys.iter().map(|k| html! {
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
    }
}
