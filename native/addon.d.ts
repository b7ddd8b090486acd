/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
}

/** Validates UTF-8 and measures nesting depth of JSON text without parsing it. */
export declare function scanJson(bytes: Uint8Array): JsonScan

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string
