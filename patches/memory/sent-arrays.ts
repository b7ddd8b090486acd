// What the native store already holds of each channel's array value, so that a put sends only
// the elements after it. A chat's messages channel changes at every step and is carried by every
// put; its JSON text grows with the chat (3 MB after 100 tool rounds), and converting that whole
// text to UTF-8 for the store at each step was most of a long agent run. The store keeps the
// latest array of each (thread, namespace, channel) as its elements (memory/element_pool.rs); here we
// keep the element texts we sent for it, and a put sends the elements after the longest run of
// identical texts (message texts are reused string objects, so the comparison is by pointer).
//
// The store checks every prefix against its own latest array (which checkpoint's put stored it,
// how many elements, their byte length) and refuses a put that does not match: the saver then
// puts again carrying every value whole. A wrong guess here costs time, never a value.
import type { JsonTextEncoder } from "../serde/native-serializer";

/** The store keeps arrays of at least this many UTF-8 bytes as elements (ELEMENTS_FROM). */
export const POOLED_FROM_BYTES = 1024;

/**
 * Lines (thread, namespace, channel) remembered; the least recently put beyond it are dropped, and
 * their next put goes whole. The texts are the app's own strings, but holding every thread's would
 * keep them alive for as long as the saver lives.
 */
export const MAX_LINES = 256;

interface SentArray {
  /** The checkpoint whose put stored it. */
  checkpointId: string;
  texts: string[];
  /** UTF-8 byte length of each text. */
  byteLengths: number[];
}

/** A carried array value as a put sends it. */
export interface ArrayBlob {
  /** `[` + the elements after the prefix + `]`; the whole array when `prefix` is 0 (always when
   * `sent` is undefined: an array too short to be kept as elements). */
  text: string;
  prefix: number;
  /** UTF-8 bytes of the prefix's elements joined by commas. */
  prefixBytes: number;
  /** The checkpoint whose put stored the prefix ("" when none). */
  prefixSource: string;
  /** What to remember once the put is stored. */
  sent: SentArray | undefined;
}

const lineKey = (threadId: string, checkpointNs: string, channel: string) => `${threadId}\u0000${checkpointNs}\u0000${channel}`;

export class SentArrays {
  private readonly sent = new Map<string, SentArray>();

  /** How many lines are remembered (for tests). */
  get size(): number {
    return this.sent.size;
  }

  /**
   * The blob for `value` of `channel`, put as checkpoint `checkpointId`: undefined when it is not
   * an array the encoder writes element by element (it then goes whole through dumpsTyped).
   */
  blobFor(encoder: JsonTextEncoder | undefined, threadId: string, checkpointNs: string, channel: string, checkpointId: string, value: unknown): ArrayBlob | undefined {
    if (encoder === undefined || !Array.isArray(value)) return undefined;
    const texts = encoder.encodeElements(value);
    if (texts === undefined) return undefined;
    const previous = this.sent.get(lineKey(threadId, checkpointNs, channel));
    let prefix = 0;
    if (previous !== undefined) {
      const most = Math.min(texts.length, previous.texts.length);
      while (prefix < most && texts[prefix] === previous.texts[prefix]) prefix++;
    }
    const byteLengths = new Array<number>(texts.length);
    let total = 2 + Math.max(texts.length - 1, 0);
    for (let i = 0; i < texts.length; i++) total += byteLengths[i] = i < prefix ? previous!.byteLengths[i] : Buffer.byteLength(texts[i], "utf8");
    // Shorter arrays are stored whole: no latest array to build on, and none to send a part of.
    if (total < POOLED_FROM_BYTES) return { text: `[${texts.join(",")}]`, prefix: 0, prefixBytes: 0, prefixSource: "", sent: undefined };
    let prefixBytes = prefix > 0 ? prefix - 1 : 0;
    for (let i = 0; i < prefix; i++) prefixBytes += byteLengths[i];
    return {
      text: `[${(prefix > 0 ? texts.slice(prefix) : texts).join(",")}]`,
      prefix,
      prefixBytes,
      prefixSource: prefix > 0 ? previous!.checkpointId : "",
      sent: { checkpointId, texts, byteLengths },
    };
  }

  /** After a stored put: what the store now holds for each carried channel. */
  stored(threadId: string, checkpointNs: string, carried: ReadonlyArray<[channel: string, blob: ArrayBlob | undefined]>): void {
    for (const [channel, blob] of carried) {
      const key = lineKey(threadId, checkpointNs, channel);
      // Deleted first: a Map keeps insertion order, so the first keys are the least recent.
      this.sent.delete(key);
      if (blob?.sent !== undefined) this.sent.set(key, blob.sent);
    }
    for (const key of this.sent.keys()) {
      if (this.sent.size <= MAX_LINES) break;
      this.sent.delete(key);
    }
  }

  /** Forgets a thread (deleted) or, with a namespace, what a put carrying every value replaced. */
  forget(threadId: string, checkpointNs?: string): void {
    const start = checkpointNs === undefined ? `${threadId}\u0000` : `${threadId}\u0000${checkpointNs}\u0000`;
    for (const key of this.sent.keys()) if (key.startsWith(start)) this.sent.delete(key);
  }
}
