import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trace, type TraceEntryInput } from '../../../harness/coap/trace.ts';
import type { CoapMessage } from '../../../harness/coap/api.ts';
import { resetsSent, responsesWithToken, traceMark } from './wire.ts';
import { numberAt, reading, sameReading } from './values.ts';

const device = { address: 'device', port: 40000 };
const server = { address: 'lwm2m-server', port: 5683 };

function entry(direction: 'in' | 'out', message: Partial<CoapMessage>, time = 0): TraceEntryInput {
  const full: CoapMessage = { type: 'CON', code: '2.05', messageId: 1, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0), ...message };
  return { time, direction, local: server, remote: device, bytes: Buffer.alloc(4), message: full };
}

test('responsesWithToken counts each notification once, after the mark, with the token only', () => {
  const token = Buffer.from('ab12', 'hex');
  const trace = new Trace();
  trace.add(entry('in', { token, messageId: 10 }));
  const mark = traceMark(trace);
  trace.add(entry('in', { token, messageId: 11 }));
  trace.add(entry('in', { token, messageId: 11 })); // retransmission of the same CON
  trace.add(entry('in', { token: Buffer.from('cd34', 'hex'), messageId: 12 })); // another observation
  trace.add(entry('in', { token, code: '0.01', messageId: 13 })); // a request, not a notification
  trace.add(entry('out', { token, messageId: 14 }));
  trace.add(entry('in', { token, type: 'NON', messageId: 15 }));
  assert.deepEqual(responsesWithToken(trace, token, mark).map((e) => e.message?.messageId), [11, 15]);
});

test('resetsSent lists the message ids our RSTs rejected after the mark', () => {
  const trace = new Trace();
  trace.add(entry('out', { type: 'RST', code: '0.00', messageId: 3 }));
  const mark = traceMark(trace);
  trace.add(entry('out', { type: 'RST', code: '0.00', messageId: 4 }));
  trace.add(entry('out', { type: 'ACK', code: '0.00', messageId: 5 }));
  assert.deepEqual([...resetsSent(trace, mark)], [4]);
  assert.equal(traceMark(new Trace()), 0);
});

test('readings compare within a hundredth, so 32-bit floats match what was set', () => {
  assert.ok(sameReading(Math.fround(21.4), 21.4));
  assert.ok(!sameReading(21.9, 21.4));
  assert.ok(!sameReading(undefined, 21.4));
  assert.equal(reading(21.5 + 2.5), 24);
  assert.equal(reading(0.1 + 0.2), 0.3);
  const entries = [{ path: { objectId: 3303, instanceId: 0, resourceId: 5700 }, value: 22 }, { path: { objectId: 3303, instanceId: 0, resourceId: 5701 }, value: 'Cel' }];
  assert.equal(numberAt(entries, { objectId: 3303, instanceId: 0, resourceId: 5700 }), 22);
  assert.equal(numberAt(entries, { objectId: 3303, instanceId: 0, resourceId: 5701 }), undefined);
});
