// The native MemorySaver under the host's name, so the suite skips for it what it skips for the
// stock MemorySaver: "should only store channel_values that have changed (based on newVersions)".
// Like the stock class, ours returns every value a put was given, also one whose version no
// stored checkpoint holds (test/memory/memory-saver.test.cjs compares the two call for call).
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { NativeMemorySaver } from "./native-savers.mjs";

const initializer = {
  checkpointerName: "MemorySaver",
  createCheckpointer: () => new NativeMemorySaver(),
};

validate(initializer);
deltaChannelHistoryTests(initializer);
