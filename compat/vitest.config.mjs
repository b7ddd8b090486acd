// The host's conformance suite (@langchain/langgraph-checkpoint-validation) runs under vitest,
// which it requires; our savers are built into dist/ first (`npm run build`).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["*.spec.mjs"],
    // The suite uses describe/it/expect/beforeAll as globals.
    globals: true,
    // One worker: SQLite files and a 2-core machine shared with others.
    fileParallelism: false,
    testTimeout: 30000,
  },
});
