//! The hello window: one Yew component that renders a text (what the bench waits for).

// Natively (`cargo clippy --workspace`) nothing renders the component.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use yew::prelude::*;

#[function_component(Hello)]
fn hello() -> Html {
    html! { <p id="hello">{ "Hello, world" }</p> }
}

fn main() {
    // Natively this only compiles (for `cargo clippy --workspace`): the window needs a browser.
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<Hello>::new().render();
}
