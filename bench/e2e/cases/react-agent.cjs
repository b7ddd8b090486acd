// The prebuilt react agent (createReactAgent: model node + ToolNode) driven by a scripted model
// that calls one tool `rounds` times, then answers (upstream: react_agent_10x / _100x). Sizes as
// upstream: 3,600-character tool arguments, tool results of ten repeats, a 600-character answer.
// `sleepMs` 0 is the zero-latency model; upstream's model sleeps 50 ms per call.
const { streamingCase } = require("../graph-run.cjs");
const { ScriptedToolModel } = require("../fake-model.cjs");

function buildAgent(rounds, { checkpointer, sleepMs = 0 } = {}) {
  const { createReactAgent } = require("@langchain/langgraph/prebuilt");
  const { AIMessage } = require("@langchain/core/messages");
  const { tool } = require("@langchain/core/tools");
  const { z } = require("zod");
  const lookup = tool(({ query }) => `result for query: ${query}`.repeat(10), {
    name: "lookup",
    description: "A test tool",
    schema: z.object({ query: z.string().describe("The query parameter") }),
  });
  const responses = [];
  for (let i = 0; i < rounds; i++) {
    const query = `query-${String(i).padStart(4, "0")}-`.repeat(240).slice(0, 3600);
    responses.push(new AIMessage({ content: "", id: `ai-${i}`, tool_calls: [{ id: `call-${i}`, name: "lookup", args: { query } }] }));
  }
  responses.push(new AIMessage({ content: "answer".repeat(100), id: `ai-${rounds}` }));
  const model = new ScriptedToolModel({ responses, sleepMs });
  const graph = createReactAgent({ llm: model, tools: [lookup], checkpointSaver: checkpointer });
  return { graph, model };
}

async function setup({ params, checkpointer }) {
  const { HumanMessage } = require("@langchain/core/messages");
  const { graph, model } = buildAgent(params.rounds, { checkpointer, sleepMs: params.sleepMs ?? 0 });
  const streaming = streamingCase(graph, () => ({ messages: [new HumanMessage({ content: "hi?", id: "human-0" })] }));
  return {
    async run(runIndex) {
      model.rewind();
      return streaming.run(runIndex);
    },
    record: streaming.record,
  };
}

module.exports = { setup, buildAgent };
