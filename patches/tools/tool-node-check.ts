// The ToolNode's check at its first call: our ToolNode and the host's run the same real tool
// calls (a tool that answers, one that throws, one that does not exist) and must answer with the
// same ToolMessages. The tools and the message are made with the @langchain/core this copy of
// LangGraph resolves (its CommonJS build, for either build of LangGraph).
import { createRequire } from "node:module";
import path from "node:path";
import { difference, outcomeOf } from "../probe-outcome";
import type { FirstCallCheck } from "../types";
import { outsideHostRun } from "../../shim/first-call-check";

export const toolNodeCheck: FirstCallCheck = {
  methods: { run: "async" },
  async run({ Ours, Host, probe }, _moduleExports, context) {
    const hostRequire = createRequire(path.join(context.baseDir ?? process.cwd(), "package.json"));
    const { tool } = hostRequire("@langchain/core/tools");
    const { AIMessage } = hostRequire("@langchain/core/messages");
    const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
      name: "add",
      description: "Adds two numbers.",
      schema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
    });
    const fails = tool(
      async () => {
        throw new Error("probe failure");
      },
      { name: "fails", description: "Always throws.", schema: { type: "object", properties: {} } },
    );
    const calls = [
      { id: "1", name: "add", args: { a: 1, b: 2 } },
      { id: "2", name: "fails", args: {} },
      { id: "3", name: "missing", args: {} },
    ];
    const answer = async (node: any) => {
      const out = await node.invoke({ messages: [new AIMessage({ content: "", tool_calls: calls })] }, { callbacks: [], configurable: {} });
      return JSON.stringify(out.messages.map((m: any) => [m.constructor?.name, m.content, m.name, m.tool_call_id, m.status]));
    };
    const ours = await outcomeOf(() => outsideHostRun(() => answer(probe(new Ours([add, fails])))));
    const host = await outcomeOf(() => outsideHostRun(() => answer(new Host([add, fails]))));
    if (ours !== host) throw new Error(`the probe tool calls answer differently: ${difference(ours, host)}`);
  },
};
