//! The SQL of the PostgresSaver on the host's tables (`@langchain/langgraph-checkpoint-postgres`,
//! its `sql.ts` and `migrations.ts`): same tables, columns and conflict rules, so each saver reads
//! what the other wrote. Where the host runs a statement per row in a transaction, these are one
//! statement each (rows as arrays, `unnest`): one round trip, atomic on their own.

/// A table of the saver's schema, written as the host writes it: `"schema".table`.
fn table(schema: &str, name: &str) -> String {
    format!("\"{schema}\".{name}")
}

/// The statements of one schema, built once per saver (prepared once per connection).
pub struct Statements {
    /// `select_where(..)` reads checkpoints with their blobs and writes; these are its parts.
    select_head: String,
    pub put: String,
    pub upsert_writes: String,
    pub insert_writes: String,
    pub delete_thread: String,
    pub pending_sends: String,
    pub delta_history: String,
}

/// The filters of a `list()` or `getTuple()` query, as the host's `_searchWhere` orders them.
#[derive(Default)]
pub struct Where {
    pub thread_id: bool,
    pub checkpoint_ns: bool,
    pub checkpoint_id: bool,
    pub metadata: bool,
    pub before: bool,
    pub limit: Limit,
}

/// A read's LIMIT: none, a bound parameter, or the host's own text for a limit that binds to no
/// bigint (`NaN` from a limit that is no number, `100000000000000000000`), written into the SQL
/// as the host writes it so that the server raises the host's own error.
#[derive(Default)]
pub enum Limit {
    #[default]
    None,
    Bound,
    Literal(String),
}

/// A limit text that is one number token as JavaScript prints one (digits, `NaN`, `1e+21`...),
/// so that writing it into the SQL adds nothing else.
fn is_number_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'+' | b'-'))
}

impl Statements {
    pub fn new(schema: &str) -> Statements {
        let checkpoints = table(schema, "checkpoints");
        let blobs = table(schema, "checkpoint_blobs");
        let writes = table(schema, "checkpoint_writes");
        // The blobs a checkpoint needs are those of its channel_versions, exactly (the host's
        // join); writes in the host's order. Arrays side by side, binary on the wire.
        let select_head = format!(
            "select cp.thread_id, cp.checkpoint_ns, cp.checkpoint_id, cp.parent_checkpoint_id, cp.checkpoint, cp.metadata, \
               bl.channels, bl.types, bl.blobs, cw.task_ids, cw.channels, cw.types, cw.blobs \
             from {checkpoints} cp \
             left join lateral ( \
               select array_agg(b.channel) as channels, array_agg(b.type) as types, array_agg(b.blob) as blobs \
               from jsonb_each_text(cp.checkpoint -> 'channel_versions') v \
               join {blobs} b on b.thread_id = cp.thread_id and b.checkpoint_ns = cp.checkpoint_ns \
                 and b.channel = v.key and b.version = v.value \
             ) bl on true \
             left join lateral ( \
               select array_agg(w.task_id order by w.task_id, w.idx) as task_ids, \
                 array_agg(w.channel order by w.task_id, w.idx) as channels, \
                 array_agg(w.type order by w.task_id, w.idx) as types, \
                 array_agg(w.blob order by w.task_id, w.idx) as blobs \
               from {writes} w \
               where w.thread_id = cp.thread_id and w.checkpoint_ns = cp.checkpoint_ns and w.checkpoint_id = cp.checkpoint_id \
             ) cw on true "
        );
        let put = format!(
            "with new_blobs as ( \
               insert into {blobs} (thread_id, checkpoint_ns, channel, version, type, blob) \
               select $1, $2, u.channel, u.version, u.type, u.blob \
               from unnest($5::text[], $6::text[], $7::text[], $8::bytea[]) as u(channel, version, type, blob) \
               on conflict (thread_id, checkpoint_ns, channel, version) do nothing \
             ) \
             insert into {checkpoints} (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata) \
             values ($1, $2, $3, $4, $9, $10) \
             on conflict (thread_id, checkpoint_ns, checkpoint_id) \
             do update set checkpoint = excluded.checkpoint, metadata = excluded.metadata"
        );
        let writes_insert = format!(
            "insert into {writes} (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob) \
             select $1, $2, $3, $4, u.idx, u.channel, u.type, u.blob \
             from unnest($5::int4[], $6::text[], $7::text[], $8::bytea[]) as u(idx, channel, type, blob) \
             on conflict (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) "
        );
        let delete_thread = format!(
            "with deleted_blobs as (delete from {blobs} where thread_id = $1), \
               deleted_checkpoints as (delete from {checkpoints} where thread_id = $1) \
             delete from {writes} where thread_id = $1"
        );
        let pending_sends = format!(
            "select checkpoint_id, array_agg(cw.type order by cw.task_id, cw.idx), array_agg(cw.blob order by cw.task_id, cw.idx) \
             from {writes} cw \
             where cw.thread_id = $1 and cw.checkpoint_id = any($2) and cw.channel = '__pregel_tasks' \
             group by cw.checkpoint_id"
        );
        // getDeltaChannelHistory's walk in one statement: up the parent chain from the parent of
        // the target (the latest of the thread when $3 is null), carrying the channels not yet
        // seeded; a channel is seeded at the nearest ancestor holding a non-"empty" blob at its
        // version there, and the walk ends once none is left. Each ancestor gives its writes to
        // the channels still open (those seeded there included), in the host's order, then seeds.
        let delta_history = format!(
            "with recursive chain as ( \
               select cp.checkpoint_id, cp.parent_checkpoint_id, 0 as depth, $4::text[] as open, cp.checkpoint -> 'channel_versions' as versions \
               from {checkpoints} cp \
               where cp.thread_id = $1 and cp.checkpoint_ns = $2 and cp.checkpoint_id = ( \
                 select t.parent_checkpoint_id from {checkpoints} t \
                 where t.thread_id = $1 and t.checkpoint_ns = $2 and ($3::text is null or t.checkpoint_id = $3) \
                 order by t.checkpoint_id desc limit 1) \
               union all \
               select p.checkpoint_id, p.parent_checkpoint_id, c.depth + 1, n.still_open, p.checkpoint -> 'channel_versions' \
               from chain c \
               cross join lateral (select array(select o from unnest(c.open) o where not exists ( \
                   select 1 from {blobs} b where b.thread_id = $1 and b.checkpoint_ns = $2 and b.channel = o \
                     and b.version = c.versions ->> o and b.type <> 'empty')) as still_open) n \
               join {checkpoints} p on p.thread_id = $1 and p.checkpoint_ns = $2 and p.checkpoint_id = c.parent_checkpoint_id \
               where cardinality(n.still_open) > 0 \
             ) \
             select c.depth, false as seed, w.task_id, w.idx, w.channel, w.type, w.blob \
             from chain c join {writes} w on w.thread_id = $1 and w.checkpoint_ns = $2 and w.checkpoint_id = c.checkpoint_id \
               and w.channel = any(c.open) \
             union all \
             select c.depth, true, null, null, b.channel, b.type, b.blob \
             from chain c join {blobs} b on b.thread_id = $1 and b.checkpoint_ns = $2 and b.channel = any(c.open) \
               and b.version = c.versions ->> b.channel and b.type <> 'empty' \
             order by 1, 2, 3, 4"
        );
        Statements {
            delta_history,
            select_head,
            put,
            upsert_writes: format!("{writes_insert}do update set channel = excluded.channel, type = excluded.type, blob = excluded.blob"),
            insert_writes: format!("{writes_insert}do nothing"),
            delete_thread,
            pending_sends,
        }
    }

    /// The read of `getTuple`/`list` with these filters, parameters numbered in that order.
    pub fn select_where(&self, filters: &Where) -> String {
        let mut clauses = Vec::new();
        let mut param = 0;
        let mut next = || {
            param += 1;
            param
        };
        if filters.thread_id {
            clauses.push(format!("cp.thread_id = ${}", next()));
        }
        if filters.checkpoint_ns {
            clauses.push(format!("cp.checkpoint_ns = ${}", next()));
        }
        if filters.checkpoint_id {
            clauses.push(format!("cp.checkpoint_id = ${}", next()));
        }
        if filters.metadata {
            clauses.push(format!("cp.metadata @> ${}", next()));
        }
        if filters.before {
            clauses.push(format!("cp.checkpoint_id < ${}", next()));
        }
        let mut sql = self.select_head.clone();
        if !clauses.is_empty() {
            sql.push_str("where ");
            sql.push_str(&clauses.join(" and "));
        }
        sql.push_str(" order by cp.checkpoint_id desc");
        match &filters.limit {
            Limit::None => {}
            Limit::Bound => sql.push_str(&format!(" limit ${}", next())),
            Limit::Literal(text) if is_number_token(text) => {
                sql.push_str(" limit ");
                sql.push_str(text);
            }
            // Anything else as the limit is refused by the server, as no number is.
            Limit::Literal(_) => sql.push_str(" limit 'not a number'::bigint"),
        }
        sql
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parameters_in_the_hosts_order() {
        let statements = Statements::new("s");
        let sql = statements.select_where(&Where {
            thread_id: true,
            metadata: true,
            limit: Limit::Bound,
            ..Where::default()
        });
        assert!(sql.contains(
            "where cp.thread_id = $1 and cp.metadata @> $2 order by cp.checkpoint_id desc limit $3"
        ));
        assert!(sql.contains("from \"s\".checkpoints cp"));
        assert!(!statements
            .select_where(&Where::default())
            .contains("where cp."));
    }

    #[test]
    fn writes_an_unbindable_limit_as_the_host_does_and_nothing_else() {
        let statements = Statements::new("s");
        let literal = |text: &str| {
            statements.select_where(&Where {
                limit: Limit::Literal(text.into()),
                ..Where::default()
            })
        };
        assert!(literal("NaN").ends_with("order by cp.checkpoint_id desc limit NaN"));
        assert!(literal("100000000000000000000").ends_with(" limit 100000000000000000000"));
        assert!(literal("1; drop table x").ends_with(" limit 'not a number'::bigint"));
    }
}
