//! A window that shows a Yew-rendered "Hello, world": nothing else, on purpose.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the hello window");
}
