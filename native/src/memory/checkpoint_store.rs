//! In-memory checkpoint storage. A checkpoint is kept without its channel values, and holds a
//! reference to each of its values: a value the put carries is stored once, and a channel the
//! step did not change shares its parent checkpoint's value. A value is never looked up by its
//! version number: LangGraph.js versions are integers, and a fork (`updateState` on an older
//! checkpoint, a replay) gives a different value the version an existing one has. Checkpoints of
//! a namespace sit in a `BTreeMap` by id, so the latest one and `before` ranges need no sort.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use indexmap::IndexMap;

use crate::memory::element_pool::{push_json_array, ElementPool, StoredValue};
use crate::memory::message_record::ShapeTable;
use crate::memory::metadata_filter::{js_key_order, MetadataFilter};
use crate::memory::typed::{Typed, TypedCopy};
use crate::serde::json_scan::{self, PartScan, ScanReport};

/// A channel of a checkpoint being put: its name and the version key of its value.
#[derive(Clone, Debug)]
pub struct ChannelRef {
    pub name: String,
    pub version: String,
}

/// A channel value of a checkpoint being put, with the value itself (type tag and bytes) when
/// the put carries it; `None` keeps the parent checkpoint's value of the channel at that version.
pub type ChannelInput<'a> = (ChannelRef, Option<(String, &'a [u8])>);

/// Says that a carried value is a JSON array whose first `count` elements are those of the latest
/// array the thread stored for that channel, `len` bytes joined by commas: the saver sent only the
/// elements after them (as a JSON array). A long chat's put then crosses with its new messages
/// instead of all of them.
/// `source` is the checkpoint whose put stored that latest array: a put that stored the value
/// whole (too short to split) leaves no latest array of its own, and the next prefix is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementPrefix {
    pub count: usize,
    pub len: usize,
    pub source: String,
}

/// A channel value of a stored checkpoint, shared with the checkpoints that did not change it.
#[derive(Debug)]
pub struct StoredChannel {
    pub name: String,
    /// The version key it was put with: a child put at the same version shares the value.
    pub version: String,
    pub value: Arc<ChannelValue>,
}

#[derive(Debug)]
pub struct CheckpointRecord {
    /// The checkpoint serialized with empty `channel_values`.
    pub checkpoint: Typed,
    pub metadata: Typed,
    pub parent_id: Option<String>,
    /// The values of `channel_values`, in output order (set by `put`).
    pub channels: Vec<StoredChannel>,
    /// Where the `{}` of a top-level `"channel_values":{}` is in JSON checkpoint bytes (set by
    /// `put`), so a read can splice the values in and hand JavaScript one document.
    pub values_at: Option<usize>,
    /// What `json_scan` found in the checkpoint and the metadata when JSON (set by `put`), so a
    /// read composes the joined document's report instead of scanning it.
    pub checkpoint_scan: Option<PartScan>,
    pub metadata_scan: Option<PartScan>,
}

impl CheckpointRecord {
    /// A record to `put`: its channel values and what is found in its bytes are set there.
    pub fn new(checkpoint: Typed, metadata: Typed, parent_id: Option<String>) -> CheckpointRecord {
        CheckpointRecord {
            checkpoint,
            metadata,
            parent_id,
            channels: Vec::new(),
            values_at: None,
            checkpoint_scan: None,
            metadata_scan: None,
        }
    }

    /// This checkpoint's value of `channel` when it holds the channel at the same version. A
    /// child lists its channels in the parent's order, so position `at` is tried first.
    fn value_at(&self, at: usize, channel: &ChannelRef) -> Option<&Arc<ChannelValue>> {
        let stored = match self.channels.get(at) {
            Some(stored) if stored.name == channel.name => stored,
            _ => self
                .channels
                .iter()
                .find(|stored| stored.name == channel.name)?,
        };
        (stored.version == channel.version).then_some(&stored.value)
    }
}

#[derive(Debug)]
pub struct WriteRecord {
    pub task_id: String,
    pub idx: i64,
    pub channel: String,
    pub task_path: String,
    pub value: Typed,
    /// What `json_scan` found in the value when JSON (set by `put_writes`).
    pub scan: Option<PartScan>,
}

/// The writes of one checkpoint: insertion order (for pending sends) plus a (task, idx) index.
#[derive(Debug, Default)]
struct WriteSet {
    records: Vec<WriteRecord>,
    index: HashMap<(String, i64), usize>,
}

pub struct TupleOut {
    pub checkpoint_id: String,
    pub parent_id: Option<String>,
    pub checkpoint: TypedCopy,
    pub metadata: TypedCopy,
    /// (channel, type, bytes) for every channel with a stored, non-empty value.
    pub channels: Vec<(String, TypedCopy)>,
    pub writes: Vec<WriteOut>,
    /// When asked for and everything is JSON: `[checkpoint with its channel values, metadata,
    /// [write values...]]` as one document; then `checkpoint`, `metadata`, `channels` and the
    /// write values are left empty.
    pub combined: Option<Vec<u8>>,
    /// What `json_scan::scan` (unbounded) reports for `combined`, composed from its parts' stored
    /// reports; `None` when a part has none or the joining could change what it marks.
    pub combined_scan: Option<ScanReport>,
    /// When `combined` holds canonical message records of pooled array elements in their compact
    /// form (`message_record`), the shapes those records index; then no part has an object whose
    /// "lc" key holds a string: in `combined`, an object with a string "lc" value is a compact
    /// record. Only `get_document` compacts.
    pub compact_shapes: Option<Vec<String>>,
}

impl TupleOut {
    /// `json_scan::scan(combined, depth_limit)` as a report, composed when the parts allow;
    /// `None` when there is no combined document or it fails that scan.
    pub fn combined_report(&self, depth_limit: u32) -> Option<ScanReport> {
        let combined = self.combined.as_ref()?;
        match &self.combined_scan {
            Some(report) => report.within_depth(depth_limit).then(|| report.clone()),
            None => json_scan::scan(combined, depth_limit).ok(),
        }
    }
}

pub struct WriteOut {
    pub task_id: String,
    pub channel: String,
    pub value: TypedCopy,
}

pub struct ChannelHistoryOut {
    pub seed: Option<TypedCopy>,
    pub writes: Vec<WriteOut>,
}

/// A channel value: the serializer's type tag, the (possibly patched) bytes and what `json_scan`
/// found in them when JSON.
#[derive(Debug)]
pub struct ChannelValue {
    kind: String,
    value: StoredValue,
    scan: Option<PartScan>,
}

type Namespaces = IndexMap<String, BTreeMap<String, CheckpointRecord>>;

/// Where a put's channel value comes from: the put itself (type tag, bytes) or the parent.
enum ValueSource<'a> {
    Carried(String, &'a [u8], Option<ElementPrefix>),
    Shared(Arc<ChannelValue>),
}

#[derive(Default)]
pub struct CheckpointStore {
    threads: IndexMap<String, Namespaces>,
    /// Each thread's array elements, shared by its values (`element_pool`).
    elements: HashMap<String, ElementPool>,
    writes: HashMap<String, HashMap<(String, String), WriteSet>>,
}

impl CheckpointStore {
    /// Stores the checkpoint with `channels`, its channel values in output order. A channel whose
    /// value the put does not carry shares the parent checkpoint's value when the parent holds
    /// that channel at the same version; when it does not (no parent here, another version),
    /// nothing is stored and `false` asks the caller to put again with that value. (The tests'
    /// shorthand: the saver calls `put_with_prefixes`.)
    #[cfg(test)]
    pub fn put(
        &mut self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: &str,
        record: CheckpointRecord,
        channels: Vec<ChannelInput>,
    ) -> bool {
        self.put_with_prefixes(thread_id, ns, checkpoint_id, record, channels, &[])
    }

    /// `put`, where `prefixes[at]` (when given) says channel `at`'s carried bytes hold only the
    /// elements after an `ElementPrefix` of its latest array. Stores nothing and returns `false`
    /// when the thread's latest array does not have that prefix: the caller then sends it whole.
    pub fn put_with_prefixes(
        &mut self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: &str,
        mut record: CheckpointRecord,
        channels: Vec<ChannelInput>,
        prefixes: &[Option<ElementPrefix>],
    ) -> bool {
        let pool = self.elements.get(thread_id);
        for (at, prefix) in prefixes.iter().enumerate() {
            let (Some(prefix), Some((channel, Some(_)))) = (prefix, channels.get(at)) else {
                continue;
            };
            if pool.and_then(|pool| {
                pool.latest_prefix_len((ns, &channel.name), prefix.count, &prefix.source)
            }) != Some(prefix.len)
            {
                return false;
            }
        }
        let parent = record
            .parent_id
            .as_deref()
            .and_then(|id| self.threads.get(thread_id)?.get(ns)?.get(id));
        let mut sources = Vec::with_capacity(channels.len());
        for (at, (channel, carried)) in channels.into_iter().enumerate() {
            let source = match carried {
                Some((kind, bytes)) => {
                    ValueSource::Carried(kind, bytes, prefixes.get(at).cloned().flatten())
                }
                None => match parent.and_then(|parent| parent.value_at(at, &channel)) {
                    Some(shared) => ValueSource::Shared(shared.clone()),
                    None => return false,
                },
            };
            sources.push((channel, source));
        }
        record.values_at = if record.checkpoint.kind == "json" {
            empty_channel_values(&record.checkpoint.bytes)
        } else {
            None
        };
        record.checkpoint_scan = scan_json(&record.checkpoint);
        record.metadata_scan = scan_json(&record.metadata);
        let pool = self.elements.entry(thread_id.to_string()).or_default();
        record.channels = sources
            .into_iter()
            .map(|(channel, source)| {
                let value = match source {
                    ValueSource::Carried(kind, bytes, prefix) => {
                        let (value, scan) = match prefix {
                            Some(prefix) if kind == "json" => StoredValue::after_prefix(
                                prefix.count,
                                bytes,
                                pool,
                                (ns, &channel.name),
                            ),
                            _ => StoredValue::shared(
                                bytes,
                                kind == "json",
                                pool,
                                (ns, &channel.name),
                            ),
                        };
                        // Held as elements: this put made them the channel's latest array.
                        if matches!(value, StoredValue::Elements { .. }) {
                            pool.mark_latest((ns, &channel.name), checkpoint_id);
                        }
                        Arc::new(ChannelValue { kind, value, scan })
                    }
                    ValueSource::Shared(shared) => shared,
                };
                StoredChannel {
                    name: channel.name,
                    version: channel.version,
                    value,
                }
            })
            .collect();
        let namespaces = self.threads.entry(thread_id.to_string()).or_default();
        namespaces
            .entry(ns.to_string())
            .or_default()
            .insert(checkpoint_id.to_string(), record);
        true
    }

    /// The host's rule: a regular write (idx >= 0) already stored for (task, idx) is kept;
    /// special writes (negative idx) replace it.
    pub fn put_writes(
        &mut self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: &str,
        writes: Vec<WriteRecord>,
    ) {
        let set = self
            .writes
            .entry(thread_id.to_string())
            .or_default()
            .entry((ns.to_string(), checkpoint_id.to_string()))
            .or_default();
        for write in writes {
            let key = (write.task_id.clone(), write.idx);
            match set.index.get(&key) {
                Some(&at) if write.idx < 0 => set.records[at] = scanned(write),
                Some(_) => {}
                None => {
                    set.index.insert(key, set.records.len());
                    set.records.push(scanned(write));
                }
            }
        }
    }

    /// Bytes of serialized data held (a shared array element counts once). For status and benchmarks; walks everything.
    pub fn stored_bytes(&self) -> usize {
        let checkpoints: usize = self
            .threads
            .values()
            .flat_map(|namespaces| namespaces.values())
            .flat_map(|checkpoints| checkpoints.values())
            .map(|record| record.checkpoint.bytes.len() + record.metadata.bytes.len())
            .sum();
        // A value shared by several checkpoints counts once.
        let mut seen = std::collections::HashSet::new();
        let values: usize = self
            .threads
            .values()
            .flat_map(|namespaces| namespaces.values())
            .flat_map(|checkpoints| checkpoints.values())
            .flat_map(|record| record.channels.iter())
            .filter(|channel| seen.insert(Arc::as_ptr(&channel.value)))
            .map(|channel| channel.value.value.stored_len())
            .sum::<usize>()
            + self
                .elements
                .values()
                .map(ElementPool::stored_len)
                .sum::<usize>();
        let writes: usize = self
            .writes
            .values()
            .flat_map(|sets| sets.values())
            .flat_map(|set| set.records.iter())
            .map(|write| write.value.bytes.len())
            .sum();
        checkpoints + values + writes
    }

    pub fn delete_thread(&mut self, thread_id: &str) {
        self.threads.shift_remove(thread_id);
        self.elements.remove(thread_id);
        self.writes.remove(thread_id);
    }

    fn namespace(&self, thread_id: &str, ns: &str) -> Option<&BTreeMap<String, CheckpointRecord>> {
        self.threads.get(thread_id)?.get(ns)
    }

    /// The checkpoint `checkpoint_id`, or the latest of the namespace when it is `None`, its
    /// JSON parts `joining` as asked: apart, as one document (see `TupleOut::combined`), or as
    /// one document with message records compact (for a reader that takes them so: when its
    /// report is composed and no part has a string "lc" value, see `TupleOut::compact_shapes`).
    pub fn get(
        &self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: Option<&str>,
        with_writes: bool,
        joining: Joining,
    ) -> Option<TupleOut> {
        let checkpoints = self.namespace(thread_id, ns)?;
        let (id, record) = match checkpoint_id {
            Some(id) => checkpoints.get_key_value(id)?,
            None => checkpoints.last_key_value()?,
        };
        let stored: Vec<(&String, &ChannelValue)> = record
            .channels
            .iter()
            .map(|channel| (&channel.name, &*channel.value))
            .collect();
        let writes = if with_writes {
            self.ordered_writes(thread_id, ns, id)
        } else {
            Vec::new()
        };
        if joining != Joining::Parts {
            let document_scan = compose_combined_scan(record, &stored, &writes);
            let compact_records = joining == Joining::CompactRecords
                && document_scan.as_ref().is_some_and(|scan| !scan.string_lc);
            let mut shapes = compact_records.then(ShapeTable::default);
            if let Some(combined) = combine_json(record, &stored, &writes, shapes.as_mut()) {
                let writes = writes
                    .into_iter()
                    .map(|write| WriteOut {
                        task_id: write.task_id.clone(),
                        channel: write.channel.clone(),
                        value: (String::new(), Vec::new()),
                    })
                    .collect();
                return Some(TupleOut {
                    checkpoint_id: id.clone(),
                    parent_id: record.parent_id.clone(),
                    checkpoint: (String::new(), Vec::new()),
                    metadata: (String::new(), Vec::new()),
                    channels: Vec::new(),
                    writes,
                    combined: Some(combined),
                    // Also for a compact document: a compact record nests no deeper than its full
                    // form, so max_depth is at least the real one, which only makes checks stricter.
                    combined_scan: document_scan.map(|scan| scan.report),
                    compact_shapes: shapes.map(ShapeTable::into_strings),
                });
            }
        }
        Some(TupleOut {
            checkpoint_id: id.clone(),
            parent_id: record.parent_id.clone(),
            checkpoint: record.checkpoint.copy_out(),
            metadata: record.metadata.copy_out(),
            channels: stored
                .into_iter()
                .map(|(name, value)| (name.clone(), copy_channel(value)))
                .collect(),
            writes: writes.into_iter().map(write_out).collect(),
            combined: None,
            combined_scan: None,
            compact_shapes: None,
        })
    }

    /// The writes of one checkpoint, if it has any.
    fn write_set(&self, thread_id: &str, ns: &str, checkpoint_id: &str) -> Option<&WriteSet> {
        self.writes
            .get(thread_id)?
            .get(&(ns.to_string(), checkpoint_id.to_string()))
    }

    /// Writes of one checkpoint in `writesSortKey` order: (task_path, task_id, idx). Byte order of
    /// UTF-8 is code-point order, which is what the host's comparator uses.
    fn ordered_writes(&self, thread_id: &str, ns: &str, checkpoint_id: &str) -> Vec<&WriteRecord> {
        let Some(set) = self.write_set(thread_id, ns, checkpoint_id) else {
            return Vec::new();
        };
        let mut ordered: Vec<&WriteRecord> = set.records.iter().collect();
        ordered.sort_by(|a, b| {
            (&a.task_path, &a.task_id, a.idx).cmp(&(&b.task_path, &b.task_id, b.idx))
        });
        ordered
    }

    /// Values written to `channel` for a checkpoint, in insertion order (the host's pending sends).
    pub fn channel_writes(
        &self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: &str,
        channel: &str,
    ) -> Vec<TypedCopy> {
        let Some(set) = self.write_set(thread_id, ns, checkpoint_id) else {
            return Vec::new();
        };
        set.records
            .iter()
            .filter(|write| write.channel == channel)
            .map(|write| write.value.copy_out())
            .collect()
    }

    /// Keys (thread, namespace, id) that `list` yields, newest first within a namespace.
    pub fn list_keys(&self, query: &ListQuery) -> Vec<(String, String, String)> {
        let mut found = Vec::new();
        let mut remaining = query.limit;
        let thread_ids: Vec<&String> = match &query.thread_id {
            Some(thread_id) => self
                .threads
                .get_key_value(thread_id)
                .map(|(key, _)| vec![key])
                .unwrap_or_default(),
            None => js_key_order(self.threads.keys()),
        };
        for thread_id in thread_ids {
            let namespaces = &self.threads[thread_id];
            for ns in js_key_order(namespaces.keys()) {
                if query
                    .checkpoint_ns
                    .as_ref()
                    .is_some_and(|wanted| wanted != ns)
                {
                    continue;
                }
                let checkpoints = &namespaces[ns];
                let newest_first: Box<dyn Iterator<Item = (&String, &CheckpointRecord)>> =
                    match &query.before {
                        Some(before) => Box::new(
                            checkpoints
                                .range::<str, _>((
                                    std::ops::Bound::Unbounded,
                                    std::ops::Bound::Excluded(before.as_str()),
                                ))
                                .rev(),
                        ),
                        None => Box::new(checkpoints.iter().rev()),
                    };
                for (id, record) in newest_first {
                    if query
                        .checkpoint_id
                        .as_ref()
                        .is_some_and(|wanted| wanted != id)
                    {
                        continue;
                    }
                    if !query.filter.is_empty()
                        && !query
                            .filter
                            .matches_typed(&record.metadata.kind, &record.metadata.bytes)
                    {
                        continue;
                    }
                    if remaining == Some(0) {
                        return found;
                    }
                    remaining = remaining.map(|left| left - 1);
                    found.push((thread_id.clone(), ns.clone(), id.clone()));
                }
            }
        }
        found
    }

    /// The host's `MemorySaver.getDeltaChannelHistory`: walk the parent chain once; each channel
    /// collects its writes until the nearest ancestor that stores a value for it (the seed).
    pub fn delta_history(
        &self,
        thread_id: &str,
        ns: &str,
        checkpoint_id: Option<&str>,
        channels: &[String],
        with_writes: bool,
    ) -> Vec<ChannelHistoryOut> {
        let mut out: Vec<ChannelHistoryOut> = channels
            .iter()
            .map(|_| ChannelHistoryOut {
                seed: None,
                writes: Vec::new(),
            })
            .collect();
        let Some(checkpoints) = self.namespace(thread_id, ns) else {
            return out;
        };
        let start = match checkpoint_id {
            Some(id) => checkpoints.get(id),
            None => checkpoints.last_key_value().map(|(_, record)| record),
        };
        let mut remaining: Vec<usize> = (0..channels.len()).collect();
        let mut cursor = start.and_then(|record| record.parent_id.clone());
        while let Some(id) = cursor {
            if remaining.is_empty() {
                break;
            }
            let Some(record) = checkpoints.get(&id) else {
                break;
            };
            let step_writes = if with_writes {
                self.ordered_writes(thread_id, ns, &id)
            } else {
                Vec::new()
            };
            for write in step_writes.iter().rev() {
                if let Some(&slot) = remaining
                    .iter()
                    .find(|&&slot| channels[slot] == write.channel)
                {
                    out[slot].writes.push(write_out(write));
                }
            }
            remaining.retain(|&slot| {
                match record
                    .channels
                    .iter()
                    .find(|channel| channel.name == channels[slot])
                {
                    Some(stored) => {
                        out[slot].seed = Some(copy_channel(&stored.value));
                        false
                    }
                    None => true,
                }
            });
            cursor = record.parent_id.clone();
        }
        for history in &mut out {
            history.writes.reverse();
        }
        out
    }
}

/// How `get` hands back parts that are all JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// Each part on its own.
    Parts,
    /// One document, every part as stored.
    Document,
    /// One document, with canonical message records compact when the document allows.
    CompactRecords,
}

pub struct ListQuery {
    pub thread_id: Option<String>,
    pub checkpoint_ns: Option<String>,
    pub checkpoint_id: Option<String>,
    pub before: Option<String>,
    pub filter: MetadataFilter,
    pub limit: Option<usize>,
}

/// `[checkpoint, metadata, [write values]]` in one buffer when every part is raw JSON and the
/// checkpoint has its `"channel_values":{}` slot; `None` sends the caller to the separate parts.
/// With `shapes`, channel values held as elements write their message records compact, listing
/// their shapes there.
fn combine_json<'a>(
    record: &CheckpointRecord,
    channels: &[(&String, &'a ChannelValue)],
    writes: &[&WriteRecord],
    mut shapes: Option<&mut ShapeTable<'a>>,
) -> Option<Vec<u8>> {
    let at = record.values_at?;
    let checkpoint = &record.checkpoint.bytes[..];
    let metadata = json_raw(&record.metadata)?;
    let mut values = Vec::with_capacity(channels.len());
    for (name, value) in channels {
        if value.kind != "json" {
            return None;
        }
        values.push((serde_json::to_string(name.as_str()).ok()?, &value.value));
    }
    let write_values: Vec<&[u8]> = writes
        .iter()
        .map(|write| json_raw(&write.value))
        .collect::<Option<_>>()?;
    let size = checkpoint.len()
        + metadata.len()
        + values
            .iter()
            .map(|(name, value)| name.len() + value.len() + 2)
            .sum::<usize>()
        + write_values
            .iter()
            .map(|bytes| bytes.len() + 1)
            .sum::<usize>()
        + 8;
    let mut out = Vec::with_capacity(size);
    out.push(b'[');
    out.extend_from_slice(&checkpoint[..at]);
    out.push(b'{');
    for (i, (name, value)) in values.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        if let Some(shapes) = shapes.as_deref_mut() {
            value.write_compact_records(&mut out, shapes);
        } else {
            value.write_plain(&mut out);
        }
    }
    out.push(b'}');
    out.extend_from_slice(&checkpoint[at + 2..]);
    out.push(b',');
    out.extend_from_slice(metadata);
    out.push(b',');
    push_json_array(&mut out, write_values.iter().copied());
    out.push(b']');
    Some(out)
}

/// The scan of the document `combine_json` joins, from the scans its parts were stored with:
/// `[checkpoint, metadata, [writes]]` puts the checkpoint and metadata 1 level deep, each write 2,
/// and each channel value 3 (inside the checkpoint's `channel_values`, whose `{}` the checkpoint's
/// own report counts). `None`, to scan the document instead, when a part has no report or when
/// the checkpoint or a channel name may make a record of what holds the values.
fn compose_combined_scan(
    record: &CheckpointRecord,
    channels: &[(&String, &ChannelValue)],
    writes: &[&WriteRecord],
) -> Option<PartScan> {
    let checkpoint = record.checkpoint_scan.as_ref()?;
    // Simplest exact rule: any record in the checkpoint itself is left to the full scan.
    if checkpoint.holds_record {
        return None;
    }
    let mut document = PartScan::container();
    document.include(&PartScan::container(), 1); // the writes array
    document.include(checkpoint, 1);
    document.include(record.metadata_scan.as_ref()?, 1);
    for (name, value) in channels {
        // The names become keys of `channel_values`.
        if json_scan::is_marker_key(name) {
            return None;
        }
        document.include(value.scan.as_ref()?, 3);
    }
    for write in writes {
        document.include(write.scan.as_ref()?, 2);
    }
    Some(document)
}

/// `write` with what `json_scan` finds in its value: scanned once, as it is kept.
fn scanned(mut write: WriteRecord) -> WriteRecord {
    write.scan = scan_json(&write.value);
    write
}

/// What `json_scan` finds in a JSON value, scanned once as it is stored; `None` for other types.
fn scan_json(value: &Typed) -> Option<PartScan> {
    if value.kind != "json" {
        return None;
    }
    json_scan::scan_part(&value.bytes)
}

fn json_raw(value: &Typed) -> Option<&[u8]> {
    if value.kind != "json" {
        return None;
    }
    let bytes = &value.bytes[..];
    // An empty value is no JSON document: leave it to the serializer, part by part.
    (!bytes.is_empty()).then_some(bytes)
}

/// Offset of the `{}` in a top-level `"channel_values":{}` member of compact JSON object bytes.
fn empty_channel_values(json: &[u8]) -> Option<usize> {
    const KEY: &[u8] = b"channel_values";
    if json.first() != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i + 1;
                let end = crate::serde::json_scan::string_end(json, start)?;
                if depth == 1 && &json[start..end] == KEY && json[end + 1..].starts_with(b":{}") {
                    return Some(end + 2);
                }
                i = end + 1;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
        i += 1;
    }
    None
}

fn copy_channel(value: &ChannelValue) -> TypedCopy {
    (value.kind.clone(), value.value.to_bytes())
}

fn write_out(write: &WriteRecord) -> WriteOut {
    WriteOut {
        task_id: write.task_id.clone(),
        channel: write.channel.clone(),
        value: write.value.copy_out(),
    }
}

#[cfg(test)]
#[path = "checkpoint_store_tests.rs"]
mod tests;
