//! PostgreSQL errors carried to JavaScript with what node-postgres puts on its errors (SQLSTATE
//! `code`, severity, detail, constraint...), so the saver can raise them as the host's `pg` does.
//! They cross as the napi error's reason: `PREFIX` and a JSON object, decoded in
//! patches/memory/postgres-error.ts.

use std::io;

use deadpool_postgres::PoolError;
use serde_json::{json, Map, Value};

pub const PREFIX: &str = "langgraph-native-postgres:";

fn to_napi(fields: Value) -> napi::Error {
    napi::Error::from_reason(format!("{PREFIX}{fields}"))
}

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
        return to_napi(Value::Object(fields));
    }
    if error.is_closed() {
        return to_napi(
            json!({ "kind": "connection", "message": "Connection terminated unexpectedly" }),
        );
    }
    if let Some((code, message)) = io_code(error) {
        return to_napi(json!({ "kind": "connection", "code": code, "message": message }));
    }
    to_napi(json!({ "kind": "connection", "message": error.to_string() }))
}

pub fn pool(error: PoolError) -> napi::Error {
    match error {
        PoolError::Backend(error) => postgres(&error),
        PoolError::Closed => to_napi(
            json!({ "kind": "closed", "message": "Cannot use a pool after calling end on the pool" }),
        ),
        other => to_napi(json!({ "kind": "connection", "message": other.to_string() })),
    }
}

/// A value the saver cannot read back as the host wrote it.
pub fn unexpected(reason: impl std::fmt::Display) -> napi::Error {
    napi::Error::from_reason(format!("langgraph-native postgres: {reason}"))
}
