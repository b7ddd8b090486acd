// Self-checks that wait for the first call. A self-check compiles and runs the host's code and
// ours on a probe; for the serializer and the id functions that was a third of what the shim
// added to an app's start (measured in instructions: ~50M of ~140M), paid even by an app that
// never serializes. A patch that sets `checkOnFirstUse` has each function it swapped in stand
// behind a gate: the first call of any of them runs the check, then goes on to ours (passed: the
// gates give way to our functions) or to the host's (failed: the component has fallen back, as a
// failed check at import would have made it). `status()` runs every waiting check first, so it
// never calls a component native on a check that has not run.
import type { ComponentName } from "../config";
import { ORIGINAL, type SwapTransaction } from "./registry";

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** Properties a function has by being a function: not copied onto its gate. */
const OWN_FUNCTION_KEYS = new Set<PropertyKey>(["length", "name", "prototype", "arguments", "caller"]);

interface GatedSlot {
  target: object;
  key: PropertyKey;
  ours: Fn;
  gate: Fn;
}

export class PendingCheck {
  private phase: "waiting" | "running" | "passed" | "failed" | "cancelled" = "waiting";
  private readonly slots: GatedSlot[] = [];

  /** `run` returns true when the check passed; on failure it has already put the host's code back. */
  constructor(
    readonly component: ComponentName,
    private readonly run: () => boolean,
  ) {}

  get waiting(): boolean {
    return this.phase === "waiting";
  }

  /**
   * Puts a gate in front of every function the transaction swapped in. False (nothing gated) when
   * one of them is a class: a gate cannot stand in for a class (subclasses, `instanceof`).
   */
  gate(swap: SwapTransaction): boolean {
    const swapped = swap.swapped();
    const values = swapped.map(({ target, key }) => (target as Record<PropertyKey, unknown>)[key]);
    if (!values.every((value) => typeof value === "function" && !isClass(value as Fn))) return false;
    swapped.forEach(({ target, key, original }, i) => {
      const ours = values[i] as Fn;
      const host = (original?.value ?? (ours as unknown as Record<symbol, unknown>)[ORIGINAL]) as Fn;
      const check = this;
      const gate: Fn = function (this: unknown, ...args: unknown[]) {
        return (check.settle() ? ours : host).apply(this, args);
      };
      for (const own of Reflect.ownKeys(ours)) {
        if (!OWN_FUNCTION_KEYS.has(own)) Object.defineProperty(gate, own, Object.getOwnPropertyDescriptor(ours, own)!);
      }
      Object.defineProperty(gate, "name", { value: ours.name });
      redefine(target, key, gate);
      this.slots.push({ target, key, ours, gate });
    });
    return true;
  }

  /** Runs the check once. True while our functions may be called (also during the check itself). */
  settle(): boolean {
    if (this.phase === "waiting") {
      this.phase = "running";
      const passed = this.run();
      // A check that ran into unpatch() (or a fallback of its component) stays cancelled.
      if (this.phase === "running") this.phase = passed ? "passed" : "failed";
      if (this.phase === "passed") {
        // Our functions stand where the gates stood; copies made meanwhile keep a gate that forwards.
        for (const { target, key, ours, gate } of this.slots) {
          if ((target as Record<PropertyKey, unknown>)[key] === gate) redefine(target, key, ours);
        }
      }
    }
    return this.phase === "passed" || this.phase === "running";
  }

  /** The host's code is back (unpatch, or a fallback): gates held anywhere forward to it. */
  cancel(): void {
    if (this.phase !== "passed") this.phase = "cancelled";
  }
}

function isClass(fn: Fn): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

/** Swaps the value of a slot the registry already owns, keeping its attributes. */
function redefine(target: object, key: PropertyKey, value: unknown): void {
  const current = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { ...current, value });
}
