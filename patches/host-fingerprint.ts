// Where a patch reimplements a host method (rather than wrapping it), the contract it relies on is
// that method's exact code: a fingerprint of its source, taken the same way from the CommonJS and
// the ES-module build, tells a release whose method changed from one where only the version did.
import type * as Crypto from "node:crypto";

/**
 * sha256 (first 16 hex digits) of a function's source, with the build's module plumbing removed
 * (`require_algo.x` and `_langchain_core_runnables.x` become `x`, `(0, f)(...)` becomes `f(...)`)
 * and all whitespace, so both builds of one release give the same value.
 */
export function hostCodeFingerprint(fn: (...args: any[]) => unknown): string {
  const source = Function.prototype.toString
    .call(fn)
    .replace(/\(0,\s*([\w$.]+)\)/g, "$1")
    .replace(/\b(?:require_\w+|_langchain_\w+)\./g, "")
    .replace(/\s+/g, "");
  // Required here, not at load: by the first fingerprint the host has loaded node:crypto itself.
  const { createHash } = require("node:crypto") as typeof Crypto;
  return createHash("sha256").update(source).digest("hex").slice(0, 16);
}

/** Throws (through `fail`) when `fn` is not the host code a replacement was written from. */
export function expectHostCode(what: string, fn: unknown, expected: readonly string[], fail: (message: string) => Error): void {
  if (typeof fn !== "function") throw fail(`${what} is not a function`);
  const found = hostCodeFingerprint(fn as (...args: any[]) => unknown);
  if (!expected.includes(found)) {
    throw fail(`${what} of this release differs from the code it replaces (fingerprint ${found}, known ${expected.join(", ")})`);
  }
}
