//! SQL functions the native SqliteSaver's queries use on "msgpack" rows.

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;

use super::{json_of_msgpack, Dates};

/// `langgraph_native_msgpack_json(bytes)`: the JSON text of MessagePack bytes (Dates as ISO
/// strings, as the host's JSON writes them), so `list({ filter })` matches "msgpack" metadata
/// as it matches "json" metadata. Unreadable bytes fail the query with the reason.
pub fn register(connection: &Connection) -> rusqlite::Result<()> {
    connection.create_scalar_function(
        "langgraph_native_msgpack_json",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |context| {
            let bytes = context
                .get_raw(0)
                .as_bytes_or_null()
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
            let Some(bytes) = bytes else { return Ok(None) };
            let json = json_of_msgpack(bytes, Dates::Strings)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
            String::from_utf8(json)
                .map(Some)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
        },
    )
}
