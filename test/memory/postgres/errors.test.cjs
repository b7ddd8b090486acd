// Bad input gets the error the stock saver gives: a server that is not there, a database that
// does not exist, tables never set up; a server restarted mid-run is reconnected to; and no
// connection is left idle in a transaction after an error.
const assert = require("node:assert/strict");
const net = require("node:net");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { DatabaseError, Pool } = require("pg");
const { uuid6 } = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { defineNativePostgresSaver, NATIVE_PG } = require("../../../dist/patches/memory/native-postgres-saver.js");
const { postgresUrl, databaseUrl, uniqueSchema, dropSchema, sql, serverControl } = require("../../support/postgres.cjs");

const NativePostgresSaver = defineNativePostgresSaver(PostgresSaver, loadAddon(undefined).addon, {
  DatabaseError,
  onStock(reason) {
    throw new Error(`ran stock: ${reason}`);
  },
});

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

function checkpoint() {
  return { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: { n: 1 }, channel_versions: { n: 1 }, versions_seen: {} };
}

describe("native PostgresSaver errors are the stock saver's", function () {
  const savers = [];
  function both(url, options) {
    const pair = [PostgresSaver.fromConnString(url, options), NativePostgresSaver.fromConnString(url, options)];
    savers.push(...pair);
    return pair;
  }
  after(async function () {
    for (const saver of savers) await saver.end().catch(() => {});
  });

  it("a server that is not there: the same connection error code", async function () {
    const url = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
    const [stock, native] = both(url);
    const expected = await rejection(stock.getTuple({ configurable: { thread_id: "t" } }));
    const actual = await rejection(native.getTuple({ configurable: { thread_id: "t" } }));
    assert.equal(expected.code, "ECONNREFUSED");
    assert.equal(actual.code, expected.code);
    assert.ok(actual instanceof Error);
    assert.ok(native[NATIVE_PG] !== undefined);
  });

  it("a database that does not exist: pg's DatabaseError 3D000 with the server's message", async function () {
    const [stock, native] = both(databaseUrl("no_such_database"));
    const expected = await rejection(stock.getTuple({ configurable: { thread_id: "t" } }));
    const actual = await rejection(native.getTuple({ configurable: { thread_id: "t" } }));
    assert.equal(expected.code, "3D000");
    assert.ok(actual instanceof DatabaseError);
    assert.deepStrictEqual([actual.name, actual.code, actual.message, actual.severity], [expected.name, expected.code, expected.message, expected.severity]);
  });

  it("tables never set up (a missing schema): the same DatabaseError for reads and writes", async function () {
    const [stock, native] = both(postgresUrl(), { schema: uniqueSchema("missing") });
    const config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
    for (const call of [(saver) => saver.getTuple(config), (saver) => saver.put(config, checkpoint(), {}, { n: 1 })]) {
      const expected = await rejection(call(stock));
      const actual = await rejection(call(native));
      assert.equal(expected.code, "42P01");
      assert.ok(actual instanceof DatabaseError);
      assert.deepStrictEqual([actual.name, actual.code, actual.message], [expected.name, expected.code, expected.message]);
    }
  });

  it("a write the database refuses: the same constraint error, and no connection idle in a transaction", async function () {
    const schema = uniqueSchema("refused");
    const [stock, native] = both(postgresUrl(), { schema });
    await stock.setup();
    // No checkpoint_ns: the host binds NULL into a NOT NULL column.
    const config = { configurable: { thread_id: "t", checkpoint_id: "c" } };
    const expected = await rejection(stock.putWrites(config, [["a", 1]], "task"));
    const actual = await rejection(native.putWrites(config, [["a", 1]], "task"));
    assert.equal(expected.code, "23502");
    assert.deepStrictEqual([actual.name, actual.code, actual.message, actual.table, actual.column], [expected.name, expected.code, expected.message, expected.table, expected.column]);
    const { rows } = await sql("select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%'");
    assert.equal(rows[0].n, 0);
    await dropSchema(schema);
  });

  it("list() with a limit that is no number, too large or negative: the same DatabaseError", async function () {
    const schema = uniqueSchema("limit");
    const [stock, native] = both(postgresUrl(), { schema });
    await stock.setup();
    const drain = async (saver, limit) => {
      for await (const _ of saver.list({ configurable: { thread_id: "t" } }, { limit }));
    };
    // "abc": the host's SQL says LIMIT NaN; 1e20: out of bigint; -1: refused by the server.
    for (const [limit, code] of [["abc", "42703"], ["99999999999999999999", "22003"], [-1, "2201W"]]) {
      const expected = await rejection(drain(stock, limit));
      const actual = await rejection(drain(native, limit));
      assert.equal(expected.code, code);
      assert.ok(actual instanceof DatabaseError, `${limit}: ${actual.constructor.name}`);
      assert.deepStrictEqual([actual.name, actual.code, actual.message, actual.severity], [expected.name, expected.code, expected.message, expected.severity]);
    }
    await dropSchema(schema);
  });

  it("a saver used after end(), or after its owner ended its pool: the same error for every call, nothing written", async function () {
    const schema = uniqueSchema("ended");
    const config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
    const callsOn = (saver) => ({
      put: () => saver.put(config, checkpoint(), {}, { n: 2 }),
      putWrites: () => saver.putWrites({ configurable: { ...config.configurable, checkpoint_id: "c" } }, [["n", 1]], "task"),
      getTuple: () => saver.getTuple(config),
      list: async () => {
        for await (const _ of saver.list(config));
      },
      deleteThread: () => saver.deleteThread("t"),
      end: () => saver.end(),
    });
    const errorsAfterEnd = async (saver) => {
      const out = {};
      for (const [name, call] of Object.entries(callsOn(saver))) {
        const error = await rejection(call());
        out[name] = [error.constructor.name, error.code, error.message];
      }
      return out;
    };
    // end() on the saver.
    const [stock, native] = both(postgresUrl(), { schema });
    await stock.setup();
    for (const saver of [stock, native]) await saver.put(config, checkpoint(), {}, { n: 1 });
    await stock.end();
    await native.end();
    const expected = await errorsAfterEnd(stock);
    assert.deepEqual(expected.put, ["Error", undefined, "Cannot use a pool after calling end on the pool"]);
    assert.deepEqual(await errorsAfterEnd(native), expected);
    // A pool the user owns, ended by the user: the native saver's own connections stop with it.
    const pool = new Pool({ connectionString: postgresUrl() });
    const owned = new NativePostgresSaver(pool, undefined, { schema });
    await owned.put(config, checkpoint(), {}, { n: 3 });
    await pool.end();
    assert.deepEqual(await errorsAfterEnd(owned), expected);
    const [{ count }] = (await sql(`select count(*)::int as count from "${schema}".checkpoints`)).rows;
    assert.equal(count, 3, "only the puts made before the end are stored");
    await dropSchema(schema);
  });

  it("a server restarted mid-run: calls while it is down reject, and the saver reconnects after", async function () {
    this.timeout(60000);
    // Stock savers' idle connections would raise the restart as pg.Pool 'error' events.
    for (const saver of savers.splice(0)) await saver.end().catch(() => {});
    const schema = uniqueSchema("restart");
    const native = NativePostgresSaver.fromConnString(postgresUrl(), { schema });
    savers.push(native);
    await native.setup();
    const config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
    await native.put(config, checkpoint(), {}, { n: 1 });
    serverControl("stop");
    let down;
    try {
      down = await rejection(native.getTuple(config));
    } finally {
      serverControl("start");
    }
    assert.ok(down instanceof Error);
    assert.ok(["ECONNREFUSED", "ECONNRESET", "57P01"].includes(down.code) || /terminat/i.test(down.message), `${down.code}: ${down.message}`);
    const written = checkpoint();
    await native.put(config, written, {}, { n: 2 });
    assert.equal((await native.getTuple(config)).checkpoint.id, written.id);
    await dropSchema(schema);
  });
});
