//! `ccp-browser-host`: the native-messaging host of ComeComePay's browser companion. A browser
//! starts it for our extension only (the caller is checked before anything is read); it answers
//! the protocol of `ccp_model::browser` on stdin/stdout until the browser closes the pipe.
//! Nothing it logs (stderr) names a code or a token.

mod frame;
mod host;
mod matching;

use ccp_model::browser::{Reply, caller_allowed};
use frame::Incoming;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !caller_allowed(&args) {
        eprintln!(
            "ccp-browser-host: not started by ComeComePay's browser extension ({args:?}); \
             nothing was read"
        );
        return ExitCode::from(2);
    }
    ccp_io::log::init("warn");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ccp-browser-host: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Chromium names the caller's origin first; Firefox the manifest, then the add-on id.
    let browser = if args
        .first()
        .is_some_and(|a| a.starts_with("chrome-extension://"))
    {
        "chromium"
    } else {
        "firefox"
    };
    runtime.block_on(serve(browser))
}

/// Answers until the browser closes the pipe, then closes the cache before the process exits:
/// SQLCipher's connection threads still running while OpenSSL tears itself down at exit
/// crashed the host (signal 11) after it had answered everything.
async fn serve(browser: &str) -> ExitCode {
    let host = host::Host::open(tokio::io::stdout(), browser).await;
    answer_until_closed(&host).await;
    host.close().await;
    ExitCode::SUCCESS
}

/// Reads frames until the browser closes the pipe; a bad frame gets an error reply, never a
/// crash. A frame cut short ends the connection (nothing after it can be read in step).
async fn answer_until_closed(host: &Arc<host::Host<tokio::io::Stdout>>) {
    let mut input = tokio::io::stdin();
    loop {
        let reply = match frame::read(&mut input).await {
            Incoming::Frame(body) => host.answer(&body).await,
            Incoming::TooLarge(len) => Reply::error(
                "",
                format!(
                    "a request of {len} bytes is larger than the {} allowed",
                    ccp_model::browser::MAX_REQUEST_BYTES
                ),
            ),
            Incoming::Truncated => {
                let _ = host
                    .send(&Reply::error("", "the request was cut short"))
                    .await;
                return;
            }
            Incoming::Closed => return,
        };
        if host.send(&reply).await.is_err() {
            return;
        }
    }
}
