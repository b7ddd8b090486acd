//! What node-postgres puts on its errors (SQLSTATE `code`, severity, detail, constraint...), read
//! from tokio-postgres's and deadpool's errors, so the saver can raise them as the host's `pg`
//! does. The napi errors themselves are made in crate::error (`postgres_fields`, `backend`).

use std::io;

use deadpool_postgres::PoolError;
use serde_json::{json, Map, Value};

use crate::error;

/// The I/O error under a connection failure, named as Node names socket errors.
fn io_code(error: &(dyn std::error::Error + 'static)) -> Option<(&'static str, String)> {
    let mut source = Some(error);
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<io::Error>() {
            let code = match io.kind() {
                io::ErrorKind::ConnectionRefused => "ECONNREFUSED",
                io::ErrorKind::ConnectionReset => "ECONNRESET",
                io::ErrorKind::NotFound => "ENOENT",
                io::ErrorKind::TimedOut => "ETIMEDOUT",
                io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe => "ECONNRESET",
                _ => "EIO",
            };
            return Some((code, io.to_string()));
        }
        source = current.source();
    }
    None
}

pub fn postgres(error: &tokio_postgres::Error) -> napi::Error {
    if let Some(db) = error.as_db_error() {
        let mut fields = Map::new();
        fields.insert("kind".into(), json!("database"));
        fields.insert("message".into(), json!(db.message()));
        fields.insert("code".into(), json!(db.code().code()));
        fields.insert("severity".into(), json!(db.severity()));
        let optional = [
            ("detail", db.detail()),
            ("hint", db.hint()),
            ("schema", db.schema()),
            ("table", db.table()),
            ("column", db.column()),
            ("dataType", db.datatype()),
            ("constraint", db.constraint()),
            ("routine", db.routine()),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                fields.insert(name.into(), json!(value));
            }
        }
        return error::postgres_fields(&Value::Object(fields));
    }
    if error.is_closed() {
        return error::postgres_fields(
            &json!({ "kind": "connection", "message": "Connection terminated unexpectedly" }),
        );
    }
    if let Some((code, message)) = io_code(error) {
        return error::postgres_fields(
            &json!({ "kind": "connection", "code": code, "message": message }),
        );
    }
    error::postgres_fields(&json!({ "kind": "connection", "message": error.to_string() }))
}

pub fn pool(error: PoolError) -> napi::Error {
    match error {
        PoolError::Backend(error) => postgres(&error),
        PoolError::Closed => error::postgres_fields(
            &json!({ "kind": "closed", "message": "Cannot use a pool after calling end on the pool" }),
        ),
        other => {
            error::postgres_fields(&json!({ "kind": "connection", "message": other.to_string() }))
        }
    }
}

/// A value the saver cannot read back as the host wrote it.
pub fn unexpected(reason: impl std::fmt::Display) -> napi::Error {
    error::backend("postgres", reason)
}
