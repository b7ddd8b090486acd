//! The tree as the JSON text the serializer's reader revives: bytes, Dates and maps with keys
//! that are not strings become the host's constructor records.

use std::borrow::Cow;

use super::ascii_text;
use super::decode::constructor_record;
use super::value::Value;

/// How Dates are written: as a `Date` constructor record (the native serializer revives it), or
/// as the ISO string the host's own JSON writes (for files the stock host will read).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    Records,
    Strings,
}

/// JSON text as the host's JSON writes it (UTF-8).
pub fn write_json(value: &Value, dates: Dates, out: &mut Vec<u8>) {
    JsonWriter {
        dates,
        ascii: false,
        escaped: 0,
    }
    .write(value, out);
}

/// JSON text in ASCII, its other characters as `\u` escapes (see `ascii_text`); false, with `out`
/// left to the caller to clear, when more than a small share of it had to be escaped.
pub fn write_ascii_json(value: &Value, dates: Dates, out: &mut Vec<u8>) -> bool {
    let escaped = write_escaped_json(value, dates, out);
    ascii_text::few_escaped(escaped, out.len())
}

/// JSON text in ASCII, whatever the share of escapes; returns how many characters it escaped.
pub fn write_escaped_json(value: &Value, dates: Dates, out: &mut Vec<u8>) -> usize {
    let mut writer = JsonWriter {
        dates,
        ascii: true,
        escaped: 0,
    };
    writer.write(value, out);
    writer.escaped
}

struct JsonWriter {
    dates: Dates,
    /// Strings in ASCII with `\u` escapes.
    ascii: bool,
    /// Characters written as `\u` escapes so far.
    escaped: usize,
}

impl JsonWriter {
    fn write(&mut self, value: &Value, out: &mut Vec<u8>) {
        match value {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::UInt(n) => out.extend_from_slice(n.to_string().as_bytes()),
            // JSON has no NaN or infinities: null, as JSON.stringify writes them.
            Value::Float(f) if !f.is_finite() => out.extend_from_slice(b"null"),
            Value::Float(f) => serde_json::to_writer(&mut *out, f).expect("writing to a Vec"),
            Value::Str(text) => self.string(text, out),
            // ASCII text: also what the UTF-8 form may hold (JSON.parse reads the same value).
            Value::Json(piece) => {
                out.extend_from_slice(&piece.text);
                self.escaped += piece.escaped;
            }
            Value::Bin(bytes) => {
                let items = bytes.iter().map(|b| Value::UInt(*b as u64)).collect();
                self.write(
                    &constructor_record(
                        "Uint8Array",
                        Value::str("from"),
                        vec![Value::Array(items)],
                    ),
                    out,
                );
            }
            Value::Date(iso) => match self.dates {
                Dates::Strings => self.string(iso, out),
                Dates::Records => self.write(
                    &constructor_record("Date", Value::Null, vec![Value::Str(Cow::Borrowed(iso))]),
                    out,
                ),
            },
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.write(item, out);
                }
                out.push(b']');
            }
            Value::Map(entries) if entries.iter().all(|(key, _)| matches!(key, Value::Str(_))) => {
                out.push(b'{');
                for (i, (key, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.string(key.as_str().expect("checked above"), out);
                    out.push(b':');
                    self.write(item, out);
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
                    self.write(key, out);
                    out.push(b',');
                    self.write(item, out);
                    out.push(b']');
                }
                out.extend_from_slice(br#"]],"kwargs":{}}"#);
            }
        }
    }

    fn string(&mut self, text: &str, out: &mut Vec<u8>) {
        if self.ascii {
            self.escaped += ascii_text::write_ascii_string(text, out);
        } else {
            write_string(text, out);
        }
    }
}

fn write_string(text: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, text).expect("writing to a Vec");
}
