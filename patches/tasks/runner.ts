// The replacement PregelRunner: a subclass of the host copy's own class that keeps its `tick`,
// `_commit` and abort-signal wiring, and replaces only `_executeTasksWithRetry` (and the `call`
// path that feeds it). The host races every in-flight promise and recounts its in-flight map after
// each completion (quadratic), and stops scheduling once nothing is in flight, so with
// `maxConcurrency` below the task count it drops tasks (langgraphjs#2656). Here each task reports
// its own settlement into a completion queue, in-flight tasks are a Map, and the loop runs until
// every task has started and settled.
import { CompletionQueue } from "./completion-queue";
import { GROUP_SIZE, SignalGroups } from "./signal-groups";
import type { RunnerHelpers } from "./host-helpers";
import { taskStats } from "./stats";

/** Marks our class, so tests and the self-check can tell which runner ran. */
export const NATIVE_RUNNER = Symbol.for("langgraph-native.tasks.runner");

type Task = { id: string; name: unknown; writes: unknown[][]; config?: any };
type Settled = { task: Task; error?: any; result?: unknown; signalAborted?: boolean };
type HostRunnerClass = new (...args: any[]) => { loop: any };

/** What a task's `call()` sees as `this`: the step's in-flight tasks and how to add one. */
interface CallScope {
  inFlight: Map<string, Promise<unknown>>;
  track(task: Task, promise: Promise<unknown>): void;
  scheduleTask(task: Task, writeIdx: number, call: unknown): Promise<Task | undefined>;
}

/** A completion: the task's promise (to skip one the host would have overwritten) and outcome. */
type Outcome = { promise: Promise<unknown>; settled?: Settled; rejected?: { error: unknown } };

export function createNativeRunner<T extends HostRunnerClass>(HostRunner: T, helpers: RunnerHelpers): T {
  const { CONFIG_KEY_CALL, CONFIG_KEY_SCRATCHPAD, RETURN, ERROR } = helpers.constants;
  const { isGraphBubbleUp } = helpers.errors;
  const { Call } = helpers.types;
  const { combineAbortSignals } = helpers.utils;
  const { _runWithRetry } = helpers.retry;

  // The functional API's call(): the host's function, with the in-flight map behind `track`.
  async function call(
    this: CallScope,
    runner: unknown,
    task: Task,
    func: unknown,
    name: unknown,
    input: unknown,
    options: Record<string, any> = {},
  ): Promise<unknown> {
    const scratchpad = task.config?.configurable?.[CONFIG_KEY_SCRATCHPAD];
    if (!scratchpad) throw new Error(`BUG: No scratchpad found on task ${String(task.name)}__${task.id}`);
    const cnt = scratchpad.callCounter;
    scratchpad.callCounter += 1;
    const wcall = new Call({
      func,
      name,
      input,
      cache: options.cache,
      retry: options.retry,
      timeout: options.timeout,
      callbacks: options.callbacks,
    });
    const nextTask = await this.scheduleTask(task, cnt, wcall);
    if (!nextTask) return undefined;
    const existingPromise = this.inFlight.get(nextTask.id);
    if (existingPromise !== undefined) return existingPromise;
    if (nextTask.writes.length > 0) {
      const returns = nextTask.writes.filter(([c]) => c === RETURN);
      const errors = nextTask.writes.filter(([c]) => c === ERROR);
      if (returns.length > 0) {
        if (returns.length === 1) return Promise.resolve(returns[0][1]);
        throw new Error(`BUG: multiple returns found for task ${String(nextTask.name)}__${nextTask.id}`);
      }
      if (errors.length > 0) {
        if (errors.length === 1) {
          const errorValue = errors[0][1];
          const error = errorValue instanceof Error ? errorValue : new Error(String(errorValue));
          return Promise.reject(error);
        }
        throw new Error(`BUG: multiple errors found for task ${String(nextTask.name)}__${nextTask.id}`);
      }
      return undefined;
    }
    const prom = _runWithRetry(nextTask, options.retry, { [CONFIG_KEY_CALL]: call.bind(this, runner, nextTask) });
    this.track(nextTask, prom);
    return prom.then(({ result, error }: Settled) => {
      if (error) return Promise.reject(error);
      return result;
    });
  }

  class PregelRunner extends HostRunner {
    static readonly [NATIVE_RUNNER] = true;

    async *_executeTasksWithRetry(
      tasks: Task[],
      options?: { retryPolicy?: unknown; maxConcurrency?: number; signals?: Record<string, AbortSignal | undefined> },
    ): AsyncGenerator<Settled> {
      const { retryPolicy, maxConcurrency, signals } = options ?? {};
      const composed = signals?.composedAbortSignal;
      const queue = new CompletionQueue<Outcome>();
      const inFlight = new Map<string, Promise<unknown>>();
      let started = 0;
      const track = (task: Task, promise: Promise<unknown>) => {
        const seq = started++;
        inFlight.set(task.id, promise);
        promise.then(
          (settled) => queue.push(seq, { promise, settled: settled as Settled }),
          (error) => queue.push(seq, { promise, rejected: { error } }),
        );
      };
      const scope: CallScope = {
        inFlight,
        track,
        scheduleTask: async (task, writeIdx, wcall) => this.loop.acceptPush(task, writeIdx, wcall),
      };
      if (composed?.aborted) throw new Error("Abort");
      const groups = composed && tasks.length > GROUP_SIZE ? new SignalGroups(composed) : undefined;
      const runTask = (task: Task) =>
        track(
          task,
          _runWithRetry(task, retryPolicy, { [CONFIG_KEY_CALL]: call.bind(scope, this, task) }, groups ? groups.next() : composed).catch(
            (error: unknown) => ({ task, error, signalAborted: composed?.aborted }),
          ),
        );

      let aborted = false;
      let listener: (() => void) | undefined;
      const timeoutOrCancelSignal = combineAbortSignals(signals?.externalAbortSignal, signals?.timeoutAbortSignal);
      if (timeoutOrCancelSignal.signal) {
        listener = () => {
          aborted = true;
          queue.notify();
        };
        timeoutOrCancelSignal.signal.addEventListener("abort", listener, { once: true });
      }

      const limit = maxConcurrency ?? tasks.length;
      let next = 0;
      taskStats.runner.ticks += 1;
      try {
        while (tasks.length > 0 && (next < tasks.length || inFlight.size > 0)) {
          for (; inFlight.size < limit && next < tasks.length; next += 1) {
            runTask(tasks[next]);
            taskStats.runner.tasks += 1;
          }
          let outcome = queue.pop()?.value;
          // A completion the host would not see: its map entry was overwritten by a task of the same id.
          while (outcome === undefined || (outcome.settled && inFlight.get(outcome.settled.task.id) !== outcome.promise)) {
            if (outcome === undefined) {
              // The host races its abort promise after the tasks: a settled task wins over the abort.
              if (aborted) throw new Error("Abort");
              await queue.waitForChange();
            }
            outcome = queue.pop()?.value;
          }
          if (outcome.rejected) throw outcome.rejected.error;
          const settled = outcome.settled!;
          const { task: settledTask, error: settledError } = settled;
          if (
            settledError !== undefined &&
            !isGraphBubbleUp(settledError) &&
            !this.loop.isErrorHandlerNode(String(settledTask.name)) &&
            this.loop.getErrorHandlerNode(String(settledTask.name)) !== undefined
          ) {
            const handlerTask = this.loop.scheduleErrorHandler(settledTask, settledError);
            if (handlerTask !== undefined) runTask(handlerTask);
          }
          yield settled;
          // As the host does: the abort listener only guards the wait for the first completion.
          if (listener != null) {
            timeoutOrCancelSignal.signal?.removeEventListener("abort", listener);
            timeoutOrCancelSignal.dispose?.();
          }
          inFlight.delete(settledTask.id);
        }
      } finally {
        groups?.dispose();
      }
    }
  }
  return PregelRunner as unknown as T;
}
