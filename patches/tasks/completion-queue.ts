// Settled tasks waiting to be handed to `tick`, smallest start number first: the host's
// `Promise.race` over its in-flight map yields the earliest-started of the settled tasks, and so
// does this queue, without looking at the tasks still running. Push and pop are O(log n) in the
// number of settled-but-unconsumed tasks (O(1) push when tasks settle in start order).

export interface Completion<T> {
  /** Start number: the order in which the host's in-flight map would list the task. */
  readonly seq: number;
  readonly value: T;
}

export class CompletionQueue<T> {
  private readonly heap: Completion<T>[] = [];
  private wake: (() => void) | undefined;

  get size(): number {
    return this.heap.length;
  }

  push(seq: number, value: T): void {
    const heap = this.heap;
    heap.push({ seq, value });
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent].seq <= seq) break;
      [heap[parent], heap[at]] = [heap[at], heap[parent]];
      at = parent;
    }
    this.notify();
  }

  /** Wakes a pending `next()` without a completion (a task was added by `call`). */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The earliest-started settled task, or undefined when none has settled. */
  pop(): Completion<T> | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let least = at;
        if (left < heap.length && heap[left].seq < heap[least].seq) least = left;
        if (right < heap.length && heap[right].seq < heap[least].seq) least = right;
        if (least === at) break;
        [heap[least], heap[at]] = [heap[at], heap[least]];
        at = least;
      }
    }
    return top;
  }

  /** Resolves at the next push or notify. One waiter at a time (the runner's loop). */
  waitForChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}
