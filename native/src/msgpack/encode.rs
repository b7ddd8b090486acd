//! The serializer's JSON tree as MessagePack. The records the JSON form spells out become the
//! compact forms Python LangGraph writes (messages as ext 5, Set as ext 0, Date as ext 3,
//! DeltaSnapshot as ext 7, bytes as bin), so that each reads back as the same record; everything
//! else is written as it is. A string written before (a key such as "additional_kwargs", a tool
//! name) is written again as a reference to it (`string_refs`).

use rmp::encode;

use super::python_types::*;
use super::string_refs::{StringTable, EXT_STRING_REF};
use super::value::Value;

pub fn encode_value<'v>(value: &'v Value<'v>, out: &mut Vec<u8>) {
    let mut encoder = Encoder {
        strings: StringTable::default(),
    };
    // Writes into a Vec cannot fail.
    encoder.write(value, out).expect("writing to a Vec");
}

/// Writing into a Vec cannot fail; rmp's error types are folded into this one.
#[derive(Debug)]
pub struct WriteFailed;

impl<E: encode::RmpWriteErr> From<encode::ValueWriteError<E>> for WriteFailed {
    fn from(_: encode::ValueWriteError<E>) -> WriteFailed {
        WriteFailed
    }
}

impl From<std::io::Error> for WriteFailed {
    fn from(_: std::io::Error) -> WriteFailed {
        WriteFailed
    }
}

type WriteResult = Result<(), WriteFailed>;

struct Encoder<'v> {
    strings: StringTable<'v>,
}

impl<'v> Encoder<'v> {
    /// Every string goes through here, in stream order, as the reader sees them.
    fn text(&mut self, out: &mut Vec<u8>, text: &'v str) -> WriteResult {
        match self.strings.reference(text) {
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
                        self.write(key, out)?;
                        self.write(item, out)?;
                    }
                }
            }
        }
        Ok(())
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
            let module = message_module(name).expect("message_record checks the class");
            self.write_ext(out, EXT_PYDANTIC_V2, |this, payload| {
                encode::write_array_len(payload, 4)?;
                this.text(payload, module)?;
                this.text(payload, name)?;
                this.write(kwargs, payload)?;
                this.text(payload, OWN_MESSAGE_METHOD)
            })?;
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
