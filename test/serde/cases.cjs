// Values the serializer must write byte-identically to the host and read back identically:
// every message class, the lc:2 types, Send, nesting, cycles and awkward text.
const messages = require("@langchain/core/messages");
const { Send } = require("@langchain/langgraph");

const EVERY_ESCAPE = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("") +
  "\u2028\u2029\ud800\udc00 \ud83d \ude00 é ñ 中文 😀👋🏽";

function messageCases() {
  const {
    HumanMessage, HumanMessageChunk, AIMessage, AIMessageChunk, ToolMessage, ToolMessageChunk, SystemMessage,
    SystemMessageChunk, ChatMessage, ChatMessageChunk, FunctionMessage, FunctionMessageChunk, RemoveMessage,
  } = messages;
  return {
    "HumanMessage (string)": new HumanMessage("hello"),
    "HumanMessage (fields)": new HumanMessage({ content: "hi 👋", id: "h1", name: "ann", additional_kwargs: { k: [1, { x: null }] } }),
    "HumanMessage (content blocks)": new HumanMessage({ content: [{ type: "text", text: "a" }, { type: "image_url", image_url: { url: "data:x" } }] }),
    "AIMessage (full)": new AIMessage({
      content: "calling tools",
      id: "ai-1",
      tool_calls: [{ id: "c1", name: "search", args: { q: "weather", n: 3 }, type: "tool_call" }],
      invalid_tool_calls: [{ id: "c2", name: "bad", args: "{not json", error: "parse error", type: "invalid_tool_call" }],
      additional_kwargs: { function_call: undefined, refusal: null },
      response_metadata: { model_name: "m", finish_reason: "tool_calls", logprobs: [0.1, -0.2] },
      usage_metadata: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_token_details: { cache_read: 2 } },
    }),
    "AIMessage (string)": new AIMessage("plain"),
    "AIMessageChunk": new AIMessageChunk({ content: "par", tool_call_chunks: [{ id: "c1", name: "f", args: '{"a":', index: 0, type: "tool_call_chunk" }] }),
    "ToolMessage": new ToolMessage({ content: "result", tool_call_id: "c1", name: "search", artifact: { rows: [1, 2], nested: { deep: true } }, status: "error" }),
    "ToolMessageChunk": new ToolMessageChunk({ content: "r", tool_call_id: "c1" }),
    "SystemMessage": new SystemMessage("be nice"),
    "SystemMessageChunk": new SystemMessageChunk("be"),
    "ChatMessage": new ChatMessage("hello", "moderator"),
    "ChatMessageChunk": new ChatMessageChunk({ content: "he", role: "moderator" }),
    "FunctionMessage": new FunctionMessage({ content: "{}", name: "fn" }),
    "FunctionMessageChunk": new FunctionMessageChunk({ content: "{", name: "fn" }),
    "HumanMessageChunk": new HumanMessageChunk({ content: "chunk" }),
    "RemoveMessage": new RemoveMessage({ id: "gone" }),
    "message with undefined, Set, Date and a nested message in kwargs": new HumanMessage({
      content: "x",
      name: undefined,
      additional_kwargs: { set: new Set([1]), when: new Date(0), inner: new AIMessage("nested"), missing: undefined, bytes: new Uint8Array([1, 2]) },
    }),
    "message with an lc key in its data (escaped)": new AIMessage({ content: "x", additional_kwargs: { payload: { lc: 1, type: "constructor", id: ["x"] } } }),
  };
}

function valueCases(DeltaSnapshot) {
  const ancestor = { name: "root", list: [] };
  ancestor.list.push(ancestor);
  ancestor.self = ancestor;
  const shared = { shared: true };
  const { HumanMessage, AIMessage, ToolMessage } = messages;
  const cyclicMessage = new HumanMessage({ content: "loop", additional_kwargs: {} });
  cyclicMessage.additional_kwargs.me = cyclicMessage;
  return {
    "Set": new Set([1, "two", { three: [3] }, undefined]),
    "Map": new Map([["a", 1], [{ k: 1 }, new Set(["v"])], [2, undefined]]),
    "RegExp": /^a+(b|c)$/gimsuy,
    "Error": new Error("it broke"),
    "TypeError (written as Error)": new TypeError("bad type"),
    "Uint8Array nested": { data: new Uint8Array([0, 1, 127, 128, 255]) },
    "undefined nested": { a: undefined, b: [undefined, 1, , 3], c: { d: undefined } },
    "DeltaSnapshot": new DeltaSnapshot({ messages: [new HumanMessage("snap")], count: 2 }),
    "Send": new Send("node", { topic: "x", items: [1, 2] }),
    "Send with timeout": new Send("node", { a: 1 }, { timeout: 1000 }),
    "Send-shaped plain object": { lg_name: "Send", node: "n", args: undefined, extra: "dropped" },
    "Send list": [new Send("a", {}), new Send("b", { msgs: [new AIMessage("x")] })],
    "Date": { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), invalid: new Date(NaN) },
    "numbers": [0, -0, 1.5, -2e-7, 1e21, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -Infinity],
    "every escape": { [EVERY_ESCAPE]: EVERY_ESCAPE },
    "non-ASCII and emoji": { text: "Grüße aus Zürich ☀️ — 東京 🚀 مرحبا", "🔑": "✓" },
    "functions and symbols": { f() {}, s: Symbol("x"), list: [() => 1, Symbol("y")] },
    "null and booleans": { n: null, t: true, f: false, arr: [null, true] },
    "circular (ancestor)": ancestor,
    "repeated non-ancestor": { first: shared, second: shared, list: [shared, shared] },
    "circular message": { messages: [cyclicMessage] },
    "nested mix": {
      channel_values: {
        messages: [new HumanMessage("q"), new AIMessage({ content: "", tool_calls: [{ id: "1", name: "f", args: {} }] }), new ToolMessage({ content: "r", tool_call_id: "1" })],
        tags: new Set(["a"]),
        index: new Map([["k", [new Uint8Array([9])]]]),
        pattern: /x/,
        failure: new Error("e"),
        nothing: undefined,
        snapshot: new DeltaSnapshot([1, 2]),
      },
      channel_versions: { messages: 3 },
    },
    "empty containers": { o: {}, a: [], s: new Set(), m: new Map() },
    "top-level undefined": undefined,
    "top-level string": "just text",
    "top-level number": 42,
    "top-level null": null,
    "host placeholder text itself": "[unable to serialize, circular reference is too complex to analyze]",
  };
}

module.exports = { messageCases, valueCases, EVERY_ESCAPE };
