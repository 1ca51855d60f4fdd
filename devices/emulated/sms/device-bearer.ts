/**
 * The emulated device's SMS side (HLF-015): when the world offers an SMS bearer, the device attaches its MSISDN
 * and talks through a BearerRouter, so node-coap sends to MSISDNs by SMS and answers a request on the bearer
 * it came by (it replies to the source address). Without a bearer the device keeps its IP transport alone.
 *
 * The fault SMS_NO_CONCATENATION acts here: the modem driver sends every datagram as one SMS, cutting what
 * does not fit at 140 octets instead of splitting it into concatenated segments.
 */
import type { DeviceEnvironment } from '../../../harness/engine/device.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { BearerRouter } from '../../../harness/net/sms/bearer-router.ts';
import { SMS_USER_DATA_OCTETS } from '../../../harness/net/sms/segments.ts';
import { FaultHook, type FaultSet } from '../faults.ts';

/** The emulated client's MSISDN unless its options name another (the same default the client announces as `sms`). */
export const EMULATED_SMS_NUMBER = '+15550100001';

export interface SmsBearerOptions {
  /** The device's MSISDN (default EMULATED_SMS_NUMBER). */
  msisdn?: string;
  faults: FaultSet;
}

/**
 * `ip` alone when the environment has no SMS bearer; else a router over `ip` and the device's number. On a
 * failed attach `ip` is closed and the error thrown (the device does not power on half-way).
 */
export async function withSmsBearer(ip: DatagramTransport, env: Pick<DeviceEnvironment, 'sms'>, options: SmsBearerOptions): Promise<DatagramTransport> {
  if (env.sms === undefined) return ip;
  let sms: DatagramTransport;
  try {
    sms = await env.sms.attach(options.msisdn ?? EMULATED_SMS_NUMBER);
  } catch (error) {
    await ip.close();
    throw error;
  }
  if (options.faults.has(FaultHook.SMS_NO_CONCATENATION)) sms = new TruncatingSms(sms);
  return new BearerRouter({ ip, sms });
}

/** A modem driver that knows no concatenation: a datagram longer than one SMS loses everything past 140 octets. */
class TruncatingSms implements DatagramTransport {
  constructor(private readonly inner: DatagramTransport) {}

  get local(): Endpoint {
    return this.inner.local;
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    return this.inner.send(data.length > SMS_USER_DATA_OCTETS ? data.subarray(0, SMS_USER_DATA_OCTETS) : data, to);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.inner.onMessage(handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
