//! The task runner's ids: UUIDv5 task ids and XXH3 cache keys, identical to the host's.

pub mod ids;
