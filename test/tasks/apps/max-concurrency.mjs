// langgraphjs#2656: a Send fan-out of 6 tasks under maxConcurrency 1 and 2. The stock runner stops
// once nothing is in flight and drops the remaining Send tasks.
import { StateGraph, Annotation, Send, START, END } from "@langchain/langgraph";

const State = Annotation.Root({ items: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
let inFlight = 0;
let peak = 0;
const graph = new StateGraph(State)
  .addNode("work", async ({ n }) => {
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight--;
    return { items: [n] };
  })
  .addConditionalEdges(START, () => Array.from({ length: 6 }, (_, n) => new Send("work", { n })))
  .addEdge("work", END)
  .compile();

await (async () => {
  const out = {};
  for (const maxConcurrency of [1, 2]) {
    peak = 0;
    const { items } = await graph.invoke({ items: [] }, { maxConcurrency });
    out[maxConcurrency] = { items: items.sort(), peak };
  }
  console.log(JSON.stringify(out));
})();
