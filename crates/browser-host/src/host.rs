//! One browser connection: the same core, data directory and keyring session as the app and
//! `ccp` (the session lock makes the rotating refresh token safe to share), the app lock's
//! state, and the record handles this connection was given. Codes leave only in a `reveal`'s
//! answer, for a handle from a `match` on this connection.

use crate::frame;
use crate::matching::{self, Verdict};
use ccp_core::app_lock::AppLock;
use ccp_core::tasks::Tasks;
use ccp_core::{Config, Core, Resource, now_unix};
use ccp_model::browser::{
    Op, PageFacts, RecordFacts, Reply, ReplyBody, Request, VERSION, WATCH_SECS,
};
use ccp_model::ipc::ServerChoice;
use ccp_model::view::PasscodeView;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWrite;

/// The cache is read again from the server when older than this (the app's fastest cadence).
const FRESH_SECS: i64 = 1;

/// How long closing waits for the watches to stop before cutting them.
const STOP_WAIT: Duration = Duration::from_secs(3);

pub struct Host<W> {
    core: Result<Core, String>,
    lock: AppLock,
    /// Handle → passcode id, for this connection only.
    handles: Mutex<HashMap<String, i64>>,
    /// The `watch`es going on; [`Host::close`] ends them before the cache closes.
    watches: Tasks,
    out: tokio::sync::Mutex<W>,
}

impl<W: AsyncWrite + Unpin + Send + 'static> Host<W> {
    /// Opens the core the way `ccp` does: `CCP_SERVER`, else the app's remembered server;
    /// `CCP_DATA_DIR`, `CCP_KEYRING_SERVICE`.
    pub async fn open(out: W, browser: &str) -> Arc<Self> {
        let data_dir = std::env::var_os("CCP_DATA_DIR")
            .map(Into::into)
            .unwrap_or_else(Config::default_data_dir);
        ccp_core::browser::note_seen(&data_dir, browser);
        let service = std::env::var("CCP_KEYRING_SERVICE")
            .unwrap_or_else(|_| ccp_core::KEYRING_SERVICE.to_owned());
        let core = match config(&data_dir, &service) {
            Ok(config) => Core::open(config).await.map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        Arc::new(Host {
            core,
            lock: AppLock::new(&data_dir, &service, Duration::from_secs(30)),
            handles: Mutex::new(HashMap::new()),
            watches: Tasks::default(),
            out: tokio::sync::Mutex::new(out),
        })
    }

    /// Ends the watches (each finishes what it is doing first; `ccp_core::tasks` says why)
    /// and closes the cache's connections, waiting for their threads: the process may exit
    /// only after this.
    pub async fn close(&self) {
        self.watches.shutdown(STOP_WAIT).await;
        if let Ok(core) = &self.core {
            core.close().await;
        }
    }

    pub async fn send(&self, reply: &Reply) -> std::io::Result<()> {
        frame::write(&mut *self.out.lock().await, reply).await
    }

    /// Answers one frame (a `watch` goes on in the background and writes as records come).
    pub async fn answer(self: &Arc<Self>, body: &[u8]) -> Reply {
        let request: Request = match serde_json::from_slice(body) {
            Ok(r) => r,
            Err(e) => {
                // The id, if the object has one, so the extension can tell which call failed.
                let id = serde_json::from_slice::<serde_json::Value>(body)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_owned))
                    .unwrap_or_default();
                return Reply::error(id, format!("not a request of protocol v{VERSION}: {e}"));
            }
        };
        if request.v != VERSION {
            return Reply::error(
                request.id,
                format!("protocol v{} is not spoken; v{VERSION} is", request.v),
            );
        }
        let id = request.id.clone();
        Reply::new(id.clone(), self.body(&id, request.op).await)
    }

    async fn body(self: &Arc<Self>, id: &str, op: Op) -> ReplyBody {
        if self.lock.status().await.locked {
            return ReplyBody::Locked;
        }
        let core = match &self.core {
            Ok(core) => core.clone(),
            Err(why) => return error(why),
        };
        if !core.is_signed_in() {
            return ReplyBody::LoginRequired;
        }
        match op {
            Op::Match { page, .. } => self.match_page(&core, &page).await,
            Op::Reveal { record } => self.reveal(&core, &record).await,
            Op::Watch => self.watch(core, id.to_owned()).await,
        }
    }

    async fn match_page(&self, core: &Core, page: &PageFacts) -> ReplyBody {
        let records = match fresh_passcodes(core).await {
            Ok(r) => r,
            Err(e) => return error(&e),
        };
        let now = now_unix();
        match matching::decide(&records, page, now) {
            Verdict::None => ReplyBody::None,
            Verdict::Match(p) => ReplyBody::Match(self.facts(p)),
            Verdict::Ambiguous(all) => ReplyBody::Ambiguous {
                candidates: all.into_iter().map(|p| self.facts(p)).collect(),
            },
            Verdict::Mismatch(p, differs) => ReplyBody::Mismatch {
                differs,
                record: self.facts(p),
            },
        }
    }

    async fn reveal(&self, core: &Core, handle: &str) -> ReplyBody {
        let id = self.handles.lock().expect("handles").get(handle).copied();
        let Some(id) = id else {
            return error("no such record on this connection: ask with match first");
        };
        match core.passcode(id).await {
            Ok(Some(p)) if p.is_live(now_unix()) => ReplyBody::Ok {
                code: p.passcode.expose().to_owned(),
                expires_at: rfc3339(p.expires_at_unix),
            },
            Ok(_) => error("that record's code has expired"),
            Err(e) => error(&e.to_string()),
        }
    }

    /// Pushes each new pending record for [`WATCH_SECS`], reading the service once a second.
    async fn watch(self: &Arc<Self>, core: Core, id: String) -> ReplyBody {
        let until = now_unix() + WATCH_SECS as i64;
        let host = self.clone();
        let mut stop = self.watches.stopped();
        let watch = tokio::spawn(async move {
            let mut seen: HashSet<i64> = match core.passcodes().await {
                Ok(cached) => cached.data.iter().map(|p| p.id).collect(),
                Err(_) => HashSet::new(),
            };
            while now_unix() < until {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.wait() => return,
                }
                if let Err(e) = core.sync_resource(Resource::Passcodes).await {
                    tracing::debug!("watch: {e}");
                    continue;
                }
                let Ok(cached) = core.passcodes().await else {
                    continue;
                };
                let now = now_unix();
                let fresh: Vec<&PasscodeView> = matching::pending(&cached.data, now)
                    .filter(|p| !seen.contains(&p.id))
                    .collect();
                for p in fresh {
                    seen.insert(p.id);
                    let reply = Reply::new(id.clone(), ReplyBody::New(host.facts(p)));
                    if host.send(&reply).await.is_err() {
                        return;
                    }
                }
            }
        });
        self.watches.add(watch);
        ReplyBody::Watching {
            until: rfc3339(until),
        }
    }

    /// The record as the chip shows it, under a new handle for this connection.
    fn facts(&self, p: &PasscodeView) -> RecordFacts {
        let handle: [u8; 16] = rand::random();
        let handle: String = handle.iter().map(|b| format!("{b:02x}")).collect();
        self.handles
            .lock()
            .expect("handles")
            .insert(handle.clone(), p.id);
        RecordFacts {
            record: handle,
            merchant: p.merchant_name.clone(),
            amount: p.amount.clone(),
            currency: p.currency.clone(),
            expires_at: rfc3339(p.expires_at_unix),
        }
    }
}

/// The cached records, read again from the service first when the cache is older than the
/// app's fastest cadence (offline, the cache is the answer).
async fn fresh_passcodes(core: &Core) -> Result<Vec<PasscodeView>, String> {
    let cached = core.passcodes().await.map_err(|e| e.to_string())?;
    if cached
        .fetched_at
        .is_some_and(|t| now_unix() - t < FRESH_SECS)
    {
        return Ok(cached.data);
    }
    if let Err(e) = core.sync_resource(Resource::Passcodes).await {
        tracing::debug!("passcodes not read again: {e}");
    }
    Ok(core.passcodes().await.map_err(|e| e.to_string())?.data)
}

fn config(data_dir: &std::path::Path, service: &str) -> Result<Config, String> {
    let choice = match std::env::var("CCP_SERVER") {
        Ok(url) if !url.is_empty() => Some(ServerChoice::Server {
            url,
            allow_insecure_http: false,
        }),
        _ => ccp_core::launcher::remembered(data_dir),
    };
    let choice = choice.or_else(|| {
        Config::BUILD_DEFAULT_SERVER.map(|url| ServerChoice::Server {
            url: url.to_owned(),
            allow_insecure_http: false,
        })
    });
    let mut config = match choice {
        Some(ServerChoice::Server {
            url,
            allow_insecure_http,
        }) => match allow_insecure_http {
            true => Config::with_insecure_http(&url, data_dir),
            false => Config::new(&url, data_dir),
        }
        .map_err(|e| e.to_string())?,
        Some(ServerChoice::Demo) => {
            return Err(
                "the demo runs inside the ComeComePay window; the browser companion \
                        works with a real server"
                    .into(),
            );
        }
        None => return Err("no server chosen yet: open ComeComePay and choose one".into()),
    };
    config.keyring_service = service.to_owned();
    Ok(config)
}

fn error(message: &str) -> ReplyBody {
    ReplyBody::Error {
        message: message.to_owned(),
    }
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
