//! One stored value from one format to the other: what `langgraph-native convert` does to each
//! row, whatever database holds it (sqlite_convert.rs batches a SqliteSaver file; the PostgreSQL
//! batches run in TypeScript on node-postgres and call `msgpackConvertValue`).

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi_derive::napi;

use super::{json_of_msgpack, msgpack_of_json, Dates};
use crate::error::invalid_input;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Msgpack,
}

impl Format {
    pub fn parse(name: &str) -> Result<Format, String> {
        match name {
            "json" => Ok(Format::Json),
            "msgpack" => Ok(Format::Msgpack),
            other => Err(format!(
                "unknown format {other:?}; allowed values: json, msgpack"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Msgpack => "msgpack",
        }
    }
}

/// The value's bytes in `to`: "json" as the host's JSON writes it (Dates as ISO strings), so the
/// stock host reads it; None when JSON nests deeper than the MessagePack encoder reads (the row
/// stays "json", which every reader takes).
pub fn convert_value(bytes: &[u8], to: Format) -> Result<Option<Vec<u8>>, String> {
    match to {
        Format::Json => json_of_msgpack(bytes, Dates::Strings).map(Some),
        Format::Msgpack => {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("is not UTF-8 JSON: {e}"))?;
            msgpack_of_json(text, &[])
        }
    }
}

/// `convert_value` for JavaScript: null when the row is kept as it is.
#[napi]
pub fn msgpack_convert_value(bytes: Uint8Array, to: String) -> napi::Result<Option<Buffer>> {
    let format = Format::parse(&to).map_err(invalid_input)?;
    Ok(convert_value(&bytes, format)
        .map_err(invalid_input)?
        .map(Buffer::from))
}
