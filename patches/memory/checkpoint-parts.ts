// A checkpoint's JSON text in pieces around its large array values, for a saver whose rows hold the
// whole checkpoint (SQLite): each array goes as the elements the database handle has not been sent
// for that channel yet (SentArrays), and the handle assembles the row's bytes. The pieces joined
// with the arrays are exactly the text `encodeText(checkpoint)` would write; where that cannot be
// promised this returns undefined and the checkpoint goes whole.
import { hasMarkerKey } from "../serde/encode";
import type { JsonTextEncoder } from "../serde/native-serializer";
import type { ArrayBlob, SentArrays } from "./sent-arrays";

export interface CheckpointParts {
  pieces: string[];
  arrays: Array<{ channel: string; blob: ArrayBlob }>;
  /** Every channel of the checkpoint, with its array blob if it went as one (for SentArrays.stored). */
  channels: Array<[channel: string, blob: ArrayBlob | undefined]>;
}

/** Whether a checkpoint has an array value to send in part (else it is encoded in one walk). */
export function hasArrayValue(channelValues: Record<string, unknown> | undefined): boolean {
  for (const name in channelValues) {
    if (Object.prototype.hasOwnProperty.call(channelValues, name) && Array.isArray(channelValues[name])) return true;
  }
  return false;
}

/** Where the channel values go in the text of a checkpoint whose values were left out. */
const EMPTY_VALUES = '"channel_values":{}';

export function checkpointParts(
  encoder: JsonTextEncoder,
  sent: SentArrays,
  skeletonText: string,
  checkpoint: { v?: unknown; id?: unknown; ts?: unknown },
  channelValues: Record<string, unknown>,
  threadId: string,
  checkpointNs: string,
): CheckpointParts | undefined {
  // v, id and ts come first: as a number and strings they cannot spell EMPTY_VALUES themselves.
  if (typeof checkpoint.v !== "number" || typeof checkpoint.id !== "string" || typeof checkpoint.ts !== "string") return undefined;
  const at = skeletonText.indexOf(EMPTY_VALUES);
  if (at < 0) return undefined;
  const names = Object.keys(channelValues);
  // Keys the encoder treats specially (an "lc" channel...) make the values object another text.
  if (hasMarkerKey(names)) return undefined;
  const pieces: string[] = [];
  const arrays: CheckpointParts["arrays"] = [];
  const channels: CheckpointParts["channels"] = [];
  let piece = `${skeletonText.slice(0, at)}"channel_values":{`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = channelValues[name];
    piece += `${i > 0 ? "," : ""}${JSON.stringify(name)}:`;
    const blob = sent.blobFor(encoder, threadId, checkpointNs, name, checkpoint.id, value);
    channels.push([name, blob?.sent !== undefined ? blob : undefined]);
    if (blob?.sent !== undefined) {
      pieces.push(piece);
      arrays.push({ channel: name, blob });
      piece = "";
      continue;
    }
    // A member is written as the element of an array is: nested, one level below the values.
    // (An array blob without `sent` is the whole array's text.)
    const text = blob !== undefined ? blob.text : encoder.encodeElements([value])?.[0];
    if (text === undefined) return undefined;
    piece += text;
  }
  pieces.push(`${piece}}${skeletonText.slice(at + EMPTY_VALUES.length)}`);
  // Without arrays the one piece is the checkpoint's whole text.
  return { pieces, arrays, channels };
}
