// The native SqliteSaver keeps the stock saver's storage contract (same tables, full checkpoints),
// so it runs under the stock saver's name: the suite skips for it what it skips for the stock one.
// Once on a database file and once on ":memory:".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { NativeSqliteSaver } from "./native-savers.mjs";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-compat-"));
let files = 0;

const onFile = {
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  createCheckpointer: () => NativeSqliteSaver.fromConnString(path.join(directory, `saver-${files++}.sqlite`)),
  afterAll: () => fs.rmSync(directory, { recursive: true, force: true }),
};
const inMemory = {
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  createCheckpointer: () => NativeSqliteSaver.fromConnString(":memory:"),
};

describe("langgraph-native SqliteSaver on a file", () => {
  validate(onFile);
  deltaChannelHistoryTests(onFile);
});

describe("langgraph-native SqliteSaver on :memory:", () => {
  validate(inMemory);
  deltaChannelHistoryTests(inMemory);
});
