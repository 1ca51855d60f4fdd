import { formatPath, type LwM2MPath } from '../../../harness/lwm2m/path.ts';
import { badRequest } from '../dm-error.ts';

/** The notification attributes of LwM2M 1.0 (TS §5.1.2): periods in seconds, thresholds in resource units. */
export interface NotificationAttributes {
  pmin?: number;
  pmax?: number;
  gt?: number;
  lt?: number;
  st?: number;
}

type AttributeName = keyof NotificationAttributes;
const NAMES: readonly AttributeName[] = ['pmin', 'pmax', 'gt', 'lt', 'st'];
const THRESHOLDS: readonly AttributeName[] = ['gt', 'lt', 'st'];

/** One Write-Attributes request: values to set, and names given without a value (which remove them). */
export interface AttributeChange {
  set: NotificationAttributes;
  unset: AttributeName[];
}

/** Parses Uri-Query items such as `pmin=10`, `gt=20.5`, `st` (bare name: remove). 4.00 for anything else. */
export function parseAttributeQuery(query: readonly string[]): AttributeChange {
  const change: AttributeChange = { set: {}, unset: [] };
  for (const item of query) {
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)) as AttributeName;
    if (!NAMES.includes(name)) throw badRequest(`unknown attribute '${item}'`);
    if (eq < 0) {
      change.unset.push(name);
      continue;
    }
    const text = item.slice(eq + 1);
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) throw badRequest(`attribute ${name} needs a number, got '${text}'`);
    if ((name === 'pmin' || name === 'pmax') && (!Number.isInteger(value) || value < 0)) {
      throw badRequest(`attribute ${name} must be a whole number of seconds >= 0`);
    }
    if (name === 'st' && value < 0) throw badRequest('attribute st must be >= 0');
    change.set[name] = value;
  }
  return change;
}

/**
 * Attributes as written by one server, by path. Thresholds (gt, lt, st) only make sense on a numeric
 * resource; effective attributes inherit resource -> instance -> object, then the server's defaults.
 */
export class AttributeStore {
  private readonly byPath = new Map<string, NotificationAttributes>();

  /** Applies a Write-Attributes; `numeric` says whether the path is a numeric resource. 4.00 when invalid. */
  apply(path: LwM2MPath, change: AttributeChange, numeric: boolean): void {
    const key = formatPath(path);
    const next: NotificationAttributes = { ...this.byPath.get(key), ...change.set };
    for (const name of change.unset) delete next[name];
    if (THRESHOLDS.some((n) => next[n] !== undefined) && (path.resourceId === undefined || !numeric)) {
      throw badRequest(`gt/lt/st apply to numeric resources only (${key})`);
    }
    if (next.lt !== undefined && next.gt !== undefined) {
      const st = next.st ?? 0;
      if (!(next.lt + 2 * st < next.gt)) throw badRequest(`attributes need lt + 2*st < gt (${key})`);
    }
    if (Object.keys(next).length === 0) this.byPath.delete(key);
    else this.byPath.set(key, next);
  }

  /** The attributes written on exactly this path. */
  at(path: LwM2MPath): NotificationAttributes {
    return { ...this.byPath.get(formatPath(path)) };
  }

  /** Resource-level values win over instance-level, which win over object-level, which win over defaults. */
  effective(path: LwM2MPath, defaults: NotificationAttributes, inherit: 'all' | 'resource' = 'all'): NotificationAttributes {
    const levels: LwM2MPath[] = [];
    if (inherit === 'all' || path.instanceId === undefined) levels.push({ objectId: path.objectId });
    if (path.instanceId !== undefined && (inherit === 'all' || path.resourceId === undefined)) levels.push({ objectId: path.objectId, instanceId: path.instanceId });
    if (path.resourceId !== undefined) levels.push({ objectId: path.objectId, instanceId: path.instanceId, resourceId: path.resourceId });
    const out: NotificationAttributes = { ...defaults };
    for (const level of levels) Object.assign(out, this.byPath.get(formatPath(level)));
    return out;
  }

  clear(): void {
    this.byPath.clear();
  }
}

/** Attributes as link-format parameters for Discover (`pmin=10`, `gt=20.5`). */
export function attributeParams(attrs: NotificationAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of NAMES) {
    const v = attrs[name];
    if (v !== undefined) out[name] = String(v);
  }
  return out;
}
