/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
  /** Some object has the key "lc" (in any escape spelling): a LangChain record may be inside. */
  hasLcKey: boolean
  /** Some object has the key "__proto__": revival must keep it an ordinary property. */
  hasProtoKey: boolean
  /** Some number reads as -0 or an infinity, which would not survive a JSON.stringify round trip. */
  hasLossyNumber: boolean
  /**
   * Some object with an "lc" or "__lc_escaped__" key contains another one; when false every
   * LangChain record can be revived without looking inside it first.
   */
  nestedRecords: boolean
}

/**
 * Validates UTF-8, balance and nesting depth of JSON text without parsing it; `depthLimit`
 * (0 or absent: unbounded) rejects hostile nesting before anything recurses.
 */
export declare function scanJson(bytes: Uint8Array, depthLimit?: number | undefined | null): JsonScan

/**
 * The text of UTF-8 bytes as a JavaScript string, built one-byte when every character allows
 * (faster to create and to JSON.parse than what TextDecoder returns for non-ASCII text).
 */
export declare function utf8Text(bytes: Uint8Array): string

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string
