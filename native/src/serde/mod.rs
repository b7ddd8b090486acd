//! The serializer's native half: one pass over JSON bytes that validates and reports what revival
//! needs, and the N-API entry points over it. (MessagePack lives in `crate::msgpack`.)

pub mod codec;
pub mod json_scan;
