//! The OS keyring is the real Secret Service (gnome-keyring in the test's D-Bus session).

use std::process::Command;

#[test]
fn a_secret_written_by_the_keyring_crate_lands_in_the_secret_service() {
    crate::support::require_session();
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "run inside scripts/test.sh (a D-Bus session with gnome-keyring)"
    );
    let service = format!("ccp-keyring-test-{}", std::process::id());
    let entry = keyring::Entry::new(&service, "probe").expect("entry");
    entry.set_password("s3cr3t-value").expect("set");

    // Read back through the Secret Service's own client, not the crate that wrote it.
    let out = Command::new("secret-tool")
        .args(["search", "--all", "--unlock", "service", &service])
        .output()
        .expect("secret-tool");
    let listing =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(listing.contains("secret = s3cr3t-value"), "{listing}");

    assert_eq!(entry.get_password().expect("get"), "s3cr3t-value");
    entry.delete_credential().expect("delete");
    assert!(entry.get_password().is_err(), "deleted");
}
