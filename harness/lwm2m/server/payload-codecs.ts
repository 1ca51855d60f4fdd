import type { LwM2MPath } from '../path.ts';
import type { ResourceEntry } from '../values.ts';

/**
 * How the server turns entries into payloads and back. The default (default-codecs.ts) wraps
 * harness/lwm2m/codecs; tests and fault-injection scenarios may hand in their own.
 */
export interface PayloadCodecs {
  /** `path` is the request path (the level the payload is written at). */
  encode(format: number, entries: readonly ResourceEntry[], path: LwM2MPath): Buffer;
  decode(format: number, payload: Buffer, path: LwM2MPath): ResourceEntry[];
}
