//! The tree both directions pass through: JSON text as the serializer writes it, or MessagePack as
//! we or Python LangGraph write it. Strings borrow from the input where they can.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    /// Raw bytes (MessagePack bin): a `Uint8Array` in JavaScript.
    Bin(Cow<'a, [u8]>),
    /// A point in time as an ISO 8601 string: a `Date` in JavaScript.
    Date(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Entries in stored order; keys are strings for JSON, anything for MessagePack.
    Map(Vec<(Value<'a>, Value<'a>)>),
    /// A piece read before, as its JSON text (`piece_texts`): only the reader makes these.
    Json(Arc<JsonPiece>),
}

/// The JSON text of a value, written in ASCII (`ascii_text`).
#[derive(Debug, PartialEq)]
pub struct JsonPiece {
    pub text: Vec<u8>,
    /// Characters written as `\u` escapes because they are not ASCII.
    pub escaped: usize,
}

impl<'a> Value<'a> {
    pub fn str(text: &'a str) -> Value<'a> {
        Value::Str(Cow::Borrowed(text))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_uint(&self) -> Option<u64> {
        match *self {
            Value::UInt(n) => Some(n),
            Value::Int(n) if n >= 0 => Some(n as u64),
            _ => None,
        }
    }

    /// The value of `key` in a map with string keys.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether this is a map whose keys are exactly `keys`, in that order.
    pub fn has_keys(&self, keys: &[&str]) -> bool {
        match self {
            Value::Map(entries) => {
                entries.len() == keys.len()
                    && entries
                        .iter()
                        .zip(keys)
                        .all(|((k, _), want)| k.as_str() == Some(want))
            }
            _ => false,
        }
    }
}

/// Parses JSON text; None for JSON that MessagePack cannot hold as written, which the caller then
/// keeps as JSON: nesting deeper than serde_json's limit (128), or a lone UTF-16 surrogate
/// (JavaScript strings may hold one; a MessagePack string is UTF-8).
pub fn parse_json(text: &str) -> Result<Option<Value<'_>>, serde_json::Error> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(Some(value)),
        Err(error) => {
            let reason = error.to_string();
            if reason.starts_with("recursion limit exceeded")
                || reason.contains("surrogate")
                || reason.starts_with("unexpected end of hex escape")
                || reason.starts_with("invalid unicode code point")
            {
                Ok(None)
            } else {
                Err(error)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Value::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<Value>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}
