// ToolNode scenarios, run by tool-app.cjs / tool-app.mjs with and without the shim (and with the
// LANGGRAPH_NATIVE_TOOLS_* knobs). Each returns plain JSON; tests compare or inspect the outputs.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const describeError = (error) => ({ error: `${error?.name}: ${error?.message}` });
const plain = (m) => ({
  type: m._getType?.() ?? m.type,
  content: m.content,
  name: m.name ?? null,
  tool_call_id: m.tool_call_id ?? null,
  status: m.status ?? null,
  id: m.id ? "set" : null, // the messages reducer assigns random ids
});
const plainOutput = (out) =>
  Array.isArray(out)
    ? out.map((item) => (item?.lg_name === "Command" || item?.constructor?.name === "Command" ? plainCommand(item) : Array.isArray(item) ? item.map(plain) : item?.messages ? { messages: item.messages.map(plain) } : plain(item)))
    : { messages: out.messages.map(plain) };
const plainCommand = (command) => ({
  command: true,
  graph: command.graph ?? null,
  goto: (Array.isArray(command.goto) ? command.goto : [command.goto]).filter(Boolean).map((g) => (typeof g === "string" ? g : { node: g.node, args: g.args })),
  update: command.update?.messages ? { messages: command.update.messages.map(plain) } : command.update ?? null,
});

function scenarios({ lg, prebuilt, messages, tools, z }) {
  const { StateGraph, START, END, MessagesAnnotation, MemorySaver, Command, Send, interrupt } = lg;
  const { AIMessage, HumanMessage, ToolMessage } = messages;
  const { ToolNode } = prebuilt;
  const schema = z.object({ x: z.number() });
  const echo = tools.tool(async ({ x }) => `echo ${x}`, { name: "echo", description: "echo", schema });
  const json = tools.tool(async ({ x }) => ({ doubled: x * 2 }), { name: "json", description: "json", schema });
  const boom = tools.tool(async ({ x }) => {
    throw new RangeError(`boom ${x}`);
  }, { name: "boom", description: "boom", schema });
  const call = (name, x, id = `${name}_${x}`) => ({ name, args: { x }, id });
  const ai = (...calls) => new AIMessage({ content: "", tool_calls: calls });

  let inFlight = 0;
  let peak = 0;
  const slow = tools.tool(
    async ({ x }) => {
      peak = Math.max(peak, ++inFlight);
      await sleep(20);
      inFlight--;
      return `slow ${x}`;
    },
    { name: "slow", description: "slow", schema },
  );
  let sawAbort = null;
  const hang = tools.tool(
    async ({ x }, runtime) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(`hang ${x} finished`), 400);
        runtime.signal?.addEventListener("abort", () => {
          sawAbort = String(runtime.signal.reason?.message ?? runtime.signal.reason);
          clearTimeout(timer);
          reject(new Error("aborted by signal"));
        });
      }),
    { name: "hang", description: "hang", schema },
  );

  // A tool that runs a graph whose ToolNode calls this tool again, `x` levels deep.
  const recurse = tools.tool(
    async ({ x }) => {
      if (x === 0) return "bottom";
      const out = await nestedGraph().invoke({ messages: [ai(call("recurse", x - 1))] });
      return `level ${x} <- ${out.messages[out.messages.length - 1].content}`;
    },
    { name: "recurse", description: "recurse", schema },
  );
  const nestedGraph = () =>
    new StateGraph(MessagesAnnotation).addNode("tools", new ToolNode([recurse])).addEdge(START, "tools").addEdge("tools", END).compile();

  return {
    async messagesState() {
      const answered = new ToolMessage({ content: "old", tool_call_id: "echo_1", name: "echo" });
      const out = await new ToolNode([echo, json]).invoke({
        messages: [new HumanMessage("hi"), ai(call("echo", 1), call("echo", 2), call("json", 3), call("nope", 4)), answered],
      });
      return plainOutput(out);
    },
    async messageArray() {
      return plainOutput(await new ToolNode([echo]).invoke([ai(call("echo", 7), { name: "echo", args: { x: 8 } })]));
    },
    async handleToolErrors() {
      const input = { messages: [ai(call("echo", 1), call("boom", 2))] };
      return {
        default: plainOutput(await new ToolNode([echo, boom]).invoke(input)),
        true: plainOutput(await new ToolNode([echo, boom], { handleToolErrors: true }).invoke(input)),
        false: await new ToolNode([echo, boom], { handleToolErrors: false }).invoke(input).catch(describeError),
        fn: await new ToolNode([echo, boom], { handleToolErrors: (e) => `custom ${e.message}` })
          .invoke(input)
          .then(plainOutput, describeError),
        badInput: await new ToolNode([echo]).invoke({ messages: [new HumanMessage("no ai")] }).catch(describeError),
      };
    },
    async commands() {
      const update = tools.tool(
        async ({ x }, runtime) =>
          new Command({ update: { messages: [new ToolMessage({ content: `cmd ${x}`, tool_call_id: runtime.toolCallId, name: "update" })] } }),
        { name: "update", description: "update", schema },
      );
      const handoff = tools.tool(async ({ x }) => new Command({ graph: Command.PARENT, goto: [new Send("agent", { x })] }), {
        name: "handoff",
        description: "handoff",
        schema,
      });
      const out = await new ToolNode([echo, update, handoff]).invoke({
        messages: [ai(call("echo", 1), call("update", 2), call("handoff", 3), call("handoff", 4))],
      });
      return plainOutput(out);
    },
    async sendInput() {
      const out = await new ToolNode([echo]).invoke({ lg_tool_call: call("echo", 5), other: "state" });
      return plainOutput(out);
    },
    async interruptPassesThrough() {
      const ask = tools.tool(async ({ x }) => `answer ${interrupt({ ask: x })}`, { name: "ask", description: "ask", schema });
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("tools", new ToolNode([ask, echo]))
        .addEdge(START, "tools")
        .addEdge("tools", END)
        .compile({ checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: "i" } };
      const first = await graph.invoke({ messages: [ai(call("ask", 1), call("echo", 2))] }, config);
      const resumed = await graph.invoke(new Command({ resume: "yes" }), config);
      return { interrupts: first.__interrupt__.map((i) => i.value), messages: resumed.messages.map(plain) };
    },
    async manyCalls() {
      peak = 0;
      const calls = Array.from({ length: 10 }, (_, i) => call("slow", i));
      const out = await new ToolNode([slow]).invoke({ messages: [ai(...calls)] });
      return { messages: plainOutput(out).messages.map((m) => m.content), peak };
    },
    async slowTool() {
      sawAbort = null;
      const out = await new ToolNode([hang, echo]).invoke({ messages: [ai(call("hang", 1), call("echo", 2))] });
      await sleep(5);
      return { messages: plainOutput(out).messages, sawAbort };
    },
    async slowToolNoErrorHandling() {
      return new ToolNode([hang], { handleToolErrors: false }).invoke({ messages: [ai(call("hang", 1))] }).then(plainOutput, describeError);
    },
    async nestedTools() {
      const out = await new ToolNode([recurse]).invoke({ messages: [ai(call("recurse", 4))] });
      return plainOutput(out).messages.map((m) => ({ content: m.content, status: m.status }));
    },
  };
}

async function main(modules, names) {
  const all = scenarios(modules);
  const results = {};
  for (const name of names.length > 0 ? names : Object.keys(all)) {
    results[name] = await all[name]().catch((error) => ({ scenarioFailed: `${error?.name}: ${error?.message}` }));
  }
  const ToolNode = modules.prebuilt.ToolNode;
  console.log(JSON.stringify({ results, nativeToolNode: ToolNode[Symbol.for("langgraph-native.tools.toolNode")] === true }));
}

module.exports = { main };
