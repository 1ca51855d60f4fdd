import { decodeContent, encodeContent } from '../codecs/index.ts';
import type { ObjectRegistry } from '../model/index.ts';
import type { PayloadCodecs } from './payload-codecs.ts';

/** harness/lwm2m/codecs behind the PayloadCodecs interface, with the run's object registry. */
export function defaultCodecs(registry?: ObjectRegistry): PayloadCodecs {
  const base = registry === undefined ? {} : { registry };
  return {
    encode: (format, entries, path) => encodeContent(format, entries, { ...base, path }),
    decode: (format, payload, path) => decodeContent(format, payload, { ...base, path }),
  };
}
