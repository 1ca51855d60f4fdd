import { ContentFormat, type ResourceEntry } from '../values.ts';
import { describePath, resourceType, type CodecContext } from './context.ts';
import { ContentDecodeError, ContentEncodeError } from './errors.ts';
import { resourcePath, singleEntry } from './text.ts';

const F = ContentFormat.OPAQUE;

/** application/octet-stream (LwM2M 1.0 TS §6.4.2): the raw bytes of one Opaque resource. */
export function encodeOpaque(entries: readonly ResourceEntry[]): Buffer {
  const entry = singleEntry(F, entries);
  if (!Buffer.isBuffer(entry.value)) throw new ContentEncodeError(F, 'the opaque format carries only Opaque (bytes) values');
  return Buffer.from(entry.value);
}

export function decodeOpaque(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  const path = resourcePath(F, ctx.path);
  const type = resourceType(ctx, path.objectId, path.resourceId as number);
  if (type !== undefined && type !== 'Opaque') {
    throw new ContentDecodeError(F, `resource ${describePath(path)} is ${type}, not Opaque`, { path: describePath(path) });
  }
  return [{ path, value: Buffer.from(payload) }];
}
