//! The serializer's JSON tree as MessagePack. The records the JSON form spells out become the
//! compact forms Python LangGraph writes (messages as ext 5, Set as ext 0, Date as ext 3,
//! DeltaSnapshot as ext 7, bytes as bin), so that each reads back as the same record; everything
//! else is written as it is. A string written before (a key such as "additional_kwargs", a tool
//! name) is written again as a reference to it (`string_refs`). LangChain messages are our own
//! ext 33 records (`message_strings`), whose bytes do not depend on what surrounds them: the
//! serializer keeps each message's bytes and hands them back for the next checkpoint as pieces,
//! copied where the JSON text holds their splice marks.

use rmp::encode;

use super::message_strings::{message_string_index, EXT_MESSAGE, MESSAGE_STRINGS};
use super::python_types::*;
use super::string_refs::{StringTable, EXT_STRING_REF, MIN_LEN};
use super::value::Value;

/// What the serializer's JSON text holds in place of a message whose bytes it passes as a piece:
/// this, then the piece's index (patches/serde/encode.ts, SPLICE_MARK).
pub const SPLICE_MARK: &str = "\u{0}langgraph-native:message#";

/// Writes `value`; strings spelling `SPLICE_MARK` + i become `pieces[i]`, copied as they are. An
/// error only for a splice mark naming no piece, or a tree that only the reader builds.
pub fn encode_value<'v>(
    value: &'v Value<'v>,
    pieces: &[&[u8]],
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let mut encoder = Encoder {
        strings: StringTable::default(),
        in_message: false,
        pieces,
    };
    encoder.write(value, out).map_err(|failed| match failed {
        WriteFailed::Io => "writing to a Vec failed".to_string(),
        WriteFailed::Internal(reason) => reason,
    })
}

/// Writing into a Vec cannot fail (rmp's error types are folded into `Io`); `Internal` is a
/// mistake of ours (a splice mark naming no piece).
#[derive(Debug)]
pub enum WriteFailed {
    Io,
    Internal(String),
}

impl<E: encode::RmpWriteErr> From<encode::ValueWriteError<E>> for WriteFailed {
    fn from(_: encode::ValueWriteError<E>) -> WriteFailed {
        WriteFailed::Io
    }
}

impl From<std::io::Error> for WriteFailed {
    fn from(_: std::io::Error) -> WriteFailed {
        WriteFailed::Io
    }
}

type WriteResult = Result<(), WriteFailed>;

struct Encoder<'v, 'p> {
    strings: StringTable<'v>,
    /// Inside a message record: its fixed strings are referred to by number.
    in_message: bool,
    pieces: &'p [&'p [u8]],
}

impl<'v> Encoder<'v, '_> {
    /// Every string goes through here, in stream order, as the reader sees them.
    fn text(&mut self, out: &mut Vec<u8>, text: &'v str) -> WriteResult {
        let fixed = if self.in_message && text.len() >= MIN_LEN {
            message_string_index(text).map(u32::from)
        } else {
            None
        };
        match fixed.or_else(|| self.strings.reference(text)) {
            Some(index) if index <= u8::MAX as u32 => {
                encode::write_ext_meta(out, 1, EXT_STRING_REF)?;
                out.push(index as u8);
            }
            Some(index) => {
                encode::write_ext_meta(out, 2, EXT_STRING_REF)?;
                out.extend_from_slice(&(index as u16).to_be_bytes());
            }
            None => encode::write_str(out, text)?,
        }
        Ok(())
    }

    fn write(&mut self, value: &'v Value<'v>, out: &mut Vec<u8>) -> WriteResult {
        match value {
            Value::Null => encode::write_nil(out)?,
            Value::Bool(b) => encode::write_bool(out, *b)?,
            Value::Int(n) => {
                encode::write_sint(out, *n)?;
            }
            Value::UInt(n) => {
                encode::write_uint(out, *n)?;
            }
            Value::Float(f) => write_float(out, *f)?,
            Value::Str(text) if !self.pieces.is_empty() && text.starts_with(SPLICE_MARK) => {
                let piece = text[SPLICE_MARK.len()..]
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.pieces.get(i))
                    .ok_or_else(|| {
                        WriteFailed::Internal(format!(
                            "splice mark {text:?} names none of the {} pieces",
                            self.pieces.len()
                        ))
                    })?;
                out.extend_from_slice(piece);
            }
            Value::Str(text) => self.text(out, text)?,
            Value::Bin(bytes) => encode::write_bin(out, bytes)?,
            Value::Date(iso) => self.write_date(iso, out)?,
            Value::Array(items) => {
                encode::write_array_len(out, items.len() as u32)?;
                for item in items {
                    self.write(item, out)?;
                }
            }
            Value::Map(entries) => {
                if !self.write_record(value, out)? {
                    encode::write_map_len(out, entries.len() as u32)?;
                    for (key, item) in entries {
                        match key {
                            Value::Str(name) if self.in_message => self.key(out, name)?,
                            _ => self.write(key, out)?,
                        }
                        self.write(item, out)?;
                    }
                }
            }
            Value::Json(_) => {
                return Err(WriteFailed::Internal(
                    "a decoded JSON piece was given to the encoder".to_string(),
                ))
            }
        }
        Ok(())
    }

    /// A map key inside a message record: a fixed string as its number (one byte).
    fn key(&mut self, out: &mut Vec<u8>, name: &'v str) -> WriteResult {
        match message_string_index(name) {
            Some(index) => {
                encode::write_pfix(out, index)?;
                Ok(())
            }
            None => self.text(out, name),
        }
    }

    /// A message as ext 33: [class number, kwargs], with a string table of its own.
    fn write_message(
        &mut self,
        class: u8,
        kwargs: &'v Value<'v>,
        out: &mut Vec<u8>,
    ) -> WriteResult {
        let outer = std::mem::replace(
            &mut self.strings,
            StringTable::numbered_from(MESSAGE_STRINGS.len() as u32),
        );
        let was_in_message = std::mem::replace(&mut self.in_message, true);
        let written = self.write_ext(out, EXT_MESSAGE, |this, payload| {
            encode::write_array_len(payload, 2)?;
            encode::write_pfix(payload, class)?;
            this.write(kwargs, payload)
        });
        self.strings = outer;
        self.in_message = was_in_message;
        written
    }

    fn write_date(&mut self, iso: &'v str, out: &mut Vec<u8>) -> WriteResult {
        self.write_ext(out, EXT_METHOD_SINGLE_ARG, |this, payload| {
            encode::write_array_len(payload, 4)?;
            this.text(payload, "datetime")?;
            this.text(payload, "datetime")?;
            this.text(payload, iso)?;
            this.text(payload, "fromisoformat")
        })
    }

    fn write_ext(
        &mut self,
        out: &mut Vec<u8>,
        code: i8,
        body: impl FnOnce(&mut Self, &mut Vec<u8>) -> WriteResult,
    ) -> WriteResult {
        let mut payload = Vec::new();
        body(self, &mut payload)?;
        encode::write_ext_meta(out, payload.len() as u32, code)?;
        out.extend_from_slice(&payload);
        Ok(())
    }

    /// Writes a LangChain or lc:2 record in its compact form; false when `map` is not one we compact.
    fn write_record(&mut self, map: &'v Value<'v>, out: &mut Vec<u8>) -> Result<bool, WriteFailed> {
        if let Some((name, kwargs)) = message_record(map) {
            let class = message_string_index(name).expect("message_record checks the class");
            self.write_message(class, kwargs, out)?;
            return Ok(true);
        }
        if map.get("lc").and_then(Value::as_uint) != Some(2) {
            return Ok(false);
        }
        if map.has_keys(&["lc", "type", "value"])
            && map.get("type").and_then(Value::as_str) == Some("delta_snapshot")
        {
            let value = map.get("value").unwrap();
            self.write_ext(out, EXT_DELTA_SNAPSHOT, |this, payload| {
                this.write(value, payload)
            })?;
            return Ok(true);
        }
        let Some((id, method, args)) = constructor_record(map) else {
            return Ok(false);
        };
        match (id, method, args) {
            ("Set", Value::Null, [Value::Array(items)]) => {
                self.write_ext(out, EXT_CONSTRUCTOR_SINGLE_ARG, |this, payload| {
                    encode::write_array_len(payload, 3)?;
                    this.text(payload, "builtins")?;
                    this.text(payload, "set")?;
                    encode::write_array_len(payload, items.len() as u32)?;
                    for item in items {
                        this.write(item, payload)?;
                    }
                    Ok(())
                })?;
            }
            ("Uint8Array", Value::Str(from), [Value::Array(items)]) if from == "from" => {
                let mut bytes = Vec::with_capacity(items.len());
                for item in items {
                    match item.as_uint() {
                        Some(byte) if byte <= 255 => bytes.push(byte as u8),
                        _ => return Ok(false),
                    }
                }
                encode::write_bin(out, &bytes)?;
            }
            ("Date", Value::Null, [Value::Str(iso)]) => self.write_date(iso, out)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// A float as f32 when that is exact (half the bytes), else f64.
fn write_float(out: &mut Vec<u8>, f: f64) -> WriteResult {
    let narrow = f as f32;
    if f64::from(narrow) == f || f.is_nan() {
        encode::write_f32(out, narrow)?;
    } else {
        encode::write_f64(out, f)?;
    }
    Ok(())
}

/// Whether `value` is a message record written as ext 33.
pub fn is_message_record(value: &Value) -> bool {
    message_record(value).is_some()
}

/// `{"lc":1,"type":"constructor","id":["langchain_core","messages",name],"kwargs":{...}}` for a
/// message class we know: its name and kwargs.
fn message_record<'v, 'a>(map: &'v Value<'a>) -> Option<(&'v str, &'v Value<'a>)> {
    if !map.has_keys(&["lc", "type", "id", "kwargs"])
        || map.get("lc")?.as_uint()? != 1
        || map.get("type")?.as_str()? != "constructor"
    {
        return None;
    }
    let Value::Array(id) = map.get("id")? else {
        return None;
    };
    let [first, second, name] = id.as_slice() else {
        return None;
    };
    if first.as_str()? != "langchain_core" || second.as_str()? != "messages" {
        return None;
    }
    let name = name.as_str()?;
    message_module(name)?;
    let kwargs = map.get("kwargs")?;
    matches!(kwargs, Value::Map(_)).then_some((name, kwargs))
}

/// `{"lc":2,"type":"constructor","id":[id],"method":m,"args":[...],"kwargs":{}}` as the host's
/// `_encodeConstructorArgs` writes it: the id, method and args.
fn constructor_record<'v, 'a>(
    map: &'v Value<'a>,
) -> Option<(&'v str, &'v Value<'a>, &'v [Value<'a>])> {
    if !map.has_keys(&["lc", "type", "id", "method", "args", "kwargs"])
        || map.get("type")?.as_str()? != "constructor"
    {
        return None;
    }
    if !matches!(map.get("kwargs")?, Value::Map(entries) if entries.is_empty()) {
        return None;
    }
    let Value::Array(id) = map.get("id")? else {
        return None;
    };
    let [id] = id.as_slice() else { return None };
    let Value::Array(args) = map.get("args")? else {
        return None;
    };
    Some((id.as_str()?, map.get("method")?, args.as_slice()))
}
