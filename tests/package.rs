//! The Linux packages, as a user gets them: the .deb and .rpm the Tauri bundler makes from the
//! binary these tests were built with (scripts/bundle-debug.sh; scripts/test.sh runs it and
//! names the bundle directory in `CCP_BUNDLES`). The .deb is checked by lintian and
//! desktop-file-validate, unpacked into a temporary root, and its binary started in demo mode.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One name for the package, its binary, desktop entry, man page and doc directory
/// (packaging/linux/bundle.conf.json gives the bundler this name instead of the product name's).
const PACKAGE: &str = "comecomepay-desktop";

/// The one `.{kind}` file in the bundle directory's `{kind}/`.
fn bundle(kind: &str) -> PathBuf {
    require_session();
    let dir = std::env::var_os("CCP_BUNDLES").map(PathBuf::from).expect(
        "CCP_BUNDLES is not set: scripts/test.sh bundles the tested binary \
         (scripts/bundle-debug.sh) and names the bundle directory in it",
    );
    let found: Vec<PathBuf> = std::fs::read_dir(dir.join(kind))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(kind).display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == kind))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one .{kind} in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap()
}

/// Runs a command that must succeed; its stdout (stderr is in the failure message).
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e} (scripts/setup.sh installs it)"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The .deb unpacked as dpkg would install it, under a temporary root.
fn unpacked_deb() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    run(Command::new("dpkg-deb")
        .arg("-x")
        .arg(bundle("deb"))
        .arg(root.path()));
    root
}

/// The GNU build id: unchanged by stripping, so it ties a packaged binary to the one built.
fn build_id(binary: &Path) -> String {
    let notes = run(Command::new("readelf").arg("-n").arg(binary));
    notes
        .lines()
        .find_map(|line| line.trim().strip_prefix("Build ID: "))
        .unwrap_or_else(|| panic!("no build id in {}", binary.display()))
        .to_owned()
}

fn gunzip(path: &Path) -> String {
    run(Command::new("gzip").arg("-dc").arg(path))
}

#[test]
fn the_deb_is_lint_free_and_has_its_metadata_files_and_docs() {
    let deb = bundle("deb");
    let field = |name: &str| run(Command::new("dpkg-deb").arg("--field").arg(&deb).arg(name));
    assert_eq!(field("Package").trim(), PACKAGE);
    assert_eq!(field("Version").trim(), env!("CARGO_PKG_VERSION"));
    // Installed over the package of the old name ("come-come-pay-desktop", the bundler's own
    // derivation), it takes its place instead of clashing over /usr/bin.
    for name in ["Conflicts", "Replaces"] {
        assert_eq!(field(name).trim(), "come-come-pay-desktop", "{name}");
    }
    let maintainer = field("Maintainer");
    assert!(
        maintainer.contains('<') && maintainer.contains('@'),
        "a name and an address: {maintainer}"
    );
    assert!(field("Homepage").trim().starts_with("https://"));
    assert!(!field("Section").trim().is_empty());
    let depends = field("Depends");
    for needed in ["libc6", "libssl3", "libwebkit2gtk-4.1-0", "gnome-keyring"] {
        assert!(
            depends.contains(needed),
            "Depends lacks {needed}: {depends}"
        );
    }
    // Glyphs for Chinese and Arabic: without them the window draws boxes (a recommendation, so
    // a machine with its own CJK font can leave it out).
    let recommends = field("Recommends");
    for font in ["fonts-noto-cjk", "fonts-noto-core"] {
        assert!(
            recommends.contains(font),
            "Recommends lacks {font}: {recommends}"
        );
    }
    // A synopsis and an extended description (no "(none)" placeholder).
    let description = field("Description");
    assert!(
        description.lines().count() > 2 && !description.contains("(none)"),
        "{description}"
    );

    // lintian: no errors. Its warnings and notes are printed for the reader, not failed on.
    let out = Command::new("lintian")
        .args(["--display-info", "--pedantic"])
        .arg(&deb)
        .output()
        .expect("lintian (scripts/setup.sh installs it)");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("lintian {}:\n{report}", deb.display());
    let errors: Vec<&str> = report.lines().filter(|l| l.starts_with("E:")).collect();
    assert!(errors.is_empty(), "lintian errors:\n{}", errors.join("\n"));
    // Exit status 2 is lintian itself failing (not a finding).
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let root = unpacked_deb();
    let usr = root.path().join("usr");
    let binary = usr.join("bin/comecomepay-desktop");
    let mode = std::os::unix::fs::PermissionsExt::mode(&binary.metadata().unwrap().permissions());
    assert_eq!(mode & 0o755, 0o755, "an executable binary");

    // The desktop entry: valid, named as the package, starting the packaged binary, with an
    // icon the package ships, its text in the app's four languages, and an action that copies
    // the newest code through the running app.
    let entries: Vec<PathBuf> = std::fs::read_dir(usr.join("share/applications"))
        .expect("usr/share/applications")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        entries,
        [usr.join(format!("share/applications/{PACKAGE}.desktop"))]
    );
    let validated = run(Command::new("desktop-file-validate").arg(&entries[0]));
    assert!(
        validated.trim().is_empty(),
        "desktop-file-validate: {validated}"
    );
    let entry = std::fs::read_to_string(&entries[0]).unwrap();
    assert!(
        entry.lines().any(|l| l == "Exec=comecomepay-desktop"),
        "{entry}"
    );
    assert!(
        entry.lines().any(|l| l == "Icon=comecomepay-desktop"),
        "{entry}"
    );
    for line in [
        "Name=ComeComePay Desktop",
        "Categories=Office;Finance;",
        "Exec=comecomepay-desktop --copy-newest",
    ] {
        assert!(entry.lines().any(|l| l == line), "{line} in:\n{entry}");
    }
    for locale in ["zh_CN", "ar", "id"] {
        for key in ["Comment", "GenericName", "Keywords"] {
            let key = format!("{key}[{locale}]=");
            assert!(
                entry.lines().any(|l| l.starts_with(&key)),
                "{key} in:\n{entry}"
            );
        }
    }
    assert!(
        !entry.contains("{{"),
        "a template placeholder left in:\n{entry}"
    );
    for size in ["32x32", "128x128"] {
        let icon = usr.join(format!(
            "share/icons/hicolor/{size}/apps/comecomepay-desktop.png"
        ));
        let png = std::fs::read(&icon).unwrap_or_else(|e| panic!("{}: {e}", icon.display()));
        assert!(png.starts_with(b"\x89PNG"), "{} is a PNG", icon.display());
    }

    let doc = usr.join(format!("share/doc/{PACKAGE}"));
    let copyright = std::fs::read_to_string(doc.join("copyright")).expect("the copyright file");
    assert!(
        copyright.contains("License: MIT or Apache-2.0"),
        "{copyright}"
    );
    // The changelog's newest entry is this version: a version bump must add an entry.
    let changelog = gunzip(&doc.join("changelog.gz"));
    let newest = format!("{PACKAGE} ({}) ", env!("CARGO_PKG_VERSION"));
    assert!(
        changelog.starts_with(&newest),
        "starts with {newest:?}:\n{changelog}"
    );

    // The manual page names every option `--help` shows.
    let manual = gunzip(&usr.join("share/man/man1/comecomepay-desktop.1.gz"));
    let help = run(Command::new(&binary).arg("--help"));
    let options: Vec<&str> = help
        .split_whitespace()
        .filter_map(|word| word.strip_prefix("--"))
        .map(|option| option.trim_end_matches([',', ':', ')']))
        .filter(|option| !option.is_empty())
        .collect();
    assert!(options.contains(&"demo"), "{help}");
    for option in options {
        let escaped = format!("\\-\\-{}", option.replace('-', "\\-"));
        assert!(
            manual.contains(&escaped),
            "the manual page lacks --{option}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_binary_unpacked_from_the_deb_paints_the_demo_cards() {
    let root = unpacked_deb();
    let binary = root.path().join("usr/bin/comecomepay-desktop");
    // The package holds the binary these tests were built with (stripped), not a stale one.
    assert_eq!(
        build_id(&binary),
        build_id(Path::new(env!("CARGO_BIN_EXE_comecomepay-desktop"))),
        "the .deb holds another build: run scripts/bundle-debug.sh (scripts/test.sh does)"
    );

    // The demo's server is the packaged program, started by the app only for the demo.
    let sandbox = root.path().join(SANDBOX.trim_start_matches('/'));
    assert_eq!(
        build_id(&sandbox),
        build_id(
            &Path::new(env!("CARGO_BIN_EXE_comecomepay-desktop")).with_file_name("ccp-sandbox")
        ),
        "the demo server the tests built"
    );

    let _one = SERIAL.lock().await;
    let app = launch_binary(&binary, &["--demo"], &[], "package").await;
    assert!(app.text("#app-version").await.contains("demo"));
    let numbers = app.texts(".card-tile .card-number").await;
    assert!(numbers.len() >= 3, "the demo cards: {numbers:?}");
    // Painted, not only in the DOM: the window is mapped on the X display, and its pixels show
    // the cards' gradients (a blank or single-colour view has a handful of colours).
    eventually("the window is shown", 10, || window_visible("ComeComePay")).await;
    let shot = app.screenshot("package-demo-cards").await;
    let colours: u64 = run(Command::new("identify").args(["-format", "%k"]).arg(&shot))
        .trim()
        .parse()
        .expect("a colour count");
    assert!(colours > 100, "{colours} colours in {}", shot.display());
    app.close().await;
}

/// `ccp` comes with the app: the binary the tests built (stripped), on `PATH`, with its man page
/// and completions for bash, zsh and fish where each shell looks, all made by `ccp generate`
/// from the parser, so they name what `ccp --help` shows.
#[test]
fn the_deb_brings_ccp_with_its_man_page_and_completions() {
    let root = unpacked_deb();
    let usr = root.path().join("usr");
    let ccp = usr.join("bin/ccp");
    assert_eq!(
        build_id(&ccp),
        build_id(&Path::new(env!("CARGO_BIN_EXE_comecomepay-desktop")).with_file_name("ccp")),
        "the ccp the tests built"
    );
    let version = run(Command::new(&ccp).arg("--version"));
    assert_eq!(version.trim(), format!("ccp {}", env!("CARGO_PKG_VERSION")));
    let manual = gunzip(&usr.join("share/man/man1/ccp.1.gz"));
    assert!(manual.contains(".TH ccp 1"), "{manual}");
    let help = run(Command::new(&ccp).arg("--help"));
    for command in ["login", "cards", "codes", "watch", "messages", "browser"] {
        assert!(help.contains(command), "{command} in --help");
        assert!(manual.contains(command), "the man page lacks {command}");
    }
    for (file, says) in [
        ("share/bash-completion/completions/ccp", "complete -F _ccp"),
        ("share/zsh/vendor-completions/_ccp", "#compdef ccp"),
        (
            "share/fish/vendor_completions.d/ccp.fish",
            "complete -c ccp",
        ),
    ] {
        let text =
            std::fs::read_to_string(usr.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(text.contains(says), "{file}: {text}");
        assert!(text.contains("cards"), "{file} completes the subcommands");
    }
}

/// Software centres (GNOME Software, Discover) read the AppStream metainfo: it validates, points
/// at the packaged desktop entry, shows screenshots this repository has in every language, and
/// lists one release per changelog entry (same version and date, newest first).
#[test]
fn the_deb_has_valid_appstream_metadata_that_follows_the_changelog() {
    let root = unpacked_deb();
    let usr = root.path().join("usr");
    let file = usr.join("share/metainfo/com.comecomepay.desktop.metainfo.xml");
    assert!(file.is_file(), "{}", file.display());
    let said = run(Command::new("appstreamcli")
        .args(["validate", "--no-net", "--pedantic"])
        .arg(&file));
    assert!(said.contains("Validation was successful"), "{said}");
    assert!(
        !said.contains("W:") && !said.contains("I:") && !said.contains("P:"),
        "{said}"
    );

    let xml = std::fs::read_to_string(&file).unwrap();
    let launchable = format!("<launchable type=\"desktop-id\">{PACKAGE}.desktop</launchable>");
    assert!(xml.contains(&launchable), "{launchable}");
    assert!(
        usr.join(format!("share/applications/{PACKAGE}.desktop"))
            .is_file()
    );

    // Each screenshot URL names a file under docs/screenshots/ of this repository.
    let prefix = "https://raw.githubusercontent.com/comecomepay/desktop/main/";
    let images: Vec<&str> = xml
        .split("<image")
        .skip(1)
        .map(|rest| {
            let url = &rest[rest.find('>').unwrap() + 1..rest.find("</image>").unwrap()];
            url.strip_prefix(prefix)
                .unwrap_or_else(|| panic!("{url} is not under {prefix}"))
        })
        .collect();
    assert_eq!(images.len(), 16, "four screenshots in four languages");
    for image in images {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(image);
        assert!(path.is_file(), "{image} is not in the repository");
    }

    let releases: Vec<(String, String)> = xml
        .split("<release version=\"")
        .skip(1)
        .map(|rest| {
            let version = rest[..rest.find('"').unwrap()].to_owned();
            let date = rest.split("date=\"").nth(1).unwrap();
            (version, date[..date.find('"').unwrap()].to_owned())
        })
        .collect();
    let changelog = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/linux/changelog"),
    )
    .unwrap();
    assert_eq!(releases, changelog_entries(&changelog));
    assert_eq!(releases[0].0, env!("CARGO_PKG_VERSION"));
}

/// (version, ISO date) of each Debian changelog entry, in the file's order.
fn changelog_entries(changelog: &str) -> Vec<(String, String)> {
    let versions = changelog
        .lines()
        .filter(|l| l.starts_with(PACKAGE))
        .map(|l| l[l.find('(').unwrap() + 1..l.find(')').unwrap()].to_owned());
    // " -- Name <mail>  Thu, 26 Nov 2026 00:00:00 +0000"
    let dates = changelog
        .lines()
        .filter(|l| l.starts_with(" -- "))
        .map(|l| {
            let date = l.rsplit("  ").next().unwrap();
            let parts: Vec<&str> = date.split_whitespace().collect();
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let month = MONTHS.iter().position(|m| *m == parts[2]).unwrap() + 1;
            format!("{}-{month:02}-{:0>2}", parts[3], parts[1])
        });
    versions.zip(dates).collect()
}

#[test]
fn the_rpm_has_the_metadata_and_files_of_the_deb() {
    let rpm = bundle("rpm");
    let info = run(Command::new("rpm")
        .args(["-qp", "--queryformat"])
        .arg("%{NAME}\n%{VERSION}\n%{LICENSE}\n%{URL}\n%{SUMMARY}\n%{DESCRIPTION}\n")
        .arg(&rpm));
    let mut lines = info.lines();
    assert_eq!(lines.next(), Some(PACKAGE));
    assert_eq!(lines.next(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(lines.next(), Some(env!("CARGO_PKG_LICENSE")));
    assert!(lines.next().unwrap().starts_with("https://"), "{info}");
    assert!(lines.next().unwrap().contains("3-D Secure"), "{info}");
    assert!(lines.count() > 1, "an extended description: {info}");

    let files = run(Command::new("rpm").arg("-qpl").arg(&rpm));
    for wanted in [
        "/usr/bin/comecomepay-desktop",
        HOST,
        SANDBOX,
        "/usr/lib/comecomepay-desktop/native-messaging/chromium.json",
        "/usr/lib/mozilla/native-messaging-hosts/com.comecomepay.desktop.json",
        "/usr/share/icons/hicolor/128x128/apps/comecomepay-desktop.png",
        "/usr/share/man/man1/comecomepay-desktop.1.gz",
        "/usr/bin/ccp",
        "/usr/share/man/man1/ccp.1.gz",
        "/usr/share/bash-completion/completions/ccp",
        "/usr/share/zsh/site-functions/_ccp",
        "/usr/share/fish/vendor_completions.d/ccp.fish",
        &format!("/usr/share/applications/{PACKAGE}.desktop"),
        "/usr/share/metainfo/com.comecomepay.desktop.metainfo.xml",
        &format!("/usr/share/doc/{PACKAGE}/copyright"),
    ] {
        assert!(
            files.lines().any(|l| l == wanted),
            "{wanted} not in:\n{files}"
        );
    }
    assert!(
        files
            .lines()
            .any(|l| l.starts_with("/usr/share/applications/") && l.ends_with(".desktop")),
        "a desktop entry:\n{files}"
    );
    // The same scripts link the Chromium-family manifests on install and unlink on erase.
    let scripts = run(Command::new("rpm").arg("-qp").arg("--scripts").arg(&rpm));
    assert!(scripts.contains("ln -sfn \"$manifest\""), "{scripts}");
    assert!(scripts.contains("remove | purge | 0)"), "{scripts}");
    let requires = run(Command::new("rpm").arg("-qpR").arg(&rpm));
    assert!(requires.contains("libwebkit2gtk-4.1"), "{requires}");
    let recommends = run(Command::new("rpm").arg("-qp").arg("--recommends").arg(&rpm));
    for font in [
        "google-noto-sans-cjk-fonts",
        "google-noto-sans-arabic-fonts",
    ] {
        assert!(recommends.contains(font), "{recommends}");
    }
}

/// Where the packages put the browser companion's native-messaging host.
const HOST: &str = "/usr/lib/comecomepay-desktop/ccp-browser-host";
/// Where the packages put the demo's server.
const SANDBOX: &str = "/usr/lib/comecomepay-desktop/ccp-sandbox";

/// The browser companion comes with the package: the host binary the tests built (stripped),
/// Firefox's manifest where Firefox looks for every user, and Chromium's, Chrome's and Edge's
/// linked in by the maintainer scripts (run here under `DPKG_ROOT`) — each manifest exactly the
/// one the model makes for the installed host, so `ccp browser install` and the package agree.
#[test]
fn the_deb_brings_the_browser_host_and_every_browsers_manifest() {
    use ccp_model::browser::{Browser, host_manifest};
    let root = unpacked_deb();
    let host = root.path().join(HOST.trim_start_matches('/'));
    let mode = std::os::unix::fs::PermissionsExt::mode(&host.metadata().unwrap().permissions());
    assert_eq!(mode & 0o755, 0o755, "an executable host");
    let built =
        Path::new(env!("CARGO_BIN_EXE_comecomepay-desktop")).with_file_name("ccp-browser-host");
    assert_eq!(
        build_id(&host),
        build_id(&built),
        "the host the tests built"
    );
    // Started by anyone but our extension, it says so and reads nothing.
    let refused = Command::new(&host)
        .arg("chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the packaged host starts");
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");

    let read = |path: &str| -> serde_json::Value {
        let file = root.path().join(path.trim_start_matches('/'));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let firefox = "/usr/lib/mozilla/native-messaging-hosts/com.comecomepay.desktop.json";
    assert_eq!(read(firefox), host_manifest(Browser::Firefox, HOST));
    let chromium = "/usr/lib/comecomepay-desktop/native-messaging/chromium.json";
    assert_eq!(read(chromium), host_manifest(Browser::Chromium, HOST));

    // The packaged `ccp` finds the packaged host (in lib/, not beside it in bin/) when a user
    // writes their own manifest, as Settings → Browser does for the app.
    let profile = tempfile::tempdir().unwrap();
    run(Command::new(root.path().join("usr/bin/ccp"))
        .args(["browser", "install", "--browser", "firefox", "--dir"])
        .arg(profile.path())
        .env("CCP_DATA_DIR", profile.path().join("data")));
    let written = profile.path().join("com.comecomepay.desktop.json");
    let text = std::fs::read_to_string(&written).unwrap_or_else(|e| panic!("{written:?}: {e}"));
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(manifest["path"].as_str(), host.to_str(), "{text}");

    let control = tempfile::tempdir().unwrap();
    run(Command::new("dpkg-deb")
        .arg("-e")
        .arg(bundle("deb"))
        .arg(control.path()));
    let script = |name: &str, arg: &str| {
        run(Command::new("sh")
            .arg(control.path().join(name))
            .arg(arg)
            .env("DPKG_ROOT", root.path()))
    };
    script("postinst", "configure");
    let links = [
        "etc/chromium/native-messaging-hosts",
        "etc/opt/chrome/native-messaging-hosts",
        "etc/opt/edge/native-messaging-hosts",
    ]
    .map(|dir| root.path().join(dir).join("com.comecomepay.desktop.json"));
    for link in &links {
        let target = std::fs::read_link(link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
        assert_eq!(target, Path::new(chromium), "{}", link.display());
    }
    script("postinst", "configure"); // again, as on an upgrade: still one link each
    script("prerm", "upgrade");
    assert!(
        links.iter().all(|l| l.is_symlink()),
        "an upgrade keeps the links"
    );
    script("prerm", "remove");
    assert!(
        links.iter().all(|l| !l.exists() && !l.is_symlink()),
        "removed with the package"
    );
}
