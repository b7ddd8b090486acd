// The native MemorySaver as the shim runs it: on the native serializer, whose JSON text goes to
// Rust without byte arrays (jsonTextEncoderOf). The suite runs once more with that serde swapped
// onto this process's JsonPlusSerializer (the shim's own patch and self-check), then restored.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as checkpoint from "@langchain/langgraph-checkpoint";
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { addon, NativeMemorySaver } from "./native-savers.mjs";

const require = createRequire(import.meta.url);
const { serializerPatches } = require("../dist/patches/serializer/definition.js");
const { jsonTextEncoderOf } = require("../dist/patches/serializer/native-serializer.js");
const { SwapRegistry } = require("../dist/shim/registry.js");
const { readConfig } = require("../dist/config/index.js");

const [serdePatch] = serializerPatches;
const swap = new SwapRegistry().begin("serde", "compat");
const context = {
  addon,
  config: readConfig({}),
  moduleSystem: "esm",
  baseDir: dirname(require.resolve("@langchain/langgraph-checkpoint/package.json")),
};
serdePatch.apply(checkpoint, swap, context);
serdePatch.selfCheck(checkpoint, context);

const initializer = {
  checkpointerName: "langgraph-native MemorySaver on the native serializer",
  createCheckpointer: () => {
    const saver = new NativeMemorySaver();
    if (jsonTextEncoderOf(saver.serde) === undefined) throw new Error("the saver's serde is not the native serializer");
    return saver;
  },
};

validate(initializer);
deltaChannelHistoryTests(initializer);

afterAll(() => swap.rollback());
