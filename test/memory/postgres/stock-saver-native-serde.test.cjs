// The stock PostgresSaver with the native serializer (what the shim runs when the memory
// component is off): what it writes, the stock saver with the stock serializer reads back
// identically, and the reverse, on one database of the test server.
const assert = require("node:assert/strict");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { uuid6 } = require("@langchain/langgraph-checkpoint");
const { nativeSerde } = require("../../support/serde.cjs");
const { postgresUrl, uniqueSchema, dropSchema } = require("../../support/postgres.cjs");
const { writeConversation, readEverything } = require("../../support/postgres-conversation.cjs");

describe("stock PostgresSaver: native and stock serializers share a database", function () {
  const savers = [];
  const schemas = [];
  function saverOn(schema, serde) {
    const saver = PostgresSaver.fromConnString(postgresUrl(), { schema });
    if (serde) saver.serde = serde;
    savers.push(saver);
    return saver;
  }
  after(async function () {
    for (const saver of savers) await saver.end();
    for (const schema of schemas) await dropSchema(schema);
  });

  for (const [writer, reader] of [["stock", "native"], ["native", "stock"]]) {
    it(`${writer} serializer writes, ${reader} serializer reads identically`, async function () {
      const schema = uniqueSchema("serde");
      schemas.push(schema);
      const ids = [uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1)];
      const writing = saverOn(schema, writer === "native" ? nativeSerde() : undefined);
      await writing.setup();
      await writeConversation(writing, ids);
      const expected = await readEverything(writing, ids);
      assert.equal(expected.all.length, 6);
      assert.equal(expected.latest.pendingWrites.length, 3);
      const reading = saverOn(schema, reader === "native" ? nativeSerde() : undefined);
      assert.deepStrictEqual(await readEverything(reading, ids), expected);
    });
  }
});
