//! The tree as the JSON text the serializer's reader revives: bytes, Dates and maps with keys
//! that are not strings become the host's constructor records.

use std::borrow::Cow;

use super::decode::constructor_record;
use super::value::Value;

/// How Dates are written: as a `Date` constructor record (the native serializer revives it), or
/// as the ISO string the host's own JSON writes (for files the stock host will read).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    Records,
    Strings,
}

pub fn write_json(value: &Value, dates: Dates, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::UInt(n) => out.extend_from_slice(n.to_string().as_bytes()),
        // JSON has no NaN or infinities: null, as JSON.stringify writes them.
        Value::Float(f) if !f.is_finite() => out.extend_from_slice(b"null"),
        Value::Float(f) => serde_json::to_writer(&mut *out, f).expect("writing to a Vec"),
        Value::Str(text) => write_string(text, out),
        Value::Bin(bytes) => {
            let items = bytes.iter().map(|b| Value::UInt(*b as u64)).collect();
            write_json(
                &constructor_record("Uint8Array", Value::str("from"), vec![Value::Array(items)]),
                dates,
                out,
            );
        }
        Value::Date(iso) => match dates {
            Dates::Strings => write_string(iso, out),
            Dates::Records => write_json(
                &constructor_record("Date", Value::Null, vec![Value::Str(Cow::Borrowed(iso))]),
                dates,
                out,
            ),
        },
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json(item, dates, out);
            }
            out.push(b']');
        }
        Value::Map(entries) if entries.iter().all(|(key, _)| matches!(key, Value::Str(_))) => {
            out.push(b'{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key.as_str().expect("checked above"), out);
                out.push(b':');
                write_json(item, dates, out);
            }
            out.push(b'}');
        }
        Value::Map(entries) => {
            // Keys that are not strings (Python ints, tuples, ...): a JavaScript Map.
            out.extend_from_slice(
                br#"{"lc":2,"type":"constructor","id":["Map"],"method":null,"args":[["#,
            );
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.push(b'[');
                write_json(key, dates, out);
                out.push(b',');
                write_json(item, dates, out);
                out.push(b']');
            }
            out.extend_from_slice(br#"]],"kwargs":{}}"#);
        }
    }
}

fn write_string(text: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, text).expect("writing to a Vec");
}
