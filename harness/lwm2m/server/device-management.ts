import { InputError } from '../../errors.ts';
import type { CoapResponse } from '../../coap/api.ts';
import { formatPath, parsePath, pathSegments, type LwM2MPath } from '../path.ts';
import { ContentFormat, type ResourceEntry } from '../values.ts';
import type { ClientChannel, SendOptions } from './client-channel.ts';
import { acceptFor, preferredFormat } from './content-negotiation.ts';
import { isSuccess, type DiscoveredLink, type OperationResult } from './operation-result.ts';
import type { PayloadCodecs } from './payload-codecs.ts';
import { parseLinkList } from './registration/link-list.ts';
import type { Registration } from './registration/registration.ts';

export interface ReadOptions extends SendOptions {
  /** Accept option: a content format number, 'none' to send no Accept, default per the client's version. */
  format?: number | 'none';
}

export interface WriteOptions extends SendOptions {
  /** 'replace' sends PUT (the target is replaced); 'update' sends POST (partial update). Default 'replace'. */
  mode?: 'replace' | 'update';
  format?: number;
}

/** Write-Attributes parameters; `null` sends the bare name (unsets the attribute). */
export interface NotificationAttributes {
  pmin?: number | null;
  pmax?: number | null;
  gt?: number | null;
  lt?: number | null;
  st?: number | null;
  /** LwM2M 1.1 evaluation periods. */
  epmin?: number | null;
  epmax?: number | null;
  /** Sends `cancel` (1.0: cancels the observation at this path). */
  cancel?: boolean;
}

/** An Execute argument `digit='value'` or a bare `digit`. */
export interface ExecuteArgument {
  id: number;
  value?: string;
}

type PathInput = string | LwM2MPath;

function toPath(input: PathInput): LwM2MPath {
  return typeof input === 'string' ? parsePath(input) : input;
}

/** Formats Execute arguments as the TS's plain-text list: `0='a',1`. */
export function formatExecuteArguments(args: readonly ExecuteArgument[]): string {
  return args
    .map((a) => {
      if (!Number.isInteger(a.id) || a.id < 0 || a.id > 9) throw new InputError(`execute argument id ${a.id} is not a digit 0-9`);
      if (a.value === undefined) return String(a.id);
      if (a.value.includes("'")) throw new InputError(`execute argument ${a.id} value contains a quote`);
      return `${a.id}='${a.value}'`;
    })
    .join(',');
}

/** Uri-Query items for Write-Attributes, in a fixed order so traces are stable. */
export function attributeQuery(attributes: NotificationAttributes): string[] {
  const query: string[] = [];
  for (const name of ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax'] as const) {
    const value = attributes[name];
    if (value === undefined) continue;
    if (value === null) query.push(name);
    else {
      if (!Number.isFinite(value)) throw new InputError(`attribute ${name}=${value} is not a finite number`);
      query.push(`${name}=${value}`);
    }
  }
  if (attributes.cancel === true) query.push('cancel');
  return query;
}

/**
 * The Device Management & Service Enablement interface, server side: Read, Discover, Write, Write-Attributes,
 * Execute, Create, Delete toward a registered client.
 */
export class DeviceManagement {
  constructor(
    private readonly channel: ClientChannel,
    private readonly codecs: PayloadCodecs,
  ) {}

  async read(endpoint: string, pathInput: PathInput, options: ReadOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const operation = `Read ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const accept = acceptFor(registration, options.format);
    const response = await this.channel.send(
      endpoint,
      { method: 'GET', path: this.channel.uriPath(registration, pathSegments(path)), ...(accept === undefined ? {} : { accept }) },
      operation,
      options,
    );
    return this.withEntries(this.result(operation, response), response, path, accept);
  }

  async discover(endpoint: string, pathInput: PathInput, options: SendOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const operation = `Discover ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const response = await this.channel.send(
      endpoint,
      { method: 'GET', path: this.channel.uriPath(registration, pathSegments(path)), accept: ContentFormat.LINK },
      operation,
      options,
    );
    const result = this.result(operation, response);
    if (result.success) {
      try {
        result.links = discoveredLinks(response.payload.toString('utf8'), registration);
      } catch (err) {
        result.decodeError = (err as Error).message;
      }
    }
    return result;
  }

  async write(endpoint: string, pathInput: PathInput, entries: readonly ResourceEntry[], options: WriteOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const mode = options.mode ?? 'replace';
    const operation = `Write${mode === 'update' ? ' (partial)' : ''} ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const format = options.format ?? preferredFormat(registration);
    const payload = this.codecs.encode(format, entries, path);
    const response = await this.channel.send(
      endpoint,
      { method: mode === 'update' ? 'POST' : 'PUT', path: this.channel.uriPath(registration, pathSegments(path)), contentFormat: format, payload },
      operation,
      options,
    );
    return this.result(operation, response);
  }

  async writeAttributes(endpoint: string, pathInput: PathInput, attributes: NotificationAttributes, options: SendOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const query = attributeQuery(attributes);
    const operation = `Write-Attributes ${formatPath(path)}?${query.join('&')}`;
    const registration = this.channel.registration(endpoint, operation);
    const response = await this.channel.send(
      endpoint,
      { method: 'PUT', path: this.channel.uriPath(registration, pathSegments(path)), query },
      operation,
      options,
    );
    return this.result(operation, response);
  }

  async execute(endpoint: string, pathInput: PathInput, args?: string | readonly ExecuteArgument[], options: SendOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const operation = `Execute ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const text = args === undefined ? undefined : typeof args === 'string' ? args : formatExecuteArguments(args);
    const response = await this.channel.send(
      endpoint,
      {
        method: 'POST',
        path: this.channel.uriPath(registration, pathSegments(path)),
        ...(text === undefined || text.length === 0 ? {} : { payload: Buffer.from(text, 'utf8') }),
      },
      operation,
      options,
    );
    return this.result(operation, response);
  }

  /**
   * Creates an instance of `objectPath`. With `instanceId` the payload names the new instance; without it the
   * client picks one, reported in `created` from the answer's Location-Path.
   */
  async create(
    endpoint: string,
    objectPathInput: PathInput,
    entries: readonly ResourceEntry[],
    instanceId?: number,
    options: WriteOptions = {},
  ): Promise<OperationResult> {
    const objectPath = toPath(objectPathInput);
    if (objectPath.instanceId !== undefined) throw new InputError(`Create targets an object, not ${formatPath(objectPath)}`);
    const operation = `Create ${formatPath(objectPath)}${instanceId === undefined ? '' : ` (instance ${instanceId})`}`;
    const registration = this.channel.registration(endpoint, operation);
    const format = options.format ?? preferredFormat(registration);
    const payload = this.encodeCreate(format, objectPath, entries, instanceId);
    const response = await this.channel.send(
      endpoint,
      { method: 'POST', path: this.channel.uriPath(registration, pathSegments(objectPath)), contentFormat: format, payload },
      operation,
      options,
    );
    const result = this.result(operation, response);
    const created = createdPath(response.locationPath, registration);
    if (created !== undefined) result.created = created;
    else if (instanceId !== undefined && result.success) result.created = { objectId: objectPath.objectId, instanceId };
    return result;
  }

  async delete(endpoint: string, pathInput: PathInput, options: SendOptions = {}): Promise<OperationResult> {
    const path = toPath(pathInput);
    const operation = `Delete ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const response = await this.channel.send(
      endpoint,
      { method: 'DELETE', path: this.channel.uriPath(registration, pathSegments(path)) },
      operation,
      options,
    );
    return this.result(operation, response);
  }

  /** Decodes a 2.05 payload into `result.entries` (or `decodeError`); shared with Observe. */
  withEntries(result: OperationResult, response: CoapResponse, path: LwM2MPath, accept: number | undefined): OperationResult {
    if (!result.success || response.payload.length === 0) return result;
    const format = response.contentFormat ?? accept ?? ContentFormat.TEXT;
    try {
      result.entries = this.codecs.decode(format, response.payload, path);
    } catch (err) {
      result.decodeError = `payload in format ${format} not decodable: ${(err as Error).message}`;
    }
    return result;
  }

  result(operation: string, response: CoapResponse): OperationResult {
    return { operation, code: response.code, success: isSuccess(response.code), raw: response, traceIds: response.traceIds };
  }

  /** Encodes the new instance: at instance level when the client picks the id (no instance wrapper). */
  private encodeCreate(format: number, objectPath: LwM2MPath, entries: readonly ResourceEntry[], instanceId: number | undefined): Buffer {
    if (instanceId !== undefined) {
      const placed = entries.map((e) => ({ ...e, path: { ...e.path, objectId: objectPath.objectId, instanceId } }));
      return this.codecs.encode(format, placed, objectPath);
    }
    const first = entries[0]?.path.instanceId ?? 0;
    return this.codecs.encode(format, entries, { objectId: objectPath.objectId, instanceId: first });
  }
}

function stripRoot(segments: readonly string[], registration: Pick<Registration, 'rootPath'>): string[] {
  const root = registration.rootPath.split('/').filter((s) => s.length > 0);
  const matches = root.every((s, i) => segments[i] === s);
  return matches ? segments.slice(root.length) : [...segments];
}

function createdPath(locationPath: readonly string[], registration: Pick<Registration, 'rootPath'>): LwM2MPath | undefined {
  if (locationPath.length === 0) return undefined;
  try {
    const path = parsePath(stripRoot(locationPath, registration));
    return path.instanceId === undefined ? undefined : path;
  } catch {
    return undefined;
  }
}

function discoveredLinks(text: string, registration: Pick<Registration, 'rootPath'>): DiscoveredLink[] {
  return parseLinkList(text).map((link) => {
    const out: DiscoveredLink = { target: link.target, attributes: link.attributes };
    try {
      out.path = parsePath(stripRoot(link.target.split('/').filter((s) => s.length > 0), registration));
    } catch {
      // not a numeric path (e.g. the root link): kept as target only
    }
    return out;
  });
}
