// The checkpointers a case runs with: none, the host's MemorySaver, or its SqliteSaver on a file in
// a fresh temp directory (removed when the process exits). Under the shim these are the swapped
// classes, exactly as an app would get them.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const SAVERS = ["none", "memory", "sqlite"];

function makeSaver(kind) {
  if (kind === "none") return undefined;
  if (kind === "memory") return new (require("@langchain/langgraph").MemorySaver)();
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-e2e-"));
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return require("@langchain/langgraph-checkpoint-sqlite").SqliteSaver.fromConnString(path.join(dir, "checkpoints.sqlite"));
  }
  throw new Error(`unknown saver ${JSON.stringify(kind)}; have: ${SAVERS.join(", ")}`);
}

module.exports = { SAVERS, makeSaver };
