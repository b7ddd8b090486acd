//! One mapping from Rust errors to JavaScript errors, each with a clear reason.

use napi::{Error, Status};
use rusqlite::ffi;

/// An error the caller caused (bad bytes, bad arguments): a JS `Error` with an `InvalidArg` code.
pub fn invalid_input(reason: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, format!("langgraph-native: {reason}"))
}

/// A failure inside the core itself (never the user's data): reported, never panicking.
pub fn internal(reason: impl std::fmt::Display) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("langgraph-native internal error: {reason}"),
    )
}

/// Where a PostgreSQL error's fields start in its reason: patches/memory/postgres-error.ts
/// recognises the prefix and raises the fields as node-postgres's `DatabaseError` or `Error`.
pub const POSTGRES_FIELDS_PREFIX: &str = "langgraph-native-postgres:";

/// A PostgreSQL failure (a server error, a lost connection, an ended pool) with what
/// node-postgres puts on its errors (`kind`, `message`, SQLSTATE `code`, severity, ...) as JSON.
/// Generic status: the database or the network failed, not the caller's arguments.
pub fn postgres_fields(fields: &serde_json::Value) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("{POSTGRES_FIELDS_PREFIX}{fields}"),
    )
}

/// A storage backend (`backend` names it: "postgres") that answered what the saver cannot read
/// back as the host wrote it, or could not be set up. Generic status: not the caller's input.
pub fn backend(backend: &str, reason: impl std::fmt::Display) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("langgraph-native {backend}: {reason}"),
    )
}

/// A SQLite error as the host's better-sqlite3 reports it: `code` is the name of the extended
/// result code ("SQLITE_BUSY", "SQLITE_CONSTRAINT_PRIMARYKEY", ...), the message SQLite's own
/// (`sqlite3_errmsg`). Errors that are not SQLite's (a column of an unexpected type) keep the
/// shim's prefix and the generic code.
pub fn sqlite_failure(error: &rusqlite::Error) -> (String, String) {
    match error {
        rusqlite::Error::SqliteFailure(failure, message) => (
            sqlite_code_name(failure.extended_code),
            message
                .clone()
                .unwrap_or_else(|| ffi::code_to_str(failure.extended_code).to_string()),
        ),
        other => (
            Status::GenericFailure.as_ref().to_string(),
            format!("langgraph-native sqlite: {other}"),
        ),
    }
}

/// A SQLite error thrown with better-sqlite3's code and message, which the JavaScript side raises
/// as the host's `SqliteError`.
pub fn sqlite_error(error: &rusqlite::Error) -> Error<String> {
    let (code, message) = sqlite_failure(error);
    Error::new(code, message)
}

/// `error` with its status spelled as a string: the form of errors carrying SQLite's codes, so
/// one function can return both kinds.
pub fn with_string_status(error: Error) -> Error<String> {
    Error::new(error.status.as_ref().to_string(), error.reason.clone())
}

/// better-sqlite3's name for a result code (its `CS::Code` table, same fallback).
pub fn sqlite_code_name(code: i32) -> String {
    let name = match code {
        ffi::SQLITE_OK => "SQLITE_OK",
        ffi::SQLITE_ERROR => "SQLITE_ERROR",
        ffi::SQLITE_INTERNAL => "SQLITE_INTERNAL",
        ffi::SQLITE_PERM => "SQLITE_PERM",
        ffi::SQLITE_ABORT => "SQLITE_ABORT",
        ffi::SQLITE_BUSY => "SQLITE_BUSY",
        ffi::SQLITE_LOCKED => "SQLITE_LOCKED",
        ffi::SQLITE_NOMEM => "SQLITE_NOMEM",
        ffi::SQLITE_READONLY => "SQLITE_READONLY",
        ffi::SQLITE_INTERRUPT => "SQLITE_INTERRUPT",
        ffi::SQLITE_IOERR => "SQLITE_IOERR",
        ffi::SQLITE_CORRUPT => "SQLITE_CORRUPT",
        ffi::SQLITE_NOTFOUND => "SQLITE_NOTFOUND",
        ffi::SQLITE_FULL => "SQLITE_FULL",
        ffi::SQLITE_CANTOPEN => "SQLITE_CANTOPEN",
        ffi::SQLITE_PROTOCOL => "SQLITE_PROTOCOL",
        ffi::SQLITE_EMPTY => "SQLITE_EMPTY",
        ffi::SQLITE_SCHEMA => "SQLITE_SCHEMA",
        ffi::SQLITE_TOOBIG => "SQLITE_TOOBIG",
        ffi::SQLITE_CONSTRAINT => "SQLITE_CONSTRAINT",
        ffi::SQLITE_MISMATCH => "SQLITE_MISMATCH",
        ffi::SQLITE_MISUSE => "SQLITE_MISUSE",
        ffi::SQLITE_NOLFS => "SQLITE_NOLFS",
        ffi::SQLITE_AUTH => "SQLITE_AUTH",
        ffi::SQLITE_FORMAT => "SQLITE_FORMAT",
        ffi::SQLITE_RANGE => "SQLITE_RANGE",
        ffi::SQLITE_NOTADB => "SQLITE_NOTADB",
        ffi::SQLITE_NOTICE => "SQLITE_NOTICE",
        ffi::SQLITE_WARNING => "SQLITE_WARNING",
        ffi::SQLITE_ROW => "SQLITE_ROW",
        ffi::SQLITE_DONE => "SQLITE_DONE",
        ffi::SQLITE_ERROR_MISSING_COLLSEQ => "SQLITE_ERROR_MISSING_COLLSEQ",
        ffi::SQLITE_ERROR_RETRY => "SQLITE_ERROR_RETRY",
        ffi::SQLITE_ERROR_SNAPSHOT => "SQLITE_ERROR_SNAPSHOT",
        ffi::SQLITE_IOERR_READ => "SQLITE_IOERR_READ",
        ffi::SQLITE_IOERR_SHORT_READ => "SQLITE_IOERR_SHORT_READ",
        ffi::SQLITE_IOERR_WRITE => "SQLITE_IOERR_WRITE",
        ffi::SQLITE_IOERR_FSYNC => "SQLITE_IOERR_FSYNC",
        ffi::SQLITE_IOERR_DIR_FSYNC => "SQLITE_IOERR_DIR_FSYNC",
        ffi::SQLITE_IOERR_TRUNCATE => "SQLITE_IOERR_TRUNCATE",
        ffi::SQLITE_IOERR_FSTAT => "SQLITE_IOERR_FSTAT",
        ffi::SQLITE_IOERR_UNLOCK => "SQLITE_IOERR_UNLOCK",
        ffi::SQLITE_IOERR_RDLOCK => "SQLITE_IOERR_RDLOCK",
        ffi::SQLITE_IOERR_DELETE => "SQLITE_IOERR_DELETE",
        ffi::SQLITE_IOERR_BLOCKED => "SQLITE_IOERR_BLOCKED",
        ffi::SQLITE_IOERR_NOMEM => "SQLITE_IOERR_NOMEM",
        ffi::SQLITE_IOERR_ACCESS => "SQLITE_IOERR_ACCESS",
        ffi::SQLITE_IOERR_CHECKRESERVEDLOCK => "SQLITE_IOERR_CHECKRESERVEDLOCK",
        ffi::SQLITE_IOERR_LOCK => "SQLITE_IOERR_LOCK",
        ffi::SQLITE_IOERR_CLOSE => "SQLITE_IOERR_CLOSE",
        ffi::SQLITE_IOERR_DIR_CLOSE => "SQLITE_IOERR_DIR_CLOSE",
        ffi::SQLITE_IOERR_SHMOPEN => "SQLITE_IOERR_SHMOPEN",
        ffi::SQLITE_IOERR_SHMSIZE => "SQLITE_IOERR_SHMSIZE",
        ffi::SQLITE_IOERR_SHMLOCK => "SQLITE_IOERR_SHMLOCK",
        ffi::SQLITE_IOERR_SHMMAP => "SQLITE_IOERR_SHMMAP",
        ffi::SQLITE_IOERR_SEEK => "SQLITE_IOERR_SEEK",
        ffi::SQLITE_IOERR_DELETE_NOENT => "SQLITE_IOERR_DELETE_NOENT",
        ffi::SQLITE_IOERR_MMAP => "SQLITE_IOERR_MMAP",
        ffi::SQLITE_IOERR_GETTEMPPATH => "SQLITE_IOERR_GETTEMPPATH",
        ffi::SQLITE_IOERR_CONVPATH => "SQLITE_IOERR_CONVPATH",
        ffi::SQLITE_IOERR_VNODE => "SQLITE_IOERR_VNODE",
        ffi::SQLITE_IOERR_AUTH => "SQLITE_IOERR_AUTH",
        ffi::SQLITE_IOERR_BEGIN_ATOMIC => "SQLITE_IOERR_BEGIN_ATOMIC",
        ffi::SQLITE_IOERR_COMMIT_ATOMIC => "SQLITE_IOERR_COMMIT_ATOMIC",
        ffi::SQLITE_IOERR_ROLLBACK_ATOMIC => "SQLITE_IOERR_ROLLBACK_ATOMIC",
        ffi::SQLITE_IOERR_DATA => "SQLITE_IOERR_DATA",
        ffi::SQLITE_IOERR_CORRUPTFS => "SQLITE_IOERR_CORRUPTFS",
        ffi::SQLITE_IOERR_IN_PAGE => "SQLITE_IOERR_IN_PAGE",
        ffi::SQLITE_LOCKED_SHAREDCACHE => "SQLITE_LOCKED_SHAREDCACHE",
        ffi::SQLITE_LOCKED_VTAB => "SQLITE_LOCKED_VTAB",
        ffi::SQLITE_BUSY_RECOVERY => "SQLITE_BUSY_RECOVERY",
        ffi::SQLITE_BUSY_SNAPSHOT => "SQLITE_BUSY_SNAPSHOT",
        ffi::SQLITE_CANTOPEN_NOTEMPDIR => "SQLITE_CANTOPEN_NOTEMPDIR",
        ffi::SQLITE_CANTOPEN_ISDIR => "SQLITE_CANTOPEN_ISDIR",
        ffi::SQLITE_CANTOPEN_FULLPATH => "SQLITE_CANTOPEN_FULLPATH",
        ffi::SQLITE_CANTOPEN_CONVPATH => "SQLITE_CANTOPEN_CONVPATH",
        ffi::SQLITE_CANTOPEN_DIRTYWAL => "SQLITE_CANTOPEN_DIRTYWAL",
        ffi::SQLITE_CANTOPEN_SYMLINK => "SQLITE_CANTOPEN_SYMLINK",
        ffi::SQLITE_CORRUPT_VTAB => "SQLITE_CORRUPT_VTAB",
        ffi::SQLITE_CORRUPT_SEQUENCE => "SQLITE_CORRUPT_SEQUENCE",
        ffi::SQLITE_CORRUPT_INDEX => "SQLITE_CORRUPT_INDEX",
        ffi::SQLITE_READONLY_RECOVERY => "SQLITE_READONLY_RECOVERY",
        ffi::SQLITE_READONLY_CANTLOCK => "SQLITE_READONLY_CANTLOCK",
        ffi::SQLITE_READONLY_ROLLBACK => "SQLITE_READONLY_ROLLBACK",
        ffi::SQLITE_READONLY_DBMOVED => "SQLITE_READONLY_DBMOVED",
        ffi::SQLITE_READONLY_CANTINIT => "SQLITE_READONLY_CANTINIT",
        ffi::SQLITE_READONLY_DIRECTORY => "SQLITE_READONLY_DIRECTORY",
        ffi::SQLITE_ABORT_ROLLBACK => "SQLITE_ABORT_ROLLBACK",
        ffi::SQLITE_CONSTRAINT_CHECK => "SQLITE_CONSTRAINT_CHECK",
        ffi::SQLITE_CONSTRAINT_COMMITHOOK => "SQLITE_CONSTRAINT_COMMITHOOK",
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => "SQLITE_CONSTRAINT_FOREIGNKEY",
        ffi::SQLITE_CONSTRAINT_FUNCTION => "SQLITE_CONSTRAINT_FUNCTION",
        ffi::SQLITE_CONSTRAINT_NOTNULL => "SQLITE_CONSTRAINT_NOTNULL",
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY => "SQLITE_CONSTRAINT_PRIMARYKEY",
        ffi::SQLITE_CONSTRAINT_TRIGGER => "SQLITE_CONSTRAINT_TRIGGER",
        ffi::SQLITE_CONSTRAINT_UNIQUE => "SQLITE_CONSTRAINT_UNIQUE",
        ffi::SQLITE_CONSTRAINT_VTAB => "SQLITE_CONSTRAINT_VTAB",
        ffi::SQLITE_CONSTRAINT_ROWID => "SQLITE_CONSTRAINT_ROWID",
        ffi::SQLITE_CONSTRAINT_PINNED => "SQLITE_CONSTRAINT_PINNED",
        ffi::SQLITE_CONSTRAINT_DATATYPE => "SQLITE_CONSTRAINT_DATATYPE",
        ffi::SQLITE_NOTICE_RECOVER_WAL => "SQLITE_NOTICE_RECOVER_WAL",
        ffi::SQLITE_NOTICE_RECOVER_ROLLBACK => "SQLITE_NOTICE_RECOVER_ROLLBACK",
        ffi::SQLITE_NOTICE_RBU => "SQLITE_NOTICE_RBU",
        ffi::SQLITE_WARNING_AUTOINDEX => "SQLITE_WARNING_AUTOINDEX",
        ffi::SQLITE_AUTH_USER => "SQLITE_AUTH_USER",
        ffi::SQLITE_OK_LOAD_PERMANENTLY => "SQLITE_OK_LOAD_PERMANENTLY",
        ffi::SQLITE_OK_SYMLINK => "SQLITE_OK_SYMLINK",
        _ => return format!("UNKNOWN_SQLITE_ERROR_{code}"),
    };
    name.to_string()
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
