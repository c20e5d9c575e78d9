//! The core's one outward channel: every change the window (or `ccp watch`) should hear about.

use ccp_model::ipc::AppEvent;
use tokio::sync::broadcast;

/// A cheap-to-clone sender that every subsystem gets a copy of.
#[derive(Clone)]
pub(crate) struct Events(broadcast::Sender<AppEvent>);

impl Events {
    pub fn new() -> Self {
        Events(broadcast::channel(1024).0)
    }

    pub fn emit(&self, event: AppEvent) {
        // No subscriber is fine: the cache holds the same truth.
        let _ = self.0.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<AppEvent> {
        self.0.subscribe()
    }
}
