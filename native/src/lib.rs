#![deny(clippy::all)]
// With `noop` (cargo test) the napi exports vanish, leaving their helpers unused.
#![cfg_attr(feature = "noop", allow(dead_code))]
//! Rust core of langgraph-native. One folder per component it serves (`serde`, `memory`, `sqlite`,
//! `postgres`, `store`, `tasks`, plus `msgpack` for the serializer's binary format); `bridge` holds
//! the N-API glue they share and `error` the one mapping to JavaScript errors. Every `#[napi]` item
//! is exported to JavaScript from the module that defines it.

mod bridge;
mod error;
mod memory;
mod msgpack;
mod serde;
mod sqlite;
mod store;
mod tasks;
// Its Promise plumbing needs real N-API values, which `noop` unit-test builds do not have.
#[cfg(not(feature = "noop"))]
mod postgres;
// The saver's SQL is plain Rust: its unit tests run in `noop` builds too.
#[cfg(feature = "noop")]
#[path = "postgres/statements.rs"]
mod postgres_statements;

use napi_derive::napi;

// Checkpoint data lives in mimalloc's own segments, apart from Node's malloc heap: freed
// serializer buffers there can then go back to the system instead of being pinned between ours.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Arenas committed on demand, as the addon loads. mimalloc's default on Linux commits a whole
/// arena up front, and then purges freed pages of it by reset (MADV_FREE), which the kernel keeps
/// counted in the process's RSS until memory runs short: after 1,000 checkpoints that was ~6 MB
/// of RSS holding nothing. Committed on demand, purged pages are decommitted and leave RSS.
/// `set_default`, so a user's MIMALLOC_ARENA_EAGER_COMMIT still wins.
#[cfg(not(feature = "noop"))]
#[napi_derive::module_init]
fn commit_arenas_on_demand() {
    // mimalloc v2's `mi_option_t`: show_errors, show_stats, verbose, eager_commit, arena_eager_commit.
    const MI_OPTION_ARENA_EAGER_COMMIT: std::os::raw::c_int = 4;
    extern "C" {
        fn mi_option_set_default(option: std::os::raw::c_int, value: std::os::raw::c_long);
    }
    // SAFETY: sets one option value in mimalloc's static table; any thread, any time.
    unsafe { mi_option_set_default(MI_OPTION_ARENA_EAGER_COMMIT, 0) }
}

/// The crate version, so status can tell which build of the addon is loaded.
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
