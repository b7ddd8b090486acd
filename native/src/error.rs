//! One mapping from Rust errors to JavaScript errors, each with a clear reason.

use napi::{Error, Status};

/// An error the caller caused (bad bytes, bad arguments): a JS `Error` with an `InvalidArg` code.
pub fn invalid_input(reason: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, format!("langgraph-native: {reason}"))
}

/// A failure inside the core itself (never the user's data): reported, never panicking.
#[allow(dead_code)]
pub fn internal(reason: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, format!("langgraph-native internal error: {reason}"))
}
