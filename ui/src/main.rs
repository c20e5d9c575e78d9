//! ComeComePay Desktop's window: a Yew app compiled to wasm (cargo + wasm-bindgen) and shown by Tauri.
//! It renders ccp-model types it gets from the shell (`ipc`) and keeps them in one reducer
//! (`state`); it does no network or disk I/O of its own.

// Natively only the tests run, so the components and bindings are unused there.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod app;
mod components;
mod format;
mod hooks;
mod i18n;
mod ipc;
mod pages;
mod state;

fn main() {
    // Natively this binary only exists for `cargo test`: the window needs a browser.
    #[cfg(target_arch = "wasm32")]
    {
        app::mark("ccp:main");
        // Sent before the first render: the shell answers while Yew builds the first frame.
        let (info, snapshot) = ipc::ask_start();
        yew::Renderer::<app::App>::with_props(app::AppProps { info, snapshot }).render();
    }
}
