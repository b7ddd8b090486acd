// The PregelRunner's check at its first call: a tiny real graph of the same LangGraph copy and
// build (a fan-out of Send tasks that settle out of order, then a join) runs once on our runner
// and once on the host's, and must end in the same state. Which runner a probe run takes is
// marked in its config, where the runner finds it (`this.loop.config`).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { difference, outcomeOf } from "../probe-outcome";
import type { FirstCallCheck } from "../types";
import { outsideHostRun, type ProbeRoute } from "../../shim/first-call-check";

/** A configurable key no app sets: which runner the probe run takes. */
const PROBE_KEY = "__langgraph_native_runner_probe";

/** A few microtask turns: the Send tasks settle in another order than they started. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

export const runnerCheck: FirstCallCheck = {
  methods: { _executeTasksWithRetry: "asyncGenerator" },
  probeRoute(runner: any): ProbeRoute {
    const route = runner?.loop?.config?.configurable?.[PROBE_KEY];
    return route === "ours" || route === "host" ? route : undefined;
  },
  async run(_classes, _moduleExports, context) {
    const baseDir = context.baseDir;
    if (baseDir === undefined) throw new Error("the LangGraph copy's directory is unknown");
    // The package entry of the same build: its StateGraph runs on this file's PregelRunner.
    const lg =
      context.moduleSystem === "cjs"
        ? require(path.join(baseDir, "dist/index.cjs"))
        : await import(pathToFileURL(path.join(baseDir, "dist/index.js")).href);
    const { StateGraph, Annotation, Send, START, END } = lg;
    const State = Annotation.Root({
      items: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
      n: Annotation(),
    });
    const graph = new StateGraph(State)
      .addNode("fan", () => ({ items: ["fan"] }))
      .addNode("work", async ({ n }: { n: number }) => {
        await turns(10 - 3 * n);
        return { items: [`work ${n}`] };
      })
      .addNode("join", ({ items }: { items: string[] }) => ({ items: [`join after ${items.length}`] }))
      .addEdge(START, "fan")
      .addConditionalEdges("fan", () => [1, 2, 3].map((n) => new Send("work", { n })))
      .addEdge("work", "join")
      .addEdge("join", END)
      .compile();
    const runOn = (route: "ours" | "host") =>
      outcomeOf(async () => JSON.stringify(await outsideHostRun(() => graph.invoke({ items: [] }, { configurable: { [PROBE_KEY]: route } }))));
    const [ours, host] = [await runOn("ours"), await runOn("host")];
    if (ours !== host) throw new Error(`the probe graph ends differently: ${difference(ours, host)}`);
  },
};
