//! Channel values stored as deltas of what the thread already holds. A chat's message list
//! changes by a message or two per version, so a large JSON array is kept as its elements, each
//! held once per thread in a pool; the next version is matched against the previous one by byte
//! comparison, so only its new elements are scanned and hashed. Each element is scanned for the
//! reviver once, as it enters the pool; a value's report is composed from its elements'. Whether
//! an element is a canonical message record, and how a read may write it compact, is found then too.

use std::sync::Arc;

use crate::memory::message_record::{self, CompactPlan, ShapeTable, SharedShapes};
use crate::serde::json_scan::{self, PartScan};

#[derive(Debug)]
pub enum StoredValue {
    /// The bytes as the serializer wrote them.
    Whole(Box<[u8]>),
    /// A compact JSON array kept as its elements, each shared with every other value of the
    /// thread holding the same bytes: `[` + elements joined by `,` + `]` is the value. With the
    /// compact plan of each element (see `ElementFacts`).
    Elements {
        elements: Elements,
        plans: Box<[CompactPlanRef]>,
        len: usize,
    },
}

/// A JSON array value as its elements, each shared through the pool.
type Elements = Box<[Arc<[u8]>]>;

/// An element's compact plan, shared by every value holding the element.
type CompactPlanRef = Option<Arc<CompactPlan>>;

/// What the pool found in an element as it entered.
#[derive(Debug, Clone)]
struct ElementFacts {
    /// What `json_scan` found (`None`: it fails the scan on its own).
    scan: Option<PartScan>,
    /// How a read writes it compact when it is a canonical message record (`message_record`).
    compact: CompactPlanRef,
}

/// Elements of one thread's array values, by content, each with what was found in it: a message
/// kept by 100 versions of a sliding-window chat is held and examined once.
#[derive(Debug, Default)]
pub struct ElementPool {
    elements: std::collections::HashMap<Arc<[u8]>, ElementFacts, xxhash_rust::xxh3::Xxh3Builder>,
    /// The shapes of the elements' compact plans, each kept once.
    shapes: SharedShapes,
    /// The latest array stored for each (namespace, channel). The next version of a message list
    /// mostly repeats its elements, which a byte comparison finds far faster than parsing.
    latest: std::collections::HashMap<(String, String), LatestArray>,
}

/// The elements of an array value and their facts, in order.
#[derive(Debug)]
struct LatestArray {
    elements: Elements,
    facts: Box<[ElementFacts]>,
    /// The checkpoint whose put stored it (set by the store after the put, `mark_latest`).
    source: Option<Box<str>>,
}

/// How many leading elements of the previous version a new version may have dropped (a chat
/// trimmed to a window) and still be matched against it without parsing.
const MAX_DROPPED: usize = 8;

impl ElementPool {
    /// The pool's copy of an element and its facts; an element new to the pool is examined here.
    fn intern(&mut self, bytes: &[u8]) -> (Arc<[u8]>, ElementFacts) {
        if let Some((element, facts)) = self.elements.get_key_value(bytes) {
            return (element.clone(), facts.clone());
        }
        let element: Arc<[u8]> = Arc::from(bytes);
        let facts = ElementFacts {
            scan: json_scan::scan_part(bytes),
            compact: message_record::compact_plan(bytes, &mut self.shapes).map(Arc::new),
        };
        self.elements.insert(element.clone(), facts.clone());
        (element, facts)
    }

    /// Byte length of the first `count` elements of `line`'s latest array joined by commas, when
    /// it has that many: a put that sends only the elements after them must agree with it.
    /// `source` must be the checkpoint whose put stored that latest array.
    pub fn latest_prefix_len(
        &self,
        line: (&str, &str),
        count: usize,
        source: &str,
    ) -> Option<usize> {
        let latest = self.latest.get(&(line.0.to_string(), line.1.to_string()))?;
        if latest.source.as_deref() != Some(source) {
            return None;
        }
        let prefix = latest.elements.get(..count)?;
        Some(prefix.iter().map(|element| element.len()).sum::<usize>() + count.saturating_sub(1))
    }

    /// Records that `line`'s latest array was stored by the put of checkpoint `source`.
    pub fn mark_latest(&mut self, line: (&str, &str), source: &str) {
        if let Some(latest) = self
            .latest
            .get_mut(&(line.0.to_string(), line.1.to_string()))
        {
            latest.source = Some(source.into());
        }
    }

    /// The array whose first `count` elements are those of `line`'s latest array and whose
    /// others are the elements of the compact JSON array `tail`; remembered as the latest value of
    /// `line`. `None` when the latest array is shorter or `tail` is not a compact array.
    fn split_after(
        &mut self,
        count: usize,
        tail: &[u8],
        line: (&str, &str),
    ) -> Option<(StoredValue, Option<PartScan>)> {
        let key = array_key(tail, line)?;
        let previous = self.latest.get(&key)?;
        let mut elements: Vec<Arc<[u8]>> = previous.elements.get(..count)?.to_vec();
        let mut facts: Vec<ElementFacts> = previous.facts[..count].to_vec();
        let ranges = if tail.len() == 2 {
            Vec::new()
        } else {
            array_elements_from(tail, 1)?
        };
        for (from, to) in ranges {
            let (element, element_facts) = self.intern(&tail[from..to]);
            elements.push(element);
            facts.push(element_facts);
        }
        let len = 2
            + elements.iter().map(|element| element.len()).sum::<usize>()
            + elements.len().saturating_sub(1);
        Some(self.remember(key, elements, facts, len))
    }

    /// The value made of `elements` (with their `facts`), `len` bytes as JSON, with its scan
    /// composed from theirs; remembered as the latest array of `key` (namespace, channel).
    fn remember(
        &mut self,
        key: (String, String),
        elements: Vec<Arc<[u8]>>,
        facts: Vec<ElementFacts>,
        len: usize,
    ) -> (StoredValue, Option<PartScan>) {
        let scan = array_scan(&facts);
        let plans = facts
            .iter()
            .map(|element| element.compact.clone())
            .collect();
        let elements: Elements = elements.into();
        self.latest.insert(
            key,
            LatestArray {
                elements: elements.clone(),
                facts: facts.into(),
                source: None,
            },
        );
        (
            StoredValue::Elements {
                elements,
                plans,
                len,
            },
            scan,
        )
    }

    /// `json` as its elements when it is a compact JSON array, sharing every element the pool
    /// holds, with its scan composed from theirs; remembered as the latest value of `line`
    /// (namespace, channel).
    fn split(
        &mut self,
        json: &[u8],
        line: (&str, &str),
    ) -> Option<(StoredValue, Option<PartScan>)> {
        let key = array_key(json, line)?;
        let mut elements: Vec<Arc<[u8]>> = Vec::new();
        let mut facts: Vec<ElementFacts> = Vec::new();
        let mut rest = Some(1);
        if let Some(previous) = self.latest.get(&key) {
            let (repeated, next) = repeated_run(json, &previous.elements);
            elements.extend(previous.elements[repeated.clone()].iter().cloned());
            facts.extend(previous.facts[repeated].iter().cloned());
            rest = next;
        }
        if let Some(start) = rest {
            for (from, to) in array_elements_from(json, start)? {
                let (element, element_facts) = self.intern(&json[from..to]);
                elements.push(element);
                facts.push(element_facts);
            }
        }
        Some(self.remember(key, elements, facts, json.len()))
    }

    /// Bytes the pool holds (each element, its plan and each shape once).
    pub fn stored_len(&self) -> usize {
        let elements: usize = self
            .elements
            .iter()
            .map(|(element, facts)| {
                element.len() + facts.compact.as_ref().map_or(0, |plan| plan.stored_len())
            })
            .sum();
        elements + self.shapes.stored_len()
    }
}

/// The key (namespace, channel) of `line`'s latest array, when `json` is bracketed as an array.
fn array_key(json: &[u8], line: (&str, &str)) -> Option<(String, String)> {
    let bracketed = json.len() >= 2 && json[0] == b'[' && json[json.len() - 1] == b']';
    bracketed.then(|| (line.0.to_string(), line.1.to_string()))
}

/// The scan of the array `[` + elements + `]` from its elements' scans; `None` when one has none.
fn array_scan(elements: &[ElementFacts]) -> Option<PartScan> {
    let mut array = PartScan::container();
    for element in elements {
        array.include(element.scan.as_ref()?, 1);
    }
    Some(array)
}

/// The longest run of `previous` elements (after dropping at most `MAX_DROPPED` of its first
/// ones) that `json`, a JSON array, starts with, as indexes into `previous`, and where its
/// remaining elements start (`None` when the run reaches the closing bracket). An element is
/// matched only when a `,` or the closing bracket follows it, so each matched range is a whole
/// element.
fn repeated_run(json: &[u8], previous: &[Arc<[u8]>]) -> (std::ops::Range<usize>, Option<usize>) {
    let end = json.len() - 1;
    let mut best = (0..0, Some(1));
    for dropped in 0..=MAX_DROPPED.min(previous.len()) {
        let candidates = &previous[dropped..];
        let mut at = 1;
        let mut matched = 0;
        let mut next = Some(1);
        for element in candidates {
            let after = at + element.len();
            if after > end || json[at..after] != element[..] {
                break;
            }
            matched += 1;
            if after == end {
                next = None;
                break;
            }
            if json[after] != b',' {
                matched -= 1;
                break;
            }
            at = after + 1;
            next = Some(at);
        }
        if matched > best.0.len() {
            best = (dropped..dropped + matched, next);
        }
    }
    best
}

/// Arrays shorter than this are stored whole.
const ELEMENTS_FROM: usize = 1024;

/// Byte ranges of the elements of a compact JSON array (`[a,b]`, no whitespace between them),
/// or `None` when `json` is not one: the ranges joined back must give `json` exactly.
#[cfg(test)]
fn array_elements(json: &[u8]) -> Option<Vec<(usize, usize)>> {
    if json.len() < 2 || json[0] != b'[' || json[json.len() - 1] != b']' {
        return None;
    }
    array_elements_from(json, 1)
}

/// Byte ranges of the elements of a non-empty compact JSON array (`[a,b]`), or `None` when
/// `json` is not one.
pub fn array_element_ranges(json: &[u8]) -> Option<Vec<(usize, usize)>> {
    if json.len() < 3 || json[0] != b'[' || json[json.len() - 1] != b']' {
        return None;
    }
    array_elements_from(json, 1)
}

/// Byte ranges of the elements of the compact JSON array `json` from `start` (just after its
/// `[` or after a `,` between elements) to its closing bracket.
fn array_elements_from(json: &[u8], start: usize) -> Option<Vec<(usize, usize)>> {
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    let mut start = start;
    let mut i = start;
    let end = json.len() - 1;
    let after_comma = start > 1;
    while i < end {
        match json[i] {
            b'"' => {
                i = crate::serde::json_scan::string_end(&json[..end], i + 1)?;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                ranges.push((start, i));
                start = i + 1;
            }
            b' ' | b'\n' | b'\r' | b'\t' if depth == 0 => return None,
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return None;
    }
    if start < end {
        ranges.push((start, end));
    } else if !ranges.is_empty() || after_comma {
        return None; // a trailing comma: not JSON
    }
    if ranges.iter().any(|&(from, to)| from == to) {
        return None;
    }
    Some(ranges)
}

/// Appends the JSON array whose elements are `parts` (each already JSON text).
pub fn push_json_array<'a>(out: &mut Vec<u8>, parts: impl IntoIterator<Item = &'a [u8]>) {
    push_array_with(out, parts, |out, part| out.extend_from_slice(part));
}

/// Appends a JSON array, each of `items` written as an element by `write`.
fn push_array_with<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

impl StoredValue {
    /// Stores `bytes` as they are: fast to read.
    pub fn raw(bytes: &[u8]) -> StoredValue {
        StoredValue::Whole(bytes.into())
    }

    /// Stores `bytes` whole; a large compact JSON array as its elements from `pool`.
    /// `line` is the value's (namespace, channel): its previous version is matched first. With
    /// what `json_scan` finds in JSON bytes (`None`: not JSON, or it fails the scan).
    pub fn shared(
        bytes: &[u8],
        json: bool,
        pool: &mut ElementPool,
        line: (&str, &str),
    ) -> (StoredValue, Option<PartScan>) {
        if !json {
            return (StoredValue::raw(bytes), None);
        }
        if bytes.len() >= ELEMENTS_FROM {
            if let Some(split) = pool.split(bytes, line) {
                return split;
            }
        }
        (StoredValue::raw(bytes), json_scan::scan_part(bytes))
    }

    /// `shared` of the array whose first `count` elements are `line`'s latest array's, followed by
    /// the elements of the JSON array `tail`: what a saver sends when it knows the thread holds the
    /// start of the value already (`ElementPool::latest_prefix_len` checked it first).
    pub fn after_prefix(
        count: usize,
        tail: &[u8],
        pool: &mut ElementPool,
        line: (&str, &str),
    ) -> (StoredValue, Option<PartScan>) {
        if let Some(split) = pool.split_after(count, tail, line) {
            return split;
        }
        // Not a compact array after all: the value is rebuilt whole and stored as any other.
        let mut whole = Vec::new();
        let prefix = pool
            .latest
            .get(&(line.0.to_string(), line.1.to_string()))
            .map(|latest| latest.elements[..count.min(latest.elements.len())].to_vec())
            .unwrap_or_default();
        let inner = tail
            .get(1..tail.len().saturating_sub(1))
            .unwrap_or_default();
        whole.push(b'[');
        for (i, element) in prefix.iter().enumerate() {
            if i > 0 {
                whole.push(b',');
            }
            whole.extend_from_slice(element);
        }
        if !prefix.is_empty() && !inner.is_empty() {
            whole.push(b',');
        }
        whole.extend_from_slice(inner);
        whole.push(b']');
        StoredValue::shared(&whole, true, pool, line)
    }

    /// Appends the value's bytes to `out`.
    pub fn write_plain(&self, out: &mut Vec<u8>) {
        match self {
            StoredValue::Whole(bytes) => out.extend_from_slice(bytes),
            StoredValue::Elements { elements, .. } => {
                push_json_array(out, elements.iter().map(|element| &element[..]))
            }
        }
    }

    /// Appends what `write_plain` does, but for the elements of an array held as elements that
    /// are canonical message records, written in their compact forms (`message_record`): a
    /// compact list when every element is one, else each on its own; their shapes listed in
    /// `shapes`.
    pub fn write_compact_records<'a>(&'a self, out: &mut Vec<u8>, shapes: &mut ShapeTable<'a>) {
        let StoredValue::Elements {
            elements, plans, ..
        } = self
        else {
            return self.write_plain(out);
        };
        if plans.iter().all(Option::is_some) {
            let records = elements
                .iter()
                .zip(plans.iter())
                .filter_map(|(element, plan)| Some((&element[..], plan.as_deref()?)));
            message_record::push_compact_list(out, records, shapes);
            return;
        }
        push_array_with(
            out,
            elements.iter().zip(plans.iter()),
            |out, (element, plan)| match plan {
                Some(plan) => message_record::push_compact(out, element, plan, shapes),
                None => out.extend_from_slice(element),
            },
        );
    }

    /// Length of the value's bytes.
    pub fn len(&self) -> usize {
        match self {
            StoredValue::Whole(bytes) => bytes.len(),
            StoredValue::Elements { len, .. } => *len,
        }
    }

    /// A copy of the value's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            StoredValue::Whole(bytes) => bytes.to_vec(),
            StoredValue::Elements { len, .. } => {
                let mut out = Vec::with_capacity(*len);
                self.write_plain(&mut out);
                out
            }
        }
    }

    /// Bytes this value holds on its own (shared elements are counted by their pool).
    pub fn stored_len(&self) -> usize {
        match self {
            StoredValue::Whole(bytes) => bytes.len(),
            // The elements themselves are counted once, by their pool.
            StoredValue::Elements {
                elements, plans, ..
            } => {
                elements.len() * std::mem::size_of::<Arc<[u8]>>()
                    + plans.len() * std::mem::size_of::<CompactPlanRef>()
            }
        }
    }
}

#[cfg(test)]
#[path = "element_pool_tests.rs"]
mod tests;
