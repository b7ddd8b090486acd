// The native savers as the shim runs them: on the native serializer, whose JSON text goes to Rust
// without byte arrays (jsonTextEncoderOf) and comes back scanned in Rust (jsonTextDecoderOf). The
// suite runs once more with that serde swapped onto this process's JsonPlusSerializer (the shim's
// own patch and self-check), then restored.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import * as checkpoint from "@langchain/langgraph-checkpoint";
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { NativeMemorySaver, NativeSqliteSaver } from "./native-savers.mjs";

const require = createRequire(import.meta.url);
const { collectSerdeTypes, swapInto } = require("../test/support/serde.cjs");
const { jsonTextDecoderOf, jsonTextEncoderOf } = require("../dist/patches/serde/native-serializer.js");
const { SwapRegistry } = require("../dist/shim/registry.js");

// This file's ES-module copy of the checkpoint package (the one the savers here are built on).
const registry = new SwapRegistry();
await collectSerdeTypes("esm");
swapInto(registry, checkpoint, "esm");

/** `saver`, after checking that its serde is the native serializer (text both ways). */
function onNativeSerde(saver) {
  if (jsonTextEncoderOf(saver.serde) === undefined || jsonTextDecoderOf(saver.serde) === undefined)
    throw new Error("the saver's serde is not the native serializer");
  return saver;
}

const memory = {
  // The host's name, as in memory-saver.spec.mjs: the suite skips what it skips for MemorySaver.
  checkpointerName: "MemorySaver",
  createCheckpointer: () => onNativeSerde(new NativeMemorySaver()),
};

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-compat-serde-"));
let files = 0;
const sqlite = {
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  createCheckpointer: () => onNativeSerde(NativeSqliteSaver.fromConnString(path.join(directory, `saver-${files++}.sqlite`))),
  afterAll: () => fs.rmSync(directory, { recursive: true, force: true }),
};

describe("langgraph-native MemorySaver on the native serializer", () => {
  validate(memory);
  deltaChannelHistoryTests(memory);
});

describe("langgraph-native SqliteSaver on the native serializer", () => {
  validate(sqlite);
  deltaChannelHistoryTests(sqlite);
});

afterAll(() => registry.restore());
