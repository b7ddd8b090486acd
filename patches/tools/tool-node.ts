// The replacement ToolNode: a subclass of the host copy's own class. `run` is the host's (input
// forms, Command merging, ToolMessage order); `runTool` is the host's, wrapped in the optional
// limits: a per-run concurrency cap, a per-call timeout and a nesting-depth guard. With no knob
// set it is the host's behaviour exactly.
import type { ToolsConfig } from "../../config";
import { CallGate } from "./call-gate";
import { currentToolDepth, runNested, ToolDepthError, withTimeout } from "./limits";

/** Marks our class, for the self-check and tests. */
export const NATIVE_TOOL_NODE = Symbol.for("langgraph-native.tools.toolNode");
/** Where a run's gate travels to its runTool calls: a non-enumerable key, so tools never see it. */
const RUN_GATE = Symbol("langgraph-native.tools.gate");

type ToolCall = { name: string; id?: string; args?: unknown };
type HostToolNodeClass = new (...args: any[]) => {
  handleToolErrors: unknown;
  run(input: unknown, config: any): Promise<unknown>;
  runTool(call: ToolCall, config: any, state: unknown): Promise<unknown>;
};

export function createNativeToolNode<T extends HostToolNodeClass>(HostToolNode: T, limits: ToolsConfig): T {
  const { concurrency, timeoutMs, maxDepth } = limits;
  // The host's ToolMessage class (of the core build this copy uses), learnt from the host itself.
  let ToolMessageClass: (new (fields: Record<string, unknown>) => unknown) | undefined;

  class ToolNode extends HostToolNode {
    static readonly [NATIVE_TOOL_NODE] = true;

    async run(input: unknown, config: any): Promise<unknown> {
      if (concurrency === undefined) return super.run(input, config);
      const scoped = { ...config };
      Object.defineProperty(scoped, RUN_GATE, { value: new CallGate(concurrency), enumerable: false });
      return super.run(input, scoped);
    }

    async runTool(call: ToolCall, config: any, state: unknown): Promise<unknown> {
      const gate: CallGate | undefined = config?.[RUN_GATE];
      const limited = () => this.runLimited(call, config, state);
      return gate ? gate.run(limited) : limited();
    }

    static {
      // No knob set: the host's run and runTool run as they are, without our wrappers' awaits.
      if (concurrency === undefined && timeoutMs === undefined && maxDepth === undefined) {
        delete (this.prototype as Partial<ToolNode>).run;
        delete (this.prototype as Partial<ToolNode>).runTool;
      }
    }

    private async runLimited(call: ToolCall, config: any, state: unknown): Promise<unknown> {
      if (maxDepth !== undefined) {
        if (currentToolDepth() >= maxDepth) throw new ToolDepthError(call.name, maxDepth);
        return runNested(() => this.runTimed(call, config, state));
      }
      return this.runTimed(call, config, state);
    }

    private async runTimed(call: ToolCall, config: any, state: unknown): Promise<unknown> {
      if (timeoutMs === undefined) return super.runTool(call, config, state);
      const outcome = await withTimeout(call.name, timeoutMs, config?.signal, (signal) =>
        super.runTool(call, { ...config, signal }, state),
      );
      if (!outcome.timedOut) return outcome.value;
      if (!this.handleToolErrors) throw outcome.error;
      ToolMessageClass ??= await this.learnToolMessageClass(config, state);
      // Worded as the host words a tool's error.
      return new ToolMessageClass({
        status: "error",
        content: `Error: ${outcome.error.message}\n Please fix your mistakes.`,
        name: call.name,
        tool_call_id: call.id ?? "",
      });
    }

    /** A call to a tool that does not exist makes the host build its error ToolMessage. */
    private async learnToolMessageClass(config: any, state: unknown) {
      const probe = (await super.runTool({ name: "\u0000langgraph-native-probe", id: "" }, config, state)) as object;
      return probe.constructor as new (fields: Record<string, unknown>) => unknown;
    }
  }
  return ToolNode as unknown as T;
}
