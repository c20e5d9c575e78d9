// Declaring the app's commands makes Tauri generate an `allow-<command>` permission for each,
// and deny any command not granted in capabilities/default.json. The names come from the one
// list in ccp-model.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(ccp_model::ipc::cmd::ALL)),
    )
    .expect("tauri-build failed");
}
