//! Prints a few numbers about the sandbox (not a test: no assertions on time):
//! start-up with seeding, bulk insert of 10 000 passcodes, and request latency over loopback.
//!
//! `cargo run -p ccp-sandbox --example measure` (the numbers in the README are from a dev build)

use ccp_sandbox::{Config, DEMO_EMAIL, DEMO_PASSWORD, Sandbox};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let sb = Sandbox::start(Config {
        otp_fixed: Some("11111".into()),
        ..Config::default()
    })
    .await?;
    println!("start (temp SQLite, migrate, seed): {:?}", t.elapsed());

    let http = reqwest::Client::builder().no_proxy().build()?;
    let api = format!("{}/api/v1", sb.base_url());
    http.post(format!("{api}/auth/login"))
        .json(&json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}))
        .send()
        .await?;
    let tokens: Value = http
        .post(format!("{api}/auth/verify-login-otp"))
        .json(&json!({"email": DEMO_EMAIL, "otp_code": "11111"}))
        .send()
        .await?
        .json()
        .await?;
    let token = tokens["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let t = Instant::now();
    sb.control().bulk_3ds(10_000, None).await?;
    println!("bulk insert of 10 000 passcodes: {:?}", t.elapsed());

    for (name, path) in [
        (
            "GET /3ds/my-records?page_size=20",
            "/3ds/my-records?page_size=20",
        ),
        (
            "GET /3ds/my-records?page=400&page_size=25",
            "/3ds/my-records?page=400&page_size=25",
        ),
        ("GET /card/list", "/card/list"),
    ] {
        let mut samples = Vec::new();
        for _ in 0..300 {
            let t = Instant::now();
            let r = http
                .get(format!("{api}{path}"))
                .bearer_auth(&token)
                .send()
                .await?;
            r.bytes().await?;
            samples.push(t.elapsed());
        }
        samples.sort();
        println!(
            "{name}: p50 {:?}  p95 {:?}  ({} calls)",
            percentile(&samples, 0.5),
            percentile(&samples, 0.95),
            samples.len()
        );
    }
    sb.shutdown().await;
    Ok(())
}
