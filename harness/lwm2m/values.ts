import type { LwM2MPath } from './path.ts';

/** Resource data types of LwM2M 1.0 (TS Appendix C) as named in the DDF files. */
export type ResourceType =
  | 'String'
  | 'Integer'
  | 'Unsigned Integer'
  | 'Float'
  | 'Boolean'
  | 'Opaque'
  | 'Time'
  | 'Objlnk'
  | 'Corelnk'
  | 'none';

/** An Object Link value: "objectId:instanceId". */
export interface Objlnk {
  objectId: number;
  instanceId: number;
}

/**
 * A resource (instance) value. Integer, Unsigned Integer, Float and Time are numbers (Time in seconds since
 * the epoch); Opaque is a Buffer; Objlnk is an object; String and Corelnk are strings.
 */
export type ResourceValue = string | number | boolean | Buffer | Objlnk;

/** One value at a full resource or resource-instance path: the flat form every codec decodes to. */
export interface ResourceEntry {
  path: LwM2MPath;
  value: ResourceValue;
  /** Timestamp in seconds since the epoch when the payload carried one (SenML `bt`+`t`, OMA JSON `bt`+`t`). */
  time?: number;
}

/** CoAP Content-Format numbers used by LwM2M 1.0 and 1.1 (legacy 1541-1543 accepted on input). */
export const ContentFormat = {
  TEXT: 0,
  LINK: 40,
  OPAQUE: 42,
  CBOR: 60,
  SENML_JSON: 110,
  SENML_CBOR: 112,
  TLV: 11542,
  OMA_JSON: 11543,
  LEGACY_TLV: 1542,
  LEGACY_JSON: 1543,
  LEGACY_TEXT: 1541,
} as const;

export type ContentFormatNumber = (typeof ContentFormat)[keyof typeof ContentFormat];

export function isObjlnk(v: ResourceValue): v is Objlnk {
  return typeof v === 'object' && v !== null && !Buffer.isBuffer(v);
}
