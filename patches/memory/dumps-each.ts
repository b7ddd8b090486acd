// `serde.dumpsTyped` of several values, as the savers store them. On the native serializer the
// JSON text goes to Rust as it is (no TextEncoder pass, no byte array, no promise per value), and
// the call is synchronous when every value had such text; anything else goes through dumpsTyped.
import { jsonTextEncoderOf } from "../serde/native-serializer";
import { copyCheckpoint } from "./host-contract";

/** A serialized value: its type and bytes, or the JSON text whose UTF-8 Rust stores. */
export type Serialized = readonly [string, string | Uint8Array];

export function dumpsEach(serde: any, values: readonly unknown[]): Serialized[] | Promise<Serialized[]> {
  const encoder = jsonTextEncoderOf(serde);
  const out: Array<Serialized | Promise<Serialized>> = [];
  let pending = false;
  for (const value of values) {
    const text = encoder?.encodeText(value);
    if (text !== undefined) out.push(["json", text]);
    else {
      out.push(serde.dumpsTyped(value));
      pending = true;
    }
  }
  return pending ? Promise.all(out) : (out as Serialized[]);
}

/** A checkpoint ready to store: its values (a shallow copy) and versions, and its text when known. */
export interface PreparedCheckpoint {
  channelValues: Record<string, unknown>;
  channelVersions: Record<string, unknown>;
  /** The host's `copyCheckpoint` of it: what is serialized when `text` is undefined. */
  copy: Record<string, unknown> | undefined;
  /** The JSON text of the checkpoint (with its channel values or, for `values: "apart"`, none). */
  text: Serialized | undefined;
}

/**
 * The host savers serialize `copyCheckpoint(checkpoint)`: the copy shields the stored bytes from a
 * caller that changes the checkpoint while an async serializer is still reading it. The native
 * serializer writes the text before put returns to anyone, so nothing can change in between and
 * the checkpoint is encoded as it is. That skips the deep copy of `versions_seen` (one map per
 * node: 8% of a 1,000-node chain's run). The text is the same: versions are numbers or strings,
 * which the copy keeps as they are. Any other serializer gets the copy, as before.
 */
export function prepareCheckpoint(serde: any, checkpoint: any, values: "inline" | "apart"): PreparedCheckpoint {
  const channelValues = { ...(checkpoint.channel_values ?? {}) };
  const encoder = jsonTextEncoderOf(serde);
  if (encoder !== undefined) {
    const channelVersions = checkpoint.channel_versions ?? {};
    const text = encoder.encodeText({
      v: checkpoint.v,
      id: checkpoint.id,
      ts: checkpoint.ts,
      channel_values: values === "inline" ? channelValues : {},
      channel_versions: channelVersions,
      versions_seen: checkpoint.versions_seen ?? {},
    });
    if (text !== undefined) return { channelValues, channelVersions, copy: undefined, text: ["json", text] };
  }
  const copy = copyCheckpoint(checkpoint);
  if (values === "apart") copy.channel_values = {};
  return { channelValues, channelVersions: copy.channel_versions, copy, text: undefined };
}
