// Declaring the app's commands makes Tauri generate an `allow-<command>` permission for each,
// and deny any command not granted in capabilities/default.json.
const COMMANDS: &[&str] = &[
    "app_info",
    "snapshot",
    "login",
    "verify_otp",
    "logout",
    "sync_now",
    "card_action",
    "start_kyc",
    "copy_passcode",
    "set_settings",
    "test_notification",
    "transactions",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
