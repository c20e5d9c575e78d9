use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub message: Option<String>,
}

/// An error line (class `error`), or nothing.
#[function_component(ErrorText)]
pub fn error_text(props: &Props) -> Html {
    match &props.message {
        Some(message) => html! { <p class="error" role="alert">{ message }</p> },
        None => html! {},
    }
}
