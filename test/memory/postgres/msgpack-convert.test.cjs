// LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack on the native PostgresSaver: blobs and writes are stored
// as "msgpack" (metadata stays JSON in its jsonb column, so filters work) and read back
// identically under the shim; `langgraph-native convert --to json <postgres URL> --schema S`
// makes the schema one the stock host reads identically, and back again. A killed conversion
// leaves every row whole and the next run finishes it. Every run is a child process on the real
// packages and the test server.
const assert = require("node:assert/strict");
const { postgresUrl, uniqueSchema, dropSchema, sql } = require("../../support/postgres.cjs");
const { agentReadout, convertCli, convert, killConvertMidway, itReadsUnderTheShimOnly } = require("../../support/msgpack-storage.cjs");

/** The schema as the agent app and the convert command name it. */
const on = (schema) => ({ app: [postgresUrl(), schema], cli: [postgresUrl(), "--schema", schema] });

/** Row counts per type in the schema's two tables of typed values. */
async function types(schema) {
  const count = async (table) => Object.fromEntries((await sql(`SELECT type, count(*)::int AS n FROM "${schema}".${table} GROUP BY type ORDER BY type`)).rows.map((row) => [row.type, row.n]));
  return { blobs: await count("checkpoint_blobs"), writes: await count("checkpoint_writes") };
}

/** A schema holding the agent's thread, written under the shim with msgpack. */
function writeMsgpack(prefix) {
  const schema = uniqueSchema(prefix);
  const out = agentReadout("write", on(schema), { shim: true, env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" } });
  assert.equal(out.native, true, "the native PostgresSaver wrote it");
  assert.match(out.serde, /writes msgpack/);
  return { schema, written: out.readout };
}

describe("postgres: msgpack storage and `langgraph-native convert <postgres URL>`", function () {
  this.timeout(300_000);
  const schemas = [];
  let schema;
  let written;

  before(function () {
    ({ schema, written } = writeMsgpack("mp"));
    schemas.push(schema);
  });
  after(async function () {
    for (const name of schemas) await dropSchema(name);
  });

  it("writes blobs and writes as msgpack, metadata as JSON its filters read", async function () {
    const found = await types(schema);
    assert.deepStrictEqual(Object.keys(found.blobs).filter((t) => t !== "empty"), ["msgpack"]);
    assert.deepStrictEqual(Object.keys(found.writes), ["msgpack"]);
    assert.ok(found.blobs.msgpack >= 10 && found.writes.msgpack >= 10, JSON.stringify(found));
    const sources = (await sql(`SELECT metadata->>'source' AS source, count(*)::int AS n FROM "${schema}".checkpoints GROUP BY 1 ORDER BY 1`)).rows;
    assert.deepStrictEqual(sources.find((row) => row.source === "input"), { source: "input", n: 3 });
    assert.equal(written.inputCheckpoints.length, 3, "list({ filter }) finds the input checkpoints");
    assert.ok(written.values.messages.length >= 12, "three tool-calling turns");
  });

  itReadsUnderTheShimOnly(() => on(schema), () => written);

  it("after convert --to json the stock host reads it identically; --to msgpack turns it back", async function () {
    const pending = await types(schema);
    const result = convert(on(schema), "--to", "json");
    assert.match(result.stdout, new RegExp(`^converted ${pending.blobs.msgpack} blobs and ${pending.writes.msgpack} writes of postgresql://[^ ]+ \\(schema ${schema}\\) to json in [\\d.]+ s$`, "m"));
    assert.match(result.stdout, /the stock LangGraph PostgresSaver \(no shim\) reads this schema again/);
    assert.match(result.stderr, /converting \[#+\] \d+\/\d+ rows \(100%\)/);
    assert.deepStrictEqual(Object.keys((await types(schema)).writes), ["json"]);
    assert.deepStrictEqual(agentReadout("read", on(schema), { shim: false }).readout, written);
    assert.match(convert(on(schema), "--to", "json").stdout, /every blob and write is already json; nothing to do/);

    convert(on(schema), "--to=msgpack", "--batch", "7");
    assert.deepStrictEqual(await types(schema), pending);
    assert.deepStrictEqual(agentReadout("read", on(schema), { shim: true }).readout, written);
  });

  it("a killed conversion leaves every row whole; running it again finishes it", async function () {
    const killed = writeMsgpack("mpkill");
    schemas.push(killed.schema);
    await killConvertMidway(on(killed.schema));
    const mixed = await types(killed.schema);
    assert.ok(mixed.blobs.json > 0 && mixed.writes.msgpack > 0, `killed part way: ${JSON.stringify(mixed)}`);
    assert.deepStrictEqual(agentReadout("read", on(killed.schema), { shim: true }).readout, killed.written, "readable under the shim after the kill");
    const rerun = convert(on(killed.schema), "--to", "json");
    assert.match(rerun.stdout, new RegExp(`^converted ${mixed.blobs.msgpack ?? 0} blobs and ${mixed.writes.msgpack} writes`, "m"));
    assert.deepStrictEqual(Object.keys((await types(killed.schema)).writes), ["json"]);
    assert.deepStrictEqual(agentReadout("read", on(killed.schema), { shim: false }).readout, killed.written);
  });

  it("refuses a schema that is not a PostgresSaver's, and an unreachable server, with a clear message", function () {
    const other = uniqueSchema("none");
    const missing = convertCli(on(other), ["--to", "json"]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, new RegExp(`\\(schema ${other}\\) has no checkpoint_blobs table: it is not a PostgresSaver schema`));
    const url = new URL(postgresUrl());
    url.password = "secret-word";
    url.port = "1";
    const down = convertCli({ cli: [url.toString()] }, ["--to", "json"]);
    assert.equal(down.status, 1);
    assert.match(down.stderr, /cannot connect to postgresql:\/\/[^ ]*127\.0\.0\.1:1\/\S* \(schema public\): connect ECONNREFUSED/);
    assert.doesNotMatch(down.stderr, /secret-word/, "the password is not printed");
    const sqliteSchema = convertCli({ cli: ["file.sqlite", "--schema", "x"] }, ["--to", "json"]);
    assert.equal(sqliteSchema.status, 2);
    assert.match(sqliteSchema.stderr, /--schema is for a PostgreSQL database/);
  });
});
