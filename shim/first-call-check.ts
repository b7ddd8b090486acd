// Self-checks of swapped classes that wait for the first call. first-use-check.ts gates swapped
// functions; a class cannot stand behind a gate (subclasses, `instanceof`, instances made before
// any call: a graph builds its ToolNode and its checkpointer at start). Here the gate is on the
// class's methods instead: the first call of a gated method, on any instance, runs the check (an
// async probe that runs our class and the host's on the same input and compares), then goes on
// with ours (passed: the gates are taken off, later calls cost nothing) or with the host's
// (failed: the component has fallen back, and every instance of ours turns into one of the
// host's, whose constructor it ran, before its first call touched any state of ours).
import type { ComponentName } from "../config";

type AnyClass = new (...args: any[]) => any;
type Method = (this: any, ...args: unknown[]) => any;

/** How a gated method returns: a promise, or an async iterator (an `async *` method). */
export type MethodKind = "async" | "asyncGenerator";

/** Which class a call of the check's own probes must take, whatever the check's phase. */
export type ProbeRoute = "ours" | "host" | undefined;

interface GatedMethod {
  name: string;
  /** Our class's own method when it has one (put back after a pass); otherwise it inherits. */
  own: PropertyDescriptor | undefined;
}

export class PendingClassCheck {
  private phase: "waiting" | "running" | "passed" | "failed" | "cancelled" = "waiting";
  private running: Promise<boolean> | undefined;
  private readonly gated: GatedMethod[] = [];
  /** Instances the check itself made of our class: their calls never wait for the check. */
  private readonly probes = new WeakSet<object>();

  /** `run` resolves true when the check passed; on failure it has already put the host's classes back. */
  constructor(
    readonly component: ComponentName,
    private readonly Ours: AnyClass,
    private readonly Host: AnyClass,
    private readonly run: (check: PendingClassCheck) => Promise<boolean>,
    private readonly route: (instance: any) => ProbeRoute = () => undefined,
  ) {}

  get waiting(): boolean {
    return this.phase === "waiting";
  }

  /** An instance of ours the check made: its calls run ours at once. */
  probe<T extends object>(instance: T): T {
    this.probes.add(instance);
    return instance;
  }

  /** Puts a gate on each method of our class: the first call of any of them runs the check. */
  gate(methods: Readonly<Record<string, MethodKind>>): void {
    const proto = this.Ours.prototype;
    for (const [name, kind] of Object.entries(methods)) {
      const ours = proto[name] as Method;
      const host = this.Host.prototype[name] as Method | undefined;
      if (typeof ours !== "function") throw new Error(`${this.Ours.name} has no method ${name} to check at its first call`);
      this.gated.push({ name, own: Object.getOwnPropertyDescriptor(proto, name) });
      const check = this;
      // Which code a call takes now: undefined while the check has not settled.
      const pick = (self: any): Method | undefined => {
        const routed = check.probes.has(self) ? "ours" : check.route(self);
        if (routed !== undefined) return routed === "ours" ? ours : (host ?? ours);
        if (check.phase === "passed") return ours;
        if (check.phase === "failed" || check.phase === "cancelled") return check.asHost(self, host ?? ours);
        return undefined;
      };
      const gate: Method =
        kind === "async"
          ? function (this: any, ...args: unknown[]) {
              const now = pick(this);
              if (now !== undefined) return now.apply(this, args);
              return check.settle().then(() => pick(this)!.apply(this, args));
            }
          : function (this: any, ...args: unknown[]) {
              const now = pick(this);
              if (now !== undefined) return now.apply(this, args);
              const self = this;
              return (async function* () {
                await check.settle();
                return yield* pick(self)!.apply(self, args);
              })();
            };
      Object.defineProperty(gate, "name", { value: name });
      Object.defineProperty(proto, name, { value: gate, writable: true, enumerable: false, configurable: true });
    }
  }

  /** Runs the check once (later calls share it). Resolves true while ours may be called. */
  settle(): Promise<boolean> {
    if (this.running === undefined) {
      this.phase = "running";
      this.running = outsideHostRun(() => this.run(this)).then(
        (passed) => this.finish(passed),
        (error: unknown) => {
          // A fallback under LANGGRAPH_NATIVE_STRICT=1 throws: the call that ran the check rejects.
          this.finish(false);
          throw error;
        },
      );
    }
    return this.running;
  }

  /** The host's classes are back (unpatch, or a fallback) before the check ran: gates go to the host's. */
  cancel(): void {
    if (this.phase === "waiting" || this.phase === "running") this.phase = "cancelled";
  }

  private finish(passed: boolean): boolean {
    // A check that ran into unpatch() (or a fallback of its component) stays cancelled.
    if (this.phase === "running") this.phase = passed ? "passed" : "failed";
    if (this.phase === "passed") {
      const proto = this.Ours.prototype;
      for (const { name, own } of this.gated) {
        if (own) Object.defineProperty(proto, name, own);
        else delete proto[name];
      }
    }
    return this.phase === "passed";
  }

  /** An instance of ours made before the fallback, turned into one of the host's: it ran the host's constructor (ours extends it). */
  private asHost(self: any, host: Method): Method {
    // Only a direct instance: a user's subclass of ours keeps its own methods, calling the host's through the gates.
    if (Object.getPrototypeOf(self) === this.Ours.prototype) Object.setPrototypeOf(self, this.Host.prototype);
    return host;
  }
}

/**
 * Calls `start` outside the host's run context (@langchain/core's async-local storage): a check
 * started inside a user's run must not show its probe runs in that run's callbacks, stream or
 * trace. Each probe run is started through it: after an await the context may be the caller's again.
 */
export function outsideHostRun<T>(start: () => T): T {
  const storage = (globalThis as Record<symbol, any>)[Symbol.for("ls:tracing_async_local_storage")];
  return typeof storage?.exit === "function" ? storage.exit(start) : start();
}
