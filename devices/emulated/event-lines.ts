import type { ClientEvent } from './emulated-client.ts';

/** One console line per client event, as a board's log would print it (the time is the run clock's). */
export function describeEvent(e: ClientEvent): string {
  const at = new Date(e.at).toISOString();
  switch (e.kind) {
    case 'registered':
      return `${at} registered at /${e.location.join('/')}`;
    case 'updated':
      return `${at} registration updated`;
    case 'deregistered':
      return `${at} de-registered`;
    case 'failed':
      return `${at} ${e.operation} failed${e.code ? ` (${e.code})` : ' (no answer)'}`;
    case 'security':
      return `${at} ${e.detail}`;
    case 'notification':
      return `${at} notification sent for ${e.path}`;
    default:
      return `${at} ${e.kind}`;
  }
}
