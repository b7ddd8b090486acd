//! The SQLite saver's native half: the host's schema and queries (`statements`), the database
//! handle JavaScript holds (`database`), WAL checkpoints off the writer's thread, and the arrays
//! a saver last sent, so a put crosses with only its new elements.

// Its Promise plumbing needs real N-API values, which `noop` unit-test builds do not have.
#[cfg(not(feature = "noop"))]
pub mod database;
// Used by the database handle, which `noop` builds leave out.
#[cfg_attr(feature = "noop", allow(dead_code))]
pub mod sent_elements;
pub mod statements;
pub mod wal_checkpointer;
