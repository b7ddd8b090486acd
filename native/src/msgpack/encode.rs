//! The serializer's JSON tree as MessagePack. The records the JSON form spells out become the
//! compact forms Python LangGraph writes (messages as ext 5, Set as ext 0, Date as ext 3,
//! DeltaSnapshot as ext 7, bytes as bin), so that each reads back as the same record; everything
//! else is written as it is.

use rmp::encode;

use super::python_types::*;
use super::value::Value;

pub fn encode_value(value: &Value, out: &mut Vec<u8>) {
    // Writes into a Vec cannot fail.
    write(value, out).expect("writing to a Vec");
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

fn write(value: &Value, out: &mut Vec<u8>) -> WriteResult {
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
        Value::Str(text) => encode::write_str(out, text)?,
        Value::Bin(bytes) => encode::write_bin(out, bytes)?,
        Value::Date(iso) => write_ext(out, EXT_METHOD_SINGLE_ARG, |payload| {
            encode::write_array_len(payload, 4)?;
            encode::write_str(payload, "datetime")?;
            encode::write_str(payload, "datetime")?;
            encode::write_str(payload, iso)?;
            encode::write_str(payload, "fromisoformat")?;
            Ok(())
        })?,
        Value::Array(items) => {
            encode::write_array_len(out, items.len() as u32)?;
            for item in items {
                write(item, out)?;
            }
        }
        Value::Map(entries) => {
            if !write_record(value, out)? {
                encode::write_map_len(out, entries.len() as u32)?;
                for (key, item) in entries {
                    write(key, out)?;
                    write(item, out)?;
                }
            }
        }
    }
    Ok(())
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

fn write_ext(
    out: &mut Vec<u8>,
    code: i8,
    body: impl FnOnce(&mut Vec<u8>) -> WriteResult,
) -> WriteResult {
    let mut payload = Vec::new();
    body(&mut payload)?;
    encode::write_ext_meta(out, payload.len() as u32, code)?;
    out.extend_from_slice(&payload);
    Ok(())
}

/// Writes a LangChain or lc:2 record in its compact form; false when `map` is not one we compact.
fn write_record(map: &Value, out: &mut Vec<u8>) -> Result<bool, WriteFailed> {
    if let Some((name, kwargs)) = message_record(map) {
        let module = message_module(name).expect("message_record checks the class");
        write_ext(out, EXT_PYDANTIC_V2, |payload| {
            encode::write_array_len(payload, 4)?;
            encode::write_str(payload, module)?;
            encode::write_str(payload, name)?;
            write(kwargs, payload)?;
            encode::write_str(payload, OWN_MESSAGE_METHOD)?;
            Ok(())
        })?;
        return Ok(true);
    }
    if map.get("lc").and_then(Value::as_uint) != Some(2) {
        return Ok(false);
    }
    if map.has_keys(&["lc", "type", "value"])
        && map.get("type").and_then(Value::as_str) == Some("delta_snapshot")
    {
        write_ext(out, EXT_DELTA_SNAPSHOT, |payload| {
            write(map.get("value").unwrap(), payload)
        })?;
        return Ok(true);
    }
    let Some((id, method, args)) = constructor_record(map) else {
        return Ok(false);
    };
    match (id, method, args) {
        ("Set", Value::Null, [Value::Array(items)]) => {
            write_ext(out, EXT_CONSTRUCTOR_SINGLE_ARG, |payload| {
                encode::write_array_len(payload, 3)?;
                encode::write_str(payload, "builtins")?;
                encode::write_str(payload, "set")?;
                encode::write_array_len(payload, items.len() as u32)?;
                for item in items {
                    write(item, payload)?;
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
        ("Date", Value::Null, [Value::Str(iso)]) => write(&Value::Date(iso.clone()), out)?,
        _ => return Ok(false),
    }
    Ok(true)
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
