//! The in-memory checkpoint store as JavaScript sees it: one call per saver method, bytes in as
//! `Uint8Array`s, bytes out as `Uint8Array`s. Serialization stays in JavaScript (`this.serde`).

use napi::bindgen_prelude::{Either, Uint8Array};
use napi_derive::napi;
// For `getDocument`, which `noop` unit-test builds leave out.
#[cfg(not(feature = "noop"))]
use {
    crate::bridge::js_string::js_text,
    crate::serde::codec::JsonScan,
    napi::{bindgen_prelude::Object, Env},
};

use crate::error::invalid_input;
use crate::memory::checkpoint_store::{
    ChannelInput, ChannelRef, CheckpointRecord, CheckpointStore, ElementPrefix, Joining, ListQuery,
    TupleOut, WriteOut, WriteRecord,
};
use crate::memory::metadata_filter::MetadataFilter;
use crate::memory::typed::Typed;

/// Serialized bytes, or JSON text the serializer wrote (then its UTF-8 bytes are stored): text
/// skips a `TextEncoder` pass and a byte array per value on the JavaScript side.
pub type Serialized = Either<String, Uint8Array>;

fn serialized_bytes(value: &Serialized) -> &[u8] {
    match value {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

/// The values a `put` carries: for each, its channel (an index into `channelNames`), type tag and
/// bytes; and, per value, an optional element prefix (see `MemoryCheckpointStore::put`).
struct CarriedValues<'a> {
    channels: Vec<u32>,
    types: Vec<String>,
    blobs: &'a [Serialized],
    prefixes: Option<Vec<u32>>,
    prefix_lens: Option<Vec<u32>>,
    prefix_sources: Option<Vec<String>>,
}

#[napi(object)]
pub struct StoredWrite {
    pub task_id: String,
    pub channel: String,
    pub value_type: String,
    pub value: Uint8Array,
}

#[napi(object)]
pub struct StoredCheckpoint {
    pub checkpoint_id: String,
    pub parent_checkpoint_id: Option<String>,
    pub checkpoint_type: String,
    pub checkpoint: Uint8Array,
    pub metadata_type: String,
    pub metadata: Uint8Array,
    pub channel_names: Vec<String>,
    pub channel_types: Vec<String>,
    pub channel_values: Vec<Uint8Array>,
    /// In `writesSortKey` order.
    pub writes: Vec<StoredWrite>,
    /// Asked for with `combine` and all JSON: `[checkpoint with channel_values, metadata,
    /// [write values]]`, one document for one `loadsTyped`; the parts above are then empty.
    pub combined: Option<Uint8Array>,
}

#[napi(object)]
pub struct CheckpointKey {
    pub thread_id: String,
    pub checkpoint_ns: String,
    pub checkpoint_id: String,
}

#[napi(object)]
pub struct StoredChannelHistory {
    pub has_seed: bool,
    pub seed_type: String,
    pub seed: Uint8Array,
    pub writes: Vec<StoredWrite>,
}

/// Checkpoints, channel values and writes of one `MemorySaver`, off the V8 heap.
#[napi]
pub struct MemoryCheckpointStore {
    store: CheckpointStore,
}

#[napi]
impl MemoryCheckpointStore {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        MemoryCheckpointStore {
            store: CheckpointStore::default(),
        }
    }

    /// Stores the checkpoint and returns `true`; or stores nothing and returns `false` when a
    /// channel's value is neither carried nor held by the parent at that version: the caller then
    /// puts again carrying every value.
    ///
    /// The checkpoint comes without channel values, with its metadata, the channels that hold a
    /// value (`channelNames`, the version key of each in `channelVersions`, in output order) and
    /// the values it carries (those in `newVersions`, or unversioned): `blobChannels[i]` indexes
    /// `channelNames`, `blobTypes[i]` and `blobs[i]` are its type tag and bytes. A channel whose
    /// value is not carried shares the parent checkpoint's value at the same version. Per blob,
    /// when given and > 0: the blob is a JSON array of the elements after the first
    /// `blobPrefixes[i]` elements of the latest array this thread stored for that channel, which
    /// are `blobPrefixLens[i]` bytes joined by commas and were stored by the put of checkpoint
    /// `blobPrefixSources[i]` (see `ElementPrefix`).
    // Positional, as every method of this class: one object of 16 properties cost ~2 µs more
    // per put than 16 arguments (10.4-10.6 vs 8.5-8.7 µs, bench memory), napi reading each
    // property by name.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &mut self,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: String,
        parent_checkpoint_id: Option<String>,
        checkpoint_type: String,
        checkpoint: Serialized,
        metadata_type: String,
        metadata: Serialized,
        channel_names: Vec<String>,
        channel_versions: Vec<String>,
        blob_channels: Vec<u32>,
        blob_types: Vec<String>,
        blobs: Vec<Serialized>,
        blob_prefixes: Option<Vec<u32>>,
        blob_prefix_lens: Option<Vec<u32>>,
        blob_prefix_sources: Option<Vec<String>>,
    ) -> napi::Result<bool> {
        let record = CheckpointRecord::new(
            Typed::new(checkpoint_type, serialized_bytes(&checkpoint)),
            Typed::new(metadata_type, serialized_bytes(&metadata)),
            parent_checkpoint_id,
        );
        let carried = CarriedValues {
            channels: blob_channels,
            types: blob_types,
            blobs: &blobs,
            prefixes: blob_prefixes,
            prefix_lens: blob_prefix_lens,
            prefix_sources: blob_prefix_sources,
        };
        let (channels, prefixes) = channel_inputs(channel_names, channel_versions, carried)?;
        Ok(self.store.put_with_prefixes(
            &thread_id,
            &checkpoint_ns,
            &checkpoint_id,
            record,
            channels,
            &prefixes,
        ))
    }

    /// Several `putWrites` calls at once, in call order, as the saver buffers them between its
    /// other methods: one crossing instead of one per call. Per call: its thread, namespace,
    /// checkpoint, task, task path and number of writes (`counts`); per write, in call order:
    /// its channel, index, type tag and serialized value. Checked whole before any is kept.
    // Columns, positional as every method of this class (it took the calls as one JSON string
    // before): measured on the store alone, columns cost 2.2 µs vs 2.4-2.6 µs for a batch of one
    // call (the common case: a superstep's writes are flushed by its put), the same at 8 calls
    // (14.0-14.2 vs 13.4-14.5 µs), 8-10% more at 128 calls (216-218 vs 196-203 µs).
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn put_writes_batch(
        &mut self,
        thread_ids: Vec<String>,
        checkpoint_nss: Vec<String>,
        checkpoint_ids: Vec<String>,
        task_ids: Vec<String>,
        task_paths: Vec<String>,
        counts: Vec<u32>,
        channels: Vec<String>,
        indexes: Vec<i64>,
        types: Vec<String>,
        values: Vec<Serialized>,
    ) -> napi::Result<()> {
        let calls = counts.len();
        if [
            &thread_ids,
            &checkpoint_nss,
            &checkpoint_ids,
            &task_ids,
            &task_paths,
        ]
        .iter()
        .any(|column| column.len() != calls)
        {
            return Err(invalid_input(
                "putWrites batch: call lists differ in length",
            ));
        }
        let writes: usize = counts.iter().map(|&count| count as usize).sum();
        if channels.len() != writes
            || indexes.len() != writes
            || types.len() != writes
            || values.len() != writes
        {
            return Err(invalid_input(
                "putWrites batch: values and writes differ in number",
            ));
        }
        let mut each_write = channels
            .into_iter()
            .zip(indexes)
            .zip(types)
            .zip(values.iter());
        for (call, &count) in counts.iter().enumerate() {
            let (task_id, task_path) = (&task_ids[call], &task_paths[call]);
            let writes = each_write
                .by_ref()
                .take(count as usize)
                .map(|(((channel, idx), kind), value)| WriteRecord {
                    task_id: task_id.clone(),
                    idx,
                    channel,
                    task_path: task_path.clone(),
                    value: Typed::new(kind, serialized_bytes(value)),
                    scan: None,
                })
                .collect();
            self.store.put_writes(
                &thread_ids[call],
                &checkpoint_nss[call],
                &checkpoint_ids[call],
                writes,
            );
        }
        Ok(())
    }

    /// The checkpoint `checkpointId`, or the latest of the namespace when it is absent. With
    /// `combine`, JSON parts come back as one document (`combined`).
    #[napi]
    pub fn get(
        &self,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: Option<String>,
        with_writes: bool,
        combine: Option<bool>,
    ) -> Option<StoredCheckpoint> {
        self.store
            .get(
                &thread_id,
                &checkpoint_ns,
                checkpoint_id.as_deref(),
                with_writes,
                if combine.unwrap_or(false) {
                    Joining::Document
                } else {
                    Joining::Parts
                },
            )
            .map(stored_checkpoint)
    }

    /// `get` with `combine` for a reader on the native serializer: the joined document comes back
    /// as a JavaScript string with its scan report (`text`, `scan`), so a read crosses once and
    /// makes no byte array. `text` is null when the parts cannot be joined or the joined bytes
    /// fail the scan: the caller reads the parts then, whose own loads report the error. Message
    /// records may come back compact, as `scan.compactShapes` then says.
    // Not in `noop` unit-test builds: there `#[napi(object)]` types (JsonScan) are not JS values.
    #[cfg(not(feature = "noop"))]
    #[napi(
        ts_return_type = "{ checkpointId: string; parentCheckpointId?: string; writeTaskIds: string[]; writeChannels: string[]; text: string | null; scan?: JsonScan } | null"
    )]
    pub fn get_document<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: Option<String>,
        with_writes: bool,
        depth_limit: u32,
    ) -> napi::Result<Option<Object<'env>>> {
        let Some(tuple) = self.store.get(
            &thread_id,
            &checkpoint_ns,
            checkpoint_id.as_deref(),
            with_writes,
            Joining::CompactRecords,
        ) else {
            return Ok(None);
        };
        // Composed from the reports the parts were stored with when they allow, else scanned.
        let report = tuple.combined_report(depth_limit);
        let mut out = Object::new(env)?;
        out.set("checkpointId", tuple.checkpoint_id)?;
        out.set("parentCheckpointId", tuple.parent_id)?;
        let (task_ids, channels): (Vec<String>, Vec<String>) = tuple
            .writes
            .into_iter()
            .map(|write| (write.task_id, write.channel))
            .unzip();
        out.set("writeTaskIds", task_ids)?;
        out.set("writeChannels", channels)?;
        match tuple.combined.zip(report) {
            Some((bytes, report)) => {
                out.set("text", js_text(env, &bytes)?)?;
                out.set(
                    "scan",
                    JsonScan {
                        compact_shapes: tuple.compact_shapes,
                        ..JsonScan::from(report)
                    },
                )?;
            }
            None => out.set("text", napi::bindgen_prelude::Null)?,
        }
        Ok(Some(out))
    }

    /// What `list` yields, as keys; the caller loads each with `get` as it iterates.
    /// `filterJson` is a JSON object of metadata key -> primitive value that must be `===`;
    /// `filterAbsent` the metadata keys that must be absent (filter value `undefined`).
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn list(
        &self,
        thread_id: Option<String>,
        checkpoint_ns: Option<String>,
        checkpoint_id: Option<String>,
        before: Option<String>,
        filter_json: Option<String>,
        filter_absent: Option<Vec<String>>,
        limit: Option<u32>,
    ) -> napi::Result<Vec<CheckpointKey>> {
        let filter =
            MetadataFilter::parse(filter_json.as_deref(), filter_absent.unwrap_or_default())
                .map_err(invalid_input)?;
        let keys = self.store.list_keys(&ListQuery {
            thread_id,
            checkpoint_ns,
            checkpoint_id,
            before,
            filter,
            limit: limit.map(|limit| limit as usize),
        });
        Ok(keys
            .into_iter()
            .map(|(thread_id, checkpoint_ns, checkpoint_id)| CheckpointKey {
                thread_id,
                checkpoint_ns,
                checkpoint_id,
            })
            .collect())
    }

    /// Values written to one channel of a checkpoint, in insertion order (pending sends).
    #[napi]
    pub fn channel_writes(
        &self,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: String,
        channel: String,
    ) -> Vec<StoredWrite> {
        self.store
            .channel_writes(&thread_id, &checkpoint_ns, &checkpoint_id, &channel)
            .into_iter()
            .map(|(value_type, value)| StoredWrite {
                task_id: String::new(),
                channel: channel.clone(),
                value_type,
                value: Uint8Array::new(value),
            })
            .collect()
    }

    /// Bytes of serialized checkpoint data held off the V8 heap (walks the whole store).
    #[napi]
    pub fn stored_bytes(&self) -> f64 {
        self.store.stored_bytes() as f64
    }

    #[napi]
    pub fn delete_thread(&mut self, thread_id: String) {
        self.store.delete_thread(&thread_id);
    }

    #[napi]
    pub fn delta_channel_history(
        &self,
        thread_id: String,
        checkpoint_ns: String,
        checkpoint_id: Option<String>,
        channels: Vec<String>,
        with_writes: bool,
    ) -> Vec<StoredChannelHistory> {
        self.store
            .delta_history(
                &thread_id,
                &checkpoint_ns,
                checkpoint_id.as_deref(),
                &channels,
                with_writes,
            )
            .into_iter()
            .map(|history| {
                let (has_seed, (seed_type, seed)) = match history.seed {
                    Some(seed) => (true, seed),
                    None => (false, (String::new(), Vec::new())),
                };
                StoredChannelHistory {
                    has_seed,
                    seed_type,
                    seed: Uint8Array::new(seed),
                    writes: history.writes.into_iter().map(stored_write).collect(),
                }
            })
            .collect()
    }
}

/// The channels of a put with the value each carries (or `None`: the parent's), and the element
/// prefix of each carried value that has one; checked whole before anything is stored.
#[allow(clippy::type_complexity)]
fn channel_inputs<'a>(
    names: Vec<String>,
    versions: Vec<String>,
    carried: CarriedValues<'a>,
) -> napi::Result<(Vec<ChannelInput<'a>>, Vec<Option<ElementPrefix>>)> {
    let count = names.len();
    if versions.len() != count
        || carried.channels.len() != carried.types.len()
        || carried.channels.len() != carried.blobs.len()
    {
        return Err(invalid_input(
            "put: channel and blob lists differ in length",
        ));
    }
    let prefixes_given = carried.prefixes.as_ref().map(Vec::len);
    if prefixes_given.is_some_and(|given| given != carried.blobs.len())
        || carried.prefix_lens.as_ref().map(Vec::len) != prefixes_given
        || carried.prefix_sources.as_ref().map(Vec::len) != prefixes_given
    {
        return Err(invalid_input(
            "put: blob prefix lists differ in length from the blobs",
        ));
    }
    let mut values: Vec<Option<(String, &[u8])>> = (0..count).map(|_| None).collect();
    let mut prefixes: Vec<Option<ElementPrefix>> = Vec::new();
    for (i, ((&at, kind), bytes)) in carried
        .channels
        .iter()
        .zip(carried.types)
        .zip(carried.blobs.iter())
        .enumerate()
    {
        let slot = values
            .get_mut(at as usize)
            .ok_or_else(|| invalid_input("put: a blob names no channel"))?;
        *slot = Some((kind, serialized_bytes(bytes)));
        if let (Some(counts), Some(lens), Some(sources)) = (
            &carried.prefixes,
            &carried.prefix_lens,
            &carried.prefix_sources,
        ) {
            if counts[i] > 0 {
                prefixes.resize(count, None);
                prefixes[at as usize] = Some(ElementPrefix {
                    count: counts[i] as usize,
                    len: lens[i] as usize,
                    source: sources[i].clone(),
                });
            }
        }
    }
    let channels = names
        .into_iter()
        .zip(versions)
        .zip(values)
        .map(|((name, version), value)| (ChannelRef { name, version }, value))
        .collect();
    Ok((channels, prefixes))
}

fn stored_write(write: WriteOut) -> StoredWrite {
    StoredWrite {
        task_id: write.task_id,
        channel: write.channel,
        value_type: write.value.0,
        value: Uint8Array::new(write.value.1),
    }
}

fn stored_checkpoint(tuple: TupleOut) -> StoredCheckpoint {
    let mut channel_names = Vec::with_capacity(tuple.channels.len());
    let mut channel_types = Vec::with_capacity(tuple.channels.len());
    let mut channel_values = Vec::with_capacity(tuple.channels.len());
    for (name, (kind, bytes)) in tuple.channels {
        channel_names.push(name);
        channel_types.push(kind);
        channel_values.push(Uint8Array::new(bytes));
    }
    StoredCheckpoint {
        checkpoint_id: tuple.checkpoint_id,
        parent_checkpoint_id: tuple.parent_id,
        checkpoint_type: tuple.checkpoint.0,
        checkpoint: Uint8Array::new(tuple.checkpoint.1),
        metadata_type: tuple.metadata.0,
        metadata: Uint8Array::new(tuple.metadata.1),
        channel_names,
        channel_types,
        channel_values,
        writes: tuple.writes.into_iter().map(stored_write).collect(),
        combined: tuple.combined.map(Uint8Array::new),
    }
}
