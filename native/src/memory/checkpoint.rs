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
    ChannelRef, CheckpointRecord, CheckpointStore, ElementPrefix, ListQuery, TupleOut, WriteOut,
    WriteRecord,
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

/// A whole `put`: the checkpoint without channel values, its metadata, its channels that hold a
/// value, and the values it carries (those in `newVersions`, or unversioned). A channel whose
/// value is not carried shares the parent checkpoint's value at the same version.
#[napi(object)]
pub struct CheckpointPut {
    pub thread_id: String,
    pub checkpoint_ns: String,
    pub checkpoint_id: String,
    pub parent_checkpoint_id: Option<String>,
    pub checkpoint_type: String,
    pub checkpoint: Serialized,
    pub metadata_type: String,
    pub metadata: Serialized,
    /// The checkpoint's channels that hold a value and the version key of each, in output order.
    pub channel_names: Vec<String>,
    pub channel_versions: Vec<String>,
    /// For each value carried: its channel (an index into `channelNames`), type tag and bytes.
    pub blob_channels: Vec<u32>,
    pub blob_types: Vec<String>,
    pub blobs: Vec<Serialized>,
    /// Per blob, when given and > 0: the blob is a JSON array of the elements after the first
    /// `blobPrefixes[i]` elements of the latest array this thread stored for that channel, which
    /// are `blobPrefixLens[i]` bytes joined by commas (see `ElementPrefix`).
    pub blob_prefixes: Option<Vec<u32>>,
    pub blob_prefix_lens: Option<Vec<u32>>,
    /// Per blob with a prefix: the checkpoint whose put stored that latest array.
    pub blob_prefix_sources: Option<Vec<String>>,
}

/// One buffered `putWrites` call: thread, namespace, checkpoint, task, task path, then the
/// channel, index and type of each of its writes.
type WritesCall = (
    String,
    String,
    String,
    String,
    String,
    Vec<String>,
    Vec<i64>,
    Vec<String>,
);

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
pub struct CheckpointListQuery {
    pub thread_id: Option<String>,
    pub checkpoint_ns: Option<String>,
    pub checkpoint_id: Option<String>,
    pub before: Option<String>,
    /// JSON object of metadata key -> primitive value that must be `===`.
    pub filter_json: Option<String>,
    /// Metadata keys that must be absent (filter value `undefined`).
    pub filter_absent: Option<Vec<String>>,
    pub limit: Option<u32>,
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
    #[napi]
    pub fn put(&mut self, put: CheckpointPut) -> napi::Result<bool> {
        let count = put.channel_names.len();
        if put.channel_versions.len() != count
            || put.blob_channels.len() != put.blob_types.len()
            || put.blob_channels.len() != put.blobs.len()
        {
            return Err(invalid_input(
                "put: channel and blob lists differ in length",
            ));
        }
        let prefixes_given = put.blob_prefixes.as_ref().map(Vec::len);
        if prefixes_given.is_some_and(|given| given != put.blobs.len())
            || put.blob_prefix_lens.as_ref().map(Vec::len) != prefixes_given
            || put.blob_prefix_sources.as_ref().map(Vec::len) != prefixes_given
        {
            return Err(invalid_input(
                "put: blob prefix lists differ in length from the blobs",
            ));
        }
        let mut carried: Vec<Option<(String, &[u8])>> = (0..count).map(|_| None).collect();
        let mut prefixes: Vec<Option<ElementPrefix>> = Vec::new();
        for (i, ((&at, kind), bytes)) in put
            .blob_channels
            .iter()
            .zip(put.blob_types)
            .zip(put.blobs.iter())
            .enumerate()
        {
            let slot = carried
                .get_mut(at as usize)
                .ok_or_else(|| invalid_input("put: a blob names no channel"))?;
            *slot = Some((kind, serialized_bytes(bytes)));
            if let (Some(counts), Some(lens), Some(sources)) = (
                &put.blob_prefixes,
                &put.blob_prefix_lens,
                &put.blob_prefix_sources,
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
        let channels = put
            .channel_names
            .into_iter()
            .zip(put.channel_versions)
            .zip(carried)
            .map(|((name, version), value)| (ChannelRef { name, version }, value))
            .collect();
        let record = CheckpointRecord::new(
            Typed::new(put.checkpoint_type, serialized_bytes(&put.checkpoint)),
            Typed::new(put.metadata_type, serialized_bytes(&put.metadata)),
            put.parent_checkpoint_id,
        );
        Ok(self.store.put_with_prefixes(
            &put.thread_id,
            &put.checkpoint_ns,
            &put.checkpoint_id,
            record,
            channels,
            &prefixes,
        ))
    }

    /// Several `putWrites` calls at once, in call order, as the saver buffers them between its
    /// other methods: one crossing instead of one per call. `calls` is JSON, an array of
    /// `[threadId, checkpointNs, checkpointId, taskId, taskPath, [channel], [idx], [type]]`;
    /// `values` holds every write's serialized value, in order. Checked whole before any is kept.
    #[napi]
    pub fn put_writes_batch(&mut self, calls: String, values: Vec<Serialized>) -> napi::Result<()> {
        let calls: Vec<WritesCall> = serde_json::from_str(&calls)
            .map_err(|error| invalid_input(format!("putWrites batch: {error}")))?;
        let mut expected = 0;
        for (.., channels, indexes, types) in &calls {
            if indexes.len() != channels.len() || types.len() != channels.len() {
                return Err(invalid_input(
                    "putWrites batch: write lists differ in length",
                ));
            }
            expected += channels.len();
        }
        if expected != values.len() {
            return Err(invalid_input(
                "putWrites batch: values and writes differ in number",
            ));
        }
        let mut values = values.iter();
        for (
            thread_id,
            checkpoint_ns,
            checkpoint_id,
            task_id,
            task_path,
            channels,
            indexes,
            types,
        ) in calls
        {
            let writes = channels
                .into_iter()
                .zip(indexes)
                .zip(types)
                .zip(values.by_ref())
                .map(|(((channel, idx), kind), value)| WriteRecord {
                    task_id: task_id.clone(),
                    idx,
                    channel,
                    task_path: task_path.clone(),
                    value: Typed::new(kind, serialized_bytes(value)),
                    scan: None,
                })
                .collect();
            self.store
                .put_writes(&thread_id, &checkpoint_ns, &checkpoint_id, writes);
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
                combine.unwrap_or(false),
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
        let Some(tuple) = self.store.get_document(
            &thread_id,
            &checkpoint_ns,
            checkpoint_id.as_deref(),
            with_writes,
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
    #[napi]
    pub fn list(&self, query: CheckpointListQuery) -> napi::Result<Vec<CheckpointKey>> {
        let filter = MetadataFilter::parse(
            query.filter_json.as_deref(),
            query.filter_absent.unwrap_or_default(),
        )
        .map_err(invalid_input)?;
        let keys = self.store.list_keys(&ListQuery {
            thread_id: query.thread_id,
            checkpoint_ns: query.checkpoint_ns,
            checkpoint_id: query.checkpoint_id,
            before: query.before,
            filter,
            limit: query.limit.map(|limit| limit as usize),
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
