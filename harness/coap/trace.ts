import type { CoapMessage } from './api.ts';
import type { Endpoint } from '../net/transport.ts';
import { sameEndpoint } from '../net/transport.ts';
import { formatEntry } from './trace-format.ts';
import { optionName } from './options.ts';

export type TraceDirection = 'in' | 'out';

/** One datagram that crossed the transport, as the harness saw it. */
export interface TraceEntry {
  id: number;
  /** The run clock's time in ms (epoch based, like Clock.now()). */
  time: number;
  direction: TraceDirection;
  local: Endpoint;
  remote: Endpoint;
  bytes: Buffer;
  message?: CoapMessage;
  /** Why the datagram was dropped or rejected. */
  error?: string;
  /** The LwM2M operation this datagram belongs to, e.g. "Register" or "Read /3/0". */
  operation?: string;
  note?: string;
}

export type TraceEntryInput = Omit<TraceEntry, 'id'>;

export interface TraceFilter {
  peer?: Endpoint;
  direction?: TraceDirection;
  /** Inclusive window on the run clock (ms). */
  from?: number;
  to?: number;
  operation?: string;
}

export type TraceListener = (entry: TraceEntry) => void;

/** JSON form: bytes as hex, secrets masked. */
export interface TraceEntryJson {
  id: number;
  time: number;
  direction: TraceDirection;
  local: Endpoint;
  remote: Endpoint;
  bytes: string;
  message?: {
    type: string;
    code: string;
    messageId: number;
    token: string;
    options: { number: number; name: string; value: string }[];
    payload: string;
  };
  error?: string;
  operation?: string;
  note?: string;
}

const MASK = '<redacted>';

/** Every datagram in and out of one run (or one scenario), in order. */
export class Trace {
  private readonly list: TraceEntry[] = [];
  private readonly byId = new Map<number, TraceEntry>();
  private readonly listeners = new Set<TraceListener>();
  private readonly secrets: Buffer[] = [];
  private nextId = 1;
  private origin: number | undefined;

  /** startTime: the run clock's time shown as 0.000 in renderings (default: the first entry's time). */
  constructor(options: { startTime?: number } = {}) {
    this.origin = options.startTime;
  }

  get startTime(): number {
    return this.origin ?? this.list[0]?.time ?? 0;
  }

  get size(): number {
    return this.list.length;
  }

  add(input: TraceEntryInput): TraceEntry {
    const entry: TraceEntry = { ...input, id: this.nextId++ };
    this.origin ??= entry.time;
    this.list.push(entry);
    this.byId.set(entry.id, entry);
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A faulty observer of the trace must not break the messaging layer that records it.
      }
    }
    return entry;
  }

  get(id: number): TraceEntry | undefined {
    return this.byId.get(id);
  }

  /** Marks entries as belonging to an operation (an existing tag is kept). */
  tag(ids: readonly number[], operation: string): void {
    for (const id of ids) {
      const entry = this.byId.get(id);
      if (entry && entry.operation === undefined) entry.operation = operation;
    }
  }

  annotate(id: number, note: string): void {
    const entry = this.byId.get(id);
    if (entry) entry.note = entry.note ? `${entry.note}; ${note}` : note;
  }

  entries(filter: TraceFilter = {}): TraceEntry[] {
    return this.list.filter(
      (e) =>
        (filter.peer === undefined || sameEndpoint(e.remote, filter.peer)) &&
        (filter.direction === undefined || e.direction === filter.direction) &&
        (filter.from === undefined || e.time >= filter.from) &&
        (filter.to === undefined || e.time <= filter.to) &&
        (filter.operation === undefined || e.operation === filter.operation),
    );
  }

  onEntry(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A value (e.g. a PSK) that must never appear in JSON or text output of this trace. */
  addSecret(secret: Buffer | string): void {
    const value = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (value.length > 0) this.secrets.push(value);
  }

  /** One line per entry, e.g. `12.345 -> 127.0.0.1:5683 CON 0.02 mid=1234 tok=ab12 /rd?ep=x [Register]`. */
  render(entry: TraceEntry): string {
    return this.redactText(formatEntry(entry, this.startTime));
  }

  renderAll(filter: TraceFilter = {}): string {
    return this.entries(filter).map((e) => this.render(e)).join('\n');
  }

  /** Entries with bytes masked where a registered secret occurs. */
  redactedBytes(entry: TraceEntry): Buffer {
    let bytes = entry.bytes;
    for (const secret of this.secrets) {
      let at = bytes.indexOf(secret);
      while (at >= 0) {
        if (bytes === entry.bytes) bytes = Buffer.from(entry.bytes);
        bytes.fill(0, at, at + secret.length);
        at = bytes.indexOf(secret, at + secret.length);
      }
    }
    return bytes;
  }

  toJSON(): { startTime: number; entries: TraceEntryJson[] } {
    return { startTime: this.startTime, entries: this.list.map((e) => this.entryToJson(e)) };
  }

  private entryToJson(e: TraceEntry): TraceEntryJson {
    const json: TraceEntryJson = {
      id: e.id,
      time: e.time,
      direction: e.direction,
      local: { ...e.local },
      remote: { ...e.remote },
      bytes: this.redactHex(e.bytes),
    };
    if (e.message) {
      json.message = {
        type: e.message.type,
        code: e.message.code,
        messageId: e.message.messageId,
        token: e.message.token.toString('hex'),
        options: e.message.options.map((o) => ({ number: o.number, name: optionName(o.number), value: this.redactHex(o.value) })),
        payload: this.redactHex(e.message.payload),
      };
    }
    if (e.error !== undefined) json.error = this.redactText(e.error);
    if (e.operation !== undefined) json.operation = e.operation;
    if (e.note !== undefined) json.note = this.redactText(e.note);
    return json;
  }

  private redactHex(bytes: Buffer): string {
    let hex = bytes.toString('hex');
    for (const secret of this.secrets) hex = replaceAligned(hex, secret.toString('hex'), MASK);
    return hex;
  }

  /** The text with every registered secret masked. */
  redactText(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      out = out.split(secret.toString('utf8')).join(MASK);
      out = replaceAligned(out, secret.toString('hex'), MASK);
    }
    return out;
  }
}

/** Replaces hex occurrences that start on a byte boundary (an odd offset would be a false match). */
function replaceAligned(hex: string, needle: string, mask: string): string {
  if (needle.length === 0) return hex;
  let out = '';
  let from = 0;
  for (let at = hex.indexOf(needle); at >= 0; at = hex.indexOf(needle, at + 1)) {
    if (at % 2 !== 0 || at < from) continue;
    out += hex.slice(from, at) + mask;
    from = at + needle.length;
  }
  return out + hex.slice(from);
}
