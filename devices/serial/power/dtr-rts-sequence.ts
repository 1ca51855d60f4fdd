import { InputError } from '../../../harness/errors.ts';

/**
 * Reset sequences in esptool's notation: steps separated by "|".
 *   D0 / D1      set DTR false / true
 *   R0 / R1      set RTS false / true
 *   U0,1         set DTR and RTS together (here: DTR false, RTS true)
 *   W0.1         wait 0.1 seconds
 * Example, the classic ESP32 reset into the application: "D0|R1|W0.1|D1|R0".
 */
export type ControlStep = { kind: 'set'; dtr?: boolean; rts?: boolean } | { kind: 'wait'; ms: number };

const MAX_WAIT_S = 60;

export function parseControlSequence(sequence: string, where = 'sequence'): ControlStep[] {
  const tokens = sequence.split('|');
  return tokens.map((raw, i) => {
    const token = raw.trim();
    const fail = (why: string): never => {
      throw new InputError(`${where}: bad step ${i + 1} ${JSON.stringify(raw)} in "${sequence}": ${why}`, { field: where, token: raw, index: i });
    };
    if (token === '') return fail('empty step (two "|" in a row, or a "|" at an end)');
    const head = token[0]?.toUpperCase();
    const arg = token.slice(1);
    switch (head) {
      case 'D':
      case 'R': {
        if (arg !== '0' && arg !== '1') return fail(`expected ${head}0 or ${head}1`);
        return head === 'D' ? { kind: 'set', dtr: arg === '1' } : { kind: 'set', rts: arg === '1' };
      }
      case 'U': {
        const m = /^([01]),([01])$/.exec(arg);
        if (m === null) return fail('expected U<dtr>,<rts> such as U0,1');
        return { kind: 'set', dtr: m[1] === '1', rts: m[2] === '1' };
      }
      case 'W': {
        if (!/^\d+(\.\d+)?$/.test(arg)) return fail('expected W<seconds> such as W0.1');
        const seconds = Number(arg);
        if (seconds > MAX_WAIT_S) return fail(`a wait of more than ${MAX_WAIT_S} s is surely a mistake`);
        return { kind: 'wait', ms: Math.round(seconds * 1000) };
      }
      default:
        return fail('expected D0/D1, R0/R1, U<dtr>,<rts> or W<seconds>');
    }
  });
}
