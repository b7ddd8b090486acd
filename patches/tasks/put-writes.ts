// PregelLoop.putWrites without the quadratic copy. The host replaces `checkpointPendingWrites` with
// a filtered copy on every call (dropping the task's earlier writes), so a step of n tasks copies
// O(n²) entries. The copy also gives the loop a fresh array that no earlier reader holds (task
// scratchpads keep the array they were prepared with, and splice it). Here the property becomes
// an accessor on the loop: any read or assignment marks the array as seen, and a call copies only
// when the array was seen since our last copy (or holds writes of this task); otherwise nobody
// but us can hold it, and appending in place is the same as the host's copy-then-append. The rest
// of the body is the host's, line for line: so it applies only where the host's body is the one
// it copies (checked by a fingerprint of its source), and stays the host's elsewhere; but for one
// more thing it does once instead of per call: its scan of every channel for an UntrackedValue.
import { expectHostCode } from "../host-fingerprint";
import { internalsOf } from "../host-internals";
import { hasOwn } from "../own-properties";
import { LANGGRAPH } from "../supported-hosts";
import { tasksBuildFilePatch } from "./build-file-patch";
import { PartNotApplicable, type ComponentPatch, type ModuleSystem, type PatchContext } from "../types";
import { taskStats } from "./stats";

export const NATIVE_PUT_WRITES = Symbol.for("langgraph-native.tasks.put-writes");

interface LoopParts {
  isSend?: (value: unknown) => boolean;
  CONFIG_KEY_CHECKPOINT_NS?: string;
  CONFIG_KEY_CHECKPOINT_ID?: string;
  sanitizeUntrackedValuesInSend?: (send: unknown, channels: unknown) => unknown;
  taskPathStr?: (path: unknown) => string;
  patchConfigurable?: (config: unknown, patch: Record<string, unknown>) => unknown;
}

type Write = [string, string, unknown];
/** Per loop: the array behind the accessor, whether anyone saw it, and the task ids in it. */
interface Tracked {
  current: Write[];
  seen: boolean;
  ids: Set<string> | undefined;
}

const tracked = new WeakMap<object, Tracked>();

/** The loop's internals, of the copy being patched. */
function loopParts(context: PatchContext): Required<LoopParts> {
  const constants = internalsOf(context, LANGGRAPH, "constants");
  const algo = internalsOf(context, LANGGRAPH, "algo");
  return {
    isSend: constants._isSend,
    CONFIG_KEY_CHECKPOINT_NS: constants.CONFIG_KEY_CHECKPOINT_NS,
    CONFIG_KEY_CHECKPOINT_ID: constants.CONFIG_KEY_CHECKPOINT_ID,
    sanitizeUntrackedValuesInSend: algo.sanitizeUntrackedValuesInSend,
    taskPathStr: algo.taskPathStr,
    patchConfigurable: internalsOf(context, LANGGRAPH, "pregelUtils").patchConfigurable,
  };
}

/**
 * The host putWrites this file copies (LangGraph 1.5.x to 1.7.x; host-fingerprint.ts). 1.4.x's
 * body differs (no delta writes, no task path): it keeps its own.
 */
const COPIED_PUT_WRITES = ["a6417f7db47aa1d0"];

const KEY = "checkpointPendingWrites";

/** Turns the loop's data property into the tracking accessor (once per loop). */
function track(loop: Record<string, any>): Tracked {
  let state = tracked.get(loop);
  if (state) return state;
  const descriptor = Object.getOwnPropertyDescriptor(loop, KEY);
  state = { current: loop[KEY], seen: true, ids: undefined };
  const s = state;
  Object.defineProperty(loop, KEY, {
    get() {
      s.seen = true;
      return s.current;
    },
    set(value) {
      s.current = value;
      s.seen = true;
    },
    enumerable: descriptor?.enumerable ?? true,
    configurable: true,
  });
  tracked.set(loop, state);
  return state;
}

/**
 * Whether a loop's channels hold an UntrackedValue, as the host's scan finds it, once per channels
 * object. A loop's `channels` is built before the loop starts (channelsFromCheckpoint, whose delta
 * replays put a channel of the same class in its spec's place) and the loop never adds or replaces
 * a channel, so the answer cannot change while the object lives; a 1,000-node graph has ~2,000
 * channels, and the host scanned them all at every task of every step.
 */
const untrackedOf = new WeakMap<object, boolean>();
function hasUntracked(channels: Record<string, any>): boolean {
  let known = untrackedOf.get(channels);
  if (known !== undefined) return known;
  known = false;
  for (const key in channels)
    if (hasOwn.call(channels, key)) {
      if (channels[key].lc_graph_name === "UntrackedValue") {
        known = true;
        break;
      }
    }
  untrackedOf.set(channels, known);
  return known;
}

function createPutWrites(parts: LoopParts, ensureDeltaMessageIds: (channels: unknown, writes: unknown) => unknown[], WRITES_IDX_MAP: object) {
  const { isSend, CONFIG_KEY_CHECKPOINT_NS, CONFIG_KEY_CHECKPOINT_ID, sanitizeUntrackedValuesInSend, taskPathStr, patchConfigurable } = parts as Required<LoopParts>;
  function putWrites(this: any, taskId: string, writes: [string, unknown][], cached = false): void {
    let writesCopy = writes;
    if (writesCopy.length === 0) return;
    this._writtenTaskIds.add(taskId);
    const deltaWrites = ensureDeltaMessageIds(this.channels, writes);
    if (writesCopy.every(([key]) => key in WRITES_IDX_MAP)) writesCopy = Array.from(new Map(writesCopy.map((w) => [w[0], w])).values());
    // The host scans every channel here, on every call: O(channels) per task.
    const hasUntrackedChannels = hasUntracked(this.channels);
    let writesToSave: [string, unknown][] = writesCopy;
    if (hasUntrackedChannels)
      writesToSave = writesCopy
        .filter(([c]) => {
          const channel = this.channels[c];
          return !channel || channel.lc_graph_name !== "UntrackedValue";
        })
        .map(([c, v]) => {
          if (c === "__pregel_tasks" && isSend(v)) return [c, sanitizeUntrackedValuesInSend(v, this.channels)];
          return [c, v];
        });
    // The host: `this.checkpointPendingWrites = this.checkpointPendingWrites.filter((w) => w[0] !== taskId)`.
    const state = track(this);
    if (state.seen || state.ids === undefined || state.ids.has(taskId)) {
      state.current = state.current.filter((w) => w[0] !== taskId);
      state.ids = new Set(state.current.map((w) => w[0]));
      state.seen = false;
      taskStats.putWrites.copies += 1;
    } else {
      taskStats.putWrites.inPlace += 1;
    }
    const pending = state.current;
    for (const [c, v] of writesToSave) {
      pending.push([taskId, c, v]);
      state.ids.add(taskId);
    }
    const config = patchConfigurable(this.checkpointConfig, {
      [CONFIG_KEY_CHECKPOINT_NS]: this.config.configurable?.checkpoint_ns ?? "",
      [CONFIG_KEY_CHECKPOINT_ID]: this.checkpoint.id,
    });
    if (this.durability !== "exit" && this.checkpointer != null) {
      const task = this.tasks[taskId];
      const saved = this.checkpointer.putWrites(config, writesToSave, taskId, task != null ? taskPathStr(task.path) : "");
      this._trackCheckpointerPromise(saved);
      if (deltaWrites.length > 0) this._pendingDeltaWrites.push(saved);
    }
    if (this.tasks) this._outputWrites(taskId, writesCopy, cached);
    if (cached || !writes.length || !this.cache || !this.tasks) return;
    const task = this.tasks[taskId];
    if (task == null || task.cache_key == null) return;
    if (writes[0][0] === "__error__" || writes[0][0] === "__interrupt__") return;
    this.cache.set([{ key: [task.cache_key.ns, task.cache_key.key], value: task.writes, ttl: task.cache_key.ttl }]);
  }
  Object.defineProperty(putWrites, NATIVE_PUT_WRITES, { value: true });
  return putWrites;
}

function loopPatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "pregel/loop",
    replaces: "PregelLoop.putWrites",
    apply(moduleExports, swap, context, file) {
      const proto = moduleExports.PregelLoop?.prototype;
      expectHostCode("PregelLoop.putWrites", proto?.putWrites, COPIED_PUT_WRITES, (message) => new PartNotApplicable(message));
      if (typeof moduleExports.ensureDeltaMessageIds !== "function") throw new Error(`${file} has no ensureDeltaMessageIds`);
      const copy = loopParts(context);
      // The checkpoint copy this langgraph copy imports (loaded before the loop, which imports it).
      const { WRITES_IDX_MAP } = internalsOf(context, LANGGRAPH, "checkpointBase");
      swap.replace(proto, "putWrites", createPutWrites(copy, moduleExports.ensureDeltaMessageIds, WRITES_IDX_MAP));
    },
    selfCheck(moduleExports) {
      // Probe: a minimal loop; a task's second putWrites replaces its first, other tasks' stay, and
      // an array read in between is never changed afterwards.
      const loop: any = {
        _writtenTaskIds: new Set(),
        channels: {},
        checkpointPendingWrites: [],
        checkpointConfig: { configurable: {} },
        config: { configurable: {} },
        checkpoint: { id: "c" },
        durability: "exit",
        tasks: undefined,
      };
      const put = moduleExports.PregelLoop.prototype.putWrites;
      put.call(loop, "a", [["x", 1]]);
      put.call(loop, "b", [["x", 2]]);
      const held = loop.checkpointPendingWrites;
      put.call(loop, "a", [["x", 3]]);
      put.call(loop, "c", [["x", 4]]);
      const got = JSON.stringify(loop.checkpointPendingWrites);
      if (got !== JSON.stringify([["b", "x", 2], ["a", "x", 3], ["c", "x", 4]]) || held.length !== 2 || held === loop.checkpointPendingWrites) {
        throw new Error(`putWrites probe gave ${got} (held ${held.length})`);
      }
    },
  });
}

export function putWritesPatches(system: ModuleSystem): ComponentPatch[] {
  return [loopPatch(system)];
}
