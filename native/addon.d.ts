/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
}

/** Validates UTF-8 and measures nesting depth of JSON text without parsing it. */
export declare function scanJson(bytes: Uint8Array): JsonScan

/** The host's `uuid5(name, namespace)` for a well-formed namespace. */
export declare function uuid5(name: string, namespace: string): string

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string

/** The host's `XXH3(text)` (seed 0) of the UTF-8 bytes, as 32 lowercase hex digits. */
export declare function xxh3(text: string): string
