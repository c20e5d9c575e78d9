//! Prints the numbers the core is judged by (a measurement, not a test):
//! - 3-D Secure passcode latency, injection into the sandbox (over TCP) → `NewPasscode`
//!   event, at the default cadence (`Config::build`), window in front and window hidden
//!   (p50/p95), each injection at a random phase against the poller;
//! - the idle request rate, window in front and hidden: counted by the sandbox over a
//!   measured window, and computed from the cadence;
//! - cache open time, and cache write/read throughput, SQLCipher vs plain SQLite, same data.
//!
//! `cargo run --release -p ccp-core --example measure -- [front_samples] [hidden_samples]
//! [idle_seconds] [server_latency_ms]` (defaults 40, 30, 60, 0; ≈ 5 min in all). The hidden
//! idle window is `idle_seconds`, the in-front one a third of it.

use ccp_core::cache::{Cache, key};
use ccp_core::sync::{p95_bound, requests_per_hour, wait_quantile};
use ccp_core::{Config, Core};
use ccp_model::Sensitive;
use ccp_model::api::ThreeDsRecord;
use ccp_model::ipc::AppEvent;
use ccp_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, InjectPasscode, Sandbox, TEST_OTP};
use rand::Rng;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

const POLL: &str = "GET /api/v1/3ds/my-records";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let front_n = args.first().copied().unwrap_or(40) as usize;
    let hidden_n = args.get(1).copied().unwrap_or(30) as usize;
    let idle = Duration::from_secs(args.get(2).copied().unwrap_or(60));
    let latency = Duration::from_millis(args.get(3).copied().unwrap_or(0));
    let dir = tempfile::tempdir()?;

    println!("== cache (same data, {} records) ==", RECORDS);
    cache_numbers(dir.path()).await?;

    println!("== passcode latency: injection -> NewPasscode event (sandbox over TCP) ==");
    let sb = Sandbox::start(ccp_sandbox::Config {
        otp_fixed: Some(TEST_OTP.into()),
        ..Default::default()
    })
    .await?;
    if !latency.is_zero() {
        sb.control().set_latency(latency).await?;
        println!("every API request delayed by {latency:?} in the sandbox");
    }
    for (label, foreground, n, idle) in [
        ("window in front", true, front_n, idle / 3),
        ("window hidden", false, hidden_n, idle),
    ] {
        let mut cfg = Config::new(&sb.base_url(), dir.path().join(label.replace(' ', "_")))?;
        cfg.use_keyring = false;
        // Hidden: every sample at the idle pace, as the first code of a payment meets it
        // (by default a new code makes the next 3 minutes faster).
        cfg.passcode_window = Duration::ZERO;
        let cadence = if foreground {
            cfg.fast_poll
        } else {
            cfg.slow_poll
        };
        let jitter = cfg.poll_jitter;
        let core = Core::open(cfg).await?;
        core.login(DEMO_EMAIL, DEMO_PASSWORD.into()).await?;
        core.verify_otp(DEMO_EMAIL, TEST_OTP.into()).await?;
        core.sync_now().await?;
        // Hidden: never in front, no activity (a window that leaves counts as activity).
        if foreground {
            core.set_foreground(true);
        }
        let mut events = core.subscribe();
        let sync = core.start_sync();
        let mut samples = Vec::new();
        let before = sb.control().request_counts().await?;
        let run = Instant::now();
        // A random phase against the poller, as a real 3-D Secure challenge has: each sample at
        // a random point of its own slot of a fixed clock, two longest intervals long. A sleep
        // counted from the last event would start at a read, and lean late.
        let longest = cadence.mul_f64(1.0 + jitter);
        for i in 0..n {
            let at = run + longest * (2 * i as u32) + longest.mul_f64(rand::rng().random::<f64>());
            tokio::time::sleep_until(at.into()).await;
            let started = Instant::now();
            let rec = sb.control().inject_3ds(InjectPasscode::default()).await?;
            loop {
                match events.recv().await? {
                    AppEvent::NewPasscode(p) if p.id == rec.id => break,
                    _ => {}
                }
            }
            samples.push(started.elapsed());
        }
        let run = run.elapsed();
        let during = polls(&sb.control().request_counts().await?) - polls(&before);
        // Nothing happens: what does waiting cost?
        sb.control().reset_counts().await?;
        let quiet = Instant::now();
        tokio::time::sleep(idle).await;
        let counts = sb.control().request_counts().await?;
        let quiet = quiet.elapsed().as_secs_f64();
        drop(sync);
        core.logout().await?;
        samples.sort();
        if let Some(max) = samples.last() {
            println!(
                "{label} (every {cadence:?} ±{:.0} %): n={n} p50={:.0} ms p95={:.0} ms \
                 max={:.0} ms (a random moment's p95 wait for the next read: {:.0} ms; bound with \
                 {latency:?} requests, every wait at its longest: {:.0} ms)",
                jitter * 100.0,
                ms(pct(&samples, 0.50)),
                ms(pct(&samples, 0.95)),
                ms(*max),
                ms(wait_quantile(cadence, jitter, 0.95)),
                ms(p95_bound(cadence, jitter, latency)),
            );
        }
        println!(
            "{label}: 3-D Secure requests while codes arrived: {during} in {:.0} s = {:.0}/h",
            run.as_secs_f64(),
            during as f64 * 3600.0 / run.as_secs_f64(),
        );
        let all: u64 = counts.values().sum();
        println!(
            "{label}, idle: 3-D Secure {} requests in {quiet:.0} s = {:.0}/h (computed from the \
             cadence: {:.0}/h); all API requests {all} = {:.0}/h",
            polls(&counts),
            polls(&counts) as f64 * 3600.0 / quiet,
            requests_per_hour(cadence),
            all as f64 * 3600.0 / quiet,
        );
    }
    sb.shutdown().await;
    Ok(())
}

fn polls(counts: &HashMap<String, u64>) -> u64 {
    counts.get(POLL).copied().unwrap_or(0)
}

const RECORDS: usize = 5_000;

async fn cache_numbers(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let records: Vec<ThreeDsRecord> = (0..RECORDS as i64)
        .map(|i| ThreeDsRecord {
            id: i + 1,
            amount: format!("{}.{:02}", i % 500, i % 100),
            currency: "USD".into(),
            expires_after: 300,
            merchant_name: format!("Merchant number {i}"),
            passcode: Sensitive::new(format!("{:06}", i * 7919 % 1_000_000)),
            received_at: "2026-01-20T10:30:00Z".into(),
        })
        .collect();
    let k = key::generate();
    for encrypted in [true, false] {
        let label = if encrypted {
            "SQLCipher"
        } else {
            "plain SQLite"
        };
        let path = dir.join(if encrypted { "enc.db" } else { "plain.db" });
        let open = |p: &Path| {
            let p = p.to_path_buf();
            let k = k.clone();
            async move {
                if encrypted {
                    Cache::open(&p, &k).await
                } else {
                    Cache::open_unencrypted(&p).await
                }
            }
        };
        let c = open(&path).await?;
        // Writes: one transaction of everything, then 100 small ones (a poll's worth each).
        let t = Instant::now();
        c.insert_passcodes(&records[..RECORDS / 2], 1).await?;
        let bulk = t.elapsed();
        let rest = &records[RECORDS / 2..];
        let t = Instant::now();
        for chunk in rest.chunks(rest.len() / 100) {
            c.insert_passcodes(chunk, 2).await?;
        }
        let small = t.elapsed();
        let t = Instant::now();
        let mut read = 0;
        for _ in 0..5 {
            read += c.passcodes(RECORDS as u32).await?.data.len();
        }
        let reading = t.elapsed();
        c.close().await;
        let mut opens = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let c = open(&path).await?;
            c.cards().await?;
            opens.push(t.elapsed());
            c.close().await;
        }
        opens.sort();
        println!(
            "{label:13} open(existing)+first read p50={:.2} ms | write 1 tx: {:.0} rec/s | write 100 tx: {:.0} rec/s | read: {:.0} rec/s",
            ms(pct(&opens, 0.5)),
            (RECORDS / 2) as f64 / bulk.as_secs_f64(),
            rest.len() as f64 / small.as_secs_f64(),
            read as f64 / reading.as_secs_f64()
        );
    }
    Ok(())
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
