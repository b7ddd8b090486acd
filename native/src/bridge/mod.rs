//! N-API glue shared by the components: JavaScript strings made from UTF-8 bytes, and Promises
//! settled from a worker thread.

pub mod js_string;
// Its Promise plumbing needs real N-API values, which `noop` unit-test builds do not have.
#[cfg(not(feature = "noop"))]
pub mod settle_queue;
