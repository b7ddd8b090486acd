// The native and the stock PostgresSaver share a database, in separate processes as deployments
// do: what either writes (messages, bytes, writes of every kind, a namespace, a fork), the other
// reads back exactly as the writer itself does.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../../support/run-app.cjs");
const { postgresUrl, uniqueSchema, dropSchema } = require("../../support/postgres.cjs");

const APP = path.join(__dirname, "apps", "conversation.cjs");
const PRELOAD = { stock: "none", native: "require" };

function run(kind, args) {
  const result = runApp(APP, { preload: PRELOAD[kind], args, env: { LANGGRAPH_NATIVE_TEST_PG_URL: postgresUrl() } });
  assert.equal(result.code, 0, result.stderr);
  const output = lastJson(result.stdout);
  assert.equal(output.native, kind === "native", `the ${kind} saver ran`);
  return output;
}

describe("PostgresSaver databases are shared by the native and the stock saver (child processes)", function () {
  const schemas = [];
  after(async function () {
    for (const schema of schemas) await dropSchema(schema);
  });

  for (const [writer, reader] of [["stock", "native"], ["native", "stock"]]) {
    it(`${writer} writes, ${reader} reads identically`, function () {
      const schema = uniqueSchema("cross");
      schemas.push(schema);
      const { ids } = run(writer, ["write", schema]);
      const expected = run(writer, ["read", schema, JSON.stringify(ids)]).read;
      const parsed = JSON.parse(expected);
      assert.equal(parsed.all.length, 6);
      assert.equal(parsed.fork.pendingWrites.length, 0);
      assert.equal(parsed.fork.checkpoint.channel_values.messages.length, 1);
      // Parsed: channel values come in the database's row order, which neither saver fixes.
      assert.deepStrictEqual(JSON.parse(run(reader, ["read", schema, JSON.stringify(ids)]).read), parsed);
    });
  }
});
