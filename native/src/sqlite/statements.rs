//! The SQLite checkpoint schema and queries of the host's `SqliteSaver`
//! (@langchain/langgraph-checkpoint-sqlite 1.0.x): same tables, columns and keys, so either saver
//! reads what the other wrote. Plain Rust over a `rusqlite::Connection`; statements are cached
//! on the connection, so each is prepared once.

use rusqlite::types::ValueRef;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, Row};

pub const TASKS: &str = "__pregel_tasks";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS checkpoints (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  parent_checkpoint_id TEXT,
  type TEXT,
  checkpoint BLOB,
  metadata BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
);
CREATE TABLE IF NOT EXISTS writes (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  channel TEXT NOT NULL,
  type TEXT,
  value BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
);";

const ROW_COLUMNS: &str =
    "thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata";

pub struct OpenOptions {
    pub synchronous_full: bool,
    pub readonly: bool,
    pub busy_timeout: std::time::Duration,
}

impl OpenOptions {
    /// The host's defaults: better-sqlite3's 5 s busy timeout, read-write, synchronous NORMAL.
    #[cfg(test)]
    pub fn host_defaults() -> Self {
        OpenOptions {
            synchronous_full: false,
            readonly: false,
            busy_timeout: std::time::Duration::from_secs(5),
        }
    }
}

/// Opens (or creates) the database the way the host's `setup()` leaves it: WAL, both tables.
/// Read-only, it runs the same statements, which leave a database in that state untouched.
pub fn open(path: &str, options: &OpenOptions) -> rusqlite::Result<Connection> {
    let connection = if options.readonly {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    } else {
        Connection::open(path)?
    };
    let synchronous_full = options.synchronous_full;
    connection.busy_timeout(options.busy_timeout)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // WAL with NORMAL (the host's, via better-sqlite3's build) survives a killed process: the OS
    // keeps written pages. FULL also survives a power cut, at an fsync per commit.
    connection.pragma_update(
        None,
        "synchronous",
        if synchronous_full { "FULL" } else { "NORMAL" },
    )?;
    connection.execute_batch(SCHEMA)?;
    crate::msgpack::sql_functions::register(&connection)?;
    connection.set_prepared_statement_cache_capacity(32);
    Ok(connection)
}

pub struct CheckpointRow {
    pub thread_id: String,
    pub checkpoint_ns: String,
    pub checkpoint_id: String,
    pub parent_checkpoint_id: Option<String>,
    pub kind: Option<String>,
    pub checkpoint: Option<Vec<u8>>,
    pub metadata: Option<Vec<u8>>,
    pub writes: Vec<WriteRow>,
}

pub struct WriteRow {
    pub task_id: String,
    pub channel: String,
    pub kind: Option<String>,
    pub value: Option<Vec<u8>>,
}

pub struct WriteInput {
    pub idx: i64,
    pub channel: String,
    pub kind: String,
    pub value: Vec<u8>,
}

pub struct ListInput {
    pub thread_id: Option<String>,
    pub checkpoint_ns: Option<String>,
    pub before: Option<String>,
    /// (JSON path "$.key", JSON text of the value), compared as the host does.
    pub filter: Vec<(String, String)>,
    pub limit: Option<i64>,
}

/// BLOB or TEXT as bytes: the host writes BLOBs, other tools may have written TEXT.
fn bytes_at(row: &Row, index: usize) -> rusqlite::Result<Option<Vec<u8>>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Null => None,
        ValueRef::Blob(bytes) | ValueRef::Text(bytes) => Some(bytes.to_vec()),
        ValueRef::Integer(value) => Some(value.to_string().into_bytes()),
        ValueRef::Real(value) => Some(value.to_string().into_bytes()),
    })
}

fn checkpoint_row(row: &Row) -> rusqlite::Result<CheckpointRow> {
    Ok(CheckpointRow {
        thread_id: row.get(0)?,
        checkpoint_ns: row.get(1)?,
        checkpoint_id: row.get(2)?,
        parent_checkpoint_id: row.get(3)?,
        kind: row.get(4)?,
        checkpoint: bytes_at(row, 5)?,
        metadata: bytes_at(row, 6)?,
        writes: Vec::new(),
    })
}

/// A checkpoint's pending writes in the host's order: the primary key's (task_id, idx).
fn writes_of(connection: &Connection, row: &mut CheckpointRow) -> rusqlite::Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT task_id, channel, type, value FROM writes
         WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY task_id, idx",
    )?;
    let writes = statement.query_map(
        params![row.thread_id, row.checkpoint_ns, row.checkpoint_id],
        |write| {
            Ok(WriteRow {
                task_id: write.get(0)?,
                channel: write.get(1)?,
                kind: write.get(2)?,
                value: bytes_at(write, 3)?,
            })
        },
    )?;
    row.writes = writes.collect::<rusqlite::Result<_>>()?;
    Ok(())
}

pub fn get_tuple(
    connection: &Connection,
    thread_id: &str,
    ns: &str,
    checkpoint_id: Option<&str>,
) -> rusqlite::Result<Option<CheckpointRow>> {
    let found = match checkpoint_id {
        Some(id) => connection
            .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?"))?
            .query_row(params![thread_id, ns, id], checkpoint_row)
            .optional()?,
        None => connection
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1"
            ))?
            .query_row(params![thread_id, ns], checkpoint_row)
            .optional()?,
    };
    let Some(mut row) = found else {
        return Ok(None);
    };
    writes_of(connection, &mut row)?;
    Ok(Some(row))
}

/// The host's `list` query: optional thread, namespace, `before`, JSON metadata filters, limit.
pub fn list(connection: &Connection, input: &ListInput) -> rusqlite::Result<Vec<CheckpointRow>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<&str> = Vec::new();
    if let Some(thread_id) = &input.thread_id {
        clauses.push("thread_id = ?");
        args.push(thread_id);
    }
    if let Some(ns) = &input.checkpoint_ns {
        clauses.push("checkpoint_ns = ?");
        args.push(ns);
    }
    if let Some(before) = &input.before {
        clauses.push("checkpoint_id < ?");
        args.push(before);
    }
    for (path, value) in &input.filter {
        // Metadata written as "msgpack" is filtered on its JSON form.
        clauses.push("jsonb(CASE WHEN type = 'msgpack' THEN langgraph_native_msgpack_json(metadata) ELSE CAST(metadata AS TEXT) END)->? = ?");
        args.push(path);
        args.push(value);
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    let sql = match input.limit {
        // Sort and cut on the key alone, then read the rows: sorting whole rows would read every
        // checkpoint blob of the thread (the host's query does) just to keep `limit` of them.
        Some(limit) => format!(
            "SELECT {ROW_COLUMNS} FROM checkpoints WHERE rowid IN \
             (SELECT rowid FROM checkpoints{filter} ORDER BY checkpoint_id DESC LIMIT {limit}) ORDER BY checkpoint_id DESC"
        ),
        None => format!("SELECT {ROW_COLUMNS} FROM checkpoints{filter} ORDER BY checkpoint_id DESC"),
    };
    let mut rows = connection
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), checkpoint_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for row in &mut rows {
        writes_of(connection, row)?;
    }
    Ok(rows)
}

/// `(type, value)` of the `Send`s written to a parent checkpoint (pre-v4 migration), as the host's
/// `migratePendingSends` selects them (by thread and checkpoint id, across namespaces), in the
/// primary key order its aggregate yields.
pub fn pending_sends(
    connection: &Connection,
    thread_id: &str,
    parent_id: &str,
) -> rusqlite::Result<Vec<WriteRow>> {
    let mut statement = connection
        .prepare_cached("SELECT task_id, channel, type, value FROM writes WHERE thread_id = ? AND checkpoint_id = ? AND channel = ? ORDER BY checkpoint_ns, task_id, idx")?;
    let rows = statement.query_map(params![thread_id, parent_id, TASKS], |write| {
        Ok(WriteRow {
            task_id: write.get(0)?,
            channel: write.get(1)?,
            kind: write.get(2)?,
            value: bytes_at(write, 3)?,
        })
    })?;
    rows.collect()
}

pub fn put(connection: &Connection, row: &CheckpointRow) -> rusqlite::Result<()> {
    connection
        .prepare_cached(&format!(
            "INSERT OR REPLACE INTO checkpoints ({ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ))?
        .execute(params![
            row.thread_id,
            row.checkpoint_ns,
            row.checkpoint_id,
            row.parent_checkpoint_id,
            row.kind,
            row.checkpoint,
            row.metadata
        ])?;
    Ok(())
}

/// One transaction; `replace` when every write is to a special channel, as the host decides.
pub fn put_writes(
    connection: &mut Connection,
    // The namespace may be NULL: the host binds it as given, and SQLite's conflict clause decides.
    key: (&str, Option<&str>, &str),
    task_id: &str,
    writes: &[WriteInput],
    replace: bool,
) -> rusqlite::Result<()> {
    let transaction = connection.transaction()?;
    {
        let verb = if replace {
            "INSERT OR REPLACE"
        } else {
            "INSERT OR IGNORE"
        };
        let mut statement = transaction.prepare_cached(&format!(
            "{verb} INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ))?;
        for write in writes {
            statement.execute(params![
                key.0,
                key.1,
                key.2,
                task_id,
                write.idx,
                write.channel,
                write.kind,
                write.value
            ])?;
        }
    }
    transaction.commit()
}

pub fn delete_thread(connection: &mut Connection, thread_id: &str) -> rusqlite::Result<()> {
    let transaction = connection.transaction()?;
    transaction
        .prepare_cached("DELETE FROM checkpoints WHERE thread_id = ?")?
        .execute(params![thread_id])?;
    transaction
        .prepare_cached("DELETE FROM writes WHERE thread_id = ?")?
        .execute(params![thread_id])?;
    transaction.commit()
}

/// A row of getDeltaChannelHistory's walk, for the ancestor `depth` steps above the target's
/// parent: a pending write (`kind` 0, host order); a seed (`kind` 1: `channel` is the JSON array of
/// the channels its checkpoint, `value`, seeds); or a checkpoint not stored as JSON (`kind` 2),
/// whose channels SQL cannot see: the caller walks as the host does instead.
pub struct HistoryRow {
    pub depth: i64,
    pub kind: i64,
    pub task_id: Option<String>,
    pub channel: String,
    pub value_type: Option<String>,
    pub value: Option<Vec<u8>>,
}

/// The host's walk (BaseCheckpointSaver.getDeltaChannelHistory) in one statement: up the parent
/// chain from the parent of the target (the thread's latest when `checkpoint_id` is None),
/// carrying the channels (`channels`, a JSON array) not yet seeded. A channel is seeded at the
/// nearest ancestor whose checkpoint has it among `channel_values`; the walk ends when none is
/// left. Each ancestor gives its writes to the channels open when it is reached.
pub fn delta_history(
    connection: &Connection,
    thread_id: &str,
    ns: &str,
    checkpoint_id: Option<&str>,
    channels: &str,
) -> rusqlite::Result<Vec<HistoryRow>> {
    const HAS_CHANNEL: &str = "json_type(CAST(c.checkpoint AS TEXT), '$.channel_values.' || json_quote(o.value)) IS NOT NULL";
    let sql = format!(
        "WITH RECURSIVE chain(checkpoint_id, parent_id, depth, open, still_open, type, checkpoint) AS (
           SELECT c.checkpoint_id, c.parent_checkpoint_id, 0, ?4,
             CASE WHEN c.type = 'json' THEN (SELECT json_group_array(o.value) FROM json_each(?4) o WHERE NOT ({HAS_CHANNEL})) ELSE '[]' END,
             c.type, c.checkpoint
           FROM checkpoints c
           WHERE c.thread_id = ?1 AND c.checkpoint_ns = ?2 AND c.checkpoint_id = (
             SELECT t.parent_checkpoint_id FROM checkpoints t
             WHERE t.thread_id = ?1 AND t.checkpoint_ns = ?2 AND (?3 IS NULL OR t.checkpoint_id = ?3)
             ORDER BY t.checkpoint_id DESC LIMIT 1)
           UNION ALL
           SELECT c.checkpoint_id, c.parent_checkpoint_id, p.depth + 1, p.still_open,
             CASE WHEN c.type = 'json' THEN (SELECT json_group_array(o.value) FROM json_each(p.still_open) o WHERE NOT ({HAS_CHANNEL})) ELSE '[]' END,
             c.type, c.checkpoint
           FROM chain p JOIN checkpoints c ON c.thread_id = ?1 AND c.checkpoint_ns = ?2 AND c.checkpoint_id = p.parent_id
           WHERE json_array_length(p.still_open) > 0
         )
         SELECT c.depth, 0, w.task_id, w.idx, w.channel, w.type, w.value
         FROM chain c JOIN writes w ON w.thread_id = ?1 AND w.checkpoint_ns = ?2 AND w.checkpoint_id = c.checkpoint_id
           AND w.channel IN (SELECT value FROM json_each(c.open))
         UNION ALL
         SELECT c.depth, 1, NULL, NULL, (SELECT json_group_array(o.value) FROM json_each(c.open) o WHERE {HAS_CHANNEL}), c.type, c.checkpoint
         FROM chain c WHERE c.type = 'json' AND json_array_length(c.still_open) < json_array_length(c.open)
         UNION ALL
         SELECT c.depth, 2, NULL, NULL, '[]', c.type, NULL FROM chain c WHERE c.type IS NOT 'json'
         ORDER BY 1, 2, 3, 4"
    );
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map(params![thread_id, ns, checkpoint_id, channels], |row| {
        Ok(HistoryRow {
            depth: row.get(0)?,
            kind: row.get(1)?,
            task_id: row.get(2)?,
            channel: row.get(4)?,
            value_type: row.get(5)?,
            value: bytes_at(row, 6)?,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
#[path = "statements_tests.rs"]
mod tests;
