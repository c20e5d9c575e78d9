//! Background tasks that are asked to stop and waited for before their process closes the
//! cache, rather than aborted: a task aborted while a cache connection is being opened leaves
//! SQLite working on a thread nothing waits for, and a process exiting under it crashes in
//! SQLCipher's OpenSSL (and leaves the write-ahead log behind). Dropping [`Tasks`] still aborts
//! whatever runs, for owners that never close.

use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct Tasks {
    running: Mutex<Vec<JoinHandle<()>>>,
    /// Set by [`Tasks::shutdown`]; each task watches it through a [`Stopped`].
    stop: watch::Sender<bool>,
}

impl Default for Tasks {
    fn default() -> Self {
        Tasks {
            running: Mutex::new(Vec::new()),
            stop: watch::Sender::new(false),
        }
    }
}

impl Tasks {
    /// What a task waits on, beside its own work, to end when asked.
    pub fn stopped(&self) -> Stopped {
        Stopped(self.stop.subscribe())
    }

    /// Keeps `task` (started with a [`Stopped`] of this set) until it ends.
    pub fn add(&self, task: JoinHandle<()>) {
        let mut running = self.running.lock().expect("tasks lock");
        running.retain(|t| !t.is_finished());
        running.push(task);
    }

    /// Asks every task to stop and waits until each has finished what it is doing (a request
    /// and its cache write), `wait` at most in all; one still busy then (a hung request) is cut.
    pub async fn shutdown(&self, wait: Duration) {
        self.stop.send_replace(true);
        let deadline = tokio::time::Instant::now() + wait;
        let running = std::mem::take(&mut *self.running.lock().expect("tasks lock"));
        for task in running {
            let abort = task.abort_handle();
            if tokio::time::timeout_at(deadline, task).await.is_err() {
                abort.abort();
            }
        }
    }
}

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in self.running.get_mut().expect("tasks lock").iter() {
            task.abort();
        }
    }
}

/// A task's view of [`Tasks::shutdown`].
pub struct Stopped(watch::Receiver<bool>);

impl Stopped {
    /// Resolves once the tasks are asked to stop (or their [`Tasks`] is gone).
    pub async fn wait(&mut self) {
        let _ = self.0.wait_for(|stop| *stop).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A task in the middle of its work finishes it; one that does not stop in time is cut.
    #[tokio::test]
    async fn shutdown_lets_work_finish_and_cuts_what_hangs() {
        let tasks = Tasks::default();
        let (done_tx, done_rx) = tokio::sync::oneshot::channel();
        let mut stop = tasks.stopped();
        tasks.add(tokio::spawn(async move {
            // Busy when the stop comes: the work is finished, then the task ends.
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = done_tx.send(());
            stop.wait().await;
        }));
        tasks.add(tokio::spawn(std::future::pending()));
        let started = std::time::Instant::now();
        tokio::time::sleep(Duration::from_millis(10)).await;
        tasks.shutdown(Duration::from_millis(300)).await;
        assert!(done_rx.await.is_ok(), "the work in flight was finished");
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(300) && took < Duration::from_secs(2),
            "{took:?}"
        );
    }
}
