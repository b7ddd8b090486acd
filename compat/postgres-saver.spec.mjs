// The host's conformance suite against PostgresSaver on the test server (scripts/with-postgres.sh
// starts it for `npm test`): the native saver, on the native and on the stock serializer, and the
// stock saver on the native serializer (as the shim runs it when the memory component is off).
// Every checkpointer gets a schema of its own, dropped after.
import { createRequire } from "node:module";
import * as checkpoint from "@langchain/langgraph-checkpoint";
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";

const require = createRequire(import.meta.url);
const { collectSerdeTypes, swapInto, stockInstance } = require("../test/support/serde.cjs");
const { jsonTextDecoderOf } = require("../dist/patches/serde/native-serializer.js");
const { SwapRegistry } = require("../dist/shim/registry.js");
const { postgresUrl, uniqueSchema, dropSchema } = require("../test/support/postgres.cjs");
const { addon } = await import("./native-savers.mjs");
const { defineNativePostgresSaver, NATIVE_PG } = require("../dist/patches/memory/native-postgres-saver.js");
const { DatabaseError } = require("pg");

const NativePostgresSaver = defineNativePostgresSaver(PostgresSaver, addon, {
  DatabaseError,
  onStock(reason) {
    throw new Error(`the native PostgresSaver ran stock: ${reason}`);
  },
});

const registry = new SwapRegistry();
await collectSerdeTypes("esm");
swapInto(registry, checkpoint, "esm");

/** An initializer giving each checkpointer `create(url, { schema })`, set up, and its schema dropped after. */
export function onFreshSchemas(create) {
  const schemaOf = new WeakMap();
  return {
    checkpointerName: "@langchain/langgraph-checkpoint-postgres",
    async createCheckpointer() {
      const schema = uniqueSchema("v");
      const saver = create(postgresUrl(), { schema });
      await saver.setup();
      schemaOf.set(saver, schema);
      return saver;
    },
    async destroyCheckpointer(saver) {
      await saver.end();
      await dropSchema(schemaOf.get(saver));
    },
  };
}

/** A native saver whose queries went through the addon (not the host's code). */
async function provenNative(saver) {
  await saver.getTuple({ configurable: { thread_id: "probe" } });
  if (saver[NATIVE_PG] === undefined) throw new Error("the saver did not open its native handle");
  return saver;
}

/** The native saver on the native serializer (as the shim runs it), or on the host's own. */
function nativeSaver(serde) {
  const initializer = onFreshSchemas((url, options) => {
    const saver = NativePostgresSaver.fromConnString(url, options);
    if (serde === "stock") saver.serde = stockInstance(checkpoint.JsonPlusSerializer);
    else if (jsonTextDecoderOf(saver.serde) === undefined) throw new Error("the saver's serde is not the native serializer");
    return saver;
  });
  const create = initializer.createCheckpointer;
  initializer.createCheckpointer = async () => provenNative(await create());
  return initializer;
}

for (const serde of ["native", "stock"]) {
  describe(`langgraph-native PostgresSaver on the ${serde} serializer`, () => {
    validate(nativeSaver(serde));
    deltaChannelHistoryTests(nativeSaver(serde));
  });
}

const stockOnNativeSerde = onFreshSchemas((url, options) => {
  const saver = PostgresSaver.fromConnString(url, options);
  if (jsonTextDecoderOf(saver.serde) === undefined) throw new Error("the saver's serde is not the native serializer");
  return saver;
});

describe("stock PostgresSaver on the native serializer", () => {
  validate(stockOnNativeSerde);
  deltaChannelHistoryTests(stockOnNativeSerde);
});

afterAll(() => registry.restore());
