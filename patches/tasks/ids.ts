// Task ids (UUIDv5) and cache keys (XXH3-128) from the native core. The host's functions stay the
// fallback for inputs the core does not take the same way: non-string input, a seed, a namespace
// that is not a canonical UUID, or text with lone surrogates (the host throws or re-encodes those).
import type { NativeAddon } from "../../shim/addon";

type Uuid5 = (name: string, namespace: string) => string;
type Xxh3 = (input: string | Uint8Array, seed?: bigint) => string;

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

export function createNativeUuid5(hostUuid5: Uuid5, addon: NativeAddon): Uuid5 {
  return function uuid5(name, namespace) {
    if (typeof name === "string" && typeof namespace === "string" && CANONICAL_UUID.test(namespace) && wellFormed(name)) {
      return addon.uuid5(name, namespace);
    }
    return hostUuid5(name, namespace);
  };
}

export function createNativeXxh3(hostXxh3: Xxh3, addon: NativeAddon): Xxh3 {
  return function XXH3(input, seed) {
    if (typeof input === "string" && (seed === undefined || seed === 0n) && wellFormed(input)) return addon.xxh3(input);
    return seed === undefined ? hostXxh3(input) : hostXxh3(input, seed);
  };
}

/** Inputs the self-checks compare on: every XXH3 length class, multi-byte and astral text. */
export const ID_PROBES: readonly string[] = [
  "",
  "a",
  "héllo wörld",
  "日本語🎉",
  JSON.stringify(["1ef4f797-8335-6428-8001-8a1503f9b875", 3, "work", "__pregel_push"]),
  "x".repeat(200),
  "ü".repeat(300),
];
