//! `ccp browser install|uninstall`: the native-messaging manifests that tell each browser where
//! `ccp-browser-host` is and which extension may start it (paths and keys from
//! `ccp_model::browser::manifest_location`, one table for every OS).

use crate::args::{BrowserArgs, BrowserChoice, BrowserCommand};
use crate::exit::{self, Failure};
use crate::i18n::{Lang, Text, tf};
use ccp_model::browser::{Browser, Location};
use std::path::PathBuf;

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
            Some(dir) => Location::in_dir(dir),
            None => ccp_core::browser::location(browser, args.system),
        };
        let name = format!("{browser:?}");
        let done = if install {
            ccp_core::browser::install(&location, browser, &host)
                .map(|p| tf(lang, Text::BrowserWrote, &[&name, &p.display()]))
        } else {
            ccp_core::browser::uninstall(&location).map(|p| match p {
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

/// The host binary: `--host`, else where the packages put it for `ccp`; it must exist (a
/// manifest naming nothing would fail in the browser, silently).
fn host_path(args: &BrowserArgs) -> Result<PathBuf> {
    let path = args
        .host
        .clone()
        .unwrap_or_else(|| ccp_core::programs::find_for_this(ccp_core::programs::BROWSER_HOST));
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
