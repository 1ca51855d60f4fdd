/**
 * Progress of a run: on a terminal one line rewritten in place (scenario n of m, requirement, elapsed);
 * in CI or a pipe, one plain line per finished scenario.
 */
import type { ProgressEvent } from '../engine/runner.ts';
import { wallNow } from '../clock/real-clock.ts';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: ProgressEvent) => void {
  const interactive = Boolean(stream.isTTY) && !process.env['CI'];
  const started = wallNow();
  const elapsed = (): string => `${((wallNow() - started) / 1000).toFixed(1)}s`;
  return (event) => {
    switch (event.kind) {
      case 'start':
        stream.write(`running ${event.total} scenario${event.total === 1 ? '' : 's'}\n`);
        break;
      case 'scenario-start':
        if (interactive) {
          const text = `[${event.index}/${event.total}] ${event.scenario.id} (${event.scenario.verifies.join(', ')}) ${elapsed()}`;
          stream.write(`\r\x1b[K${text.slice(0, (stream.columns ?? 120) - 1)}`);
        }
        break;
      case 'scenario-end': {
        const line = `[${event.index}/${event.total}] ${event.result.verdict.padEnd(14)} ${event.scenario.id}: ${event.result.reason}`;
        stream.write(interactive ? `\r\x1b[K${line}\n` : `${line}\n`);
        break;
      }
    }
  };
}
