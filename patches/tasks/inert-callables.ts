// LangGraph's internal RunnableCallables that run no user code: per Send task, the state-update
// mapper, the ChannelWrite around it, the control branch and its `<branch_run>` wrapper. With
// `trace: false` the host still runs each through `AsyncLocalStorageProviderSingleton.runWithConfig`,
// which builds a langsmith `RunTree` (uuid7, env reads, ~30 properties) only to carry the config
// into async-local storage, and none of these functions reads that storage. Here those four skip
// the storage step and, where their functions read no config (or only its send function), the
// merged config too; the function, its result and errors stay the host's own code. A callable
// counts as inert only when every part of it is known:
// - the mapper is `_getUpdates`/`_getRoot` (known by its shape) of a graph whose state schema does
//   no validation (a zod or StateSchema validator is user code, and might read the config from
//   storage: such a graph marks its mappers when compiled);
// - the control branch is `_controlBranch` as `_getControlBranch` builds it (name, tag, flags);
// - a ChannelWrite of the copy's own class whose every entry is a Send, a plain channel write or
//   an inert mapper; a `<branch_run>` whose path is the control branch;
// - and, for the last two (which re-invoke a Runnable result), the input is not a Runnable.
import { expectHostCode } from "../host-fingerprint";
import { internalsOf } from "../host-internals";
import { tasksBuildFilePatch } from "./build-file-patch";
import { LANGGRAPH } from "../supported-hosts";
import { PartNotApplicable, type ComponentPatch, type ModuleSystem, type PatchContext } from "../types";
import { taskStats } from "./stats";

// Not `export const`: the CommonJS output would read it as `exports.INERT_INVOKE`, which inside
// `apply(exports, ...)` and `selfCheck(exports)` is the host module's exports (undefined there).
const INERT_INVOKE = Symbol.for("langgraph-native.tasks.inert-invoke");
export { INERT_INVOKE };

type Config = Record<string, any> | undefined;
type Callable = { trace?: boolean; recurse?: boolean; config?: Config; func: (input: unknown, config: Config) => unknown; name?: string };
type Mark = { kind: "mapper"; graph: { builder?: { _schemaRuntimeDefinition?: unknown } } } | { kind: "branch-run"; path: object; readerless: boolean };

/**
 * What a copy's internals contribute: ChannelWrite and isSend are read when a graph runs (the
 * write module loads after utils), the rest when utils and graph/state are patched.
 */
interface CopyParts {
  ChannelWrite?: new (...args: any[]) => unknown;
  isSend?: (value: unknown) => boolean;
}

/**
 * Where a callable's mark is kept: a symbol property of the callable itself, set by plain
 * assignment. Symbol keys stay out of for-in, Object.keys and JSON. Two other ways cost the
 * compile of a 1,000-node chain far more (minimums of 6 alternated processes, stock 6 ms):
 * - a WeakMap (one entry per node of every compiled graph): V8's collector traces an ephemeron
 *   per entry;
 * - Object.defineProperty (non-enumerable): V8 turns each marked object into a dictionary, and the
 *   rest of the compile reads those objects slowly, 15 ms against 8 ms.
 */
const MARK = Symbol("langgraph-native.tasks.inert-mark");
const marks = {
  get(callable: object): Mark | undefined {
    return (callable as { [MARK]?: Mark })[MARK];
  },
  set(callable: object, mark: Mark): void {
    (callable as { [MARK]?: Mark })[MARK] = mark;
  },
};

/** The copy's ChannelWrite and isSend, resolved at the first call that needs them. */
function lazyParts(context: PatchContext): () => CopyParts {
  let parts: CopyParts | undefined;
  return () => {
    if (parts === undefined) {
      try {
        parts = { ChannelWrite: internalsOf(context, LANGGRAPH, "channelWrite").ChannelWrite, isSend: internalsOf(context, LANGGRAPH, "constants")._isSend };
      } catch {
        // Not loaded (yet): no ChannelWrite is inert until it is; the host's path runs.
        return {};
      }
    }
    return parts;
  };
}

const isRunnable = (value: unknown) => Boolean(value && (value as any).lc_runnable);

/**
 * The state-update mapper attachNode gives every node: `_getUpdates` or `_getRoot` (one argument),
 * untraced, not recursing. A graph whose state schema validates (zod, StateSchema) marks its
 * mappers when compiled (markMappers): theirs run user code. Those of every other graph are known
 * by their shape, unmarked: marking them cost more than the whole compile of a plain chain.
 */
function isStateMapper(callable: any): boolean {
  const func = callable?.func;
  return (
    typeof func === "function" &&
    (func.name === "_getUpdates" || func.name === "_getRoot") &&
    func.length === 1 &&
    callable.recurse === false &&
    callable.trace === false
  );
}

function isInertMapper(mapper: unknown): boolean {
  if (mapper === undefined) return true;
  if (typeof mapper !== "object" || mapper === null) return false;
  const mark = marks.get(mapper);
  if (mark !== undefined) return mark.kind === "mapper" && mark.graph.builder?._schemaRuntimeDefinition === undefined;
  return isStateMapper(mapper);
}

type ChannelWriteLike = { _write(input: unknown, config: Config): Promise<unknown> };

function isInert(callable: Callable, input: unknown, copy: CopyParts): boolean {
  if (callable.trace !== false) return false;
  const mark = marks.get(callable);
  if (mark) {
    if (mark.kind === "mapper") return isInertMapper(callable);
    return isControlPath(mark.path) && !isRunnable(input);
  }
  if (isStateMapper(callable) || isControlPath(callable)) return true;
  const { ChannelWrite, isSend } = copy;
  if (ChannelWrite === undefined || isSend === undefined || callable.constructor !== ChannelWrite || isRunnable(input)) return false;
  const writes = (callable as unknown as { writes?: unknown[] }).writes;
  if (!Array.isArray(writes)) return false;
  return writes.every((write: any) => write !== undefined && (isSend(write) || isInertMapper(write.mapper)));
}

/**
 * Whether the host's `ensureLangGraphConfig(options)` and `mergeConfigs` can neither throw nor
 * call anything outside themselves: options absent, or a plain object whose callbacks are absent
 * or a CallbackManager (copied, never called out of).
 */
function plainOptions(options: Config): boolean {
  if (options === undefined) return true;
  if (typeof options !== "object" || options === null || Object.getPrototypeOf(options) !== Object.prototype) return false;
  const callbacks = options.callbacks;
  return callbacks === undefined || (!Array.isArray(callbacks) && typeof callbacks?.copy === "function");
}

/**
 * The send function the host's merged config would hold: `options.configurable[CONFIG_KEY_SEND]`
 * when it is an own data property holding a function (the spreads that build the merged config
 * keep it as is); otherwise undefined (then the host path runs).
 */
function sendOf(options: Config, key: string): ((writes: unknown[]) => void) | undefined {
  const configurable = options?.configurable;
  if (typeof configurable !== "object" || configurable === null) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(configurable, key);
  return descriptor?.enumerable && typeof descriptor.value === "function" ? descriptor.value : undefined;
}

/** The host RunnableCallable.invoke the inert path is written from (LangGraph 1.4.21 to 1.7.3; host-fingerprint.ts). */
const REIMPLEMENTED_INVOKE = ["0ba873ef390e7c96"];

function utilsPatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "utils",
    replaces: "RunnableCallable.invoke (inert internal callables)",
    apply(moduleExports, swap, context) {
      const proto = moduleExports.RunnableCallable?.prototype;
      // Ours is the host's invoke minus the storage step: only for the invoke it was written from.
      expectHostCode("RunnableCallable.prototype.invoke", proto?.invoke, REIMPLEMENTED_INVOKE, (message) => new PartNotApplicable(message));
      const copyParts = lazyParts(context);
      const { ensureLangGraphConfig } = internalsOf(context, LANGGRAPH, "langgraphConfig");
      // @langchain/core's mergeConfigs, of the core copy and build this copy imports (loaded
      // first: utils imports it). It is pure; the only class it touches (CallbackManager, to merge
      // two managers) is unreachable here: none of the inert callables carries callbacks of its own.
      const { mergeConfigs } = internalsOf(context, LANGGRAPH, "coreConfig");
      const original = proto.invoke;
      const SEND: string = internalsOf(context, LANGGRAPH, "constants").CONFIG_KEY_SEND;
      async function invoke(this: Callable, input: unknown, options?: Config): Promise<unknown> {
        if (!isInert(this, input, copyParts())) return original.call(this, input, options);
        taskStats.inert.calls += 1;
        // The config the host builds here reaches no code that reads it: the mappers (`_getUpdates`,
        // `_getRoot`) and the control branch take only their input; a ChannelWrite whose mappers are
        // those, and a `<branch_run>` of the control branch with no reader (its writer writes Sends
        // and plain channel writes), read only the send function from it. Building it (two merges
        // of every key) is skipped then.
        if (plainOptions(options)) {
          const mark = marks.get(this);
          if (mark?.kind === "mapper" || (mark === undefined && (isStateMapper(this) || isControlPath(this)))) {
            taskStats.inert.configFree += 1;
            return await (this.func as (input: unknown) => unknown)(input);
          }
          // An inert ChannelWrite (every entry a Send, or a write with no mapper or an inert one),
          // or an inert `<branch_run>`.
          if (mark === undefined || (mark.kind === "branch-run" && mark.readerless)) {
            const send = sendOf(options, SEND);
            if (send !== undefined) {
              taskStats.inert.configFree += 1;
              const config = { configurable: { [SEND]: send } };
              if (mark === undefined) return await (this as unknown as ChannelWriteLike)._write(input, config);
              return await this.func(input, config);
            }
          }
        }
        // The host's invoke with `trace: false`, minus runWithConfig around the call.
        const config = ensureLangGraphConfig(options);
        const mergedConfig = mergeConfigs(this.config, config);
        return await this.func(input, mergedConfig);
      }
      Object.defineProperty(invoke, INERT_INVOKE, { value: true });
      swap.replace(proto, "invoke", invoke);
    },
    selfCheck(moduleExports) {
      if (moduleExports.RunnableCallable?.prototype?.invoke?.[INERT_INVOKE] !== true) throw new Error("RunnableCallable.invoke is not the replacement");
    },
  });
}

/**
 * Marks each node's state-update mapper once the graph is compiled, in one pass over its nodes.
 * (Wrapping CompiledStateGraph.attachNode/attachBranch instead, called per node, made compiling a
 * 1,000-node chain 2.5x slower, even as bare pass-throughs: 15.4 ms against 6.2 ms, minimums of 6
 * processes; V8 no longer optimizes the compile loop around them as it does around the host's own.)
 */
function statePatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "graph/state",
    replaces: "StateGraph._compileResolved (marks inert callables)",
    apply(moduleExports, swap, _context, file) {
      const proto = moduleExports.StateGraph?.prototype;
      // Not optional: without the marks, the validating mappers of zod/StateSchema graphs would be
      // taken for inert ones by their shape. A release without it keeps tasks stock.
      if (typeof proto?._compileResolved !== "function") throw new Error(`${file} has no StateGraph._compileResolved`);
      const compileResolved = proto._compileResolved;
      swap.replace(proto, "_compileResolved", function (this: unknown, ...args: unknown[]) {
        const compiled = compileResolved.apply(this, args);
        markMappers(compiled);
        return compiled;
      });
    },
   });
}

/** Marks the mapper of each node's state write (attachNode puts it first) of a graph whose state
 * schema validates: they are not inert while it does (read at each call, as the host does). */
function markMappers(graph: any): void {
  const nodes = graph?.nodes;
  if (nodes === null || typeof nodes !== "object" || graph.builder?._schemaRuntimeDefinition === undefined) return;
  for (const key in nodes) {
    if (!Object.prototype.hasOwnProperty.call(nodes, key)) continue;
    const mapper = nodes[key]?.writers?.[0]?.writes?.[0]?.mapper;
    if (isStateMapper(mapper)) marks.set(mapper, { kind: "mapper", graph });
  }
}

/** The path of the control branch `_compileResolved` attaches to every node (`_getControlBranch`). */
function isControlPath(path: any): boolean {
  return (
    path?.func?.name === "_controlBranch" &&
    path.name === "<control_branch>" &&
    path.recurse === false &&
    path.trace === false &&
    Array.isArray(path.tags) &&
    path.tags.length === 1 &&
    path.tags[0] === "langsmith:hidden"
  );
}

/** Marks the control branch and the `<branch_run>` that runs it as Branch.run builds them. */
function branchPatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "graph/graph",
    replaces: "Branch.run (marks inert callables)",
    apply(moduleExports, swap, _context, file) {
      const proto = moduleExports.Branch?.prototype;
      if (typeof proto?.run !== "function") throw new PartNotApplicable(`${file} has no Branch.run: control branches keep the host's path`);
      const run = proto.run;
      swap.replace(proto, "run", function (this: any, writer: unknown, reader?: unknown) {
        const result = run.apply(this, arguments as unknown as unknown[]);
        const path = this?.path;
        // The control branch itself is known by its shape (isControlPath); the `<branch_run>`
        // around it, an anonymous closure, only by this mark.
        if (isControlPath(path) && result?.name === "<branch_run>" && result.trace === false) {
          marks.set(result, { kind: "branch-run", path, readerless: reader === undefined });
        }
        return result;
      });
    },
   });
}

export function inertCallablePatches(system: ModuleSystem): ComponentPatch[] {
  return [utilsPatch(system), statePatch(system), branchPatch(system)];
}
