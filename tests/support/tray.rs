//! A StatusNotifierWatcher on the test session bus (what a desktop's panel provides), so the
//! app's tray item registers; the item and its menu are then read over D-Bus with `gdbus`,
//! exactly as a panel would read them.

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::object_server::SignalEmitter;

struct Watcher {
    items: Arc<Mutex<Vec<String>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    /// `service` is a bus name or (libayatana-appindicator) an object path on the sender.
    async fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        let item = if service.starts_with('/') {
            format!("{sender}{service}")
        } else {
            format!("{service}/StatusNotifierItem")
        };
        self.items.lock().unwrap().push(item.clone());
        let _ = Self::status_notifier_item_registered(&emitter, &item).await;
    }

    async fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.lock().unwrap().clone()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;
}

/// The watcher, for as long as it is held.
pub struct TrayWatcher {
    items: Arc<Mutex<Vec<String>>>,
    _connection: zbus::Connection,
}

impl TrayWatcher {
    pub async fn start() -> TrayWatcher {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()
            .expect("session bus")
            .name("org.kde.StatusNotifierWatcher")
            .expect("watcher name")
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: items.clone(),
                },
            )
            .expect("serve the watcher")
            .build()
            .await
            .expect("the watcher on the session bus");
        TrayWatcher {
            items,
            _connection: connection,
        }
    }

    /// The first item that registered: (bus name, object path).
    pub async fn item(&self) -> (String, String) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(item) = self.items.lock().unwrap().first().cloned() {
                let slash = item.find('/').expect("name/path");
                return (item[..slash].to_owned(), item[slash..].to_owned());
            }
            assert!(Instant::now() < deadline, "no tray item registered");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn gdbus(args: &[&str]) -> String {
    let out = Command::new("gdbus")
        .args(["call", "--session"])
        .args(args)
        .output()
        .expect("gdbus (libglib2.0-bin)");
    assert!(
        out.status.success(),
        "gdbus {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A property of the tray item, as gdbus prints it (e.g. `(<'4:55'>,)`).
pub fn item_property(item: &(String, String), name: &str) -> String {
    gdbus(&[
        "--dest",
        &item.0,
        "--object-path",
        &item.1,
        "--method",
        "org.freedesktop.DBus.Properties.Get",
        "org.kde.StatusNotifierItem",
        name,
    ])
}

/// The labels of the tray item's menu, top to bottom (com.canonical.dbusmenu).
pub fn menu_labels(item: &(String, String)) -> Vec<String> {
    let menu = item_property(item, "Menu");
    let path = menu
        .split('\'')
        .find(|s| s.starts_with('/'))
        .or_else(|| menu.split_whitespace().find(|s| s.starts_with('/')))
        .map(|s| s.trim_end_matches(['>', ',', ')']).to_owned())
        .expect("the menu's object path");
    let layout = gdbus(&[
        "--dest",
        &item.0,
        "--object-path",
        &path,
        "--method",
        "com.canonical.dbusmenu.GetLayout",
        "0",
        // Typed: a bare "-1" would be read as a gdbus option.
        "int32 -1",
        "@as []",
    ]);
    layout
        .split("'label': <'")
        .skip(1)
        .filter_map(|rest| rest.split("'>").next())
        .map(str::to_owned)
        .collect()
}
