//! `langgraph-native convert`: rewrites the checkpoints and writes of a SqliteSaver file from one
//! format to the other, a batch of rows per transaction. A row already in the target format is
//! skipped, so a run that was killed is resumed by running it again.

use napi_derive::napi;
use rusqlite::{params, Connection, OptionalExtension};

use super::convert::{convert_value, Format};
use crate::error::invalid_input;

/// A table of the stock SqliteSaver: its name and the value columns one `type` describes.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    /// Columns naming a row in errors.
    key: &'static str,
}

const TABLES: [Table; 2] = [
    Table {
        name: "checkpoints",
        columns: &["checkpoint", "metadata"],
        key: "thread_id || ' ' || checkpoint_id",
    },
    Table {
        name: "writes",
        columns: &["value"],
        key: "thread_id || ' ' || checkpoint_id || ' ' || task_id || ' ' || idx",
    },
];

/// SQL: rows stored in the other format (a missing type is "json", as the host reads it).
fn pending_clause(format: Format) -> &'static str {
    match format {
        Format::Json => "type = 'msgpack'",
        Format::Msgpack => "(type IS NULL OR type = 'json')",
    }
}

/// Rows of the file still in the other format, per table.
#[napi(object)]
pub struct ConvertPending {
    pub checkpoints: u32,
    pub writes: u32,
}

/// What one batch did.
#[napi(object)]
pub struct ConvertBatch {
    /// Rows rewritten in the target format.
    pub converted: u32,
    /// Rows left as they are: JSON nested deeper than the MessagePack encoder reads.
    pub kept: u32,
    /// The last rowid looked at: the next batch starts after it (0 and `done` when none was left).
    pub last_rowid: i64,
    pub done: bool,
}

fn open(path: &str) -> Result<Connection, String> {
    let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| format!("cannot open {path}: {e}"))?;
    connection
        .busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    for table in &TABLES {
        let exists: Option<String> = connection
            .query_row(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                [table.name],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| format!("cannot read {path}: {e}"))?;
        if exists.is_none() {
            return Err(format!(
                "{path} has no {} table: it is not a SqliteSaver file",
                table.name
            ));
        }
    }
    Ok(connection)
}

fn table(name: &str) -> Result<&'static Table, String> {
    TABLES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| format!("unknown table {name:?}"))
}

#[napi]
pub fn sqlite_convert_pending(path: String, to: String) -> napi::Result<ConvertPending> {
    let pending = || -> Result<ConvertPending, String> {
        let format = Format::parse(&to)?;
        let connection = open(&path)?;
        let count = |table: &Table| -> Result<u32, String> {
            let sql = format!(
                "SELECT count(*) FROM {} WHERE {}",
                table.name,
                pending_clause(format)
            );
            connection
                .query_row(&sql, [], |row| row.get(0))
                .map_err(|e| e.to_string())
        };
        Ok(ConvertPending {
            checkpoints: count(&TABLES[0])?,
            writes: count(&TABLES[1])?,
        })
    };
    pending().map_err(invalid_input)
}

/// Converts up to `limit` rows of `table` after `afterRowid`, in one transaction.
#[napi]
pub fn sqlite_convert_batch(
    path: String,
    table_name: String,
    to: String,
    after_rowid: i64,
    limit: u32,
) -> napi::Result<ConvertBatch> {
    convert_batch(&path, &table_name, &to, after_rowid, limit).map_err(invalid_input)
}

fn convert_batch(
    path: &str,
    table_name: &str,
    to: &str,
    after_rowid: i64,
    limit: u32,
) -> Result<ConvertBatch, String> {
    let format = Format::parse(to)?;
    let table = table(table_name)?;
    let mut connection = open(path)?;
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| e.to_string())?;
    let columns = table.columns.join(", ");
    let select = format!(
        "SELECT rowid, {}, {columns} FROM {} WHERE rowid > ? AND {} ORDER BY rowid LIMIT ?",
        table.key,
        table.name,
        pending_clause(format)
    );
    let assignments: Vec<String> = table.columns.iter().map(|c| format!("{c} = ?")).collect();
    let update = format!(
        "UPDATE {} SET type = ?, {} WHERE rowid = ?",
        table.name,
        assignments.join(", ")
    );
    let mut batch = ConvertBatch {
        converted: 0,
        kept: 0,
        last_rowid: 0,
        done: true,
    };
    {
        let mut rows_stmt = transaction.prepare(&select).map_err(|e| e.to_string())?;
        let mut update_stmt = transaction.prepare(&update).map_err(|e| e.to_string())?;
        let mut rows = rows_stmt
            .query(params![after_rowid, limit])
            .map_err(|e| e.to_string())?;
        while let Some(row) = rows.next().map_err(|e| e.to_string())? {
            let rowid: i64 = row.get(0).map_err(|e| e.to_string())?;
            let key: String = row.get(1).map_err(|e| e.to_string())?;
            batch.last_rowid = rowid;
            batch.done = false;
            let mut converted: Vec<Option<Vec<u8>>> = Vec::with_capacity(table.columns.len());
            let mut kept = false;
            for (i, column) in table.columns.iter().enumerate() {
                let value = row.get_ref(i + 2).map_err(|e| e.to_string())?;
                let bytes = match value {
                    rusqlite::types::ValueRef::Null => {
                        converted.push(None);
                        continue;
                    }
                    other => other.as_bytes().map_err(|e| {
                        format!("{} {key}: {column} is not text or bytes: {e}", table.name)
                    })?,
                };
                let out = convert_value(bytes, format).transpose();
                match out {
                    Some(Ok(bytes)) => converted.push(Some(bytes)),
                    Some(Err(reason)) => {
                        return Err(format!("{} {key}: {column}: {reason}", table.name))
                    }
                    None => kept = true,
                }
            }
            if kept {
                batch.kept += 1;
                continue;
            }
            let type_name = format.name();
            let mut values: Vec<&dyn rusqlite::ToSql> = vec![&type_name as &dyn rusqlite::ToSql];
            for value in &converted {
                values.push(value as &dyn rusqlite::ToSql);
            }
            values.push(&rowid);
            update_stmt
                .execute(values.as_slice())
                .map_err(|e| e.to_string())?;
            batch.converted += 1;
        }
    }
    transaction.commit().map_err(|e| e.to_string())?;
    if batch.done {
        batch.last_rowid = 0;
    }
    Ok(batch)
}
