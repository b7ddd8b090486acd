// The host's class behind a class the shim swapped in: the registry marks every value it swaps in
// with the value it replaced (ORIGINAL), so no patch keeps a symbol of its own for it.
import { ORIGINAL } from "../shim/registry";

type AnyClass = new (...args: any[]) => any;

/** The host class `swapped` replaced, or undefined when `swapped` is not a class the shim put there. */
export function hostClass(swapped: unknown): AnyClass | undefined {
  const host = typeof swapped === "function" ? (swapped as unknown as Record<symbol, unknown>)[ORIGINAL] : undefined;
  return typeof host === "function" ? (host as AnyClass) : undefined;
}
