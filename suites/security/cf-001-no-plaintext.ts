/**
 * cf-001-no-plaintext: confidentiality on the wire (CF-001).
 *
 * Pass: after the DTLS handshake, no datagram between the device and the secure port contains, in clear, any
 * of what the session carried: the endpoint name, the Register's object list, the manufacturer, model and
 * serial number read from /3/0. Where: the world keeps two records of this traffic, the CoAP trace (inside the
 * session: plaintext, the server's view) and the secure server's wire tap (the network side: what an
 * eavesdropper sees); this check scans the wire tap. Datagrams of an unprotected handshake are skipped: the
 * PSK identity (often the endpoint name) travels in clear there by design.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { CF_001 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';
import { dtlsRecords, findLeaks } from './helpers/wire.ts';

/** Device object resources whose text crosses the session when /3/0 is read. */
const DEVICE_TEXT = new Map([[0, 'manufacturer'], [1, 'model number'], [2, 'serial number']]);
/** Shorter strings could match ciphertext by chance. */
const MIN_KNOWN_LENGTH = 6;

export const noPlaintext = defineScenario({
  id: 'cf-001-no-plaintext',
  title: 'No known plaintext crosses the network after the DTLS handshake',
  suite: 'security',
  verifies: [CF_001],
  ets: [],
  precondition: 'registered',
  security: 'psk',
  requires: { features: ['dtls-psk'] },
  async run(ctx) {
    const { secure } = secureSetup(ctx);
    const registration = ctx.registration();
    const session = secure.dtls.sessionFor(registration.address);
    if (!session) return ctx.inconclusive('no DTLS session with the device');
    const read = await ctx.server.read(ctx.endpoint, '/3/0');
    ctx.exchange('Read /3/0 inside the session (its text is what must not show on the wire)', read.traceIds);

    const known = new Map<string, Buffer>([['endpoint name', Buffer.from(ctx.endpoint)]]);
    const register = ctx.trace.entries({ direction: 'in' }).find((e) => e.message?.code === '0.02' && e.message.payload.includes('</'));
    if (register?.message) known.set('Register object list', Buffer.from(register.message.payload));
    known.set('the Device object link', Buffer.from('</3/0>'));
    for (const entry of read.entries ?? []) {
      const name = entry.path.resourceId === undefined ? undefined : DEVICE_TEXT.get(entry.path.resourceId);
      if (name && typeof entry.value === 'string') known.set(`${name} (/3/0/${entry.path.resourceId})`, Buffer.from(entry.value));
    }
    for (const [what, bytes] of known) if (bytes.length < MIN_KNOWN_LENGTH) known.delete(what);
    if (known.size === 0) ctx.inconclusive('no known plaintext long enough to look for');

    // From power-on: the handshake's own clear records are skipped by findLeaks, the rest must be ciphertext.
    const after = secure.wire.datagrams().filter((d) => d.remote.address === registration.address.address);
    const leaks = findLeaks(after, known);
    ctx.note(`scanned ${after.length} datagram(s) for: ${[...known.keys()].join(', ')}`);
    ctx.check('no known plaintext in any datagram after the handshake', leaks.length === 0, 'none', leaks.map((l) => `${l.what} in a ${l.length} B datagram (${l.direction === 'in' ? 'from' : 'to'} the device)`));
    const clear = after.filter((d) => dtlsRecords(d.bytes) === undefined);
    ctx.check('every datagram to and from the secure port is a DTLS record', clear.length === 0, 'DTLS records only', `${clear.length} datagram(s) not DTLS`);
  },
});
