//! `ccp browser install|uninstall`: the native-messaging manifests that tell each browser where
//! `ccp-browser-host` is and which extension may start it (paths and keys from
//! `ccp_model::browser::manifest_location`, one table for every OS).

use crate::args::{BrowserArgs, BrowserChoice, BrowserCommand};
use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, tf};
use ccp_model::browser::{Browser, HOST_NAME, Location, Os, host_manifest, manifest_location};
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Failure>;

pub fn run(lang: Lang, cmd: &BrowserCommand) -> Result {
    let (args, install) = match cmd {
        BrowserCommand::Install(a) => (a, true),
        BrowserCommand::Uninstall(a) => (a, false),
    };
    let browsers = chosen(args.browser);
    if args.dir.is_some() && browsers.len() != 1 {
        return Err(Failure::new(exit::USAGE, Text::BrowserOneForDir, &[]));
    }
    let host = if install {
        host_path(args)?
    } else {
        PathBuf::new()
    };
    let mut failed = 0;
    for browser in browsers {
        let location = match &args.dir {
            Some(dir) => Location::File(dir.join(format!("{HOST_NAME}.json"))),
            None => manifest_location(this_os(), browser, args.system, &home(), &app_data()),
        };
        let name = format!("{browser:?}");
        let done = if install {
            write(&location, browser, &host)
                .map(|p| tf(lang, Text::BrowserWrote, &[&name, &p.display()]))
        } else {
            remove(&location).map(|p| match p {
                Some(p) => tf(lang, Text::BrowserRemoved, &[&name, &p.display()]),
                None => tf(lang, Text::BrowserNothing, &[&name]),
            })
        };
        match done {
            Ok(line) => println!("{line}"),
            Err(e) => {
                failed += 1;
                eprintln!("ccp: {}", tf(lang, Text::BrowserFailed, &[&name, &e]));
            }
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(Failure::new(exit::FAILURE, Text::BrowserSomeFailed, &[&n])),
    }
}

fn chosen(choice: BrowserChoice) -> Vec<Browser> {
    match choice {
        BrowserChoice::Chrome => vec![Browser::Chrome],
        BrowserChoice::Chromium => vec![Browser::Chromium],
        BrowserChoice::Edge => vec![Browser::Edge],
        BrowserChoice::Firefox => vec![Browser::Firefox],
        BrowserChoice::All => Browser::ALL.to_vec(),
    }
}

/// The host binary: `--host`, else beside `ccp`; it must exist (a manifest naming nothing
/// would fail in the browser, silently).
fn host_path(args: &BrowserArgs) -> Result<PathBuf> {
    let beside = std::env::current_exe().ok().and_then(|exe| {
        exe.parent()
            .map(|d| d.join(format!("ccp-browser-host{}", std::env::consts::EXE_SUFFIX)))
    });
    let path = args.host.clone().or(beside).unwrap_or_default();
    let path = std::path::absolute(&path).unwrap_or(path);
    if !path.is_file() {
        return Err(Failure::new(
            exit::USAGE,
            Text::BrowserNoHost,
            &[&path.display()],
        ));
    }
    Ok(path)
}

fn write(location: &Location, browser: Browser, host: &Path) -> std::io::Result<PathBuf> {
    let manifest = host_manifest(browser, &host.display().to_string());
    let file = match location {
        Location::File(f) => f.clone(),
        Location::Registry { manifest, .. } => manifest.clone(),
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&file, serde_json::to_vec_pretty(&manifest)?)?;
    if let Location::Registry { key, .. } = location {
        registry(&[
            "add",
            key,
            "/ve",
            "/t",
            "REG_SZ",
            "/d",
            &file.display().to_string(),
            "/f",
        ])?;
    }
    Ok(file)
}

fn remove(location: &Location) -> std::io::Result<Option<PathBuf>> {
    let file = match location {
        Location::File(f) => f.clone(),
        Location::Registry { key, manifest } => {
            let _ = registry(&["delete", key, "/f"]);
            manifest.clone()
        }
    };
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Windows' own `reg.exe`: the registry without a crate for it.
fn registry(args: &[&str]) -> std::io::Result<()> {
    let status = std::process::Command::new("reg").args(args).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "reg {} failed: {status}",
            args[0]
        )))
    }
}

fn this_os() -> Os {
    if cfg!(windows) {
        Os::Windows
    } else if cfg!(target_os = "macos") {
        Os::MacOs
    } else {
        Os::Linux
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn app_data() -> PathBuf {
    std::env::var_os("LOCALAPPDATA")
        .map(PathBuf::from)
        .unwrap_or_default()
}
