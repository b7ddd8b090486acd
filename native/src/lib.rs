#![deny(clippy::all)]
// With `noop` (cargo test) the napi exports vanish, leaving their helpers unused.
#![cfg_attr(feature = "noop", allow(dead_code))]
//! Rust core of langgraph-native. One module per concern; every `#[napi]` item is exported to
//! JavaScript from the module that defines it.

mod codec;
mod error;
mod ids;
mod json_scan;
mod text;
mod vector;

use napi_derive::napi;

/// The crate version, so status can tell which build of the addon is loaded.
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
