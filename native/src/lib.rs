#![deny(clippy::all)]
// With `noop` (cargo test) the napi exports vanish, leaving their helpers unused.
#![cfg_attr(feature = "noop", allow(dead_code))]
//! Rust core of langgraph-native. One module per concern; every `#[napi]` item is exported to
//! JavaScript from the module that defines it.

mod channel_delta;
mod checkpoint;
mod checkpoint_store;
mod codec;
mod error;
mod ids;
mod json_scan;
mod text;
mod vector;
mod metadata_filter;
mod packed;
// Its Promise plumbing needs real N-API values, which `noop` unit-test builds do not have.
#[cfg(not(feature = "noop"))]
mod sqlite;
#[cfg(not(feature = "noop"))]
mod settle_queue;
mod sqlite_store;

use napi_derive::napi;

// Checkpoint data lives in mimalloc's own segments, apart from Node's malloc heap: freed
// serializer buffers there can then go back to the system instead of being pinned between ours.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The crate version, so status can tell which build of the addon is loaded.
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
