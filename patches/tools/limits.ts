// Timeout and nesting depth of tool calls (LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS / _MAX_DEPTH).
import { AsyncLocalStorage } from "node:async_hooks";
import { ToolTimeoutError } from "./errors";

export { ToolDepthError, ToolTimeoutError } from "./errors";

/** How many tool calls enclose the current async context (0 outside any tool). */
const toolDepth = new AsyncLocalStorage<number>();

export function currentToolDepth(): number {
  return toolDepth.getStore() ?? 0;
}

export function runNested<T>(call: () => Promise<T>): Promise<T> {
  return toolDepth.run(currentToolDepth() + 1, call);
}

export type TimedOutcome<T> = { timedOut: false; value: T } | { timedOut: true; error: ToolTimeoutError };

/**
 * Runs `call` with a signal that aborts after `timeoutMs` (or when `parent` aborts). On timeout
 * the outcome says so at once; the call's own late result or rejection is dropped.
 */
export async function withTimeout<T>(
  toolName: string,
  timeoutMs: number,
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<TimedOutcome<T>> {
  const controller = new AbortController();
  const signal = parent ? AbortSignal.any([parent, controller.signal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedOutcome<T>>((resolve) => {
    timer = setTimeout(() => {
      const error = new ToolTimeoutError(toolName, timeoutMs);
      controller.abort(error);
      resolve({ timedOut: true, error });
    }, timeoutMs);
  });
  const running = call(signal);
  try {
    return await Promise.race([running.then((value) => ({ timedOut: false as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined);
  }
}
