import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { DatagramTransport, Endpoint } from '../../harness/net/transport.ts';
import { HarnessError } from '../../harness/errors.ts';

/**
 * A dgram.Socket look-alike over any DatagramTransport, so that node-coap (which wants a socket) runs on the
 * simulated network as well as on real UDP. It implements what node-coap 1.5.0 calls, checked in its source:
 * - Agent: `type`, `on('message'|'error')`, `address()`, `send(buf, offset, length, port, address, cb)`.
 * - Server.listen(socket): needs an EventEmitter; `on('message'|'error')`.
 * - Server resends cached answers to duplicate requests and sends 5.00 errors only when
 *   `sock instanceof dgram.Socket`, hence the prototype link below; its error path calls
 *   `send(buf, 0, len, port)` with no address, which we resolve to the last peer seen on that port.
 * Closing the adapter detaches it from the transport; the transport belongs to whoever made it.
 */
export interface WireHooks {
  /**
   * Sees each datagram before node-coap does; false drops it (a radio that is off), a Buffer replaces it
   * (a fault profile that misreads what it received).
   */
  inbound?(data: Buffer, from: Endpoint): boolean | Buffer;
  /** Sees each datagram node-coap sends; returns what goes on the wire, or undefined to drop it. */
  outbound?(data: Buffer, to: Endpoint): Buffer | undefined;
}

export class DatagramSocketAdapter extends EventEmitter {
  readonly type: 'udp4' | 'udp6';
  private readonly transport: DatagramTransport;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  /** Last address seen from each port, for node-coap's address-less send. */
  private readonly lastAddressByPort = new Map<number, string>();

  constructor(transport: DatagramTransport, private readonly hooks: WireHooks = {}) {
    super();
    this.transport = transport;
    this.type = isIP(transport.local.address) === 6 ? 'udp6' : 'udp4';
    this.unsubscribe = transport.onMessage((received, from) => {
      if (this.closed) return;
      const seen = this.hooks.inbound ? this.hooks.inbound(received, from) : true;
      if (seen === false) return;
      const data = seen === true ? received : seen;
      this.lastAddressByPort.set(from.port, from.address);
      this.emit('message', data, {
        address: from.address,
        family: familyOf(from.address),
        port: from.port,
        size: data.length,
      });
    });
  }

  /** The adapter typed as the socket node-coap's signatures ask for (a typed boundary to an untyped use). */
  asSocket(): dgram.Socket {
    return this as unknown as dgram.Socket;
  }

  address(): { address: string; family: string; port: number } {
    const local = this.transport.local;
    return { address: local.address, family: familyOf(local.address), port: local.port };
  }

  /** dgram's forms: send(msg, [offset, length,] port [, address] [, callback]); msg a Buffer, string or list. */
  send(msg: Buffer | string | ReadonlyArray<Buffer | string>, ...rest: unknown[]): void {
    let data = toBuffer(msg);
    let args = rest;
    if (typeof args[0] === 'number' && typeof args[1] === 'number' && typeof args[2] === 'number') {
      data = data.subarray(args[0], args[0] + args[1]);
      args = args.slice(2);
    }
    const port = args[0];
    let address: string | undefined;
    let callback: ((err: Error | null, bytes: number) => void) | undefined;
    for (const arg of args.slice(1)) {
      if (typeof arg === 'string') address = arg;
      else if (typeof arg === 'function') callback = arg as (err: Error | null, bytes: number) => void;
    }
    if (typeof port !== 'number') {
      this.fail(new HarnessError('emulated client socket: send without a port', { context: { args: rest.length } }), callback);
      return;
    }
    const to: Endpoint = { address: address ?? this.lastAddressByPort.get(port) ?? this.loopback(), port };
    if (this.closed) {
      this.fail(new HarnessError('emulated client socket: send after close', { context: { to } }), callback);
      return;
    }
    const wire = this.hooks.outbound ? this.hooks.outbound(data, to) : data;
    if (wire === undefined) {
      // Dropped on purpose (a fault profile): to the sender it looks sent.
      queueMicrotask(() => callback?.(null, data.length));
      return;
    }
    this.transport.send(wire, to).then(
      () => callback?.(null, data.length),
      (err: unknown) => this.fail(err instanceof Error ? err : new HarnessError(String(err), { context: { to } }), callback),
    );
  }

  bind(...args: unknown[]): this {
    // Already bound: the transport is. Call a trailing callback like dgram does once listening.
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    queueMicrotask(() => this.emit('listening'));
    return this;
  }

  close(callback?: () => void): this {
    if (!this.closed) {
      this.closed = true;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      queueMicrotask(() => this.emit('close'));
    }
    if (callback) queueMicrotask(callback);
    return this;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  setBroadcast(): void {}
  setTTL(ttl: number): number {
    return ttl;
  }
  setMulticastTTL(ttl: number): number {
    return ttl;
  }
  setMulticastLoopback(flag: boolean): boolean {
    return flag;
  }
  setMulticastInterface(): void {}
  addMembership(): void {}
  dropMembership(): void {}
  setRecvBufferSize(): void {}
  setSendBufferSize(): void {}
  getRecvBufferSize(): number {
    return 65536;
  }
  getSendBufferSize(): number {
    return 65536;
  }

  private fail(err: Error, callback: ((err: Error | null, bytes: number) => void) | undefined): void {
    // dgram reports a send error to the callback when there is one, otherwise as an 'error' event.
    if (callback) {
      try {
        callback(err, 0);
      } catch (thrown) {
        // node-coap re-emits a send error on its retry sender, which throws once the exchange's listeners are
        // gone (a send that failed after the request was already settled): that must not become an
        // unhandled rejection of this promise chain.
        if (this.listenerCount('error') > 0) this.emit('error', thrown instanceof Error ? thrown : err);
      }
    } else if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  private loopback(): string {
    return this.type === 'udp6' ? '::1' : '127.0.0.1';
  }
}

// node-coap's Server checks `instanceof dgram.Socket` before resending cached answers to duplicates; linking
// the prototype makes that check pass. Every dgram method it could reach is overridden above.
Object.setPrototypeOf(DatagramSocketAdapter.prototype, dgram.Socket.prototype);

function familyOf(address: string): 'IPv4' | 'IPv6' {
  return isIP(address) === 6 ? 'IPv6' : 'IPv4';
}

function toBuffer(msg: Buffer | string | ReadonlyArray<Buffer | string>): Buffer {
  if (Buffer.isBuffer(msg)) return msg;
  if (typeof msg === 'string') return Buffer.from(msg);
  return Buffer.concat(msg.map((m) => (Buffer.isBuffer(m) ? m : Buffer.from(m))));
}
