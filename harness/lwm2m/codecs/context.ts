import type { LwM2MPath } from '../path.ts';
import { formatPath } from '../path.ts';
import type { ObjectRegistry } from '../model/registry.ts';
import { builtinRegistry } from '../model/registry.ts';
import type { ResourceType } from '../values.ts';

/** What a codec needs besides the bytes: the request path payloads are relative to, and the object model. */
export interface CodecContext {
  /** The request path (the Uri-Path of the Read/Write/Notify). Absent only for root-level SenML payloads. */
  path?: LwM2MPath;
  /** Resource types come from here; unknown resources decode as Opaque (TLV) or as their JSON shape. */
  registry?: ObjectRegistry;
  /**
   * TLV only: the instance id to use when an object-level payload carries bare resources (a Create where the
   * client picks the id). Without it such a payload is a decode error.
   */
  defaultInstanceId?: number;
}

let shared: ObjectRegistry | undefined;

export function registryOf(ctx: CodecContext): ObjectRegistry {
  if (ctx.registry) return ctx.registry;
  shared ??= builtinRegistry();
  return shared;
}

/** The model type of a resource, or undefined when the object or resource is unknown. */
export function resourceType(ctx: CodecContext, objectId: number, resourceId: number): ResourceType | undefined {
  return registryOf(ctx).resource(objectId, resourceId)?.type;
}

export function describePath(p: LwM2MPath | undefined): string {
  return p === undefined ? '(root)' : formatPath(p);
}

/** Strict UTF-8: a device sending broken UTF-8 in a String resource is a decode error, not U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const OBJLNK = /^(\d{1,5}):(\d{1,5})$/;
/** "3:0" -> { objectId: 3, instanceId: 0 }, ids 0..65535. */
export function parseObjlnkText(text: string): { objectId: number; instanceId: number } | undefined {
  const m = OBJLNK.exec(text);
  if (!m) return undefined;
  const objectId = Number(m[1]);
  const instanceId = Number(m[2]);
  return objectId <= 65535 && instanceId <= 65535 ? { objectId, instanceId } : undefined;
}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
export function parseIntegerText(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
export function parseFloatText(text: string): number | undefined {
  if (!FLOAT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Strict standard base64 (with padding), as LwM2M 1.0 uses for Opaque in text and JSON. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** base64url (RFC 4648 §5), padding optional on input: SenML "vd". */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  const bare = text.replace(/={1,2}$/, '');
  if (!BASE64URL.test(bare) || bare.length % 4 === 1) return undefined;
  return Buffer.from(bare, 'base64url');
}
