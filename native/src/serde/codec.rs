//! Checkpoint bytes: validation and scanning done in one pass over the UTF-8, so that JavaScript
//! only parses what is known to be well formed (the pass itself lives in `json_scan`).

use napi::bindgen_prelude::Uint8Array;
use napi::{Env, JsString};
use napi_derive::napi;

use crate::bridge::js_string::js_text;
use crate::error::invalid_input;
use crate::serde::json_scan;

/// What one pass over JSON bytes found.
#[napi(object)]
pub struct JsonScan {
    /// Deepest nesting of arrays and objects.
    pub max_depth: u32,
    /// Some object has the key "lc" (in any escape spelling): a LangChain record may be inside.
    pub has_lc_key: bool,
    /// Some object has the key "__proto__": revival must keep it an ordinary property.
    pub has_proto_key: bool,
    /// Some number reads as -0 or an infinity, which would not survive a JSON.stringify round trip.
    pub has_lossy_number: bool,
    /// Some object with an "lc" or "__lc_escaped__" key contains another one; when false every
    /// LangChain record can be revived without looking inside it first.
    pub nested_records: bool,
    /// Message records are written compact, every object with a string "lc" value is one, and
    /// these are the shapes they index (only `getDocument` sets it). The forms are
    /// `message_record`'s: a record `{"lc":"<index>",<kept members>}`, or a list of records
    /// `{"lc":"[]","shapes":[<index>,...],"records":[{<kept members>},...]}`; each shape is
    /// `<Name>` then ` <kind><key>` per kwargs member, `kind` `=` kept, `{` or `[` an empty one
    /// left out.
    pub compact_shapes: Option<Vec<String>>,
}

/// Validates UTF-8, balance and nesting depth of JSON text without parsing it; `depthLimit`
/// (0 or absent: unbounded) rejects hostile nesting before anything recurses.
#[napi]
pub fn scan_json(bytes: Uint8Array, depth_limit: Option<u32>) -> napi::Result<JsonScan> {
    let report = json_scan::scan(&bytes, depth_limit.unwrap_or(0)).map_err(invalid_input)?;
    Ok(JsonScan::from(report))
}

impl From<json_scan::ScanReport> for JsonScan {
    fn from(report: json_scan::ScanReport) -> JsonScan {
        JsonScan {
            max_depth: report.max_depth,
            has_lc_key: report.has_lc_key,
            has_proto_key: report.has_proto_key,
            has_lossy_number: report.has_lossy_number,
            nested_records: report.nested_records,
            compact_shapes: None,
        }
    }
}

/// The text of UTF-8 bytes as a JavaScript string, built one-byte when every character allows
/// (faster to create and to JSON.parse than what TextDecoder returns for non-ASCII text).
#[napi]
pub fn utf8_text<'env>(env: &'env Env, bytes: Uint8Array) -> napi::Result<JsString<'env>> {
    js_text(env, &bytes)
}
