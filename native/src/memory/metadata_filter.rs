//! `list({ filter })` done in Rust, with the host's semantics: every filter entry must satisfy
//! `metadata[key] === value` on the deserialized metadata. The JavaScript side sends only the
//! values `===` can match on JSON (strings, finite numbers, booleans, null) plus keys that must
//! be absent (a filter value of `undefined`).

use serde_json::{Map, Value};

#[derive(Debug, Default)]
pub struct MetadataFilter {
    equals: Vec<(String, Value)>,
    absent: Vec<String>,
}

impl MetadataFilter {
    /// `equals_json` is a JSON object of key -> primitive; `absent` the keys whose value is undefined.
    pub fn parse(equals_json: Option<&str>, absent: Vec<String>) -> Result<MetadataFilter, String> {
        let equals = match equals_json {
            None => Vec::new(),
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => map.into_iter().collect(),
                Ok(_) => return Err("the metadata filter must be a JSON object".into()),
                Err(error) => {
                    return Err(format!("the metadata filter is not valid JSON: {error}"))
                }
            },
        };
        Ok(MetadataFilter { equals, absent })
    }

    pub fn is_empty(&self) -> bool {
        self.equals.is_empty() && self.absent.is_empty()
    }

    /// Whether serialized metadata matches. Metadata that is not a JSON object matches nothing.
    pub fn matches(&self, metadata_json: &[u8]) -> bool {
        let Ok(Value::Object(metadata)) = serde_json::from_slice::<Value>(metadata_json) else {
            return false;
        };
        self.matches_object(&metadata)
    }

    /// `matches` for metadata serialized as `kind`: "msgpack" is matched on its JSON form.
    pub fn matches_typed(&self, kind: &str, metadata: &[u8]) -> bool {
        if kind != "msgpack" {
            return self.matches(metadata);
        }
        crate::msgpack::json_of_msgpack(metadata, crate::msgpack::Dates::Strings)
            .is_ok_and(|json| self.matches(&json))
    }

    fn matches_object(&self, metadata: &Map<String, Value>) -> bool {
        self.absent.iter().all(|key| !metadata.contains_key(key))
            && self.equals.iter().all(|(key, wanted)| {
                metadata
                    .get(key)
                    .is_some_and(|found| strictly_equal(found, wanted))
            })
    }
}

/// JavaScript `===` between two JSON values: objects and arrays are never equal (distinct objects).
fn strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => false,
    }
}

/// The order `Object.keys` gives the host's plain-object maps: integer-like keys ascending first,
/// then the rest in insertion order. Listing threads and namespaces in it keeps `list` identical.
pub fn js_key_order<'a, I: Iterator<Item = &'a String>>(keys: I) -> Vec<&'a String> {
    let mut indexes: Vec<(u32, &String)> = Vec::new();
    let mut others: Vec<&String> = Vec::new();
    for key in keys {
        match array_index(key) {
            Some(index) => indexes.push((index, key)),
            None => others.push(key),
        }
    }
    indexes.sort_by_key(|(index, _)| *index);
    indexes
        .into_iter()
        .map(|(_, key)| key)
        .chain(others)
        .collect()
}

/// A canonical array index: "0" or digits without a leading zero, below 2^32 - 1.
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || key.len() > 10 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if key.len() > 1 && key.starts_with('0') {
        return None;
    }
    let value: u64 = key.parse().ok()?;
    (value < u32::MAX as u64).then_some(value as u32)
}

#[cfg(test)]
#[path = "metadata_filter_tests.rs"]
mod tests;
