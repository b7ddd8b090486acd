// The stock constructor forms under the native PostgresSaver: fromConnString and a user's
// pg.Pool (by URL or by fields) open native connections from the same settings; a pool the native
// client cannot open alike (TLS) keeps the host's code with its reason; savers of one setting
// share one pool, closed when the last of them ends.
const assert = require("node:assert/strict");
const pg = require("pg");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { uuid6 } = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { defineNativePostgresSaver, NATIVE_PG, STOCK_REASON } = require("../../../dist/patches/memory/native-postgres-saver.js");
const { postgresUrl, uniqueSchema, dropSchema, sql } = require("../../support/postgres.cjs");

const stockReasons = [];
const NativePostgresSaver = defineNativePostgresSaver(PostgresSaver, loadAddon(undefined).addon, {
  DatabaseError: pg.DatabaseError,
  onStock: (reason) => stockReasons.push(reason),
});

function checkpoint(step) {
  return { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: { step }, channel_versions: { step: step + 1 }, versions_seen: {} };
}

/** Writes through `saver`, reads back through a stock saver on the same schema. */
async function roundTrip(saver, schema) {
  const written = checkpoint(1);
  await saver.put({ configurable: { thread_id: "forms", checkpoint_ns: "" } }, written, { source: "input" }, { step: 2 });
  const stock = PostgresSaver.fromConnString(postgresUrl(), { schema });
  try {
    const read = await stock.getTuple({ configurable: { thread_id: "forms" } });
    assert.equal(read.checkpoint.id, written.id);
    assert.equal(read.checkpoint.channel_values.step, 1);
  } finally {
    await stock.end();
  }
}

async function connectionsNamed(name) {
  const { rows } = await sql("select count(*)::int as n from pg_stat_activity where application_name = $1", [name]);
  return rows[0].n;
}

describe("native PostgresSaver: the stock constructor forms", function () {
  const schemas = [];
  after(async function () {
    for (const schema of schemas) await dropSchema(schema);
  });
  function freshSchema() {
    const schema = uniqueSchema("forms");
    schemas.push(schema);
    return schema;
  }

  it("a user's pg.Pool from a connection string: native connections, the pool runs setup and ends", async function () {
    const schema = freshSchema();
    const pool = new pg.Pool({ connectionString: postgresUrl() });
    const saver = new NativePostgresSaver(pool, undefined, { schema });
    await saver.setup();
    await roundTrip(saver, schema);
    assert.ok(saver[NATIVE_PG] !== undefined);
    assert.equal(saver[STOCK_REASON], undefined);
    await saver.end();
    assert.equal(pool.ended, true);
  });

  it("a user's pg.Pool from fields (host, port, user, database): native connections", async function () {
    const schema = freshSchema();
    const url = new URL(postgresUrl());
    const pool = new pg.Pool({ host: url.hostname, port: Number(url.port), user: url.username, database: url.pathname.slice(1) });
    const saver = new NativePostgresSaver(pool, undefined, { schema });
    await saver.setup();
    await roundTrip(saver, schema);
    assert.ok(saver[NATIVE_PG] !== undefined);
    await saver.end();
  });

  it("a pool with TLS keeps the host's code, with the reason", async function () {
    const pool = new pg.Pool({ connectionString: postgresUrl(), ssl: { rejectUnauthorized: false } });
    const saver = new NativePostgresSaver(pool, undefined, { schema: freshSchema() });
    // The test server has no TLS: the host's code fails as it would without the shim.
    await assert.rejects(saver.getTuple({ configurable: { thread_id: "t" } }), /SSL/);
    assert.equal(saver[NATIVE_PG], undefined);
    assert.match(saver[STOCK_REASON], /TLS/);
    assert.match(stockReasons.at(-1), /TLS/);
    await saver.end();
  });

  it("savers of one setting share one pool (at most its max connections), closed when the last ends", async function () {
    const schema = freshSchema();
    const name = `lgn-shared-${process.pid}`;
    const url = `${postgresUrl()}?application_name=${name}`;
    const savers = [NativePostgresSaver.fromConnString(url, { schema }), NativePostgresSaver.fromConnString(url, { schema })];
    await savers[0].setup();
    const config = (saver, i) => ({ configurable: { thread_id: `shared-${savers.indexOf(saver)}-${i}`, checkpoint_ns: "" } });
    // 2 savers x 20 concurrent puts: one native pool of 10 connections, not two (20); plus the
    // one connection setup() left idle in the first saver's own pg.Pool.
    await Promise.all(savers.flatMap((saver) => Array.from({ length: 20 }, (_, i) => saver.put(config(saver, i), checkpoint(i), {}, { step: i + 1 }))));
    const open = await connectionsNamed(name);
    assert.ok(open > 1 && open <= 11, `${open} connections`);
    await savers[0].end();
    assert.ok((await savers[1].getTuple(config(savers[1], 3))) !== undefined, "the other saver still has the pool");
    await savers[1].end();
    let left = await connectionsNamed(name);
    for (let i = 0; i < 50 && left > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await connectionsNamed(name);
    }
    assert.equal(left, 0);
  });
});
