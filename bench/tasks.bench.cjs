// Task runner bench: stock PregelRunner vs ours in one process (the shim swaps it; we switch the
// export between runs). Send fan-out of 100, 1,000 and 5,000 trivial tasks in one superstep, and
// a 51-superstep agent loop (agent + ToolNode). Prints a table with ratios, writes results JSON.
const { startShim, exportSwitch, measurePair, printTable, writeResults, hostInternal } = require("./support.cjs");

startShim();
const { StateGraph, Annotation, Send, START, END, MessagesAnnotation } = require("@langchain/langgraph");
const { ToolNode, toolsCondition } = require("@langchain/langgraph/prebuilt");
const { AIMessage, HumanMessage } = require("@langchain/core/messages");
const { tool } = require("@langchain/core/tools");
const { z } = require("zod");

const runnerSwitch = exportSwitch(hostInternal("@langchain/langgraph", "dist/pregel/runner.cjs"), "PregelRunner");
// "stock" is every stock function on the task path: the runner, the task ids and cache keys, and
// RunnableCallable.invoke and PregelLoop.putWrites.
const switches = [
  runnerSwitch,
  exportSwitch(require("@langchain/langgraph-checkpoint"), "uuid5"),
  exportSwitch(hostInternal("@langchain/langgraph", "dist/hash.cjs"), "XXH3"),
  // Internal callables (state mapper, ChannelWrite, control branch) that skip async-local storage.
  exportSwitch(hostInternal("@langchain/langgraph", "dist/utils.cjs").RunnableCallable.prototype, "invoke"),
  // PregelLoop.putWrites without the per-task copy of the pending writes.
  exportSwitch(hostInternal("@langchain/langgraph", "dist/pregel/loop.cjs").PregelLoop.prototype, "putWrites"),
];
try {
  // The agent loop compares the whole stock setup with the whole native one.
  switches.push(exportSwitch(hostInternal("@langchain/langgraph", "dist/prebuilt/tool_node.cjs"), "ToolNode"));
} catch {
  // ToolNode not swapped (LANGGRAPH_NATIVE_TOOLS=off): the agent loop then measures the runner alone.
}
const use = (variant) => switches.forEach((s) => s.use(variant));

function fanOutGraph(size) {
  const State = Annotation.Root({ count: Annotation({ reducer: (a, b) => a + b, default: () => 0 }) });
  return new StateGraph(State)
    .addNode("work", async () => ({ count: 1 }))
    .addConditionalEdges(START, () => Array.from({ length: size }, (_, n) => new Send("work", { n })))
    .addEdge("work", END)
    .compile();
}

const echo = tool(async ({ x }) => `echo ${x}`, {
  name: "echo",
  description: "echoes x",
  schema: z.object({ x: z.number() }),
});

function agentLoopGraph(turns) {
  const agent = async (state) => {
    const calls = state.messages.filter((m) => AIMessage.isInstance(m)).length;
    if (calls >= turns) return { messages: [new AIMessage("done")] };
    return { messages: [new AIMessage({ content: "", tool_calls: [{ name: "echo", args: { x: calls }, id: `call_${calls}` }] })] };
  };
  // ToolNode is looked up when the graph is built, so build it under the variant being measured.
  return () =>
    new StateGraph(MessagesAnnotation)
      .addNode("agent", agent)
      .addNode("tools", new ToolNode([echo]))
      .addEdge(START, "agent")
      .addConditionalEdges("agent", toolsCondition, ["tools", END])
      .addEdge("tools", "agent")
      .compile();
}

/** Builds one graph per variant (while that variant is the export), checks it, then times both. */
async function compare(name, { build, once, check }, options) {
  const graphs = {};
  for (const variant of ["stock", "native"]) {
    use(variant);
    graphs[variant] = build();
    check(await once(graphs[variant]), variant);
  }
  const measured = await measurePair((variant) => {
    use(variant);
    return once(graphs[variant]);
  }, options);
  use("native");
  return { name, ...measured };
}

async function main() {
  // --quick: skip the 5,000-task case; --agent: only the agent loop.
  const quick = process.argv.includes("--quick");
  const agentOnly = process.argv.includes("--agent");
  const rows = [];
  for (const size of agentOnly ? [] : quick ? [100, 1000] : [100, 1000, 5000]) {
    const iterations = size === 100 ? 20 : size === 1000 ? 5 : 1;
    rows.push(
      await compare(
        `fan-out ${size}`,
        {
          build: () => fanOutGraph(size),
          once: (graph) => graph.invoke({ count: 0 }),
          check: (out, variant) => {
            if (out.count !== size) throw new Error(`${variant} fan-out ${size} gave count ${out.count}`);
          },
        },
        // The stock 5,000-task run takes ~20 s: one timed run (after the checked one).
        size === 5000 ? { warmup: 0, iterations: 3, iterationsOf: { stock: 1 } } : { iterations, warmup: 1 },
      ),
    );
  }
  const build = agentLoopGraph(25);
  rows.push(
    await compare(
      "agent loop 51 supersteps",
      {
        build,
        once: (graph) => graph.invoke({ messages: [new HumanMessage("go")] }, { recursionLimit: 100 }),
        check: (out, variant) => {
          if (out.messages.length !== 52) throw new Error(`${variant} agent loop gave ${out.messages.length} messages`);
        },
      },
      { iterations: agentOnly ? 60 : 30, warmup: 3 },
    ),
  );

  const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
  const f1k = byName["fan-out 1000"];
  if (f1k) {
    f1k.target = ">= 8x";
    f1k.met = f1k.stock.medianMs / f1k.native.medianMs >= 8;
  }
  const f5k = byName["fan-out 5000"];
  if (f5k) {
    const growth = f5k.native.medianMs / f1k.native.medianMs;
    f5k.target = `5k/1k <= 6x (native ${growth.toFixed(2)}x, stock ${(f5k.stock.medianMs / f1k.stock.medianMs).toFixed(1)}x)`;
    f5k.met = growth <= 6;
  }
  const loop = byName["agent loop 51 supersteps"];
  loop.target = "not slower (>= 0.95x)";
  loop.met = loop.stock.medianMs / loop.native.medianMs >= 0.95;
  printTable(`Task runner (node ${process.version}; agent loop swaps: ${switches.length === 6 ? "runner + ids + invoke + putWrites + ToolNode" : "runner + ids + invoke + putWrites"})`, rows);
  console.log(`\nresults: ${writeResults("tasks", { rows })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
