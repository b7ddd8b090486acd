// The swap registry: every property the shim replaced, with the exact descriptor that was there,
// so that a failed patch, `unpatch()` or a failed self-check puts back precisely the original.
import type { ComponentName } from "../config";

/** Set on every replacement value (function or class) and pointing at what it replaced. */
export const ORIGINAL = Symbol.for("langgraph-native.original");

interface SwapRecord {
  component: ComponentName;
  /** e.g. "@langchain/langgraph-checkpoint@1.2.2 (cjs)": where, for status and logs. */
  where: string;
  target: object;
  key: PropertyKey;
  original: PropertyDescriptor | undefined;
}

export class SwapRegistry {
  private readonly records: SwapRecord[] = [];

  /** Records of one component, oldest first. */
  recordsOf(component: ComponentName): readonly SwapRecord[] {
    return this.records.filter((record) => record.component === component);
  }

  isSwapped(target: object, key: PropertyKey): boolean {
    return this.records.some((record) => record.target === target && record.key === key);
  }

  /** Starts a group of swaps that succeed or are undone together. */
  begin(component: ComponentName, where: string): SwapTransaction {
    return new SwapTransaction(this, component, where);
  }

  /** @internal used by SwapTransaction */
  add(record: SwapRecord): void {
    this.records.push(record);
  }

  /** Puts back the originals of one component (or all), newest first; returns how many. */
  restore(component?: ComponentName): number {
    let restored = 0;
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i];
      if (component !== undefined && record.component !== component) continue;
      restoreRecord(record);
      this.records.splice(i, 1);
      restored++;
    }
    return restored;
  }

  /** @internal used by SwapTransaction to undo its own records. */
  restoreOnly(records: readonly SwapRecord[]): void {
    for (let i = records.length - 1; i >= 0; i--) {
      restoreRecord(records[i]);
      const at = this.records.indexOf(records[i]);
      if (at >= 0) this.records.splice(at, 1);
    }
  }
}

function restoreRecord(record: SwapRecord): void {
  if (record.original) Object.defineProperty(record.target, record.key, record.original);
  else delete (record.target as Record<PropertyKey, unknown>)[record.key];
}

export class SwapTransaction {
  private readonly made: SwapRecord[] = [];

  constructor(
    private readonly registry: SwapRegistry,
    readonly component: ComponentName,
    readonly where: string,
  ) {}

  /**
   * Replaces `target[key]` with `value`, keeping the original descriptor. Swapping the same
   * property twice (a module seen by both hooks) is a no-op, so the original is never lost.
   */
  replace<T extends object, K extends keyof T & PropertyKey>(target: T, key: K, value: T[K]): void {
    if (this.registry.isSwapped(target, key)) return;
    const original = Object.getOwnPropertyDescriptor(target, key);
    if (typeof value === "function" && !Object.prototype.hasOwnProperty.call(value, ORIGINAL)) {
      Object.defineProperty(value, ORIGINAL, { value: original?.value ?? (target as any)[key] });
    }
    const record: SwapRecord = { component: this.component, where: this.where, target, key, original };
    // Define rather than assign: an accessor or a non-writable value must fail loudly, here.
    Object.defineProperty(target, key, {
      value,
      writable: original?.writable ?? true,
      enumerable: original?.enumerable ?? false,
      configurable: true,
    });
    this.made.push(record);
    this.registry.add(record);
  }

  get size(): number {
    return this.made.length;
  }

  /** What this transaction swapped: each slot with the descriptor it replaced. */
  swapped(): ReadonlyArray<{ target: object; key: PropertyKey; original: PropertyDescriptor | undefined }> {
    return this.made.map(({ target, key, original }) => ({ target, key, original }));
  }

  /** Undoes every swap of this transaction. */
  rollback(): void {
    this.registry.restoreOnly(this.made);
    this.made.length = 0;
  }
}
