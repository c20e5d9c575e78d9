//! A Secret Service that never answers: the core must still open (memory-only, with the
//! notice) within the keyring timeout, rather than keep the window from appearing.
//!
//! Its own test binary, like `no_keyring`: it points DBUS_SESSION_BUS_ADDRESS at a private bus
//! for the whole process (the keyring store is chosen once per process, on first use).
//!
//! The hung service is real D-Bus: a private `dbus-daemon` whose only service file names
//! `org.freedesktop.secrets` with a program that never takes the name. The first call to the
//! Secret Service starts it (D-Bus activation), and the bus holds the call until the service
//! appears — here, never (activation timeout: 2 minutes) — exactly as a client sees a
//! keyring daemon that hangs, or an unlock prompt nobody answers.

#[allow(dead_code)]
#[path = "support/common.rs"]
mod support;

use ccp_core::{Core, SessionPersistence};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{config_on_own_bus, sandbox, sign_in};

/// The private bus; stopped (by its own process id) when the test ends, however it ends.
struct Bus {
    daemon: Child,
    address: String,
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn start_bus_with_hung_secret_service(dir: &Path) -> Bus {
    let services = dir.join("services");
    std::fs::create_dir(&services).unwrap();
    // The "service" waits, without touching the bus, for as long as the test's directory
    // exists: it outlives the calls it should answer but not the test.
    let marker = dir.join("bus.conf");
    let script = dir.join("never-answers.sh");
    std::fs::write(
        &script,
        format!("while [ -e '{}' ]; do sleep 0.2; done\n", marker.display()),
    )
    .unwrap();
    std::fs::write(
        services.join("org.freedesktop.secrets.service"),
        format!(
            "[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh {}\n",
            script.display()
        ),
    )
    .unwrap();
    std::fs::write(
        &marker,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="service_start_timeout">120000</limit>
</busconfig>
"#,
            dir.join("bus").display(),
            services.display()
        ),
    )
    .unwrap();
    let mut daemon = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", marker.display()))
        .args(["--nofork", "--print-address"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon runs (apt: dbus)");
    let mut address = String::new();
    BufReader::new(daemon.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    Bus {
        daemon,
        address: address.trim().to_owned(),
    }
}

#[tokio::test]
async fn a_hung_secret_service_costs_one_timeout_then_memory_only() {
    let tmp = tempfile::tempdir().unwrap();
    let bus = start_bus_with_hung_secret_service(tmp.path());
    assert!(bus.address.starts_with("unix:"), "{:?}", bus.address);
    // SAFETY: the only test in this binary, run before anything reads the environment.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address) };

    let sb = sandbox().await;
    let data = tmp.path().join("data");
    let started = Instant::now();
    // The outer bound only turns a hang (the bug) into a failure instead of a stuck run.
    let core = tokio::time::timeout(
        Duration::from_secs(20),
        Core::open(config_on_own_bus(&sb, &data, "hung")),
    )
    .await
    .expect("Core::open returns although the keyring never answers")
    .unwrap();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(6), "Core::open took {took:?}");
    let reason = match core.persistence() {
        SessionPersistence::MemoryOnly { reason } => reason,
        other => panic!("expected memory-only, got {other:?}"),
    };
    assert!(
        reason.contains("the keyring did not answer within 5 s"),
        "{reason}"
    );

    // The call is still stuck; signing in and out do not wait for it again.
    let started = Instant::now();
    sign_in(&core).await;
    assert!(matches!(
        core.persistence(),
        SessionPersistence::MemoryOnly { .. }
    ));
    core.logout().await.unwrap();
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "sign-in and out took {took:?}"
    );
    // The process must end quiet: a thread still closing a database or a D-Bus call while it
    // exits races C libraries' exit-time clean-up (this binary sometimes aborted with a double
    // free after passing). Both databases, the core's cache and the sandbox's, are closed with
    // their threads by the time their owners' `close` and `shutdown` return.
    core.close().await;
    sb.shutdown().await;
    let open = threads_named("sqlx-sqlite-wor");
    assert_eq!(open, 0, "SQLite connection threads still open");
    // The bus gone, the stuck call fails and its thread ends.
    drop(bus);
    let deadline = Instant::now() + Duration::from_secs(10);
    while threads_named("keyring") > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(threads_named("keyring"), 0, "the stuck keyring call ended");
}

/// This process's threads whose name (as the kernel keeps it: 15 bytes) is `name`.
fn threads_named(name: &str) -> usize {
    std::fs::read_dir("/proc/self/task")
        .expect("/proc is mounted")
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .filter(|comm| comm.trim_end() == name)
        .count()
}
