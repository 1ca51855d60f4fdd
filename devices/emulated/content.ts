import {
  ContentDecodeError,
  ContentEncodeError,
  UnsupportedContentFormatError,
  decodeContent,
  encodeContent,
  isSupportedContentFormat,
  normalizeContentFormat,
} from '../../harness/lwm2m/codecs/index.ts';
import type { ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import type { LwM2MPath } from '../../harness/lwm2m/path.ts';
import { ContentFormat, type ResourceEntry } from '../../harness/lwm2m/values.ts';
import { DmError, badRequest } from './dm-error.ts';

/**
 * Choosing and applying content formats for the client's answers (LwM2M 1.0 TS §6.4): without Accept a single
 * resource goes as text/plain (opaque as application/octet-stream) and anything larger as TLV; an Accept the
 * client cannot produce for that path is 4.06; a Write in a format it cannot read is 4.15.
 */
export function chooseReadFormat(path: LwM2MPath, entries: readonly ResourceEntry[], accept: number | undefined, registry: ObjectRegistry): number {
  if (accept !== undefined) {
    if (!isSupportedContentFormat(accept)) throw new DmError('4.06', `cannot answer in content format ${accept}`, { accept });
    return normalizeContentFormat(accept);
  }
  // One value: a single-instance resource, or one resource instance asked for by its full path.
  const single =
    path.resourceId !== undefined &&
    entries.length === 1 &&
    (entries[0]?.path.resourceInstanceId === undefined || path.resourceInstanceId !== undefined);
  if (!single) return ContentFormat.TLV;
  const type = registry.resource(path.objectId, path.resourceId ?? -1)?.type;
  return type === 'Opaque' ? ContentFormat.OPAQUE : ContentFormat.TEXT;
}

export function encodeFor(format: number, path: LwM2MPath, entries: readonly ResourceEntry[], registry: ObjectRegistry): Buffer {
  try {
    return encodeContent(format, entries, { path, registry });
  } catch (err) {
    if (err instanceof UnsupportedContentFormatError || err instanceof ContentEncodeError) {
      throw new DmError('4.06', `cannot encode ${entries.length} value(s) as format ${format}`, { format });
    }
    throw err;
  }
}

export function decodeFor(format: number | undefined, payload: Buffer, path: LwM2MPath, registry: ObjectRegistry, defaultInstanceId?: number): ResourceEntry[] {
  if (format === undefined) throw badRequest('payload without Content-Format');
  try {
    return decodeContent(format, payload, { path, registry, ...(defaultInstanceId !== undefined ? { defaultInstanceId } : {}) });
  } catch (err) {
    if (err instanceof UnsupportedContentFormatError) throw new DmError('4.15', `content format ${format} not supported`, { format });
    if (err instanceof ContentDecodeError) throw badRequest(`undecodable payload: ${err.message}`);
    throw err;
  }
}
