// Real-graph scenarios, run by graph-app.cjs (CommonJS) and graph-app.mjs (ES modules) with and
// without the shim. They receive the host modules, so each module system uses its own build.
// Every scenario returns plain JSON; the tests compare the outputs of the runs.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const describeError = (error) => ({ error: `${error?.name}: ${error?.message}` });
const plainMessages = (messages) =>
  messages.map((m) => ({
    type: m._getType?.() ?? m.type,
    content: m.content,
    name: m.name ?? null,
    tool_calls: (m.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args, id: c.id })),
    tool_call_id: m.tool_call_id ?? null,
    status: m.status ?? null,
  }));

function scenarios({ lg, checkpoint, prebuilt, messages, tools, chatModels, z, callbacks, traceable }) {
  const { StateGraph, Annotation, Send, START, END, MemorySaver, Command, interrupt, entrypoint, task, MessagesAnnotation, getConfig } = lg;
  const { AIMessage, HumanMessage } = messages;

  const ListState = Annotation.Root({
    items: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }),
  });

  function fanOut(size, delays = false) {
    return new StateGraph(ListState)
      .addNode("work", async ({ n }) => {
        if (delays) await sleep((n * 7) % 5);
        return { items: [n] };
      })
      .addConditionalEdges(START, () => Array.from({ length: size }, (_, n) => new Send("work", { n })))
      .addEdge("work", END)
      .compile();
  }

  const echo = tools.tool(async ({ x }) => `echo ${x}`, {
    name: "echo",
    description: "echoes x",
    schema: z.object({ x: z.number() }),
  });
  const toolCall = (i) => ({ name: "echo", args: { x: i }, id: `call_${i}` });

  return {
    async fanOutSend() {
      const result = await fanOut(40, true).invoke({ items: [] });
      const updates = [];
      for await (const chunk of await fanOut(12).stream({ items: [] }, { streamMode: "updates" })) updates.push(chunk);
      return { items: result.items, updates };
    },
    async fanOutMaxConcurrencyAtOrAboveTasks() {
      const graph = fanOut(6, true);
      return {
        six: (await graph.invoke({ items: [] }, { maxConcurrency: 6 })).items,
        ten: (await graph.invoke({ items: [] }, { maxConcurrency: 10 })).items,
      };
    },
    async reactAgentPrebuilt() {
      const script = [
        new AIMessage({ content: "", tool_calls: [toolCall(1), toolCall(2)] }),
        new AIMessage({ content: "", tool_calls: [toolCall(3), { name: "nope", args: {}, id: "bad" }] }),
        new AIMessage("all done"),
      ];
      // A scripted chat model: returns the next message of the script on each call.
      class ScriptedModel extends chatModels.BaseChatModel {
        _llmType() {
          return "scripted";
        }
        bindTools() {
          return this;
        }
        async _generate() {
          const message = script.shift() ?? new AIMessage("out of script");
          return { generations: [{ message, text: String(message.content) }] };
        }
      }
      const llm = new ScriptedModel({});
      const agent = prebuilt.createReactAgent({ llm, tools: [echo] });
      const out = await agent.invoke({ messages: [new HumanMessage("go")] });
      return plainMessages(out.messages).map(({ content, ...rest }) => ({ ...rest, content }));
    },
    async reactAgentHandBuilt() {
      let turn = 0;
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async () => {
          turn += 1;
          if (turn > 4) return { messages: [new AIMessage("finished")] };
          const calls = [toolCall(turn), { name: "missing_tool", args: {}, id: `bad_${turn}` }];
          return { messages: [new AIMessage({ content: "", tool_calls: calls })] };
        })
        .addNode("tools", new prebuilt.ToolNode([echo]))
        .addEdge(START, "agent")
        .addConditionalEdges("agent", prebuilt.toolsCondition, ["tools", END])
        .addEdge("tools", "agent")
        .compile();
      const out = await graph.invoke({ messages: [new HumanMessage("go")] });
      return plainMessages(out.messages);
    },
    async interruptsAndResume() {
      const graph = new StateGraph(ListState)
        .addNode("ask", async ({ n }) => ({ items: [`${n}:${interrupt({ question: `q${n}` })}`] }))
        .addConditionalEdges(START, () => [0, 1, 2].map((n) => new Send("ask", { n })))
        .addEdge("ask", END)
        .compile({ checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: "t1" } };
      const first = await graph.invoke({ items: [] }, config);
      const pending = first.__interrupt__.map((i) => i.value).sort((a, b) => a.question.localeCompare(b.question));
      const state = await graph.getState(config);
      const resumeMap = Object.fromEntries(state.tasks.flatMap((t) => t.interrupts).map((i) => [i.id, `a-${i.value.question}`]));
      const done = await graph.invoke(new Command({ resume: resumeMap }), config);
      return { pending, interruptsInState: state.tasks.flatMap((t) => t.interrupts).length, items: done.items.sort() };
    },
    async retries() {
      let attempts = 0;
      const graph = new StateGraph(ListState)
        .addNode(
          "flaky",
          async () => {
            attempts += 1;
            if (attempts < 3) throw new Error(`flaky failure ${attempts}`);
            return { items: [`ok after ${attempts}`] };
          },
          { retryPolicy: { maxAttempts: 3, initialInterval: 1, jitter: false, logWarning: false } },
        )
        .addEdge(START, "flaky")
        .addEdge("flaky", END)
        .compile();
      const ok = await graph.invoke({ items: [] });
      const failing = new StateGraph(ListState)
        .addNode(
          "broken",
          async () => {
            attempts += 1;
            throw new TypeError("always broken");
          },
          { retryPolicy: { maxAttempts: 2, initialInterval: 1, jitter: false, logWarning: false } },
        )
        .addEdge(START, "broken")
        .compile();
      const failed = await failing.invoke({ items: [] }).catch(describeError);
      return { ok: ok.items, attempts, failed };
    },
    async errorHandlerNode() {
      const graph = new StateGraph(ListState)
        .addNode(
          "fails",
          async () => {
            throw new Error("node exploded");
          },
          { errorHandler: (_state, error) => ({ items: [`handled ${error.node ?? ""}: ${error.error?.message ?? error.message}`] }) },
        )
        .addNode("fine", async () => ({ items: ["fine"] }))
        .addEdge(START, "fails")
        .addEdge(START, "fine")
        .compile();
      return (await graph.invoke({ items: [] }).catch(describeError)).items ?? "error";
    },
    async parallelErrors() {
      const graph = new StateGraph(ListState)
        .addNode("a", async () => {
          throw new Error("a failed");
        })
        .addNode("b", async () => {
          await sleep(5);
          return { items: ["b"] };
        })
        .addEdge(START, "a")
        .addEdge(START, "b")
        .compile();
      return graph.invoke({ items: [] }).catch(describeError);
    },
    async failureAbortsSiblings() {
      // One Send task fails; its siblings see their signal abort (our runner hands them grouped child signals).
      const seen = [];
      const graph = new StateGraph(ListState)
        .addNode("work", async ({ n }, config) => {
          if (n === 0) {
            await sleep(10);
            throw new Error("first task failed");
          }
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, 400);
            config.signal?.addEventListener("abort", () => {
              clearTimeout(timer);
              resolve();
            });
          });
          seen.push({ n, aborted: config.signal?.aborted ?? null, reasonType: typeof config.signal?.reason });
          return { items: [n] };
        })
        .addConditionalEdges(START, () => Array.from({ length: 40 }, (_, n) => new Send("work", { n })))
        .addEdge("work", END)
        .compile();
      const outcome = await graph.invoke({ items: [] }).catch(describeError);
      await sleep(20);
      return { outcome, seen: seen.sort((a, b) => a.n - b.n) };
    },
    async nodeCache() {
      // Cache keys are XXH3 of the node input: a second run with the same inputs is served from the cache.
      let runs = 0;
      const graph = new StateGraph(ListState)
        .addNode("cached", async ({ n }) => {
          runs += 1;
          return { items: [`computed ${n}`] };
        }, { cachePolicy: { ttl: 60 } })
        .addConditionalEdges(START, () => ["é", "日本", "x".repeat(300), "ab", "0123456789abc"].map((n) => new Send("cached", { n })))
        .addEdge("cached", END)
        .compile({ cache: new checkpoint.InMemoryCache() });
      const first = await graph.invoke({ items: [] });
      const second = await graph.invoke({ items: [] });
      return { first: first.items, second: second.items, runs };
    },
    async externalAbortAndStepTimeout() {
      const slow = new StateGraph(ListState)
        .addNode("slow", async () => {
          await sleep(300);
          return { items: ["slow"] };
        })
        .addEdge(START, "slow")
        .compile();
      const aborted = await slow.invoke({ items: [] }, { signal: AbortSignal.timeout(30) }).catch(describeError);
      slow.stepTimeout = 30;
      const timedOut = await slow.invoke({ items: [] }).catch(describeError);
      return { aborted, timedOut };
    },
    async functionalApi() {
      // The update stream follows completion order, in both runners: the tasks finish in a fixed
      // order not their own (3, 1, 4, 2), each a timer turn after the one before it returned, so a
      // loaded machine cannot reorder them (delays alone could).
      const finished = new Map();
      const after = { 3: null, 1: 3, 4: 1, 2: 4 };
      for (const x of [1, 2, 3, 4]) {
        let resolve;
        finished.set(x, { promise: new Promise((r) => (resolve = r)), resolve });
      }
      const double = task("double", async (x) => {
        if (after[x] !== null) await finished.get(after[x]).promise;
        await sleep(5);
        setTimeout(() => finished.get(x).resolve(), 5);
        return x * 2;
      });
      const approve = task("approve", async (x) => interrupt({ approve: x }));
      const workflow = entrypoint({ name: "workflow", checkpointer: new MemorySaver() }, async (xs) => {
        const doubled = await Promise.all(xs.map((x) => double(x)));
        const answer = await approve(doubled.reduce((a, b) => a + b, 0));
        return { doubled, answer };
      });
      const config = { configurable: { thread_id: "f1" } };
      const first = [];
      for await (const chunk of await workflow.stream([1, 2, 3, 4], { ...config, streamMode: "updates" })) {
        // Interrupt ids hash the checkpoint id (time based): keep only that there is one.
        if (chunk.__interrupt__) chunk.__interrupt__ = chunk.__interrupt__.map(({ id, value }) => ({ id: typeof id, value }));
        first.push(chunk);
      }
      const resumed = await workflow.invoke(new Command({ resume: "yes" }), config);
      return { first, resumed };
    },
    async functionalApiUnderMaxConcurrency() {
      // call() tasks are scheduled beside the entrypoint's task, outside the maxConcurrency count.
      const square = task("square", async (x) => {
        await sleep(((x * 3) % 4) * 10);
        return x * x;
      });
      const workflow = entrypoint({ name: "squares", checkpointer: new MemorySaver() }, async (xs) => Promise.all(xs.map((x) => square(x))));
      const config = { configurable: { thread_id: "m1" }, maxConcurrency: 1 };
      return workflow.invoke([1, 2, 3, 4, 5], config);
    },
    async subgraphs() {
      const inner = new StateGraph(ListState)
        .addNode("innerA", async () => ({ items: ["innerA"] }))
        .addNode("innerFan", async ({ n }) => ({ items: [`fan${n}`] }))
        .addEdge(START, "innerA")
        .addConditionalEdges("innerA", () => [0, 1, 2].map((n) => new Send("innerFan", { n })))
        .addEdge("innerFan", END)
        .compile();
      const outer = new StateGraph(ListState)
        .addNode("before", async () => ({ items: ["before"] }))
        .addNode("inner", inner)
        .addEdge(START, "before")
        .addEdge("before", "inner")
        .addEdge("inner", END)
        .compile();
      const chunks = [];
      for await (const [ns, chunk] of await outer.stream({ items: [] }, { streamMode: "updates", subgraphs: true })) {
        chunks.push([ns.map((part) => part.split(":")[0]), chunk]);
      }
      return { final: (await outer.invoke({ items: [] })).items, chunks };
    },
    // What user code sees of the config and async-local storage inside nodes, conditional edges
    // and Command routing (the internal callables around them skip storage under the shim).
    async contextInNodesAndEdges() {
      const seen = [];
      const look = (where) => {
        const config = getConfig();
        const runTree = traceable.getCurrentRunTree(true);
        seen.push({
          where,
          threadId: config?.configurable?.thread_id ?? null,
          custom: config?.configurable?.custom ?? null,
          tags: (config?.tags ?? []).filter((t) => !t.startsWith("graph:step") && !t.startsWith("seq:step")).sort(),
          metadataNode: config?.metadata?.langgraph_node ?? null,
          runTree: runTree ? { name: runTree.name, tracingEnabled: runTree.tracingEnabled ?? null, isChild: runTree.extra !== undefined } : null,
        });
      };
      const graph = new StateGraph(ListState)
        .addNode("route", async () => {
          look("route");
          return new Command({ goto: [new Send("work", { n: 0 }), new Send("work", { n: 1 })], update: { items: ["routed"] } });
        }, { ends: ["work"] })
        .addNode("work", async ({ n }) => {
          look(`work${n}`);
          return { items: [n] };
        })
        .addNode("after", async () => {
          look("after");
          return { items: ["after"] };
        })
        .addEdge(START, "route")
        .addConditionalEdges("work", () => {
          look("edge");
          return "after";
        }, ["after"])
        .addEdge("after", END)
        .compile({ checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: "ctx", custom: "c1" }, tags: ["user-tag"] };
      const chunks = [];
      for await (const chunk of await graph.stream({ items: [] }, { ...config, streamMode: ["updates", "values"] })) chunks.push(chunk);
      const state = await graph.getState(config);
      const history = [];
      for await (const snapshot of graph.getStateHistory(config)) history.push({ next: snapshot.next, values: snapshot.values, step: snapshot.metadata?.step });
      seen.sort((a, b) => a.where.localeCompare(b.where));
      return { seen, chunks, final: state.values, history };
    },
    // User callbacks see the same runs (names, tags) with and without the shim.
    async userCallbacks() {
      const events = [];
      class Recorder extends callbacks.BaseCallbackHandler {
        name = "recorder";
        handleChainStart(_chain, _inputs, _runId, _parentRunId, tags, _metadata, _runType, name) {
          events.push(["start", name ?? null, (tags ?? []).filter((t) => !t.startsWith("graph:step")).sort().join(",")]);
        }
        handleChainEnd(_outputs, _runId, _parentRunId, tags) {
          events.push(["end", (tags ?? []).filter((t) => !t.startsWith("graph:step")).sort().join(",")]);
        }
        handleChainError(error) {
          events.push(["error", String(error?.message)]);
        }
      }
      const graph = fanOut(4);
      const out = await graph.invoke({ items: [] }, { callbacks: [new Recorder()] });
      const failing = new StateGraph(ListState)
        .addNode("bad", async () => 42)
        .addEdge(START, "bad")
        .compile();
      const failed = await failing.invoke({ items: [] }, { callbacks: [new Recorder()] }).catch(describeError);
      return { items: out.items.sort(), failed, events: events.map((e) => e.join("|")).sort() };
    },
    // A zod state schema validates updates (user code): those mappers keep the host's path.
    async zodSchemaFanOut() {
      const calls = [];
      const State = z.object({
        items: z.array(z.number()).default([]),
        total: z.number().refine((v) => {
          calls.push(getConfig()?.configurable?.custom ?? null);
          return v >= 0;
        }).default(0),
      });
      const graph = new StateGraph(State)
        .addNode("work", async ({ total }) => ({ total: total + 5 }))
        .addEdge(START, "work")
        .addEdge("work", END)
        .compile();
      const out = await graph.invoke({ items: [], total: 0 }, { configurable: { custom: "z1" } });
      const bad = await graph.invoke({ items: [], total: -1 }, { configurable: { custom: "z2" } }).catch(describeError);
      return { out, calls: calls.sort(), bad: bad.error ? bad.error.split(":")[0] : bad };
    },
    // One resume value for several interrupted Send tasks: each task's scratchpad consumes the
    // null resume by splicing the pending-writes array it was prepared with (PregelLoop.putWrites
    // must keep handing the loop a fresh array whenever that one was seen).
    async nullResumeFanOut() {
      const graph = new StateGraph(ListState)
        .addNode("ask", async ({ n }) => {
          const first = interrupt({ question: `first${n}` });
          const second = n % 2 === 0 ? interrupt({ question: `second${n}` }) : "-";
          return { items: [`${n}:${first}:${second}`] };
        })
        .addConditionalEdges(START, () => [0, 1, 2, 3].map((n) => new Send("ask", { n })))
        .addEdge("ask", END)
        .compile({ checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: "null-resume" } };
      const rounds = [];
      let out = await graph.invoke({ items: [] }, config);
      for (let round = 0; round < 4 && out.__interrupt__; round += 1) {
        rounds.push(out.__interrupt__.map((i) => i.value.question).sort());
        const state = await graph.getState(config);
        rounds.push({ next: state.next, pendingTasks: state.tasks.length });
        out = await graph.invoke(new Command({ resume: `r${round}` }), config);
      }
      return { rounds, items: (out.items ?? []).sort(), interrupted: Boolean(out.__interrupt__) };
    },
    // What a node returns reaches the state mapper as the host hands it over, whatever its shape
    // (the mapper and the ChannelWrite around it run without a merged config under the shim).
    async nodeReturnShapes() {
      const returns = {
        extraKeys: { items: ["kept"], unknown: 1 },
        nothing: null,
        number: 42,
        plainArray: [{ items: ["x"] }],
        commands: [new Command({ update: { items: ["c1"] } }), { items: ["obj"] }],
      };
      const out = {};
      for (const [name, value] of Object.entries(returns)) {
        const graph = new StateGraph(ListState)
          .addNode("work", async ({ n }) => (n === 1 ? value : { items: [n] }))
          .addConditionalEdges(START, () => [0, 1, 2].map((n) => new Send("work", { n })))
          .addEdge("work", END)
          .compile();
        out[name] = await graph.invoke({ items: [] }).then((r) => r.items, describeError);
      }
      return out;
    },
    // Command routing through the control branch after each node (run without a merged config
    // under the shim): goto a node, a list, Sends, END, a Send to END, and Command.PARENT from a
    // subgraph node.
    async commandRouting() {
      const route = (goto) => {
        const graph = new StateGraph(ListState)
          .addNode("start", async () => new Command({ goto: goto(), update: { items: ["start"] } }), { ends: ["a", "b", END] })
          .addNode("a", async (state) => ({ items: [`a${state.n ?? ""}`] }))
          .addNode("b", async () => ({ items: ["b"] }))
          .addEdge(START, "start")
          .compile();
        return graph.invoke({ items: [] }).then((r) => r.items.sort(), describeError);
      };
      const inner = new StateGraph(ListState)
        .addNode("up", async () => new Command({ graph: Command.PARENT, goto: "b", update: { items: ["from child"] } }))
        .addEdge(START, "up")
        .compile();
      const parent = new StateGraph(ListState)
        .addNode("child", inner, { ends: ["b"] })
        .addNode("b", async () => ({ items: ["b"] }))
        .addEdge(START, "child")
        .compile();
      return {
        one: await route(() => "a"),
        list: await route(() => ["a", "b"]),
        sends: await route(() => [new Send("a", { n: 1 }), new Send("a", { n: 2 })]),
        end: await route(() => END),
        sendToEnd: await route(() => new Send(END, {})),
        parent: await parent.invoke({ items: [] }).then((r) => r.items, describeError),
      };
    },
    // An UntrackedValue channel: read within the run, never checkpointed, and left out of the
    // pending writes saved for a step another task interrupts (putWrites filters them out; under
    // the shim it asks whether the graph has such a channel once per run, not per task).
    async untrackedChannel() {
      const { UntrackedValueChannel } = lg;
      if (typeof UntrackedValueChannel !== "function") return "this release has no UntrackedValueChannel";
      const State = Annotation.Root({ items: ListState.spec.items, scratch: new UntrackedValueChannel() });
      const saver = new MemorySaver();
      const graph = new StateGraph(State)
        .addNode("a", async () => ({ items: ["a"], scratch: "from a" }))
        .addNode("b", async (state) => ({ items: [`b saw ${state.scratch}`], scratch: "from b" }))
        .addNode("c", async () => {
          interrupt("stop in c");
          return { items: ["c"] };
        })
        .addEdge(START, "a")
        .addEdge("a", "b")
        .addEdge("a", "c")
        .compile({ checkpointer: saver });
      const config = { configurable: { thread_id: "untracked" } };
      const out = await graph.invoke({ items: [] }, config);
      const tuple = await saver.getTuple(config);
      const history = [];
      for await (const snapshot of graph.getStateHistory(config)) history.push({ values: snapshot.values, next: snapshot.next });
      return { out: { items: out.items, scratch: out.scratch ?? null }, pendingChannels: tuple.pendingWrites.map(([, channel]) => channel).sort(), history };
    },
    // A node returning a Runnable: the ChannelWrite after it re-invokes it (host recursion).
    async nodeReturnsRunnable() {
      const { RunnableLambda } = require("@langchain/core/runnables");
      const graph = new StateGraph(ListState)
        .addNode("maker", async () => RunnableLambda.from(async () => ({ items: ["from runnable"] })))
        .addEdge(START, "maker")
        .addEdge("maker", END)
        .compile();
      return (await graph.invoke({ items: [] }).catch(describeError));
    },
  };
}

/** Runs every scenario (or the named ones) and prints one JSON line: results and which runner ran. */
async function main(modules, names) {
  const all = scenarios(modules);
  const results = {};
  for (const name of names.length > 0 ? names : Object.keys(all)) {
    results[name] = await all[name]().catch((error) => ({ scenarioFailed: `${error?.name}: ${error?.message}` }));
  }
  const stats = globalThis[Symbol.for("langgraph-native.tasks.stats")];
  console.log(
    JSON.stringify({
      results,
      nativeRunnerTicks: stats?.runner.ticks ?? 0,
      inertCalls: stats?.inert.calls ?? 0,
      inertConfigFree: stats?.inert.configFree ?? 0,
      putWritesInPlace: stats?.putWrites.inPlace ?? 0,
    }),
  );
}

module.exports = { main, scenarios };
