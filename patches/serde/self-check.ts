// The self-check: on a probe of every kind of value the serializer handles, our dumps must write
// exactly the host's bytes, and our synchronous loads must rebuild a value that writes them again.
import { ORIGINAL } from "../../shim/registry";
import type { MessageCatalog } from "./message-classes";
import type { NativeSerializer } from "./native-serializer";
import { sameBytes } from "./same-bytes";

type Ctor = new (...args: any[]) => any;

/** A probe without messages: Set, Map, undefined, nesting, RegExp, Error, bytes, text. */
export function plainProbe(DeltaSnapshot: Ctor): Record<string, unknown> {
  return {
    text: "héllo 👋 \"quoted\" \\ \n\t\u0000\u2028 \ud800",
    numbers: [0, -1.5, 1e21, Number.NaN],
    set: new Set([1, "a", { b: [2] }]),
    map: new Map<unknown, unknown>([["k", { v: 1 }], [2, [undefined]]]),
    missing: undefined,
    nested: { list: [undefined, { bytes: new Uint8Array([0, 1, 255]) }], empty: {} },
    pattern: /a+b/gi,
    error: new Error("boom"),
    when: new Date(0),
    snapshot: new DeltaSnapshot({ count: 1 }),
  };
}

/** Human, AI with tool calls and usage, Tool with artifact and status. */
export function messageProbe(catalog: MessageCatalog): unknown[] {
  const make = (name: string, fields: Record<string, unknown>) => {
    const info = catalog.byName.get(name);
    if (info === undefined) throw new Error(`message class ${name} is not in the fast path`);
    return new info.cls(fields);
  };
  return [
    make("HumanMessage", { content: "hi ✓", id: "h1" }),
    make("AIMessage", {
      content: [{ type: "text", text: "calling" }],
      tool_calls: [{ id: "c1", name: "search", args: { q: "x" }, type: "tool_call" }],
      usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      response_metadata: { model: "m" },
    }),
    make("ToolMessage", { content: "done", tool_call_id: "c1", artifact: { rows: [1] }, status: "success" }),
  ];
}

const preview = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(0, 160));

/** Throws with a clear message when the native serializer differs from the host's on the probe. */
export function checkSerializer(serializerClass: Ctor, native: NativeSerializer, probe: unknown): void {
  const dumps = serializerClass.prototype._dumps;
  const hostDumps = dumps?.[ORIGINAL] ?? dumps;
  if (typeof hostDumps !== "function") throw new Error("JsonPlusSerializer has no _dumps to compare with");
  const expected: Uint8Array = hostDumps.call(new serializerClass(), probe);
  const actual = native.encode(probe);
  if (!sameBytes(actual, expected)) {
    throw new Error(`native dumps differ from the host's: ${preview(actual)} vs ${preview(expected)}`);
  }
  const revived = native.decode(actual);
  if (revived instanceof Promise) throw new Error("native loads of the probe needed the async fallback");
  const again = native.encode(revived);
  if (!sameBytes(again, expected)) {
    throw new Error(`native loads did not rebuild the probe: it writes ${preview(again)}`);
  }
}
