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

/// The session script (scripts/session.sh) starts the tests' keyring and notification daemon
/// only on a private bus: on a bus where someone else already serves either name (the user's
/// desktop, say) the tests would write to that keyring and close those notifications, so it
/// refuses before starting anything. Checked on a new private bus whose notifications are
/// already served by another dunst, and on one where nothing is (where it goes ahead).
#[test]
fn the_session_script_refuses_a_bus_it_does_not_own() {
    crate::support::require_session();
    let session = |prelude: &str| {
        let script = format!("{prelude} . scripts/session.sh && echo session-ready");
        Command::new("dbus-run-session")
            .args(["--", "bash", "-c", &script])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("dbus-run-session")
    };
    let taken = session(
        "dunst >/dev/null 2>&1 & trap \"kill $!\" EXIT; for _ in $(seq 50); do dbus-send --session --print-reply \
         --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
         string:org.freedesktop.Notifications | grep -q true && break; sleep 0.1; done;",
    );
    let said = String::from_utf8_lossy(&taken.stderr);
    assert_eq!(taken.status.code(), Some(1), "{said}");
    assert!(
        said.contains("org.freedesktop.Notifications is already served on this bus"),
        "{said}"
    );
    assert!(!String::from_utf8_lossy(&taken.stdout).contains("session-ready"));
    let private = session("");
    assert!(
        String::from_utf8_lossy(&private.stdout).contains("session-ready"),
        "{}",
        String::from_utf8_lossy(&private.stderr)
    );
}
