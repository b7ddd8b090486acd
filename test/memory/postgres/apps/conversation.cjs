// `write <schema>`: writes the cross-read conversation through PostgresSaver and prints its ids;
// `read <schema> <ids>`: prints everything a reader can ask of it, as JSON. Run with or without
// the shim: the class is whichever `require` gives.
const { uuid6 } = require("@langchain/langgraph-checkpoint");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { writeConversation, readEverything } = require("../../../support/postgres-conversation.cjs");

/** JSON with byte arrays and undefined spelled out, so two readers' answers compare exactly. */
function canonical(value) {
  return JSON.stringify(value, (key, item) => {
    if (item instanceof Uint8Array) return { bytes: Array.from(item) };
    if (item === undefined) return "<undefined>";
    return item;
  });
}

async function main() {
  const [action, schema, ids] = process.argv.slice(2);
  const saver = PostgresSaver.fromConnString(process.env.LANGGRAPH_NATIVE_TEST_PG_URL, { schema });
  const native = () => saver[Symbol.for("langgraph-native.postgres.db")] !== undefined;
  try {
    if (action === "write") {
      await saver.setup();
      const written = [uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1)];
      await writeConversation(saver, written);
      console.log(JSON.stringify({ native: native(), ids: written }));
    } else {
      const read = await readEverything(saver, JSON.parse(ids));
      console.log(JSON.stringify({ native: native(), read: canonical(read) }));
    }
  } finally {
    await saver.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
