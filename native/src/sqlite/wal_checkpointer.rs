//! WAL checkpoints off the writer's thread. SQLite's own auto-checkpoint runs inside the commit that
//! takes the WAL past 1,000 pages: that commit copies the WAL into the database and syncs both files,
//! and every put paid a share of it (measured: about a third of a 50 KB put). Here a second
//! connection, on a thread of its own, runs PASSIVE checkpoints as the writer reports what it wrote;
//! PASSIVE never waits for the writer, which keeps committing meanwhile. The writer keeps SQLite's
//! auto-checkpoint only as a backstop at `BACKSTOP_PAGES`: while writes never pause, the WAL is never
//! fully copied when the next one starts, so it cannot restart and grows until the writer checkpoints
//! it itself.

use std::sync::mpsc::{channel, Sender};
use std::thread::JoinHandle;

use rusqlite::Connection;

/// Bytes written between checkpoints: SQLite's default 1,000 pages of 4 KiB.
const CHECKPOINT_BYTES: usize = 1000 * 4096;
/// The writer's own auto-checkpoint, in pages: bounds the WAL (40 MB at 4 KiB pages).
pub const BACKSTOP_PAGES: u32 = 10_000;

pub struct WalCheckpointer {
    reports: Option<Sender<usize>>,
    thread: Option<JoinHandle<()>>,
}

impl WalCheckpointer {
    /// Opens a second connection to the writer's database `path` and starts its thread; the writer
    /// connection's auto-checkpoint is raised to the backstop. None unless `writer` is in WAL mode
    /// on a file (an in-memory database has no WAL).
    pub fn start(
        writer: &Connection,
        path: &str,
    ) -> Result<Option<WalCheckpointer>, Box<dyn std::error::Error + Send + Sync>> {
        let mode: String = writer.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") || writer.path().is_none_or(str::is_empty) {
            return Ok(None);
        }
        let connection = Connection::open(path)?;
        writer.pragma_update(None, "wal_autocheckpoint", BACKSTOP_PAGES)?;
        let (reports, received) = channel::<usize>();
        let thread = std::thread::Builder::new()
            .name("langgraph-native-sqlite-checkpoints".into())
            .spawn(move || {
                let mut written = 0usize;
                while let Ok(bytes) = received.recv() {
                    written += bytes;
                    while let Ok(bytes) = received.try_recv() {
                        written += bytes;
                    }
                    if written >= CHECKPOINT_BYTES {
                        // A failed or partial checkpoint leaves its frames to the next one (or the
                        // writer's backstop): nothing is lost either way.
                        let _ =
                            connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                        written = 0;
                    }
                }
            })
            .map_err(|error| format!("cannot start the checkpoint thread: {error}"))?;
        Ok(Some(WalCheckpointer {
            reports: Some(reports),
            thread: Some(thread),
        }))
    }

    /// The writer committed about `bytes` of rows (0 for a read: nothing to report).
    pub fn wrote(&self, bytes: usize) {
        if bytes == 0 {
            return;
        }
        if let Some(reports) = &self.reports {
            let _ = reports.send(bytes);
        }
    }
}

impl Drop for WalCheckpointer {
    /// Stops the thread and closes its connection, so the writer's close is the last one.
    fn drop(&mut self) {
        self.reports.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
#[path = "wal_checkpointer_tests.rs"]
mod tests;
