//! Crash safety, measured: `ccp sync` (a real, separate process) against a sandbox with a large
//! 3-D Secure history, killed with SIGKILL at a random moment, over and over: half the kills at
//! a random time of the whole sync, half at a random point of the write-ahead log's growth (the
//! writes take a few milliseconds of it). After every kill the encrypted cache is reopened:
//! SQLite's `integrity_check` and SQLCipher's page HMACs must be ok, no passcode seen after an
//! earlier kill may be missing (the server's history only grows, and every code is fresh, so
//! none is old enough to be pruned), and the rows a run added must be its whole batch or
//! nothing (one transaction). At the end an uninterrupted sync completes and the cache holds
//! everything.
//!
//! CI runs [`CI_KILLS`] kills; `KILLS=1000 scripts/killloop.sh` is the benchmark (it prints the
//! tally: kills, where they landed, integrity failures and lost rows). `KILL_SEED` replays a run.

use crate::support::{Ccp, sandbox};
use ccp_core::cache::Cache;
use ccp_core::{Config, SecretStore};
use ccp_sandbox::Sandbox;
use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const CI_KILLS: u32 = 200;
/// New passcodes the server gets whenever the cache has caught up: at most 20 pages of 50, so
/// one sync takes the whole batch in one transaction.
const BATCH: (u64, u64) = (50, 400);
/// History the server holds before the first sign-in (its first sync reads the newest 1 000).
const INITIAL_HISTORY: u32 = 5_000;
const PASSCODE_PAGES: &str = "GET /api/v1/3ds/my-records";
const SIGKILL: i32 = 9;
const WAL_HEADER: u64 = 32;

#[derive(Debug, Default)]
struct Tally {
    kills: u32,
    /// Runs that finished before their kill came (not counted as kills).
    finished_first: u32,
    /// Killed before the first 3-D Secure request (start-up: keyring, cache open, other reads).
    before_passcodes: u32,
    /// Killed after the 3-D Secure pages were requested, before the batch was committed
    /// (mid-write kills are among these).
    mid_sync: u32,
    /// Killed after the batch was committed.
    after_commit: u32,
    /// Kills at a point of the WAL's growth (the rest at a moment of the whole sync).
    at_write: u32,
    /// The WAL held frames of a transaction not yet committed: the kill landed mid-write.
    mid_write: u32,
    /// The WAL held committed transactions not yet checkpointed (the reopen had to recover them).
    recovered_from_wal: u32,
    integrity_failures: u32,
    lost_rows: u64,
    /// Runs that left part of their batch: a transaction torn apart.
    torn_batches: u32,
    problems: Vec<String>,
    /// Time spent running `ccp` (spawn to reaped) and reopening + checking the cache.
    in_ccp: Duration,
    checking: Duration,
}

/// xorshift64*: reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_mid_sync_never_damages_the_cache_or_loses_a_committed_row() {
    let target = env_u64("KILLS").map_or(CI_KILLS, |k| k as u32);
    let seed = env_u64("KILL_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1
    });
    let mut rng = Rng(seed | 1);
    let started = Instant::now();

    let sb = sandbox().await;
    sb.control().bulk_3ds(INITIAL_HISTORY, None).await.unwrap();
    let ccp = Ccp::new(&sb.base_url(), "killloop");
    ccp.login();

    // Where ccp keeps this server's session, as the core derives it.
    let mut config = Config::new(&sb.base_url(), ccp.data_dir.path()).unwrap();
    config.keyring_service = ccp.service.clone();
    let cache_path = config.cache_path();
    let key = SecretStore::new(&config.session_keyring_service(), true)
        .get("cache_key")
        .await
        .expect("keyring")
        .expect("a cache key after sign-in");

    let mut seen = read_cache(&cache_path, &key)
        .await
        .expect("the cache after sign-in");
    assert!(!seen.is_empty(), "the first sync filled the cache");

    // Whole syncs with a full batch to write set the range of kill moments: how long one
    // takes, and how far it grows the write-ahead log (watched in a second one).
    let wal_path = cache_path.with_extension("db-wal");
    add_batch(&sb, BATCH.1 as u32).await;
    let t = Instant::now();
    let status = sync(&ccp).wait().await.unwrap();
    assert!(status.success(), "an uninterrupted sync: {status}");
    let full_sync = t.elapsed();
    let mut server_max = add_batch(&sb, BATCH.1 as u32).await;
    let (status, wal_grown) = run_until(sync(&ccp), Moment::WalBytes(u64::MAX), &wal_path).await;
    assert!(status.success(), "an uninterrupted sync: {status}");
    seen = read_cache(&cache_path, &key).await.unwrap();
    assert_eq!(seen.last(), Some(&server_max));
    let max_delay = env_u64("KILL_MAX_DELAY_MS").unwrap_or(full_sync.as_millis() as u64);
    let wal_per_row = wal_grown as f64 / BATCH.1 as f64;
    let first_loop_id = server_max + 1;

    let mut tally = Tally::default();
    let mut runs = 0;
    while tally.kills < target {
        runs += 1;
        assert!(
            runs <= target * 4,
            "only {} of {runs} runs were killed before finishing: {tally:?}",
            tally.kills
        );
        let cached_max = *seen.last().unwrap();
        if cached_max == server_max {
            server_max = add_batch(&sb, rng.between(BATCH.0, BATCH.1) as u32).await;
        }
        let batch: BTreeSet<i64> = (cached_max + 1..=server_max).collect();
        sb.control().reset_counts().await.unwrap();

        // Half the kills come at a random time, half at a random point of the log's growth
        // (inside the writes, which take a few milliseconds of the whole sync).
        let at_write = runs % 2 == 0;
        let moment = if at_write {
            let expected = (wal_per_row * batch.len() as f64 * 1.1) as u64;
            Moment::WalBytes(rng.between(WAL_HEADER, expected.max(WAL_HEADER)))
        } else {
            Moment::After(Duration::from_millis(rng.below(max_delay + 1)))
        };
        let t = Instant::now();
        let (status, _) = run_until(sync(&ccp), moment, &wal_path).await;
        tally.in_ccp += t.elapsed();
        let killed = status.signal() == Some(SIGKILL);
        if killed {
            tally.kills += 1;
            tally.at_write += u32::from(at_write);
            let wal = wal_state(&wal_path);
            tally.mid_write += u32::from(wal.uncommitted_frames > 0);
            tally.recovered_from_wal += u32::from(wal.commits > 0);
        } else {
            // It finished before the kill: it must have succeeded (and synced everything).
            assert!(status.success(), "ccp sync failed on its own: {status}");
            tally.finished_first += 1;
        }

        let t = Instant::now();
        let now = match read_cache(&cache_path, &key).await {
            Ok(ids) => ids,
            Err(problem) => {
                tally.integrity_failures += 1;
                tally.problems.push(format!("run {runs}: {problem}"));
                continue;
            }
        };
        tally.checking += t.elapsed();
        let lost = seen.difference(&now).count() as u64;
        if lost > 0 {
            tally.lost_rows += lost;
            tally
                .problems
                .push(format!("run {runs}: {lost} cached passcodes disappeared"));
        }
        let added: BTreeSet<i64> = now.difference(&seen).copied().collect();
        if !added.is_empty() && added != batch {
            tally.torn_batches += 1;
            tally.problems.push(format!(
                "run {runs}: added {} of a batch of {}",
                added.len(),
                batch.len()
            ));
        }
        if killed {
            let pages = sb.control().request_counts().await.unwrap();
            match (
                pages.get(PASSCODE_PAGES).copied().unwrap_or(0),
                added.is_empty(),
            ) {
                (_, false) => tally.after_commit += 1,
                (0, true) => tally.before_passcodes += 1,
                (_, true) => tally.mid_sync += 1,
            }
        }
        seen.extend(now);
    }

    // Nothing killed any more: one sync completes and leaves the cache whole and complete.
    let status = sync(&ccp).wait().await.unwrap();
    assert!(status.success(), "the final sync: {status}");
    let last = read_cache(&cache_path, &key)
        .await
        .expect("the cache after the final sync");
    let elapsed = started.elapsed();
    println!(
        "kill loop (seed {seed}): {} kills in {runs} runs ({} finished first) in {:.1} s; kill \
         moment 0–{max_delay} ms (a whole sync took {} ms) or, for {}, a point of the WAL's \
         growth (a whole sync grew it {} KiB); landed before the 3-D Secure requests \
         {}, mid-sync {}, after the commit {}; mid-write (uncommitted WAL frames) {}; committed \
         data recovered from the WAL {}; integrity failures {}; lost rows {}; torn batches {}; \
         {} passcodes cached (the server's newest id {}); {:.1} s in ccp, {:.1} s reopening and \
         checking the cache",
        tally.kills,
        tally.finished_first,
        elapsed.as_secs_f64(),
        full_sync.as_millis(),
        tally.at_write,
        wal_grown / 1024,
        tally.before_passcodes,
        tally.mid_sync,
        tally.after_commit,
        tally.mid_write,
        tally.recovered_from_wal,
        tally.integrity_failures,
        tally.lost_rows,
        tally.torn_batches,
        last.len(),
        server_max,
        tally.in_ccp.as_secs_f64(),
        tally.checking.as_secs_f64(),
    );
    assert!(
        tally.problems.is_empty(),
        "seed {seed}: {:?}",
        tally.problems
    );
    assert_eq!(tally.integrity_failures, 0);
    assert_eq!(tally.lost_rows, 0);
    assert!(last.is_superset(&seen), "the final sync lost rows");
    let missing: Vec<i64> = (first_loop_id..=server_max)
        .filter(|id| !last.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "after the final sync {} of the passcodes added during the loop are not cached",
        missing.len()
    );
    // The kills landed all over a sync, writes included, not only before it started (checked
    // on a loop long enough for each kind to be certain).
    if target >= CI_KILLS {
        assert!(
            tally.before_passcodes > 0
                && tally.mid_sync > 0
                && tally.after_commit > 0
                && tally.mid_write > 0,
            "{tally:?}"
        );
    }
}

/// Adds `count` passcodes on the server; returns the newest id.
async fn add_batch(sb: &Sandbox, count: u32) -> i64 {
    sb.control().bulk_3ds(count, None).await.unwrap().last_id
}

/// When to kill a run.
#[derive(Debug, Clone, Copy)]
enum Moment {
    After(Duration),
    /// As soon as the write-ahead log is this long (it grows frame by frame as SQLite writes).
    WalBytes(u64),
}

/// Lets `child` run until `moment` (or its end), kills it with SIGKILL, reaps it; returns its
/// status and the largest WAL size seen (watched for [`Moment::WalBytes`] only).
async fn run_until(
    mut child: tokio::process::Child,
    moment: Moment,
    wal: &Path,
) -> (std::process::ExitStatus, u64) {
    let mut largest = 0;
    match moment {
        Moment::After(delay) => {
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = child.wait() => {}
            }
        }
        // Polled in a tight loop on this thread: a tokio timer is too coarse for a write.
        Moment::WalBytes(bytes) => tokio::task::block_in_place(|| {
            let deadline = Instant::now() + Duration::from_secs(60);
            while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
                largest = largest.max(std::fs::metadata(wal).map_or(0, |m| m.len()));
                if largest >= bytes {
                    break;
                }
                std::thread::sleep(Duration::from_micros(100));
            }
        }),
    }
    let _ = child.start_kill();
    (child.wait().await.unwrap(), largest)
}

/// `ccp sync` as its own process, output discarded.
fn sync(ccp: &Ccp) -> tokio::process::Child {
    tokio::process::Command::from(ccp.command(&["sync"]))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("ccp runs")
}

/// Opens the encrypted cache as the next start would: the integrity checks, then every cached
/// passcode id. Any failure is returned as text.
async fn read_cache(path: &Path, key: &secrecy::SecretString) -> Result<BTreeSet<i64>, String> {
    let cache = Cache::open(path, key)
        .await
        .map_err(|e| format!("open: {e}"))?;
    let outcome = async {
        let report = cache.integrity_check().await.map_err(|e| e.to_string())?;
        if report != "ok" {
            return Err(format!("integrity: {report}"));
        }
        let ids = cache.passcode_ids().await.map_err(|e| e.to_string())?;
        Ok(ids.into_iter().collect())
    }
    .await;
    cache.close().await;
    outcome
}

/// What a killed process left in the write-ahead log.
#[derive(Debug, Default)]
struct WalState {
    /// Committed transactions in the log (not yet checkpointed into the database file).
    commits: u32,
    /// Valid frames after the last commit frame: a transaction being written when killed.
    uncommitted_frames: u32,
}

/// Reads the WAL as SQLite's recovery does: the header, then frames while their salts match
/// and the running checksum holds (SQLCipher encrypts page bodies, not frame headers).
fn wal_state(wal: &Path) -> WalState {
    let mut state = WalState::default();
    let Ok(b) = std::fs::read(wal) else {
        return state;
    };
    let word = |at: usize, big: bool| {
        let w = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if big {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    };
    if b.len() < 32 || word(0, true) & !1 != 0x377f_0682 {
        return state;
    }
    let big = word(0, true) & 1 == 1;
    let page_size = match word(8, true) {
        1 => 65_536,
        n => n as usize,
    };
    let checksum = |s: (u32, u32), from: usize, to: usize| {
        let (mut s1, mut s2) = s;
        for at in (from..to).step_by(8) {
            s1 = s1.wrapping_add(word(at, big)).wrapping_add(s2);
            s2 = s2.wrapping_add(word(at + 4, big)).wrapping_add(s1);
        }
        (s1, s2)
    };
    let mut sum = checksum((0, 0), 0, 24);
    if sum != (word(24, true), word(28, true)) {
        return state;
    }
    let (mut frames, mut last_commit) = (0u32, 0u32);
    let mut at = 32;
    while at + 24 + page_size <= b.len() {
        if b[at + 8..at + 16] != b[16..24] {
            break;
        }
        sum = checksum(sum, at, at + 8);
        sum = checksum(sum, at + 24, at + 24 + page_size);
        if sum != (word(at + 16, true), word(at + 20, true)) {
            break;
        }
        frames += 1;
        if word(at + 4, true) != 0 {
            last_commit = frames;
            state.commits += 1;
        }
        at += 24 + page_size;
    }
    state.uncommitted_frames = frames - last_commit;
    state
}
