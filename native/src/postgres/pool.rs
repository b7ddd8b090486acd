//! Connection pools shared by every saver of the same connection settings in this process, as
//! `pg.Pool` is shared by its users: N savers on one database hold one pool's connections, not N.
//! A pool closes when the last saver holding it ends.

use std::collections::HashMap;
use std::sync::Mutex;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use napi_derive::napi;
use tokio_postgres::NoTls;

/// What a connection is opened with: the settings node-postgres resolved for the host's pool
/// (URL, PG* environment variables and defaults), so both open the same connections.
#[napi(object)]
#[derive(Clone)]
pub struct PostgresSettings {
    pub host: String,
    pub port: u32,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    /// The `options` startup parameter (e.g. `-c search_path=...`).
    pub options: Option<String>,
    pub application_name: Option<String>,
    /// Connections at most (the host pool's `max`, 10 by default).
    pub max_connections: u32,
}

impl PostgresSettings {
    /// One key per distinct set of settings; the password is part of it (another password is
    /// another login), kept in memory only.
    fn key(&self) -> String {
        format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
            self.host,
            self.port,
            self.user,
            self.password.as_deref().unwrap_or(""),
            self.database,
            self.options.as_deref().unwrap_or(""),
            self.application_name.as_deref().unwrap_or(""),
            self.max_connections
        )
    }

    fn config(&self) -> tokio_postgres::Config {
        let mut config = tokio_postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port as u16)
            .user(&self.user)
            .dbname(&self.database);
        if let Some(password) = &self.password {
            config.password(password);
        }
        if let Some(options) = &self.options {
            config.options(options);
        }
        if let Some(name) = &self.application_name {
            config.application_name(name);
        }
        config
    }
}

struct Shared {
    pool: Pool,
    savers: usize,
}

static POOLS: Mutex<Option<HashMap<String, Shared>>> = Mutex::new(None);

/// A saver's hold on the pool of its settings, released on drop.
pub struct PoolLease {
    key: String,
    pub pool: Pool,
}

pub fn lease(settings: &PostgresSettings) -> napi::Result<PoolLease> {
    let key = settings.key();
    let mut pools = POOLS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(shared) = pools.get_mut(&key) {
        shared.savers += 1;
        return Ok(PoolLease {
            key,
            pool: shared.pool.clone(),
        });
    }
    // Connections are recycled after a check that they are open: one a restarted server closed
    // is dropped, not handed out.
    let manager = Manager::from_config(
        settings.config(),
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(settings.max_connections.max(1) as usize)
        .build()
        .map_err(|error| {
            super::failure::unexpected(format!("cannot build the connection pool: {error}"))
        })?;
    pools.insert(
        key.clone(),
        Shared {
            pool: pool.clone(),
            savers: 1,
        },
    );
    Ok(PoolLease { key, pool })
}

impl Drop for PoolLease {
    fn drop(&mut self) {
        let mut pools = POOLS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(pools) = pools.as_mut() else { return };
        if let Some(shared) = pools.get_mut(&self.key) {
            shared.savers -= 1;
            if shared.savers == 0 {
                // Closing drops the idle connections; ones in use go when returned.
                shared.pool.close();
                pools.remove(&self.key);
            }
        }
    }
}
