// The answer of `getDeltaChannelHistory` from the rows a native saver's one query returns: each
// channel's writes replayed oldest ancestor first (in the host's order within an ancestor), and
// its seed where one was found. Shared by the SQLite and PostgreSQL savers.

/** A pending write as the host returns it: [taskId, channel, value]. */
export type HistoryWrite = [taskId: string, channel: string, value: unknown];

/** Collects rows nearest ancestor first (`depth` 0 is the target's parent). */
export class DeltaHistory {
  private readonly byDepth: HistoryWrite[][] = [];
  private readonly seeds = new Map<string, unknown>();

  addWrite(depth: number, write: HistoryWrite): void {
    (this.byDepth[depth] ??= []).push(write);
  }

  addSeed(channel: string, value: unknown): void {
    this.seeds.set(channel, value);
  }

  /** `{ [channel]: { writes, seed? } }` for each channel asked for. */
  result(channels: readonly string[]): Record<string, { writes: HistoryWrite[]; seed?: unknown }> {
    const result: Record<string, { writes: HistoryWrite[]; seed?: unknown }> = {};
    for (const channel of channels) {
      const writes: HistoryWrite[] = [];
      for (let depth = this.byDepth.length - 1; depth >= 0; depth -= 1)
        for (const write of this.byDepth[depth] ?? []) if (write[1] === channel) writes.push(write);
      result[channel] = this.seeds.has(channel) ? { writes, seed: this.seeds.get(channel) } : { writes };
    }
    return result;
  }
}
