// Caps how many tool calls of one ToolNode run are in flight: callers wait in call order for a
// slot. After a call fails the run has failed (the host's Promise.all rejects), so calls still
// waiting are not started.

export class CallGate {
  private active = 0;
  private readonly waiting: Array<{ start: () => void; fail: (error: unknown) => void }> = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.failure) throw this.failure.error;
    if (this.active >= this.limit) {
      await new Promise<void>((start, fail) => this.waiting.push({ start, fail }));
    }
    this.active += 1;
    try {
      return await call();
    } catch (error) {
      this.failure ??= { error };
      for (const waiter of this.waiting.splice(0)) waiter.fail(error);
      throw error;
    } finally {
      this.active -= 1;
      this.waiting.shift()?.start();
    }
  }
}
