// advanceDeltaCounters per superstep in the delta channels only. The host's (pregel/checkpoint)
// walks every channel of the graph at every superstep to find the delta channels among them: a
// 1,000-node chain has ~2,000 channels and usually none of them is a delta channel. Which of a
// channels object's channels are delta channels cannot change while the loop holds it (the loop
// gets it from channelsFromCheckpoint, whose replays put a delta channel in a delta channel's
// place, and never adds or replaces one), so the names are learned once per object, by asking the
// host's own function with no counters: its answer has exactly those names, in its order. Every
// later call computes the host's answer from those names alone.
import { expectHostCode } from "../host-fingerprint";
import { tasksBuildFilePatch } from "./build-file-patch";
import { PartNotApplicable, type ComponentPatch, type ModuleSystem } from "../types";

/** The host body the answer is computed from (LangGraph 1.5.x to 1.7.x; older ones have none). */
const COPIED_ADVANCE_DELTA_COUNTERS = ["94ed19cc6dd39c5e"];

type Counters = Record<string, [updates: number, supersteps: number]> | undefined;
type AdvanceDeltaCounters = (channels: object, updatedChannels: { has(name: string): boolean }, counters: Counters) => Record<string, [number, number]>;


export function createAdvanceDeltaCounters(host: AdvanceDeltaCounters): AdvanceDeltaCounters {
  const deltaNamesOf = new WeakMap<object, string[]>();
  const noUpdates = new Set<string>();
  return function advanceDeltaCounters(this: unknown, channels, updatedChannels, counters) {
    if (channels === null || typeof channels !== "object") return host.call(this, channels, updatedChannels, counters);
    let names = deltaNamesOf.get(channels);
    if (names === undefined) {
      names = Object.keys(host.call(this, channels, noUpdates, undefined));
      deltaNamesOf.set(channels, names);
    }
    // The host's loop body, over the delta channels only.
    const next: Record<string, [number, number]> = {};
    for (const name of names) {
      const [updates, supersteps] = counters?.[name] ?? [0, 0];
      next[name] = [updatedChannels.has(name) ? updates + 1 : updates, supersteps + 1];
    }
    return next;
  };
}

function checkpointPatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "pregel/checkpoint",
    replaces: "advanceDeltaCounters (walks the delta channels only)",
    apply(moduleExports, swap, _context, file) {
      const host = moduleExports.advanceDeltaCounters;
      if (host === undefined) throw new PartNotApplicable(`${file} has no advanceDeltaCounters (no delta channels in this release)`);
      expectHostCode("advanceDeltaCounters", host, COPIED_ADVANCE_DELTA_COUNTERS, (message) => new PartNotApplicable(message));
      swap.replace(moduleExports, "advanceDeltaCounters", createAdvanceDeltaCounters(host as AdvanceDeltaCounters));
    },
  });
}

export function deltaCounterPatches(system: ModuleSystem): ComponentPatch[] {
  return [checkpointPatch(system)];
}
