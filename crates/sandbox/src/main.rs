//! `ccp-sandbox`: serve a local ComeComePay server; the first line printed is its URL.

use ccp_sandbox::{Config, Sandbox};
use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    version,
    about = "A local ComeComePay server (sandbox) following the API contract"
)]
struct Args {
    /// Address to listen on (port 0: a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Keep the SQLite state here across runs (default: a temporary directory).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Seed of the demo data and simulated values.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Every sign-in code is this one (default: random 5 digits, printed to the log).
    #[arg(long, value_name = "CODE")]
    otp_fixed: Option<String>,
    /// Add a 3-D Secure passcode for the demo user every SECS seconds (0: off).
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    passcode_every: u64,
    /// Lifetime of access tokens, seconds.
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    access_ttl: u64,
    /// Lifetime of FalPay open API tokens, seconds (the seed's is 60).
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    falpay_token_ttl: u64,
    /// Serve the control API under /sandbox/ (loopback clients only).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    control: bool,
    /// Stop when standard input closes. The desktop app starts its demo server so and keeps
    /// the other end: the server ends with the app, even when the app is killed.
    #[arg(long)]
    exit_with_stdin: bool,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    if let Some(code) = &args.otp_fixed
        && (code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!("--otp-fixed must be digits, got {code:?}").into());
    }
    let exit_with_stdin = args.exit_with_stdin;
    let sandbox = Sandbox::start(Config {
        listen: args.listen,
        data_dir: args.data_dir,
        seed: args.seed,
        otp_fixed: args.otp_fixed,
        passcode_every: (args.passcode_every > 0).then(|| Duration::from_secs(args.passcode_every)),
        control: args.control,
        access_ttl: Duration::from_secs(args.access_ttl.max(1)),
        falpay_token_ttl: Duration::from_secs(args.falpay_token_ttl.max(1)),
        ..Config::default()
    })
    .await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", sandbox.base_url())?;
    out.flush()?;
    drop(out);
    tracing::info!(
        "demo account: {} / {} — API at {}/api/v1",
        ccp_sandbox::DEMO_EMAIL,
        ccp_sandbox::DEMO_PASSWORD,
        sandbox.base_url()
    );
    let stdin_closed = async {
        if exit_with_stdin {
            // Whatever arrives is not read as commands: only the end of the pipe matters.
            let (closed, on_close) = tokio::sync::oneshot::channel::<()>();
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
                let _ = closed.send(());
            });
            let _ = on_close.await;
        } else {
            std::future::pending::<()>().await
        }
    };
    tokio::select! {
        signal = tokio::signal::ctrl_c() => signal?,
        () = stdin_closed => tracing::info!("standard input closed: stopping"),
    }
    sandbox.shutdown().await;
    Ok(())
}
