// `serde.dumpsTyped` of several values, as the savers store them. On the native serializer the
// JSON text goes to Rust as it is (no TextEncoder pass, no byte array, no promise per value), and
// the call is synchronous when every value had such text; anything else goes through dumpsTyped.
import { jsonTextEncoderOf } from "../serializer/native-serializer";

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
