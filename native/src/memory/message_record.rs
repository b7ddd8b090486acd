//! LangChain message records as the serializer writes them, and the compact forms a read may hand
//! JavaScript instead. A canonical record
//! `{"lc":1,"type":"constructor","id":["langchain_core","messages","<Name>"],"kwargs":{<members>}}`
//! has its empty `{}` and `[]` kwargs members left out, and is described by its shape: `<Name>`
//! then ` <kind><key>` for every member in order, `kind` `=` for a kept member, `{` or `[` for an
//! empty one left out. A document lists its shapes in a table; from a record's shape and its kept
//! members the reader rebuilds its kwargs. Two forms:
//! - a record: `{"lc":"<n>",<kept members>}`, `<n>` its shape's index in the table;
//! - a list of records only: `{"lc":"[]","shapes":[<n>,...],"records":[{<kept members>},...]}`,
//!   which the reader turns into the list of messages, each record's kept members object handed
//!   to its constructor as is when the shape allows.
//!
//! A chat's message carries three or four empty containers: they and the record's wrapper cost
//! JSON.parse about a third of a 100-message document, and a short "lc" string is one V8 interns.
//! The "lc" key stays, so `json_scan`'s record facts hold for the compact forms too; a record
//! whose members would make them ambiguous stays canonical.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3Builder;

use crate::serde::json_scan::string_end;

/// Everything of a canonical record before its class name.
const BEFORE_NAME: &[u8] = br#"{"lc":1,"type":"constructor","id":["langchain_core","messages",""#;
/// Everything between the class name and the kwargs object.
const BEFORE_KWARGS: &[u8] = br#""],"kwargs":"#;
/// Longest class name or member key recognised.
const MAX_NAME_LEN: usize = 64;
/// Most kwargs members a flat record may have (duplicates are looked for pairwise).
const MAX_MEMBERS: usize = 64;

/// How one canonical message record is written compact: found as the element is stored, used at
/// every read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactPlan {
    /// Its entry in a document's shape table: the class name, then ` <kind><key>` per member.
    /// Shared with every record of the same shape (`SharedShapes`).
    shape: Arc<[u8]>,
    /// Byte ranges of the record holding the kept members, each a run of adjacent members with
    /// the commas between them.
    kept: Box<[(u32, u32)]>,
}

impl CompactPlan {
    /// Heap bytes the plan holds on its own (its shape is shared).
    pub fn stored_len(&self) -> usize {
        std::mem::size_of::<Self>() + self.kept.len() * std::mem::size_of::<(u32, u32)>()
    }
}

/// One copy of each shape, for the plans of a pool's elements: a chat's messages come in a few
/// shapes, and a document lists each shape once by finding it by address.
#[derive(Debug, Default)]
pub struct SharedShapes(HashSet<Arc<[u8]>, Xxh3Builder>);

impl SharedShapes {
    fn share(&mut self, shape: Vec<u8>) -> Arc<[u8]> {
        if let Some(shared) = self.0.get(&shape[..]) {
            return shared.clone();
        }
        let shared: Arc<[u8]> = shape.into();
        self.0.insert(shared.clone());
        shared
    }

    /// Heap bytes of the shapes.
    pub fn stored_len(&self) -> usize {
        self.0.iter().map(|shape| shape.len()).sum()
    }
}

/// A key a flat record may carry as a member: an identifier (so V8 keeps it in insertion order and
/// no escape can spell it two ways), neither the record's own "lc" nor "__proto__".
fn is_plain_key(key: &[u8]) -> bool {
    !key.is_empty()
        && key.len() <= MAX_NAME_LEN
        && !key[0].is_ascii_digit()
        && key.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
        && key != b"lc"
        && key != b"__proto__"
}

/// The plan for writing `element` compact when it is exactly a canonical message record (see the
/// module comment) whose `<Name>` is 1..=64 ASCII letters, digits or underscores and whose kwargs
/// is an object without whitespace between its members, of at most 64 members with distinct
/// plain keys (`is_plain_key`). `None` for anything else, which reads write as stored. Walks the
/// record once: call it as an element is stored, not as it is read. Its shape is kept in `shapes`.
pub fn compact_plan(element: &[u8], shapes: &mut SharedShapes) -> Option<CompactPlan> {
    let rest = element.strip_prefix(BEFORE_NAME)?;
    let name_len = rest
        .iter()
        .take(MAX_NAME_LEN + 1)
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_')
        .count();
    if name_len == 0 || name_len > MAX_NAME_LEN || !rest[name_len..].starts_with(BEFORE_KWARGS) {
        return None;
    }
    let kwargs_at = BEFORE_NAME.len() + name_len + BEFORE_KWARGS.len();
    let closing_brace = element.len() - 1;
    if element[closing_brace] != b'}' || element.get(kwargs_at) != Some(&b'{') {
        return None;
    }
    let kwargs_end = closing_brace - 1;
    let mut shape = rest[..name_len].to_vec();
    let mut kept: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<&[u8]> = Vec::new();
    let mut at = kwargs_at + 1;
    if element.get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            if element.get(at) != Some(&b'"') || keys.len() == MAX_MEMBERS {
                return None;
            }
            let key_end = string_end(element, at + 1)?;
            let key = &element[at + 1..key_end];
            if !is_plain_key(key) || keys.contains(&key) || element.get(key_end + 1) != Some(&b':')
            {
                return None;
            }
            let value_at = key_end + 2;
            let value_end = value_end(element, value_at)?;
            shape.push(b' ');
            match &element[value_at..value_end] {
                empty @ (b"{}" | b"[]") => shape.push(empty[0]),
                _ => {
                    shape.push(b'=');
                    match kept.last_mut() {
                        // Adjacent to the last kept member: one run, the comma between them included.
                        Some(run) if run.1 as usize + 1 == at => run.1 = value_end as u32,
                        _ => kept.push((at as u32, value_end as u32)),
                    }
                }
            }
            shape.extend_from_slice(key);
            keys.push(key);
            at = value_end + 1;
            match element.get(value_end) {
                Some(b',') => {}
                Some(b'}') => break,
                _ => return None,
            }
        }
    }
    if at != kwargs_end + 1 {
        return None;
    }
    Some(CompactPlan {
        shape: shapes.share(shape),
        kept: kept.into(),
    })
}

/// Index just past the JSON value starting at `start`; `None` when none does (or whitespace
/// precedes it: canonical text has none).
pub(crate) fn value_end(data: &[u8], start: usize) -> Option<usize> {
    match *data.get(start)? {
        b'"' => Some(string_end(data, start + 1)? + 1),
        b'{' | b'[' => Some(container_end(data, start)? + 1),
        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
            let length = data[start..]
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                .count();
            Some(start + length)
        }
        _ => None,
    }
}

/// Index of the bracket closing the object or array that opens at `start`; `None` when it never
/// closes.
fn container_end(data: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'"' => i = string_end(data, i + 1)?,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The shapes of one document's compact records, each listed once; a record's "lc" is its index.
#[derive(Debug, Default)]
pub struct ShapeTable<'a> {
    /// Index by the shape's address: plans of one pool share their shapes.
    index: HashMap<*const u8, u32, Xxh3Builder>,
    shapes: Vec<&'a [u8]>,
}

impl<'a> ShapeTable<'a> {
    fn index_of(&mut self, shape: &'a Arc<[u8]>) -> u32 {
        let next = self.shapes.len() as u32;
        let index = *self.index.entry(shape.as_ptr()).or_insert(next);
        if index == next {
            self.shapes.push(shape);
        }
        index
    }

    /// The shapes as text, in index order (each is ASCII).
    pub fn into_strings(self) -> Vec<String> {
        self.shapes
            .into_iter()
            .map(|shape| String::from_utf8_lossy(shape).into_owned())
            .collect()
    }
}

/// Appends `record`, a canonical message record, in the compact form `plan` (from
/// `compact_plan(record)`) describes, its shape listed in `shapes`.
pub fn push_compact<'a>(
    out: &mut Vec<u8>,
    record: &[u8],
    plan: &'a CompactPlan,
    shapes: &mut ShapeTable<'a>,
) {
    out.extend_from_slice(br#"{"lc":""#);
    push_decimal(out, shapes.index_of(&plan.shape));
    out.push(b'"');
    if !plan.kept.is_empty() {
        out.push(b',');
        push_kept(out, record, plan);
    }
    out.push(b'}');
}

/// Appends the kept members of `record` (runs from `plan`), joined by commas.
fn push_kept(out: &mut Vec<u8>, record: &[u8], plan: &CompactPlan) {
    for (i, &(from, to)) in plan.kept.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&record[from as usize..to as usize]);
    }
}

/// Appends canonical message records, each with its plan, as one compact list (see the module
/// comment), their shapes listed in `shapes`.
pub fn push_compact_list<'a, 'r>(
    out: &mut Vec<u8>,
    records: impl Iterator<Item = (&'r [u8], &'a CompactPlan)> + Clone,
    shapes: &mut ShapeTable<'a>,
) {
    out.extend_from_slice(br#"{"lc":"[]","shapes":["#);
    for (i, (_, plan)) in records.clone().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_decimal(out, shapes.index_of(&plan.shape));
    }
    out.extend_from_slice(br#"],"records":["#);
    for (i, (record, plan)) in records.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        push_kept(out, record, plan);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Appends `n` in decimal, without the allocation of `to_string`.
fn push_decimal(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// What a compact record or list (the whole of `compact`) stands for, its shapes from `shapes`.
/// For tests: readers revive the compact forms directly.
#[cfg(test)]
pub fn expand_compact(compact: &[u8], shapes: &[String]) -> Option<Vec<u8>> {
    if let Some(rest) = compact.strip_prefix(br#"{"lc":"[]","shapes":["#) {
        let indexes_end = rest.iter().position(|&b| b == b']')?;
        let indexes = std::str::from_utf8(&rest[..indexes_end]).ok()?;
        let mut at = br#"{"lc":"[]","shapes":["#.len() + indexes_end;
        if !compact[at..].starts_with(br#"],"records":["#) {
            return None;
        }
        at += br#"],"records":["#.len();
        let mut records = Vec::new();
        for (i, index) in indexes.split(',').enumerate() {
            if i > 0 {
                at += usize::from(compact.get(at) == Some(&b','));
            }
            let end = container_end(compact, at)? + 1;
            // The members as the record form would carry them after its "lc".
            let members = &compact[at + 1..end - 1];
            let record = format!(
                r#"{{"lc":"{index}"{}{}}}"#,
                if members.is_empty() { "" } else { "," },
                String::from_utf8(members.to_vec()).ok()?
            );
            records.push(String::from_utf8(expand_compact(record.as_bytes(), shapes)?).ok()?);
            at = end;
        }
        if &compact[at..] != b"]}" {
            return None;
        }
        return Some(format!("[{}]", records.join(",")).into_bytes());
    }
    let rest = compact.strip_prefix(br#"{"lc":""#)?;
    let index_end = rest.iter().position(|&b| b == b'"')?;
    let shape = shapes.get(
        std::str::from_utf8(&rest[..index_end])
            .ok()?
            .parse::<usize>()
            .ok()?,
    )?;
    let mut parts = shape.split(' ');
    let name = parts.next()?;
    let mut at = br#"{"lc":""#.len() + index_end + 1;
    let mut members: Vec<String> = Vec::new();
    for part in parts {
        let (kind, key) = part.split_at(1);
        match kind {
            "{" => members.push(format!(r#""{key}":{{}}"#)),
            "[" => members.push(format!(r#""{key}":[]"#)),
            "=" => {
                if compact.get(at) != Some(&b',')
                    || !compact[at + 1..].starts_with(format!(r#""{key}":"#).as_bytes())
                {
                    return None;
                }
                let end = value_end(compact, at + key.len() + 4)?;
                members.push(String::from_utf8(compact[at + 1..end].to_vec()).ok()?);
                at = end;
            }
            _ => return None,
        }
    }
    if at != compact.len() - 1 || compact[at] != b'}' {
        return None;
    }
    Some(format!(r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","{name}"],"kwargs":{{{}}}}}"#, members.join(",")).into_bytes())
}

#[cfg(test)]
#[path = "message_record_tests.rs"]
mod tests;
