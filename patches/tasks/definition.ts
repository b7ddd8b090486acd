// Where the task runner goes: each copy's `PregelRunner` export in dist/pregel/runner.{cjs,js},
// built on the internal modules of that same copy (collected as they load, host-internals.ts).
import type { ComponentPatch, ModuleSystem } from "../types";
import { expectHostCode } from "../host-fingerprint";
import { LANGGRAPH } from "../supported-hosts";
import { deltaCounterPatches } from "./delta-counters";
import { emptyChannelPatches } from "./empty-channels";
import { helpersFor } from "./host-helpers";
import { idsPatches } from "./ids-definition";
import { inertCallablePatches } from "./inert-callables";
import { putWritesPatches } from "./put-writes";
import { createNativeRunner, NATIVE_RUNNER } from "./runner";
import { runnerCheck } from "./runner-check";

const RUNNER_FILE: Record<ModuleSystem, string> = {
  cjs: "dist/pregel/runner.cjs",
  esm: "dist/pregel/runner.js",
};

/** The host _executeTasksWithRetry runner.ts reimplements (LangGraph 1.4.21 to 1.7.3; host-fingerprint.ts). */
const REIMPLEMENTED_EXECUTE = ["aab3252566a6257b"];

function runnerPatch(system: ModuleSystem): ComponentPatch {
  return {
    component: "tasks",
    module: LANGGRAPH,
    role: "main",
    replaces: "PregelRunner",
    files: [RUNNER_FILE[system]],
    apply(moduleExports, swap, context) {
      const HostRunner = moduleExports.PregelRunner;
      if (typeof HostRunner !== "function" || typeof HostRunner.prototype?._executeTasksWithRetry !== "function") {
        throw new Error(`${RUNNER_FILE[system]} has no PregelRunner with _executeTasksWithRetry`);
      }
      // Ours reimplements this method (and the functional API's call() it feeds): it must be the code it was written from.
      expectHostCode("PregelRunner.prototype._executeTasksWithRetry", HostRunner.prototype._executeTasksWithRetry, REIMPLEMENTED_EXECUTE, (message) => new Error(message));
      swap.replace(moduleExports, "PregelRunner", createNativeRunner(HostRunner, helpersFor(context)));
    },
    // At import, what costs nothing; its behaviour is checked at its first call (runner-check.ts).
    selfCheck(moduleExports) {
      const Runner = moduleExports.PregelRunner;
      if (Runner?.[NATIVE_RUNNER] !== true) throw new Error("PregelRunner export is not the replacement");
    },
    firstCallCheck: runnerCheck,
  };
}

export const tasksPatches: readonly ComponentPatch[] = [
  ...(["cjs", "esm"] as const).flatMap((system) => [runnerPatch(system), ...inertCallablePatches(system), ...putWritesPatches(system), ...emptyChannelPatches(system), ...deltaCounterPatches(system)]),
  ...idsPatches,
];
