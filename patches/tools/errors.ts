// The errors the tool executor raises, in a module of their own: they are part of the public API
// (index.ts), and their declarations must type-check with nothing else installed.

export class ToolTimeoutError extends Error {
  constructor(toolName: string, readonly timeoutMs: number) {
    super(`Tool "${toolName}" timed out after ${timeoutMs} ms (LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS=${timeoutMs})`);
    this.name = "ToolTimeoutError";
  }
}

export class ToolDepthError extends Error {
  constructor(toolName: string, readonly maxDepth: number) {
    super(
      `Tool "${toolName}" not run: tool calls nested more than ${maxDepth} deep (a tool running a graph that calls tools; LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH=${maxDepth})`,
    );
    this.name = "ToolDepthError";
  }
}
