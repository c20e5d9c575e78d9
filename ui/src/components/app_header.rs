use crate::components::sync_status::SyncStatusLine;
use crate::hooks::use_store;
use crate::i18n::{Key, t};
use ccp_model::ipc::AppMode;
use yew::prelude::*;

/// Title and version (always shown), and the sync line once signed in.
#[function_component(AppHeader)]
pub fn app_header() -> Html {
    let store = use_store();
    let lang = store.lang();
    // Rendered only once `app_info` answered, so the element never holds a placeholder.
    let version = store.info.as_ref().map(|info| {
        let text = match info.connection.as_ref().map(|c| c.mode) {
            Some(AppMode::Demo) => format!("v{} · {}", info.version, t(lang, Key::DemoBadge)),
            _ => format!("v{}", info.version),
        };
        html! { <span id="app-version" class="app-version">{ text }</span> }
    });
    html! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <h1 id="app-title">{ "ComeComePay" }</h1>
                { for version }
            </div>
            if store.signed_in() {
                <SyncStatusLine />
            }
        </header>
    }
}
