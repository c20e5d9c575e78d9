use super::{input_value, type_name, use_calls};
use crate::i18n::{Key, t};
use crate::ipc;
use ccp_model::ipc::KeysGenerateArgs;
use ccp_model::potato::KeyType;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// After new keys were made: the page lists them again.
    pub on_generated: Callback<()>,
}

/// Making 1–10 new card keys of one type.
#[function_component(GenerateForm)]
pub fn generate_form(props: &Props) -> Html {
    let calls = use_calls();
    let lang = calls.lang();
    let (type_ref, count_ref) = (use_node_ref(), use_node_ref());
    let on_generate = {
        let on_generated = props.on_generated.clone();
        let (type_ref, count_ref) = (type_ref.clone(), count_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let key_type = type_ref
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(KeyType::Month);
            let count = input_value(&count_ref).trim().parse().unwrap_or(0);
            let args = KeysGenerateArgs { key_type, count };
            let (generate, on_generated) = (
                async move { ipc::keys_generate(&args).await },
                on_generated.clone(),
            );
            calls.submit(generate, move |_| on_generated.emit(()));
        })
    };
    html! {
        <form class="panel row" onsubmit={on_generate} aria-labelledby="keys-generate-heading">
            <h3 id="keys-generate-heading">{ t(lang, Key::KeysGenerate) }</h3>
            <label for="keys-type">{ t(lang, Key::KeysType) }</label>
            <select id="keys-type" ref={type_ref}>
                { for KeyType::ALL.iter().map(|k| html! {
                    <option value={k.as_str()} selected={*k == KeyType::Month}>{ type_name(lang, *k) }</option>
                }) }
            </select>
            <label for="keys-count">{ t(lang, Key::KeysCount) }</label>
            <input id="keys-count" type="number" min="1" max="10" value="1" ref={count_ref} />
            <button id="keys-generate" type="submit" class="primary">{ t(lang, Key::KeysGenerate) }</button>
        </form>
    }
}
