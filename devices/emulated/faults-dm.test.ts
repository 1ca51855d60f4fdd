/** Device-management and object faults, each shown on the wire against the raw server. */
import { decodeContent } from '../../harness/lwm2m/codecs/index.ts';
import { builtinRegistry } from '../../harness/lwm2m/model/registry.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { FaultHook } from './faults.ts';
import { emulatedPackage } from './objects/firmware-update.ts';
import { registrationAnswers } from './testing/bench.ts';
import { runFaultTable, type Wire } from './testing/fault-table.ts';
import { optionStrings, optionUint } from './testing/raw-coap-peer.ts';

const text = (s: string) => ({ contentFormat: ContentFormat.TEXT, payload: Buffer.from(s) });
const registry = builtinRegistry();

/** Reads a path as TLV and returns the decoded entries. */
async function readTlv(w: Wire, path: string) {
  const res = await w.req({ code: 'GET', path, accept: ContentFormat.TLV });
  return decodeContent(ContentFormat.TLV, res.packet.payload, { path: parsePath(path), registry });
}

async function codes(w: Wire, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) out.push((await w.answer({ code: 'GET', path }))[1]);
  return out;
}

runFaultTable([
  {
    fault: FaultHook.FIRMWARE_VERSION_UNCHANGED,
    conformant: ['2.0.0', '2.0.0', '1'],
    faulty: ['1.0.0', '2.0.0', '1'],
    async probe(w) {
      await w.req({ code: 'PUT', path: '/5/0/0', contentFormat: ContentFormat.OPAQUE, payload: emulatedPackage('2.0.0') });
      await w.req({ code: 'POST', path: '/5/0/2' });
      await w.advance(10_000);
      return codes(w, ['/3/0/3', '/5/0/7', '/5/0/5']);
    },
  },
  {
    fault: FaultHook.PULL_DOWNLOAD_REFUSED,
    conformant: ['2', '0'],
    faulty: ['0', '9'],
    async probe(w) {
      w.bench.peer.onRequest((req) =>
        req.code === '0.01' && optionStrings(req, 'Uri-Path').join('/') === 'fw'
          ? { code: '2.05', payload: emulatedPackage('2.0.0') }
          : registrationAnswers(req),
      );
      await w.req({ code: 'PUT', path: '/5/0/1', ...text(`coap://${w.bench.peer.local.address}:${w.bench.peer.local.port}/fw`) });
      await w.advance(5000);
      return codes(w, ['/5/0/3', '/5/0/5']);
    },
  },
  {
    fault: FaultHook.NO_UPDATE_RESULT_AFTER_BAD_PACKAGE,
    conformant: ['0', '5'],
    faulty: ['0', '0'],
    async probe(w) {
      await w.req({ code: 'PUT', path: '/5/0/0', contentFormat: ContentFormat.OPAQUE, payload: Buffer.from('not a firmware image') });
      return codes(w, ['/5/0/3', '/5/0/5']);
    },
  },
  {
    fault: FaultHook.POWER_SOURCE_COUNTS_INCONSISTENT,
    conformant: [2, 2, 2],
    faulty: [2, 1, 1],
    async probe(w) {
      const entries = await readTlv(w, '/3/0');
      return [6, 7, 8].map((rid) => entries.filter((e) => e.path.resourceId === rid).length);
    },
  },
  {
    fault: FaultHook.ERROR_CODE_NOT_REPORTED,
    conformant: '3',
    faulty: '0',
    async probe(w) {
      w.bench.client.stimulus.raiseError(3);
      return (await w.answer({ code: 'GET', path: '/3/0/11/0' }))[1];
    },
  },
  {
    fault: FaultHook.ACTUATOR_SWITCH_NO_EFFECT,
    conformant: ['2.04', '1'],
    faulty: ['2.04', '0'],
    async probe(w) {
      const [code] = await w.answer({ code: 'PUT', path: '/3311/0/5850', ...text('1') });
      return [code, (await w.answer({ code: 'GET', path: '/3311/0/5850' }))[1]];
    },
  },
  {
    fault: FaultHook.NO_SIGNAL_STRENGTH,
    conformant: '2.05',
    faulty: '4.04',
    probe: async (w) => (await w.answer({ code: 'GET', path: '/4/0/2' }))[0],
  },
  {
    fault: FaultHook.CONNECTIVITY_READ_FAILS,
    conformant: ['2.05', '2.05'],
    faulty: ['5.00', '2.05'],
    probe: async (w) => [(await w.answer({ code: 'GET', path: '/4/0' }))[0], (await w.answer({ code: 'GET', path: '/4/0/3' }))[0]],
  },
  {
    fault: FaultHook.CONNECTIVITY_NOT_OBSERVABLE,
    conformant: true,
    faulty: false,
    async probe(w) {
      const res = await w.req({ code: 'GET', path: '/4/0', observe: 0 });
      return optionUint(res.packet, 'Observe') !== undefined;
    },
  },
  {
    fault: FaultHook.CELL_ID_MISSING,
    conformant: '2.05',
    faulty: '4.04',
    probe: async (w) => (await w.answer({ code: 'GET', path: '/4/0/8' }))[0],
  },
  {
    fault: FaultHook.WRONG_IP_ADDRESS,
    conformant: '10.0.0.2',
    faulty: '192.168.1.77',
    probe: async (w) => (await w.answer({ code: 'GET', path: '/4/0/4/0' }))[1],
  },
  {
    fault: FaultHook.WRITE_READ_ONLY,
    conformant: '4.05',
    faulty: '2.04',
    probe: async (w) => (await w.answer({ code: 'PUT', path: '/3/0/2', ...text('X') }))[0],
  },
  {
    fault: FaultHook.EXECUTE_READABLE_RESOURCE,
    conformant: '4.05',
    faulty: '2.04',
    probe: async (w) => (await w.answer({ code: 'POST', path: '/3/0/2' }))[0],
  },
  {
    fault: FaultHook.READ_EXECUTE_ONLY,
    conformant: '4.05',
    faulty: '2.05',
    probe: async (w) => (await w.answer({ code: 'GET', path: '/3/0/4' }))[0],
  },
  {
    fault: FaultHook.MULTI_INSTANCE_READ_ONE,
    conformant: ['2.01', [0, 1]],
    faulty: ['2.01', [0]],
    async probe(w) {
      const [code] = await w.answer({ code: 'POST', path: '/3303', contentFormat: ContentFormat.TLV, payload: Buffer.alloc(0) });
      const ids = new Set((await readTlv(w, '/3303')).map((e) => e.path.instanceId));
      return [code, [...ids]];
    },
  },
  {
    fault: FaultHook.CREATE_REJECTED,
    conformant: '2.01',
    faulty: '4.05',
    probe: async (w) => (await w.answer({ code: 'POST', path: '/3303', contentFormat: ContentFormat.TLV, payload: Buffer.alloc(0) }))[0],
  },
  {
    fault: FaultHook.INSTANCE_READ_ONE_RESOURCE,
    conformant: true,
    faulty: false,
    probe: async (w) => new Set((await readTlv(w, '/3/0')).map((e) => e.path.resourceId)).size > 10,
  },
  {
    fault: FaultHook.DISCOVER_WITHOUT_ATTRIBUTES,
    conformant: true,
    faulty: false,
    async probe(w) {
      await w.req({ code: 'PUT', path: '/3303/0/5700', query: ['pmin=10'] });
      const [, links] = await w.answer({ code: 'GET', path: '/3303/0', accept: ContentFormat.LINK });
      return links.includes('</3303/0/5700>;pmin=10');
    },
  },
]);
