// Byte-for-byte comparison of two byte arrays (Buffer.equals: one memcmp), neither copied.
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
