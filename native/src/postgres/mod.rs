//! The native PostgresSaver's database handle: queries on napi's tokio runtime (off the event
//! loop), through a pool shared per connection settings (pool.rs), with statements prepared once
//! per connection (statements.rs). One statement, so one round trip, per call: a put writes its
//! blobs and checkpoint in one statement; a read brings a checkpoint's blobs and writes with it.

mod failure;
mod jsonb;
mod pool;
mod statements;

use std::sync::{Arc, Mutex};

use deadpool_postgres::{Object as Connection, Pool};
use napi::bindgen_prelude::{Buffer, PromiseRaw, Uint8Array};
use napi::Env;
use napi_derive::napi;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use jsonb::JsonText;
use pool::PoolLease;
pub use pool::PostgresSettings;
use statements::{Limit, Statements, Where};

/// A checkpoint row as read: JSON texts for JavaScript to parse, and its blobs and pending
/// writes as side-by-side lists (in the host's order for the writes).
#[napi(object)]
pub struct PostgresCheckpoint {
    pub thread_id: String,
    pub checkpoint_ns: String,
    pub checkpoint_id: String,
    pub parent_checkpoint_id: Option<String>,
    pub checkpoint: String,
    pub metadata: String,
    pub blob_channels: Vec<String>,
    pub blob_types: Vec<String>,
    pub blobs: Vec<Option<Buffer>>,
    pub write_task_ids: Vec<String>,
    pub write_channels: Vec<String>,
    pub write_types: Vec<Option<String>>,
    pub write_blobs: Vec<Buffer>,
}

/// The sends written to a parent checkpoint (for checkpoints older than v4).
#[napi(object)]
pub struct PostgresPendingSends {
    pub checkpoint_id: String,
    pub types: Vec<Option<String>>,
    pub blobs: Vec<Buffer>,
}

/// A row of getDeltaChannelHistory's walk: a write (in the host's order) or a seed (`seed`), of
/// the ancestor `depth` steps above the target's parent (0 is the parent itself).
#[napi(object)]
pub struct PostgresHistoryRow {
    pub depth: i32,
    pub seed: bool,
    pub task_id: Option<String>,
    pub channel: String,
    pub value_type: Option<String>,
    pub blob: Option<Buffer>,
}

/// `list()`'s filters, as the host's `_searchWhere` takes them; `metadata` is the JSON filter.
#[napi(object)]
pub struct PostgresListQuery {
    pub thread_id: Option<String>,
    pub checkpoint_ns: Option<String>,
    pub checkpoint_id: Option<String>,
    pub metadata: Option<String>,
    pub before: Option<String>,
    pub limit: Option<i64>,
    /// The host's LIMIT text where it binds to no bigint (`NaN`...); see `Limit::Literal`.
    pub limit_literal: Option<String>,
}

struct Handle {
    pool: Pool,
    statements: Statements,
    /// Dropped by `close()`: the pool closes once no saver holds it.
    _lease: PoolLease,
}

#[napi]
pub struct PostgresCheckpointDb {
    handle: Mutex<Option<Arc<Handle>>>,
}

fn bytes(value: Option<Vec<u8>>) -> Option<Buffer> {
    value.map(Buffer::from)
}

fn checkpoint_of(row: &Row) -> Result<PostgresCheckpoint, tokio_postgres::Error> {
    let blobs: Option<Vec<Option<Vec<u8>>>> = row.try_get(8)?;
    let write_blobs: Option<Vec<Vec<u8>>> = row.try_get(12)?;
    Ok(PostgresCheckpoint {
        thread_id: row.try_get(0)?,
        checkpoint_ns: row.try_get(1)?,
        checkpoint_id: row.try_get(2)?,
        parent_checkpoint_id: row.try_get(3)?,
        checkpoint: row.try_get::<_, JsonText>(4)?.0,
        metadata: row.try_get::<_, JsonText>(5)?.0,
        blob_channels: row
            .try_get::<_, Option<Vec<String>>>(6)?
            .unwrap_or_default(),
        blob_types: row
            .try_get::<_, Option<Vec<String>>>(7)?
            .unwrap_or_default(),
        blobs: blobs.unwrap_or_default().into_iter().map(bytes).collect(),
        write_task_ids: row
            .try_get::<_, Option<Vec<String>>>(9)?
            .unwrap_or_default(),
        write_channels: row
            .try_get::<_, Option<Vec<String>>>(10)?
            .unwrap_or_default(),
        write_types: row
            .try_get::<_, Option<Vec<Option<String>>>>(11)?
            .unwrap_or_default(),
        write_blobs: write_blobs
            .unwrap_or_default()
            .into_iter()
            .map(Buffer::from)
            .collect(),
    })
}

fn copied(values: Vec<Option<Uint8Array>>) -> Vec<Option<Vec<u8>>> {
    values
        .into_iter()
        .map(|value| value.map(|bytes| bytes.to_vec()))
        .collect()
}

impl Handle {
    async fn connection(&self) -> napi::Result<Connection> {
        self.pool.get().await.map_err(failure::pool)
    }

    async fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> napi::Result<Vec<Row>> {
        let connection = self.connection().await?;
        let statement = connection
            .prepare_cached(sql)
            .await
            .map_err(|error| failure::postgres(&error))?;
        connection
            .query(&statement, params)
            .await
            .map_err(|error| failure::postgres(&error))
    }

    async fn checkpoints(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> napi::Result<Vec<PostgresCheckpoint>> {
        let rows = self.query(sql, params).await?;
        rows.iter()
            .map(|row| checkpoint_of(row).map_err(|error| failure::postgres(&error)))
            .collect()
    }
}

#[napi]
impl PostgresCheckpointDb {
    /// Takes (or opens) the shared pool of these settings; connections open on first use.
    #[napi(constructor)]
    pub fn new(settings: PostgresSettings, schema: String) -> napi::Result<Self> {
        let lease = pool::lease(&settings)?;
        let handle = Handle {
            pool: lease.pool.clone(),
            statements: Statements::new(&schema),
            _lease: lease,
        };
        Ok(PostgresCheckpointDb {
            handle: Mutex::new(Some(Arc::new(handle))),
        })
    }

    fn handle(&self) -> napi::Result<Arc<Handle>> {
        let handle = self
            .handle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        handle
            .clone()
            .ok_or_else(|| failure::unexpected("the saver was ended (PostgresSaver.end())"))
    }

    /// The latest checkpoint of a thread and namespace, or the one with `checkpoint_id`.
    #[napi(ts_return_type = "Promise<PostgresCheckpoint | null>")]
    pub fn get_tuple<'env>(
        &self,
        env: &'env Env,
        thread_id: Option<String>,
        checkpoint_ns: Option<String>,
        checkpoint_id: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<PostgresCheckpoint>>> {
        let handle = self.handle()?;
        env.spawn_future(async move {
            let filters = Where {
                thread_id: true,
                checkpoint_ns: true,
                checkpoint_id: checkpoint_id.is_some(),
                limit: if checkpoint_id.is_none() {
                    Limit::Bound
                } else {
                    Limit::None
                },
                ..Where::default()
            };
            let sql = handle.statements.select_where(&filters);
            let one: i64 = 1;
            let rows = match &checkpoint_id {
                Some(id) => {
                    handle
                        .checkpoints(&sql, &[&thread_id, &checkpoint_ns, id])
                        .await?
                }
                None => {
                    handle
                        .checkpoints(&sql, &[&thread_id, &checkpoint_ns, &one])
                        .await?
                }
            };
            Ok(rows.into_iter().next())
        })
    }

    #[napi(ts_return_type = "Promise<PostgresCheckpoint[]>")]
    pub fn list<'env>(
        &self,
        env: &'env Env,
        query: PostgresListQuery,
    ) -> napi::Result<PromiseRaw<'env, Vec<PostgresCheckpoint>>> {
        let handle = self.handle()?;
        env.spawn_future(async move {
            let filters = Where {
                thread_id: query.thread_id.is_some(),
                checkpoint_ns: query.checkpoint_ns.is_some(),
                checkpoint_id: query.checkpoint_id.is_some(),
                metadata: query.metadata.is_some(),
                before: query.before.is_some(),
                limit: match (&query.limit, query.limit_literal) {
                    (Some(_), _) => Limit::Bound,
                    (None, Some(text)) => Limit::Literal(text),
                    (None, None) => Limit::None,
                },
            };
            let metadata = query.metadata.map(JsonText);
            let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
            let present: [Option<&(dyn ToSql + Sync)>; 6] = [
                query.thread_id.as_ref().map(|value| value as _),
                query.checkpoint_ns.as_ref().map(|value| value as _),
                query.checkpoint_id.as_ref().map(|value| value as _),
                metadata.as_ref().map(|value| value as _),
                query.before.as_ref().map(|value| value as _),
                query.limit.as_ref().map(|value| value as _),
            ];
            params.extend(present.into_iter().flatten());
            handle
                .checkpoints(&handle.statements.select_where(&filters), &params)
                .await
        })
    }

    /// Writes the checkpoint and the blobs of its new versions in one statement.
    #[napi(ts_return_type = "Promise<void>")]
    #[allow(clippy::too_many_arguments)]
    pub fn put<'env>(
        &self,
        env: &'env Env,
        thread_id: Option<String>,
        checkpoint_ns: Option<String>,
        checkpoint_id: Option<String>,
        parent_checkpoint_id: Option<String>,
        checkpoint: String,
        metadata: String,
        channels: Vec<String>,
        versions: Vec<String>,
        types: Vec<String>,
        blobs: Vec<Option<Uint8Array>>,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let handle = self.handle()?;
        let blobs = copied(blobs);
        env.spawn_future(async move {
            let (checkpoint, metadata) = (JsonText(checkpoint), JsonText(metadata));
            let params: [&(dyn ToSql + Sync); 10] = [
                &thread_id,
                &checkpoint_ns,
                &checkpoint_id,
                &parent_checkpoint_id,
                &channels,
                &versions,
                &types,
                &blobs,
                &checkpoint,
                &metadata,
            ];
            handle.query(&handle.statements.put, &params).await?;
            Ok(())
        })
    }

    /// Writes a task's writes in one statement; `upsert` replaces rows of the same index.
    #[napi(ts_return_type = "Promise<void>")]
    #[allow(clippy::too_many_arguments)]
    pub fn put_writes<'env>(
        &self,
        env: &'env Env,
        thread_id: Option<String>,
        checkpoint_ns: Option<String>,
        checkpoint_id: Option<String>,
        task_id: Option<String>,
        indexes: Vec<i32>,
        channels: Vec<String>,
        types: Vec<String>,
        blobs: Vec<Option<Uint8Array>>,
        upsert: bool,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let handle = self.handle()?;
        let blobs = copied(blobs);
        env.spawn_future(async move {
            let sql = if upsert {
                &handle.statements.upsert_writes
            } else {
                &handle.statements.insert_writes
            };
            let params: [&(dyn ToSql + Sync); 8] = [
                &thread_id,
                &checkpoint_ns,
                &checkpoint_id,
                &task_id,
                &indexes,
                &channels,
                &types,
                &blobs,
            ];
            handle.query(sql, &params).await?;
            Ok(())
        })
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_thread<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let handle = self.handle()?;
        env.spawn_future(async move {
            handle
                .query(&handle.statements.delete_thread, &[&thread_id])
                .await?;
            Ok(())
        })
    }

    /// The sends written to these parent checkpoints of a thread, per parent.
    #[napi(ts_return_type = "Promise<PostgresPendingSends[]>")]
    pub fn pending_sends<'env>(
        &self,
        env: &'env Env,
        thread_id: String,
        parent_ids: Vec<String>,
    ) -> napi::Result<PromiseRaw<'env, Vec<PostgresPendingSends>>> {
        let handle = self.handle()?;
        env.spawn_future(async move {
            let rows = handle
                .query(&handle.statements.pending_sends, &[&thread_id, &parent_ids])
                .await?;
            rows.iter()
                .map(
                    |row| -> Result<PostgresPendingSends, tokio_postgres::Error> {
                        Ok(PostgresPendingSends {
                            checkpoint_id: row.try_get(0)?,
                            types: row.try_get(1)?,
                            blobs: row
                                .try_get::<_, Vec<Vec<u8>>>(2)?
                                .into_iter()
                                .map(Buffer::from)
                                .collect(),
                        })
                    },
                )
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| failure::postgres(&error))
        })
    }

    /// The writes and seeds getDeltaChannelHistory needs for `channels`, in one statement.
    #[napi(ts_return_type = "Promise<PostgresHistoryRow[]>")]
    pub fn delta_history<'env>(
        &self,
        env: &'env Env,
        thread_id: Option<String>,
        checkpoint_ns: Option<String>,
        checkpoint_id: Option<String>,
        channels: Vec<String>,
    ) -> napi::Result<PromiseRaw<'env, Vec<PostgresHistoryRow>>> {
        let handle = self.handle()?;
        env.spawn_future(async move {
            let rows = handle
                .query(
                    &handle.statements.delta_history,
                    &[&thread_id, &checkpoint_ns, &checkpoint_id, &channels],
                )
                .await?;
            rows.iter()
                .map(|row| -> Result<PostgresHistoryRow, tokio_postgres::Error> {
                    Ok(PostgresHistoryRow {
                        depth: row.try_get(0)?,
                        seed: row.try_get(1)?,
                        task_id: row.try_get(2)?,
                        channel: row.try_get(4)?,
                        value_type: row.try_get(5)?,
                        blob: bytes(row.try_get(6)?),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| failure::postgres(&error))
        })
    }

    /// Lets go of the shared pool (closed once no saver holds it); calls after this reject.
    #[napi]
    pub fn close(&self) {
        self.handle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
    }
}
