//! Starting, serving and stopping one sandbox.

use crate::control::client::Control;
use crate::state::AppState;
use crate::{Config, Error, api, control, db, didit, falpay, faults, passcodes, potato, seed};
use axum::Router;
use axum::middleware;
use axum::routing::get;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running sandbox. Stops on [`Sandbox::shutdown`] or when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    generator: Option<JoinHandle<()>>,
    /// Closed by [`Sandbox::shutdown`] once the server has stopped.
    db: sqlx::SqlitePool,
    // Dropped last: the temporary data directory, when no data_dir was given.
    _temp: Option<tempfile::TempDir>,
}

impl Sandbox {
    /// Binds, opens (and seeds, when empty) the database, and serves in a tokio task.
    pub async fn start(config: Config) -> Result<Sandbox, Error> {
        let (dir, temp) = match &config.data_dir {
            Some(dir) => (dir.clone(), None),
            None => {
                let temp = tempfile::Builder::new().prefix("ccp-sandbox-").tempdir()?;
                (temp.path().to_owned(), Some(temp))
            }
        };
        let pool = db::open(&dir).await?;
        if seed::seed_if_empty(&pool, config.seed).await? {
            tracing::info!(
                seed = config.seed,
                "seeded the demo account {}",
                crate::DEMO_EMAIL
            );
        }
        potato::seed(&pool).await?;
        let listener = tokio::net::TcpListener::bind(config.listen).await?;
        let mut addr = listener.local_addr()?;
        if addr.ip().is_unspecified() {
            addr.set_ip([127, 0, 0, 1].into());
        }
        let state = AppState::new(pool.clone(), config.clone(), format!("http://{addr}"));

        let mut app = api::router()
            .merge(falpay::router())
            .merge(potato::router())
            .route("/didit/session/{id}", get(didit::show).post(didit::decide))
            .route(
                "/",
                get(|| async { "ComeComePay sandbox: the API is under /api/v1\n" }),
            );
        if config.control {
            app = app.merge(control::routes::router(state.clone()));
        }
        let app: Router = app
            .fallback(api::not_found)
            .method_not_allowed_fallback(api::method_not_allowed)
            .layer(middleware::from_fn_with_state(
                state.clone(),
                faults::play::middleware,
            ))
            .with_state(state.clone());

        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let result = axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(e) = result {
                tracing::error!("sandbox server: {e}");
            }
        });
        let generator = config
            .passcode_every
            .filter(|every| !every.is_zero())
            .map(|every| tokio::spawn(passcodes::generator(state, every)));
        Ok(Sandbox {
            addr,
            stop: Some(stop),
            server: Some(server),
            generator,
            db: pool,
            _temp: temp,
        })
    }

    /// `http://127.0.0.1:PORT`: the server root; the API is at `base_url() + "/api/v1"`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A client of the control API of this sandbox.
    pub fn control(&self) -> Control {
        Control::new(&self.base_url())
    }

    /// Stops accepting, lets open requests finish (a few seconds at most), closes the database,
    /// then returns. Closing waits for SQLite's connection threads to close their files: a
    /// process that exits while they still do races C libraries' exit-time clean-up (a test
    /// binary that ended this way sometimes aborted with a double free after all its tests
    /// passed). Dropping a sandbox stops it too, without that wait.
    pub async fn shutdown(mut self) {
        self.signal_stop();
        if let Some(server) = self.server.take() {
            let abort = server.abort_handle();
            if tokio::time::timeout(Duration::from_secs(3), server)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        self.db.close().await;
    }

    fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(generator) = self.generator.take() {
            generator.abort();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.signal_stop();
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
