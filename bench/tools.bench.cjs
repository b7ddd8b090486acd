// Tool executor bench: stock ToolNode vs ours in one process, 100 tool calls in one AIMessage.
// Ours is measured as shipped (no knob: the host's behaviour) and, for reference, with a timeout
// set (each call then runs under its own abort signal and timer).
const { startShim, exportSwitch, measurePair, printTable, writeResults, hostInternal } = require("./support.cjs");

startShim();
const { AIMessage } = require("@langchain/core/messages");
const { tool } = require("@langchain/core/tools");
const { z } = require("zod");

const toolNodeModule = hostInternal("@langchain/langgraph", "dist/prebuilt/tool_node.cjs");
const toolNodeSwitch = exportSwitch(toolNodeModule, "ToolNode");
const echo = tool(async ({ x }) => `echo ${x}`, { name: "echo", description: "echo", schema: z.object({ x: z.number() }) });
const input = {
  messages: [new AIMessage({ content: "", tool_calls: Array.from({ length: 100 }, (_, i) => ({ name: "echo", args: { x: i }, id: `c${i}` })) })],
};

/** A node of each variant, built while that variant is the export (as a user's code would get it). */
async function nodesOfEachVariant() {
  const nodes = {};
  for (const variant of ["stock", "native"]) {
    toolNodeSwitch.use(variant);
    nodes[variant] = new toolNodeModule.ToolNode([echo]);
    const out = await nodes[variant].invoke(input);
    if (out.messages.length !== 100 || out.messages[99].content !== "echo 99") throw new Error(`${variant} gave a wrong result`);
  }
  toolNodeSwitch.use("native");
  return nodes;
}

async function main() {
  const nodes = await nodesOfEachVariant();
  const { stock, native } = await measurePair((variant) => nodes[variant].invoke(input), { iterations: 100, warmup: 10 });
  const { tools } = require("../dist/config").readConfig();
  const knobs = Object.entries(tools).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`).join(", ");
  const rows = [
    {
      name: `ToolNode 100 calls (${knobs || "no knobs"})`,
      stock,
      native,
      target: knobs ? "(opt-in knobs: cost shown, no target)" : "not slower (>= 0.95x)",
      met: knobs ? undefined : stock.medianMs / native.medianMs >= 0.95,
    },
  ];
  printTable(`Tool executor (node ${process.version})`, rows);
  console.log(`\nresults: ${writeResults(knobs ? "tools-with-knobs" : "tools", { rows })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
