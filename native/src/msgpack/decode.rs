//! MessagePack bytes (ours or Python LangGraph's) into the tree, checking every length against
//! the bytes left before using it: hostile input is an error naming the byte, never a crash, an
//! allocation the size of a forged length prefix, or a call into a class named by the data.

use std::borrow::Cow;
use std::sync::Arc;

use super::json_text::{write_escaped_json, Dates};
use super::message_strings::{EXT_MESSAGE, MESSAGE_STRINGS};
use super::piece_texts::PieceTexts;
use super::python_types::*;
use super::string_refs::{numbered, EXT_STRING_REF};
use super::value::{JsonPiece, Value};

/// Deepest nesting of arrays, maps and ext payloads read. Above what either writer produces (our
/// encoder keeps data nested deeper than 128 levels as JSON; ormsgpack stops at 255) and low
/// enough that the recursion fits any thread's stack (Windows' main thread has 1 MB).
pub const MAX_DEPTH: u32 = 300;

pub fn decode(bytes: &[u8]) -> Result<Value<'_>, String> {
    decode_with(bytes, None)
}

/// `decode`, with message records (ext 33) as their JSON text for the serializer's reader (Dates
/// as records), taken from `pieces` when read before and kept there when not.
pub fn decode_with<'a>(
    bytes: &'a [u8],
    pieces: Option<&mut PieceTexts>,
) -> Result<Value<'a>, String> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        base: 0,
        strings: Vec::new(),
        first: 0,
        pieces,
    };
    let value = reader.value(0)?;
    reader.finish()?;
    Ok(value)
}

struct Reader<'a, 'p> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of `bytes` in the whole input (while an ext payload is read, `bytes` is that payload).
    base: usize,
    /// The strings numbered so far, for references to them (`string_refs`).
    strings: Vec<&'a str>,
    /// Numbers below this are the fixed `MESSAGE_STRINGS`: nonzero inside a message record.
    first: usize,
    pieces: Option<&'p mut PieceTexts>,
}

impl<'a> Reader<'a, '_> {
    fn at(&self) -> usize {
        self.base + self.pos
    }

    fn finish(&self) -> Result<(), String> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(format!(
                "{} trailing bytes after the value at byte {}",
                self.bytes.len() - self.pos,
                self.at()
            ))
        }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let left = self.bytes.len() - self.pos;
        if len > left {
            return Err(format!(
                "truncated: {len} bytes needed at byte {}, {left} left",
                self.at()
            ));
        }
        let slice = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn be<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("take returns N bytes"))
    }

    fn len(&mut self, width: usize) -> Result<usize, String> {
        Ok(match width {
            1 => self.byte()? as usize,
            2 => u16::from_be_bytes(self.be()?) as usize,
            _ => u32::from_be_bytes(self.be()?) as usize,
        })
    }

    /// A count of items (for the value at byte `at`), each at least `min_bytes` long: refused when
    /// the bytes left cannot hold them, before anything is allocated for them.
    fn count(&mut self, width: usize, min_bytes: usize, at: usize) -> Result<usize, String> {
        let count = self.len(width)?;
        let left = self.bytes.len() - self.pos;
        if count.saturating_mul(min_bytes) > left {
            return Err(format!(
                "length {count} at byte {at} is more than the {left} bytes left can hold"
            ));
        }
        Ok(count)
    }

    fn value(&mut self, depth: u32) -> Result<Value<'a>, String> {
        let at = self.at();
        let marker = self.byte()?;
        Ok(match marker {
            0x00..=0x7f => Value::UInt(marker as u64),
            0xe0..=0xff => Value::Int(marker as i8 as i64),
            0xc0 => Value::Null,
            0xc2 => Value::Bool(false),
            0xc3 => Value::Bool(true),
            0xcc => Value::UInt(self.byte()? as u64),
            0xcd => Value::UInt(u16::from_be_bytes(self.be()?) as u64),
            0xce => Value::UInt(u32::from_be_bytes(self.be()?) as u64),
            0xcf => Value::UInt(u64::from_be_bytes(self.be()?)),
            0xd0 => Value::Int(self.byte()? as i8 as i64),
            0xd1 => Value::Int(i16::from_be_bytes(self.be()?) as i64),
            0xd2 => Value::Int(i32::from_be_bytes(self.be()?) as i64),
            0xd3 => Value::Int(i64::from_be_bytes(self.be()?)),
            0xca => Value::Float(f32::from_be_bytes(self.be()?) as f64),
            0xcb => Value::Float(f64::from_be_bytes(self.be()?)),
            0xa0..=0xbf => self.string((marker & 0x1f) as usize)?,
            0xd9 => {
                let len = self.len(1)?;
                self.string(len)?
            }
            0xda => {
                let len = self.len(2)?;
                self.string(len)?
            }
            0xdb => {
                let len = self.len(4)?;
                self.string(len)?
            }
            0xc4..=0xc6 => {
                let len = self.len(1 << (marker - 0xc4))?;
                Value::Bin(Cow::Borrowed(self.take(len)?))
            }
            0x90..=0x9f => self.array((marker & 0x0f) as usize, depth, at)?,
            0xdc => {
                let count = self.count(2, 1, at)?;
                self.array(count, depth, at)?
            }
            0xdd => {
                let count = self.count(4, 1, at)?;
                self.array(count, depth, at)?
            }
            0x80..=0x8f => self.map((marker & 0x0f) as usize, depth, at)?,
            0xde => {
                let count = self.count(2, 2, at)?;
                self.map(count, depth, at)?
            }
            0xdf => {
                let count = self.count(4, 2, at)?;
                self.map(count, depth, at)?
            }
            0xd4..=0xd8 => {
                let len = 1usize << (marker - 0xd4);
                self.ext(len, depth, at)?
            }
            0xc7..=0xc9 => {
                let len = self.len(1 << (marker - 0xc7))?;
                self.ext(len, depth, at)?
            }
            0xc1 => {
                return Err(format!(
                    "byte 0x{marker:02x} at byte {at} is not a MessagePack value"
                ))
            }
        })
    }

    fn string(&mut self, len: usize) -> Result<Value<'a>, String> {
        let at = self.at();
        let bytes = self.take(len)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                if numbered(text, self.first + self.strings.len()) {
                    self.strings.push(text);
                }
                Ok(Value::Str(Cow::Borrowed(text)))
            }
            Err(error) => Err(format!(
                "string at byte {at} is not valid UTF-8 at its byte {}",
                error.valid_up_to()
            )),
        }
    }

    fn enter(depth: u32, at: usize) -> Result<u32, String> {
        if depth >= MAX_DEPTH {
            return Err(format!(
                "nesting deeper than {MAX_DEPTH} levels at byte {at}"
            ));
        }
        Ok(depth + 1)
    }

    fn array(&mut self, count: usize, depth: u32, at: usize) -> Result<Value<'a>, String> {
        let depth = Self::enter(depth, at)?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(self.value(depth)?);
        }
        Ok(Value::Array(items))
    }

    fn map(&mut self, count: usize, depth: u32, at: usize) -> Result<Value<'a>, String> {
        let depth = Self::enter(depth, at)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let key_at = self.at();
            let key = match self.value(depth)? {
                // Inside a message record, a number as key is a fixed string.
                Value::UInt(n) if self.first > 0 => match MESSAGE_STRINGS.get(n as usize) {
                    Some(name) => Value::str(name),
                    None => {
                        return Err(format!(
                            "key {n} at byte {key_at} is not a number of the message strings"
                        ))
                    }
                },
                key => key,
            };
            let value = self.value(depth)?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }

    fn ext(&mut self, len: usize, depth: u32, at: usize) -> Result<Value<'a>, String> {
        let code = self.byte()? as i8;
        let payload_at = self.at();
        let payload = self.take(len)?;
        if code == EXT_STRING_REF {
            let index = match *payload {
                [index] => index as usize,
                [high, low] => u16::from_be_bytes([high, low]) as usize,
                _ => {
                    return Err(format!(
                        "string reference at byte {at} is {len} bytes long, not 1 or 2"
                    ))
                }
            };
            let text = match index.checked_sub(self.first) {
                None => Some(MESSAGE_STRINGS[index]),
                Some(local) => self.strings.get(local).copied(),
            };
            return match text {
                Some(text) => Ok(Value::Str(Cow::Borrowed(text))),
                None => Err(format!(
                    "string reference {index} at byte {at}: only {} strings before it",
                    self.first + self.strings.len()
                )),
            };
        }
        if code == EXT_MESSAGE {
            return self.message(payload, payload_at, depth, at);
        }
        let depth = Self::enter(depth, at)?;
        // The payload is read in place, in stream order (its strings are numbered as they come).
        let outer = (self.bytes, self.pos, self.base);
        (self.bytes, self.pos, self.base) = (payload, 0, payload_at);
        let read = self
            .value(depth)
            .and_then(|value| self.finish().map(|()| value));
        (self.bytes, self.pos, self.base) = outer;
        from_ext(code, read?, at)
    }

    /// An ext 33 message record, whose payload starts at `payload_at`: [class number, kwargs],
    /// with a string table of its own. With `pieces`, as its JSON text.
    fn message(
        &mut self,
        payload: &'a [u8],
        payload_at: usize,
        depth: u32,
        at: usize,
    ) -> Result<Value<'a>, String> {
        if let Some(piece) = self.pieces.as_mut().and_then(|p| p.get(payload, depth)) {
            return Ok(Value::Json(piece));
        }
        let inner = Self::enter(depth, at)?;
        let outer = (
            self.bytes,
            self.pos,
            self.base,
            std::mem::take(&mut self.strings),
            self.first,
        );
        (self.bytes, self.pos, self.base, self.first) =
            (payload, 0, payload_at, MESSAGE_STRINGS.len());
        let read = self
            .value(inner)
            .and_then(|value| self.finish().map(|()| value));
        (self.bytes, self.pos, self.base, self.strings, self.first) = outer;
        let record = message_record(read?, at)?;
        let Some(pieces) = self.pieces.as_mut() else {
            return Ok(record);
        };
        let mut text = Vec::with_capacity(payload.len() * 2);
        let escaped = write_escaped_json(&record, Dates::Records, &mut text);
        let piece = Arc::new(JsonPiece { text, escaped });
        pieces.insert(payload, depth, piece.clone());
        Ok(Value::Json(piece))
    }
}

/// The JavaScript record of an ext 33 value.
fn message_record<'a>(value: Value<'a>, at: usize) -> Result<Value<'a>, String> {
    let not_a_message =
        || format!("ext type 33 at byte {at} does not hold a [class, fields] message");
    let Value::Array(parts) = value else {
        return Err(not_a_message());
    };
    let Ok::<[Value; 2], _>([class, fields]) = parts.try_into() else {
        return Err(not_a_message());
    };
    let name = class
        .as_uint()
        .and_then(|n| MESSAGE_STRINGS.get(n as usize))
        .filter(|name| message_module(name).is_some())
        .ok_or_else(|| format!("ext type 33 at byte {at} names no message class"))?;
    let Value::Map(kwargs) = fields else {
        return Err(not_a_message());
    };
    Ok(message_constructor(Value::str(name), kwargs))
}

/// The constructor record of a LangChain message class (`name`, a Value string) with its fields,
/// whose dates read as ISO strings as the message's own JSON has them.
fn message_constructor<'a>(name: Value<'a>, mut kwargs: Vec<(Value<'a>, Value<'a>)>) -> Value<'a> {
    for (_, value) in kwargs.iter_mut() {
        dates_to_strings(value);
    }
    record_map(vec![
        ("lc", Value::UInt(1)),
        ("type", Value::str("constructor")),
        (
            "id",
            Value::Array(vec![
                Value::str("langchain_core"),
                Value::str("messages"),
                name,
            ]),
        ),
        ("kwargs", Value::Map(kwargs)),
    ])
}

/// What a Python LangGraph ext value becomes; an error for a type or class not on the allowlist.
fn from_ext<'a>(code: i8, value: Value<'a>, at: usize) -> Result<Value<'a>, String> {
    if code == EXT_DELTA_SNAPSHOT {
        return Ok(record_map(vec![
            ("lc", Value::UInt(2)),
            ("type", Value::str("delta_snapshot")),
            ("value", value),
        ]));
    }
    if code == EXT_NUMPY_ARRAY {
        return Err(format!(
            "ext type 6 (a numpy array) at byte {at} has no JavaScript counterpart"
        ));
    }
    if !(EXT_CONSTRUCTOR_SINGLE_ARG..=EXT_PYDANTIC_V2).contains(&code) {
        return Err(format!("unknown MessagePack ext type {code} at byte {at}"));
    }
    let Value::Array(mut parts) = value else {
        return Err(format!(
            "ext type {code} at byte {at} does not hold a [module, class, ...] array"
        ));
    };
    let (module, name) = match (
        parts.first().and_then(Value::as_str),
        parts.get(1).and_then(Value::as_str),
    ) {
        (Some(module), Some(name)) => (module.to_string(), name.to_string()),
        _ => {
            return Err(format!(
                "ext type {code} at byte {at} does not start with a module and class name"
            ))
        }
    };
    let refuse = || {
        format!("class {module}.{name} (ext type {code} at byte {at}) is not one langgraph-native reads")
    };
    let shape = |count: usize, parts: &Vec<Value>| {
        if parts.len() == count {
            Ok(())
        } else {
            Err(format!(
                "ext type {code} at byte {at} ({module}.{name}) has {} parts, not {count}",
                parts.len()
            ))
        }
    };
    let arg = if parts.len() > 2 {
        parts.swap_remove(2)
    } else {
        Value::Null
    };
    match code {
        EXT_CONSTRUCTOR_SINGLE_ARG => {
            shape(2, &parts)?;
            match (module.as_str(), name.as_str(), arg) {
                ("uuid", "UUID", Value::Str(hex)) => uuid_text(&hex)
                    .map(|text| Value::Str(Cow::Owned(text)))
                    .ok_or_else(refuse),
                ("builtins", "set" | "frozenset", Value::Array(items)) => Ok(constructor_record(
                    "Set",
                    Value::Null,
                    vec![Value::Array(items)],
                )),
                ("collections", "deque", items @ Value::Array(_)) => Ok(items),
                (m, n, text @ Value::Str(_)) if STRING_VALUED.contains(&(m, n)) => Ok(text),
                _ => Err(refuse()),
            }
        }
        EXT_CONSTRUCTOR_POS_ARGS => {
            shape(2, &parts)?;
            let Value::Array(args) = arg else {
                return Err(refuse());
            };
            positional(&module, &name, args).ok_or_else(refuse)
        }
        EXT_CONSTRUCTOR_KW_ARGS => {
            shape(2, &parts)?;
            match (module.as_str(), name.as_str(), arg) {
                // LangGraph.js keeps an interrupt as the plain object of its fields.
                ("langgraph.types", "Interrupt", fields @ Value::Map(_)) => Ok(fields),
                _ => Err(refuse()),
            }
        }
        EXT_METHOD_SINGLE_ARG => {
            shape(3, &parts)?;
            let method = parts.pop().and_then(|m| m.as_str().map(str::to_string));
            match (module.as_str(), name.as_str(), arg, method.as_deref()) {
                ("datetime", "datetime", Value::Str(iso), Some("fromisoformat")) => {
                    Ok(Value::Date(with_offset(iso)))
                }
                _ => Err(refuse()),
            }
        }
        EXT_PYDANTIC_V1 | EXT_PYDANTIC_V2 => {
            // Pydantic v1 and v2 models: LangChain messages only.
            let method = parts.get(2).and_then(Value::as_str).map(str::to_string);
            if !is_message_class(&module, &name) {
                return Err(refuse());
            }
            let Value::Map(fields) = arg else {
                return Err(refuse());
            };
            let kwargs = if method.as_deref() == Some(OWN_MESSAGE_METHOD) {
                fields
            } else {
                python_message_fields(fields)
            };
            Ok(message_constructor(Value::Str(Cow::Owned(name)), kwargs))
        }
        _ => unreachable!("codes outside 0-7 are refused above"),
    }
}

/// Ext 1 (a class called with positional arguments).
fn positional<'a>(module: &str, name: &str, mut args: Vec<Value<'a>>) -> Option<Value<'a>> {
    match (module, name) {
        // LangGraph.js stores a Send as {node, args[, timeout]} (the host's _default).
        ("langgraph.types", "Send") if args.len() == 2 || args.len() == 3 => {
            let timeout = if args.len() == 3 { args.pop() } else { None };
            let arg = args.pop()?;
            let node = args.pop()?;
            let mut entries = vec![("node", node), ("args", arg)];
            if let Some(timeout) = timeout.filter(|t| *t != Value::Null) {
                entries.push(("timeout", timeout));
            }
            Some(record_map(entries))
        }
        ("datetime", "date") => match args.as_slice() {
            [year, month, day] => {
                let (y, m, d) = (year.as_uint()?, month.as_uint()?, day.as_uint()?);
                Some(Value::Date(Cow::Owned(format!(
                    "{y:04}-{m:02}-{d:02}T00:00:00.000Z"
                ))))
            }
            _ => None,
        },
        // A duration as its total seconds.
        ("datetime", "timedelta") => match args.as_slice() {
            [days, seconds, micros] => {
                let number = |v: &Value| match *v {
                    Value::Int(n) => Some(n as f64),
                    Value::UInt(n) => Some(n as f64),
                    _ => None,
                };
                Some(Value::Float(
                    number(days)? * 86_400.0 + number(seconds)? + number(micros)? / 1e6,
                ))
            }
            _ => None,
        },
        ("re", "compile") => match args.as_slice() {
            [Value::Str(pattern), flags] => {
                let flags = js_regexp_flags(flags.as_uint()?)?;
                Some(constructor_record(
                    "RegExp",
                    Value::Null,
                    vec![Value::Str(pattern.clone()), Value::Str(Cow::Owned(flags))],
                ))
            }
            _ => None,
        },
        ("pathlib", class) if PATH_CLASSES.contains(&class) => {
            let parts: Option<Vec<&str>> = args.iter().map(Value::as_str).collect();
            let parts = parts?;
            let text = match parts.split_first() {
                Some((&"/", rest)) => format!("/{}", rest.join("/")),
                _ => parts.join("/"),
            };
            Some(Value::Str(Cow::Owned(text)))
        }
        _ => None,
    }
}

/// Python `re` flags as JavaScript's; None for flags JavaScript has no counterpart for.
fn js_regexp_flags(flags: u64) -> Option<String> {
    const IGNORECASE: u64 = 2;
    const MULTILINE: u64 = 8;
    const DOTALL: u64 = 16;
    // re.UNICODE (32, the default for str patterns) and re.ASCII (256) change \w classes only.
    const HARMLESS: u64 = 32 | 256;
    if flags & !(IGNORECASE | MULTILINE | DOTALL | HARMLESS) != 0 {
        return None;
    }
    let mut out = String::new();
    for (bit, letter) in [(IGNORECASE, 'i'), (MULTILINE, 'm'), (DOTALL, 's')] {
        if flags & bit != 0 {
            out.push(letter);
        }
    }
    Some(out)
}

/// A UUID's 32 hex digits in the 8-4-4-4-12 form `str(uuid)` gives.
fn uuid_text(hex: &str) -> Option<String> {
    if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// A Python isoformat; a naive one (no offset) is taken as UTC, as Python LangGraph's own
/// timestamps are.
fn with_offset(iso: Cow<'_, str>) -> Cow<'_, str> {
    let time = iso.split_once('T').map(|(_, time)| time).unwrap_or("");
    if time.is_empty() || time.ends_with('Z') || time.contains('+') || time.contains('-') {
        iso
    } else {
        Cow::Owned(format!("{iso}Z"))
    }
}

/// A Python message's model_dump() as the kwargs of a JavaScript record: without its `type`
/// discriminator, its unset (None) fields and `example: False`, which LangChain.js does not have.
fn python_message_fields<'a>(fields: Vec<(Value<'a>, Value<'a>)>) -> Vec<(Value<'a>, Value<'a>)> {
    fields
        .into_iter()
        .filter(|(key, value)| match key.as_str() {
            Some("type") => false,
            Some("example") => *value != Value::Bool(false),
            _ => *value != Value::Null,
        })
        .collect()
}

/// Dates as their ISO strings: inside a message, core's load() builds the message from JSON text,
/// where the host writes a Date as its string.
fn dates_to_strings(value: &mut Value) {
    match value {
        Value::Date(iso) => *value = Value::Str(std::mem::take(iso)),
        Value::Array(items) => items.iter_mut().for_each(dates_to_strings),
        Value::Map(entries) => entries
            .iter_mut()
            .for_each(|(_, item)| dates_to_strings(item)),
        _ => {}
    }
}

fn record_map<'a>(entries: Vec<(&'static str, Value<'a>)>) -> Value<'a> {
    Value::Map(
        entries
            .into_iter()
            .map(|(key, value)| (Value::str(key), value))
            .collect(),
    )
}

/// The host's `_encodeConstructorArgs` record.
pub fn constructor_record<'a>(
    id: &'static str,
    method: Value<'a>,
    args: Vec<Value<'a>>,
) -> Value<'a> {
    record_map(vec![
        ("lc", Value::UInt(2)),
        ("type", Value::str("constructor")),
        ("id", Value::Array(vec![Value::str(id)])),
        ("method", method),
        ("args", Value::Array(args)),
        ("kwargs", Value::Map(Vec::new())),
    ])
}
