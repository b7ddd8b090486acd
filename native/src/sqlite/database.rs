//! The SQLite saver's database handle for JavaScript: one connection owned by one Rust thread
//! (the single writer), fed jobs in call order; every method returns a Promise settled from that
//! thread (through the database's one threadsafe function), so no query runs on the JavaScript
//! thread and calls keep their order.

use std::sync::mpsc::{channel, SendError, Sender};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::Duration;

use napi::bindgen_prelude::{Either, Object, ToNapiValue, Uint8Array};
use napi::Env;
use napi_derive::napi;
use rusqlite::Connection;

use crate::bridge::settle_queue::{Failure, Outcome, PromiseQueue, Resolve, Ticket};
use crate::error::{internal, invalid_input, sqlite_error, sqlite_failure, with_string_status};
use crate::serde::codec::JsonScan;
use crate::serde::json_scan::{self, ScanReport};
use crate::sqlite::sent_elements::{ArrayPart, SentElements};
use crate::sqlite::statements::{self, CheckpointRow, ListInput, WriteInput, WriteRow};
use crate::sqlite::wal_checkpointer::WalCheckpointer;

/// A query and the Promise its result settles.
struct Job {
    ticket: Ticket,
    work: Box<dyn FnOnce(&mut Connection) -> Outcome + Send>,
    /// About how many bytes of rows it writes, reported to the checkpoint thread.
    wal_bytes: usize,
}

/// A write as read. With a `depthLimit` given, a JSON value whose bytes pass the scan comes as
/// `valueText` plus `valueScan` (made on the database thread) instead of `value` bytes.
#[napi(object)]
pub struct SqliteWrite {
    pub task_id: String,
    pub channel: String,
    pub value_type: Option<String>,
    pub value: Option<Uint8Array>,
    pub value_text: Option<String>,
    pub value_scan: Option<JsonScan>,
}

/// A checkpoint row as read; `checkpointText`/`metadataText` as for `SqliteWrite`.
#[napi(object)]
pub struct SqliteCheckpoint {
    pub thread_id: String,
    pub checkpoint_ns: String,
    pub checkpoint_id: String,
    pub parent_checkpoint_id: Option<String>,
    pub checkpoint_type: Option<String>,
    pub checkpoint: Option<Uint8Array>,
    pub checkpoint_text: Option<String>,
    pub checkpoint_scan: Option<JsonScan>,
    pub metadata: Option<Uint8Array>,
    pub metadata_text: Option<String>,
    pub metadata_scan: Option<JsonScan>,
    pub writes: Vec<SqliteWrite>,
}

/// A row of getDeltaChannelHistory's walk (see `statements::delta_history`).
#[napi(object)]
pub struct SqliteHistoryRow {
    pub depth: i64,
    pub kind: i64,
    pub task_id: Option<String>,
    pub channel: String,
    pub value_type: Option<String>,
    pub value: Option<Uint8Array>,
}

#[napi(object)]
pub struct SqliteListQuery {
    pub thread_id: Option<String>,
    pub checkpoint_ns: Option<String>,
    pub before: Option<String>,
    /// Metadata keys and the JSON text each must equal (the host's `jsonb(...)->'$.key' = ?`).
    pub filter_keys: Option<Vec<String>>,
    pub filter_values: Option<Vec<String>>,
    pub limit: Option<i64>,
}

/// How long a call waits for the database thread to finish the last checkpoint put (a write just
/// issued, typically tens of microseconds) so that its Promise settles in this call, not on a later
/// loop turn. A wait that runs out (a lock held elsewhere) is not repeated until the thread moves.
const CATCH_UP: Duration = Duration::from_millis(5);

/// A rejection with the SQLite error's code and message (better-sqlite3's), for the JS side to
/// raise as the host's `SqliteError`.
fn sqlite_rejection(error: &rusqlite::Error) -> Failure {
    let (code, message) = sqlite_failure(error);
    Failure { code, message }
}

/// The handle's settings that the native connection copies from the host's better-sqlite3 one.
#[napi(object)]
pub struct SqliteOpenOptions {
    pub synchronous_full: bool,
    /// better-sqlite3's `readonly`: writes fail with SQLITE_READONLY, nothing is created.
    pub readonly: Option<bool>,
    /// The handle's `PRAGMA busy_timeout` (better-sqlite3's `timeout`, 5,000 ms by default).
    pub busy_timeout_ms: Option<u32>,
}

/// Serialized bytes from JavaScript, or the serializer's JSON text as UTF-8.
fn owned_bytes(value: Either<String, &[u8]>) -> Vec<u8> {
    match value {
        Either::A(text) => text.into_bytes(),
        Either::B(bytes) => bytes.to_vec(),
    }
}

/// A stored value as it goes to JavaScript: bytes, or JSON text with the scan of its bytes.
enum ReadValue {
    Bytes(Vec<u8>),
    Text(String, ScanReport),
}

/// Scans a JSON value on the database thread when asked to (`depth_limit`); bytes that fail the
/// scan, or are not JSON, go as bytes and the serializer reports on them.
fn read_value(
    bytes: Option<Vec<u8>>,
    kind: Option<&str>,
    depth_limit: Option<u32>,
) -> Option<ReadValue> {
    let bytes = bytes?;
    let Some(limit) = depth_limit.filter(|_| kind.is_none_or(|kind| kind == "json")) else {
        return Some(ReadValue::Bytes(bytes));
    };
    let Ok(report) = json_scan::scan(&bytes, limit) else {
        return Some(ReadValue::Bytes(bytes));
    };
    Some(match String::from_utf8(bytes) {
        Ok(text) => ReadValue::Text(text, report),
        Err(error) => ReadValue::Bytes(error.into_bytes()),
    })
}

/// (bytes, text, scan) fields of a value.
fn js_value(value: Option<ReadValue>) -> (Option<Uint8Array>, Option<String>, Option<JsonScan>) {
    match value {
        None => (None, None, None),
        Some(ReadValue::Bytes(bytes)) => (Some(Uint8Array::new(bytes)), None, None),
        Some(ReadValue::Text(text, report)) => (None, Some(text), Some(JsonScan::from(report))),
    }
}

/// A row read on the database thread, values scanned there when asked.
struct ReadRow {
    row: CheckpointRow,
    checkpoint: Option<ReadValue>,
    metadata: Option<ReadValue>,
    writes: Vec<(WriteRow, Option<ReadValue>)>,
}

fn read_write(mut write: WriteRow, depth_limit: Option<u32>) -> (WriteRow, Option<ReadValue>) {
    let value = read_value(write.value.take(), write.kind.as_deref(), depth_limit);
    (write, value)
}

fn read_row(mut row: CheckpointRow, depth_limit: Option<u32>) -> ReadRow {
    let kind = row.kind.clone();
    let checkpoint = read_value(row.checkpoint.take(), kind.as_deref(), depth_limit);
    let metadata = read_value(row.metadata.take(), kind.as_deref(), depth_limit);
    let writes = std::mem::take(&mut row.writes)
        .into_iter()
        .map(|write| read_write(write, depth_limit))
        .collect();
    ReadRow {
        row,
        checkpoint,
        metadata,
        writes,
    }
}

fn js_write((write, value): (WriteRow, Option<ReadValue>)) -> SqliteWrite {
    let (value, value_text, value_scan) = js_value(value);
    SqliteWrite {
        task_id: write.task_id,
        channel: write.channel,
        value_type: write.kind,
        value,
        value_text,
        value_scan,
    }
}

fn js_checkpoint(read: ReadRow) -> SqliteCheckpoint {
    let (checkpoint, checkpoint_text, checkpoint_scan) = js_value(read.checkpoint);
    let (metadata, metadata_text, metadata_scan) = js_value(read.metadata);
    let row = read.row;
    SqliteCheckpoint {
        thread_id: row.thread_id,
        checkpoint_ns: row.checkpoint_ns,
        checkpoint_id: row.checkpoint_id,
        parent_checkpoint_id: row.parent_checkpoint_id,
        checkpoint_type: row.kind,
        checkpoint,
        checkpoint_text,
        checkpoint_scan,
        metadata,
        metadata_text,
        metadata_scan,
        writes: read.writes.into_iter().map(js_write).collect(),
    }
}

/// A SQLite checkpoint database in the host's schema, worked on by its own thread.
#[napi]
pub struct SqliteCheckpointDb {
    jobs: Mutex<Option<Sender<Job>>>,
    worker: Mutex<Option<JoinHandle<()>>>,
    promises: PromiseQueue,
    /// The array values puts sent, which `putAssembled` builds rows from.
    sent: Mutex<SentElements>,
}

/// An array of a `putAssembled` checkpoint: the first `prefix` elements of what the put of
/// checkpoint `source` sent for this channel (`prefixLen` bytes joined by commas; 0 for none),
/// then the elements of the JSON array `tail`.
#[napi(object)]
pub struct SqliteArrayPart {
    pub channel: String,
    pub prefix: u32,
    pub prefix_len: u32,
    pub source: String,
    pub tail: String,
}

impl SqliteCheckpointDb {
    /// Queues the write of a checkpoint row (a put: the next call catches up with it).
    fn put_row<'env>(&self, env: &'env Env, row: CheckpointRow) -> napi::Result<Object<'env>> {
        let wal_bytes =
            row.checkpoint.as_ref().map_or(0, Vec::len) + row.metadata.as_ref().map_or(0, Vec::len);
        self.run_write(
            env,
            wal_bytes,
            true,
            move |db| statements::put(db, &row),
            |_| (),
        )
    }

    /// Queues a query that writes nothing; see `run_write`.
    fn run<'env, T, D, F, C>(&self, env: &'env Env, work: F, to_js: C) -> napi::Result<Object<'env>>
    where
        T: Send + 'static,
        D: ToNapiValue + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
        C: FnOnce(T) -> D + Send + 'static,
    {
        self.run_write(env, 0, false, work, to_js)
    }

    /// Queues `work`, which writes about `wal_bytes` of rows, on the database thread; the Promise
    /// settles with `to_js` of its result. `catch_up` (a checkpoint put): while the loop does not
    /// turn, this call or failing that the next waits up to `CATCH_UP` for it, so that code
    /// chaining on its Promise keeps up.
    fn run_write<'env, T, D, F, C>(
        &self,
        env: &'env Env,
        wal_bytes: usize,
        catch_up: bool,
        work: F,
        to_js: C,
    ) -> napi::Result<Object<'env>>
    where
        T: Send + 'static,
        D: ToNapiValue + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
        C: FnOnce(T) -> D + Send + 'static,
    {
        let jobs = self
            .jobs
            .lock()
            .map_err(|_| internal("the database handle is poisoned"))?;
        let sender = jobs
            .as_ref()
            .ok_or_else(|| invalid_input("the database is closed"))?;
        // In a long stretch of JavaScript (no loop turn since the last put), wait for that put;
        // otherwise only settle what is done (see settle_queue).
        let stalled = self.promises.loop_stalled();
        self.promises
            .settle_ready(env, if stalled { CATCH_UP } else { Duration::ZERO });
        let (ticket, promise) = self.promises.promise(env, catch_up)?;
        let work = Box::new(move |connection: &mut Connection| match work(connection) {
            Ok(output) => {
                Ok(
                    Box::new(move |raw_env| unsafe { D::to_napi_value(raw_env, to_js(output)) })
                        as Resolve,
                )
            }
            Err(error) => Err(sqlite_rejection(&error)),
        });
        if let Err(SendError(job)) = sender.send(Job {
            ticket,
            work,
            wal_bytes,
        }) {
            let failure = Failure {
                code: "GenericFailure".into(),
                message: "langgraph-native: the database thread has stopped".into(),
            };
            self.promises.reject_now(env, job.ticket, failure);
        } else if catch_up && stalled {
            // In that stretch a put resolves as soon as its write is done: a chain of puts that fell
            // behind (the database thread was not scheduled for a while) catches up in one run of
            // microtasks. Puts awaited one by one across loop turns never wait here.
            self.promises.settle_ready(env, CATCH_UP);
        }
        Ok(promise)
    }
}

#[napi]
impl SqliteCheckpointDb {
    /// Opens `path` (":memory:" for a private in-memory database), creating the host's tables.
    #[napi(constructor)]
    pub fn new(env: &Env, path: String, options: SqliteOpenOptions) -> napi::Result<Self, String> {
        let open = statements::OpenOptions {
            synchronous_full: options.synchronous_full,
            readonly: options.readonly.unwrap_or(false),
            busy_timeout: Duration::from_millis(options.busy_timeout_ms.unwrap_or(5000).into()),
        };
        let mut connection =
            statements::open(&path, &open).map_err(|error| sqlite_error(&error))?;
        let checkpointer = if open.readonly {
            None
        } else {
            WalCheckpointer::start(&connection, &path).map_err(|error| {
                match error.downcast_ref::<rusqlite::Error>() {
                    Some(error) => sqlite_error(error),
                    None => with_string_status(internal(format!("sqlite: {error}"))),
                }
            })?
        };
        let (promises, settler) =
            PromiseQueue::new(env, "langgraph-native sqlite").map_err(with_string_status)?;
        let (sender, receiver) = channel::<Job>();
        let worker = std::thread::Builder::new()
            .name("langgraph-native-sqlite".into())
            .spawn(move || {
                for Job {
                    ticket,
                    work,
                    wal_bytes,
                } in receiver
                {
                    settler.settle(ticket, work(&mut connection));
                    if let Some(checkpointer) = &checkpointer {
                        checkpointer.wrote(wal_bytes);
                    }
                }
                // The checkpoint thread stops before the writer closes, so that close is the last
                // connection's: it checkpoints the WAL and removes it, as the host's does.
                drop(checkpointer);
                // The settler drops here, after the last result: that releases the threadsafe function.
            })
            .map_err(|error| {
                with_string_status(internal(format!(
                    "cannot start the database thread: {error}"
                )))
            })?;
        Ok(SqliteCheckpointDb {
            jobs: Mutex::new(Some(sender)),
            worker: Mutex::new(Some(worker)),
            promises,
            sent: Mutex::default(),
        })
    }

    #[napi(ts_return_type = "Promise<SqliteCheckpoint | null>")]
    pub fn get_tuple<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: Option<String>,
        depth_limit: Option<u32>,
    ) -> napi::Result<Object<'env>> {
        self.run(
            env,
            move |db| {
                Ok(
                    statements::get_tuple(
                        db,
                        &thread_id,
                        &checkpoint_ns,
                        checkpoint_id.as_deref(),
                    )?
                    .map(|row| read_row(row, depth_limit)),
                )
            },
            |row| row.map(js_checkpoint),
        )
    }

    #[napi(ts_return_type = "Promise<Array<SqliteCheckpoint>>")]
    pub fn list<'env>(
        &self,
        env: &'env Env,
        query: SqliteListQuery,
        depth_limit: Option<u32>,
    ) -> napi::Result<Object<'env>> {
        let keys = query.filter_keys.unwrap_or_default();
        let values = query.filter_values.unwrap_or_default();
        if keys.len() != values.len() {
            return Err(invalid_input(
                "list: filter keys and values differ in length",
            ));
        }
        let input = ListInput {
            thread_id: query.thread_id,
            checkpoint_ns: query.checkpoint_ns,
            before: query.before,
            filter: keys
                .into_iter()
                .map(|key| format!("$.{key}"))
                .zip(values)
                .collect(),
            limit: query.limit,
        };
        self.run(
            env,
            move |db| {
                Ok(statements::list(db, &input)?
                    .into_iter()
                    .map(|row| read_row(row, depth_limit))
                    .collect::<Vec<_>>())
            },
            |rows| rows.into_iter().map(js_checkpoint).collect::<Vec<_>>(),
        )
    }

    /// The writes and seeds getDeltaChannelHistory needs for `channels` (a JSON array), in one query.
    #[napi(ts_return_type = "Promise<Array<SqliteHistoryRow>>")]
    pub fn delta_history<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: Option<String>,
        channels: String,
    ) -> napi::Result<Object<'env>> {
        self.run(
            env,
            move |db| {
                statements::delta_history(
                    db,
                    &thread_id,
                    &checkpoint_ns,
                    checkpoint_id.as_deref(),
                    &channels,
                )
            },
            |rows| {
                rows.into_iter()
                    .map(|row| SqliteHistoryRow {
                        depth: row.depth,
                        kind: row.kind,
                        task_id: row.task_id,
                        channel: row.channel,
                        value_type: row.value_type,
                        value: row.value.map(Uint8Array::new),
                    })
                    .collect::<Vec<_>>()
            },
        )
    }

    #[napi(ts_return_type = "Promise<Array<SqliteWrite>>")]
    pub fn pending_sends<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        parent_checkpoint_id: String,
    ) -> napi::Result<Object<'env>> {
        self.run(
            env,
            move |db| statements::pending_sends(db, &thread_id, &parent_checkpoint_id),
            |rows| {
                rows.into_iter()
                    .map(|write| js_write(read_write(write, None)))
                    .collect::<Vec<_>>()
            },
        )
    }

    #[napi(ts_return_type = "Promise<void>")]
    #[allow(clippy::too_many_arguments)]
    pub fn put<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: String,
        parent_checkpoint_id: Option<String>,
        checkpoint_type: String,
        checkpoint: Either<String, &[u8]>,
        metadata: Either<String, &[u8]>,
    ) -> napi::Result<Object<'env>> {
        // Copied here (text is the serializer's JSON, stored as its UTF-8 bytes): the JavaScript
        // buffers must not be read from another thread.
        let row = CheckpointRow {
            thread_id,
            checkpoint_ns,
            checkpoint_id,
            parent_checkpoint_id,
            kind: Some(checkpoint_type),
            checkpoint: Some(owned_bytes(checkpoint)),
            metadata: Some(owned_bytes(metadata)),
            writes: Vec::new(),
        };
        self.put_row(env, row)
    }

    /// `put` of a JSON checkpoint sent in parts: `pieces[0]` + array 0 + `pieces[1]` + … , each
    /// array rebuilt from elements an earlier put of its channel sent (`SqliteArrayPart`). Returns
    /// undefined, storing nothing, when this handle does not hold such a prefix: the caller then
    /// puts the checkpoint whole.
    #[napi(ts_return_type = "Promise<void> | undefined")]
    #[allow(clippy::too_many_arguments)]
    pub fn put_assembled<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: String,
        parent_checkpoint_id: Option<String>,
        pieces: Vec<String>,
        arrays: Vec<SqliteArrayPart>,
        metadata: Either<String, &[u8]>,
    ) -> napi::Result<Option<Object<'env>>> {
        let parts: Vec<ArrayPart> = arrays
            .iter()
            .map(|array| ArrayPart {
                thread_id: &thread_id,
                checkpoint_ns: &checkpoint_ns,
                channel: &array.channel,
                prefix: array.prefix as usize,
                prefix_len: array.prefix_len as usize,
                source: &array.source,
                tail: array.tail.as_bytes(),
            })
            .collect();
        let pieces: Vec<&[u8]> = pieces.iter().map(|piece| piece.as_bytes()).collect();
        let assembled = self
            .sent
            .lock()
            .map_err(|_| internal("the database handle is poisoned"))?
            .assemble(&pieces, &parts, &checkpoint_id);
        let Some(checkpoint) = assembled else {
            return Ok(None);
        };
        drop(parts);
        let row = CheckpointRow {
            thread_id,
            checkpoint_ns,
            checkpoint_id,
            parent_checkpoint_id,
            kind: Some("json".to_string()),
            checkpoint: Some(checkpoint),
            metadata: Some(owned_bytes(metadata)),
            writes: Vec::new(),
        };
        self.put_row(env, row).map(Some)
    }

    #[napi(ts_return_type = "Promise<void>")]
    #[allow(clippy::too_many_arguments)]
    pub fn put_writes<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: Option<String>,
        checkpoint_id: String,
        task_id: String,
        channels: Vec<String>,
        indexes: Vec<i64>,
        types: Vec<String>,
        values: Vec<Either<String, &[u8]>>,
        replace: bool,
    ) -> napi::Result<Object<'env>> {
        if indexes.len() != channels.len()
            || types.len() != channels.len()
            || values.len() != channels.len()
        {
            return Err(invalid_input("putWrites: write lists differ in length"));
        }
        let writes: Vec<WriteInput> = channels
            .into_iter()
            .zip(indexes)
            .zip(types.into_iter().zip(values))
            .map(|((channel, idx), (kind, value))| WriteInput {
                idx,
                channel,
                kind,
                value: owned_bytes(value),
            })
            .collect();
        let wal_bytes = writes
            .iter()
            .map(|write| write.value.len() + write.channel.len())
            .sum();
        self.run_write(
            env,
            wal_bytes,
            false,
            move |db| {
                statements::put_writes(
                    db,
                    (&thread_id, checkpoint_ns.as_deref(), &checkpoint_id),
                    &task_id,
                    &writes,
                    replace,
                )
            },
            |_| (),
        )
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_thread<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
    ) -> napi::Result<Object<'env>> {
        if let Ok(mut sent) = self.sent.lock() {
            sent.forget_thread(&thread_id);
        }
        // Its size is unknown here: reported as one page; a large delete is left to the backstop.
        self.run_write(
            env,
            4096,
            false,
            move |db| statements::delete_thread(db, &thread_id),
            |_| (),
        )
    }

    /// Finishes the queued work, closes both connections and stops both threads before it
    /// returns; the Promises of that work are settled in this call. (A handle that is only
    /// collected stops its threads too, once they have finished its work.)
    #[napi]
    pub fn close(&self, env: &Env) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        if let Some(worker) = self.worker.lock().ok().and_then(|mut worker| worker.take()) {
            let _ = worker.join();
        }
        self.promises.settle_ready(env, Duration::ZERO);
    }
}
