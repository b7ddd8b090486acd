// Every task of a step listens on the step's abort signal (through @langchain/core's
// raceWithSignal). Node's EventTarget walks its whole listener list on each add and remove, so a
// thousand tasks on one signal cost O(n^2). Tasks here get a child signal shared by at most
// GROUP_SIZE tasks; it aborts, with the same reason and synchronously, when the step's signal does.
import { setMaxListeners } from "node:events";

/** Steps with at most this many tasks give them the step's signal itself, as the host does. */
export const GROUP_SIZE = 32;

export class SignalGroups {
  private current: AbortController | undefined;
  private inCurrent = 0;
  private readonly unlinks: Array<() => void> = [];

  constructor(private readonly parent: AbortSignal) {
    // The step's own signal (the runner's exception signal, combined): many listeners are expected.
    setMaxListeners(0, parent);
  }

  /** The signal for the next task. */
  next(): AbortSignal {
    if (this.parent.aborted) return this.parent;
    if (this.current === undefined || this.inCurrent >= GROUP_SIZE) {
      const child = new AbortController();
      setMaxListeners(0, child.signal);
      const parent = this.parent;
      const forward = () => child.abort(parent.reason);
      parent.addEventListener("abort", forward, { once: true });
      this.unlinks.push(() => parent.removeEventListener("abort", forward));
      this.current = child;
      this.inCurrent = 0;
    }
    this.inCurrent += 1;
    return this.current.signal;
  }

  /** Detaches the children from the step's signal (the step is over). */
  dispose(): void {
    for (const unlink of this.unlinks.splice(0)) unlink();
    this.current = undefined;
  }
}
