//! The in-memory checkpoint saver's storage: checkpoints, channel values and writes per thread,
//! with repeated array elements (message lists) held once in an element pool and message records
//! kept compact. `checkpoint` is the class JavaScript sees; the rest is plain Rust.

pub mod checkpoint;
pub mod checkpoint_store;
pub mod element_pool;
pub mod message_record;
pub mod metadata_filter;
pub mod typed;
