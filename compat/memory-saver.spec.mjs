// The native MemorySaver under a name of its own, so no test is skipped for "MemorySaver"
// (notably "should only store channel_values that have changed (based on newVersions)").
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { NativeMemorySaver } from "./native-savers.mjs";

const initializer = {
  checkpointerName: "langgraph-native MemorySaver",
  createCheckpointer: () => new NativeMemorySaver(),
};

validate(initializer);
deltaChannelHistoryTests(initializer);
