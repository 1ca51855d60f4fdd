import type { TraceEntry } from './trace.ts';
import { endpointKey } from '../net/transport.ts';
import { decodeBlock, decodeUint, getOption, getStringOptions, OptionNumber } from './options.ts';

/** A plain one-line rendering of a trace entry for logs and reports. */
export function formatEntry(entry: TraceEntry, startTime: number): string {
  const seconds = ((entry.time - startTime) / 1000).toFixed(3);
  const arrow = entry.direction === 'out' ? '->' : '<-';
  const parts = [seconds, arrow, endpointKey(entry.remote)];
  const m = entry.message;
  if (m) {
    parts.push(m.type, m.code, `mid=${m.messageId}`);
    if (m.token.length > 0) parts.push(`tok=${m.token.toString('hex')}`);
    const path = getStringOptions(m, OptionNumber.UriPath);
    const query = getStringOptions(m, OptionNumber.UriQuery);
    if (path.length > 0 || query.length > 0) parts.push(`/${path.join('/')}${query.length ? `?${query.join('&')}` : ''}`);
    const location = getStringOptions(m, OptionNumber.LocationPath);
    if (location.length > 0) parts.push(`loc=/${location.join('/')}`);
    const obs = getOption(m, OptionNumber.Observe);
    if (obs !== undefined) parts.push(`obs=${decodeUint(obs)}`);
    for (const [label, number] of [['b1', OptionNumber.Block1], ['b2', OptionNumber.Block2]] as const) {
      const value = getOption(m, number);
      if (value === undefined) continue;
      try {
        const b = decodeBlock(value);
        parts.push(`${label}=${b.num}${b.more ? '+' : ''}/${b.size}`);
      } catch {
        parts.push(`${label}=?`);
      }
    }
    if (m.payload.length > 0) parts.push(`${m.payload.length}B`);
  } else {
    parts.push(`${entry.bytes.length}B`);
  }
  if (entry.operation) parts.push(`[${entry.operation}]`);
  if (entry.error) parts.push(`!! ${entry.error}`);
  if (entry.note) parts.push(`(${entry.note})`);
  return parts.join(' ');
}
