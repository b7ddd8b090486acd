//! MessagePack checkpoints ("msgpack" type): written from the serializer's JSON text and read
//! back as JSON text, so the JavaScript side keeps one encoder and one reviver for both formats.
//! Python LangGraph's blobs (ext types 0-7) read into the same records. Messages are our own ext
//! 33 records, whose bytes the serializer keeps per message (written as pieces, not again) and
//! whose JSON text this side keeps per record bytes (`piece_texts`).

mod ascii_text;
mod convert;
mod decode;
mod encode;
mod json_text;
mod message_strings;
mod piece_texts;
mod python_types;
pub mod sql_functions;
pub mod sqlite_convert;
mod string_refs;
mod value;

#[cfg(test)]
mod piece_texts_tests;
#[cfg(test)]
mod tests;

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi_derive::napi;

use crate::error::internal;
use crate::serde::codec::JsonScan;
pub use json_text::Dates;

/// MessagePack of the JSON text, with `pieces` copied where their splice marks stand; None when
/// the text nests deeper than the encoder reads.
pub fn msgpack_of_json(text: &str, pieces: &[&[u8]]) -> Result<Option<Vec<u8>>, String> {
    let Some(value) = value::parse_json(text).map_err(|e| format!("the JSON is not valid: {e}"))?
    else {
        return Ok(None);
    };
    let mut out =
        Vec::with_capacity(text.len() / 2 + pieces.iter().map(|p| p.len()).sum::<usize>());
    encode::encode_value(&value, pieces, &mut out)?;
    Ok(Some(out))
}

/// The JSON text of MessagePack bytes, or a reason naming the byte where they are not readable.
pub fn json_of_msgpack(bytes: &[u8], dates: Dates) -> Result<Vec<u8>, String> {
    let value = decode_checkpoint(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() * 2);
    json_text::write_json(&value, dates, &mut out);
    Ok(out)
}

fn decode_checkpoint(bytes: &[u8]) -> Result<value::Value<'_>, String> {
    decode::decode(bytes)
        .map_err(|reason| format!("cannot read MessagePack checkpoint data: {reason}"))
}

/// The "msgpack" bytes of the serializer's JSON text (records in their compact forms), with the
/// message `pieces` (from `msgpackMessage`) where the text holds their splice marks; null when the
/// value nests too deep for the encoder, which the caller then writes as "json".
#[napi]
pub fn msgpack_from_json(
    text: String,
    pieces: Option<Vec<Uint8Array>>,
) -> napi::Result<Option<Buffer>> {
    let pieces = pieces.unwrap_or_default();
    let slices: Vec<&[u8]> = pieces.iter().map(|piece| &piece[..]).collect();
    // The text is the serializer's own: a failure here is ours.
    Ok(msgpack_of_json(&text, &slices)
        .map_err(internal)?
        .map(Buffer::from))
}

/// The ext 33 bytes of one message record's JSON text, for the serializer to keep and pass back
/// as a piece; null when the text is not a message record we compact, or cannot be MessagePack.
#[napi]
pub fn msgpack_message(text: String) -> napi::Result<Option<Buffer>> {
    let Some(value) = value::parse_json(&text).map_err(internal)? else {
        return Ok(None);
    };
    if !encode::is_message_record(&value) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(text.len() / 2);
    encode::encode_value(&value, &[], &mut out).map_err(internal)?;
    Ok(Some(Buffer::from(out)))
}

/// "msgpack" bytes as JSON text for the serializer's reviver, with the text's scan report (what
/// `msgpackToJson` returns, built by hand to give V8 a one-byte string).
#[napi(object)]
#[allow(dead_code)] // its TypeScript declaration is what JavaScript reads
pub struct MsgpackText {
    pub text: String,
    pub scan: JsonScan,
}

// Builds JavaScript values by hand: not part of the `noop` build that `cargo test` links.
#[cfg(not(feature = "noop"))]
#[napi(ts_return_type = "MsgpackText")]
pub fn msgpack_to_json(
    env: &napi::Env,
    bytes: napi::bindgen_prelude::Uint8Array,
) -> napi::Result<napi::bindgen_prelude::Object<'_>> {
    use crate::error::invalid_input;
    use crate::serde::json_scan;
    use napi::bindgen_prelude::{JsObjectValue, Object};
    let mut pieces = piece_texts::PIECE_TEXTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let pieces = pieces.get_or_insert_with(Default::default);
    let value = decode::decode_with(&bytes, Some(pieces)).map_err(|reason| {
        invalid_input(format!("cannot read MessagePack checkpoint data: {reason}"))
    })?;
    let mut json = Vec::with_capacity(bytes.len() * 4);
    let ascii = json_text::write_ascii_json(&value, Dates::Records, &mut json);
    if !ascii {
        json.clear();
        json_text::write_json(&value, Dates::Records, &mut json);
    }
    let report = json_scan::scan(&json, 0)
        .map_err(|e| internal(format!("MessagePack read as invalid JSON: {e:?}")))?;
    let text = if ascii {
        env.create_string_latin1(&json)?
    } else {
        // The writer emits only UTF-8 (strings were checked on read), as the scan confirmed.
        env.create_string(std::str::from_utf8(&json).map_err(internal)?)?
    };
    let mut read = Object::new(env)?;
    read.set_named_property("text", text)?;
    read.set_named_property("scan", JsonScan::from(report))?;
    Ok(read)
}
