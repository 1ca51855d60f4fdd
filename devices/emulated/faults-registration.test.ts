/** Registration, Device-object actions and transport faults, each shown on the wire against the raw server. */
import { TimeoutError } from '../../harness/errors.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { FaultHook } from './faults.ts';
import { runFaultTable, type Wire } from './testing/fault-table.ts';
import { optionStrings } from './testing/raw-coap-peer.ts';

const text = (s: string) => ({ contentFormat: ContentFormat.TEXT, payload: Buffer.from(s) });
const REGISTER = '0.02 /rd?ep=emu-1&lt=300&lwm2m=1.0&b=U';

/** The client's requests after an action, with their time in whole seconds from the action. */
async function after(w: Wire, action: () => Promise<unknown>, waitMs: number): Promise<string[]> {
  const since = w.mark();
  const t0 = w.bench.clock.now();
  await action();
  await w.advance(waitMs);
  return w.bench.peer
    .requests()
    .filter((r) => w.bench.peer.received.indexOf(r) >= since)
    .map((r) => {
      const q = optionStrings(r.packet, 'Uri-Query');
      return `${Math.round((r.at - t0) / 1000)}s ${r.packet.code} /${optionStrings(r.packet, 'Uri-Path').join('/')}${q.length > 0 ? `?${q.join('&')}` : ''}`;
    });
}

async function noAnswer(w: Wire, r: Parameters<Wire['req']>[0]): Promise<string> {
  try {
    return (await w.bench.clock.runUntil(w.bench.peer.request(w.bench.client.local, r, 5000))).packet.code;
  } catch (err) {
    if (err instanceof TimeoutError) return 'no answer';
    throw err;
  }
}

async function disable(w: Wire): Promise<string[]> {
  await w.req({ code: 'PUT', path: '/1/0/5', ...text('60') });
  return after(w, () => w.req({ code: 'POST', path: '/1/0/4' }), 65_000);
}

runFaultTable([
  {
    fault: FaultHook.SERIAL_CHANGES_ON_REBOOT,
    conformant: true,
    faulty: false,
    async probe(w) {
      const [, before] = await w.answer({ code: 'GET', path: '/3/0/2' });
      await w.req({ code: 'POST', path: '/3/0/4' });
      await w.advance(3000);
      const [, afterReboot] = await w.answer({ code: 'GET', path: '/3/0/2' });
      return before === afterReboot;
    },
  },
  {
    fault: FaultHook.REGISTER_LINKS_BY_NAME,
    conformant: ['</7/0>'],
    faulty: ['</conn-stats/0>'],
    async probe(w) {
      const register = w.bench.peer.requests()[0];
      return (register?.packet.payload.toString() ?? '').split(',').filter((l) => l.includes('/7/') || l.includes('conn'));
    },
  },
  {
    fault: FaultHook.REBOOT_SKIPS_REGISTER,
    conformant: [`1s ${REGISTER}`],
    faulty: ['1s 0.02 /rd/1'],
    probe: (w) => after(w, () => w.req({ code: 'POST', path: '/3/0/4' }), 3000),
  },
  {
    fault: FaultHook.FACTORY_RESET_KEEPS_CONFIG,
    conformant: [`1s ${REGISTER}`],
    faulty: ['1s 0.02 /rd?ep=emu-1&lt=600&lwm2m=1.0&b=U'],
    async probe(w) {
      await w.req({ code: 'PUT', path: '/1/0/1', ...text('600') });
      await w.advance(1000);
      return after(w, () => w.req({ code: 'POST', path: '/3/0/5' }), 3000);
    },
  },
  {
    fault: FaultHook.DISABLE_WITHOUT_DEREGISTER,
    conformant: ['0s 0.04 /rd/1', `60s ${REGISTER}`],
    faulty: [`60s ${REGISTER}`],
    probe: disable,
  },
  {
    fault: FaultHook.IGNORE_DISABLE_TIMEOUT,
    conformant: ['0s 0.04 /rd/1', `60s ${REGISTER}`],
    faulty: ['0s 0.04 /rd/1', `0s ${REGISTER}`],
    probe: disable,
  },
  {
    fault: FaultHook.NEVER_RETURNS_AFTER_DISABLE,
    conformant: ['0s 0.04 /rd/1', `60s ${REGISTER}`],
    faulty: ['0s 0.04 /rd/1'],
    probe: disable,
  },
  {
    fault: FaultHook.LIFETIME_WRITE_NOT_APPLIED,
    conformant: ['0s 0.02 /rd/1?lt=600'],
    faulty: [],
    probe: (w) => after(w, () => w.req({ code: 'PUT', path: '/1/0/1', ...text('600') }), 1000),
  },
  {
    fault: FaultHook.IGNORE_UPDATE_TRIGGER,
    conformant: ['0s 0.02 /rd/1'],
    faulty: [],
    probe: (w) => after(w, () => w.req({ code: 'POST', path: '/1/0/8' }), 1000),
  },
  {
    fault: FaultHook.REGISTER_INSTEAD_OF_UPDATE,
    conformant: ['0s 0.02 /rd/1'],
    faulty: [`0s ${REGISTER}`],
    probe: (w) => after(w, () => w.req({ code: 'POST', path: '/1/0/8' }), 1000),
  },
  {
    fault: FaultHook.BINDING_WITHOUT_UDP,
    conformant: ['ep=emu-1', 'lt=300', 'lwm2m=1.0', 'b=U'],
    faulty: ['ep=emu-1', 'lt=300', 'lwm2m=1.0', 'b=S', 'sms=+15550100001'],
    probe: async (w) => optionStrings(w.bench.peer.requests()[0]?.packet ?? { options: [] } as never, 'Uri-Query'),
  },
  {
    fault: FaultHook.SMS_NUMBER_MISSING,
    conformant: ['0s 0.02 /rd/1?b=US&sms=+15550100001'],
    faulty: ['0s 0.02 /rd/1?b=US'],
    probe: (w) => after(w, () => w.req({ code: 'PUT', path: '/1/0/7', ...text('US') }), 1000),
  },
  {
    fault: FaultHook.NON_CONFIRMABLE_REQUESTS_IGNORED,
    conformant: ['2.05', '2.05'],
    faulty: ['2.05', 'no answer'],
    async probe(w) {
      return [await noAnswer(w, { code: 'GET', path: '/3/0/2' }), await noAnswer(w, { code: 'GET', path: '/3/0/2', confirmable: false })];
    },
  },
  {
    fault: FaultHook.NO_REGISTRATION_UPDATE,
    conformant: ['270s 0.02 /rd/1'],
    faulty: [],
    probe: (w) => after(w, async () => undefined, 300_000),
  },
  {
    fault: FaultHook.QUEUE_WAKE_WITHOUT_UPDATE,
    options: { binding: 'UQ', queueAwakeMs: 30_000 },
    conformant: ['no answer', ['0s 0.02 /rd/1'], '2.05'],
    faulty: ['no answer', [], '2.05'],
    async probe(w) {
      await w.advance(40_000);
      const asleep = await noAnswer(w, { code: 'GET', path: '/3/0/2' });
      const woke = await after(w, async () => w.bench.client.stimulus.wake(), 1000);
      return [asleep, woke, await noAnswer(w, { code: 'GET', path: '/3/0/2' })];
    },
  },
  {
    fault: FaultHook.NO_RETRANSMISSION,
    conformant: 5,
    faulty: 1,
    async probe(w) {
      w.bench.peer.ackConfirmable = false;
      const sent = await after(w, () => w.req({ code: 'POST', path: '/1/0/8' }), 100_000);
      return sent.filter((l) => l.endsWith('0.02 /rd/1')).length;
    },
  },
  {
    fault: FaultHook.NO_ACK_TO_CON,
    conformant: { ack: true, confirmable: false, code: '2.05' },
    faulty: { ack: false, confirmable: false, code: '2.05' },
    async probe(w) {
      const { packet } = await w.req({ code: 'GET', path: '/3/0/2' });
      return { ack: packet.ack, confirmable: packet.confirmable, code: packet.code };
    },
  },
]);
