use ccp_model::ipc::Theme;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Applies `theme` to the page (`data-theme` on the root element, which the stylesheet reads):
/// light or dark as chosen, or the desktop's — followed while the window is open, when the
/// desktop switches.
#[hook]
pub fn use_theme(theme: Theme) {
    use_effect_with(theme, move |theme| {
        let query = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        let apply = {
            let query = query.clone();
            move |theme: Theme| {
                let dark = match theme {
                    Theme::Dark => true,
                    Theme::Light => false,
                    Theme::System => query.as_ref().is_some_and(|q| q.matches()),
                };
                let root = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element());
                if let Some(root) = root {
                    let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
                }
            }
        };
        apply(*theme);
        let follow = (*theme == Theme::System)
            .then(|| Closure::<dyn Fn()>::new(move || apply(Theme::System)));
        if let (Some(query), Some(follow)) = (&query, &follow) {
            let _ =
                query.add_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
        }
        move || {
            if let (Some(query), Some(follow)) = (&query, &follow) {
                let _ = query
                    .remove_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
            }
        }
    });
}
