use crate::i18n::{Key, Lang, t};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub lang: Lang,
    /// Its name for screen readers, and its placeholder.
    pub label: Key,
    pub value: AttrValue,
    /// The whole query after each keystroke.
    pub on_query: Callback<String>,
}

/// A search field over a list, named for screen readers by a label only they see.
#[function_component(SearchBox)]
pub fn search_box(props: &Props) -> Html {
    let oninput = props.on_query.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let words = t(props.lang, props.label);
    html! {
        <>
            <label for={props.id.clone()} class="visually-hidden">{ words }</label>
            <input id={props.id.clone()} type="search" placeholder={words}
                value={props.value.clone()} {oninput} />
        </>
    }
}
