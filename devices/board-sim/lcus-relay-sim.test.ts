import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcusFrame } from '../serial/power/lcus.ts';
import { LcusFrameParser } from './lcus-relay-sim.ts';

test('the simulated relay reads the frames the LCUS driver sends, split, joined or after noise', () => {
  const seen: string[] = [];
  const parser = new LcusFrameParser((channel, on) => seen.push(`${channel}:${on ? 'on' : 'off'}`));
  const on = lcusFrame(1, true);
  parser.push(on.subarray(0, 1));
  parser.push(on.subarray(1));
  parser.push(Buffer.concat([Buffer.from([0x00, 0xa0, 0x07]), lcusFrame(2, false), lcusFrame(1, false)]));
  parser.push(Buffer.from([0xa0, 0x01, 0x01, 0x00])); // bad checksum: ignored
  assert.deepEqual(seen, ['1:on', '2:off', '1:off']);
});
