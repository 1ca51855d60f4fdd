import type { CoapMessage, CoapOption, CoapRequest, CoapResponse, NotificationHandler, Observation, RequestOptions } from './api.ts';
import type { Clock } from '../clock/clock.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';
import { TimeoutError } from '../errors.ts';
import { CoapBlockError, CoapClosedError, CoapResetError } from './coap-errors.ts';
import { isResponseCode, isSuccessCode, methodCode, ResponseCode } from './codes.ts';
import type { MessageLayer } from './message-layer.ts';
import { ClientObservation } from './observation.ts';
import {
  BlockOptionError, contentFormat, encodeBlock, getBlock, locationPath, observe, OptionNumber, sortOptions,
  stringOptions, uintOption, withOptions, type BlockValue,
} from './options.ts';
import { PeerSlots } from './peer-slots.ts';
import type { TraceEntry } from './trace.ts';

interface PendingExchange {
  operation: string | undefined;
  traceIds: number[];
  onResponse(message: CoapMessage): void;
  abort(error: Error): void;
}

export interface ClientSideOptions {
  /** Block1 size used when RequestOptions.block1Size is not given (payloads above it go block-wise). */
  block1Size: number;
  /** Largest Block2 body reassembled before giving up. */
  maxResponseBytes: number;
  tokenLength: number;
}

const MAX_BLOCKS = 100_000;

/** The requesting (client) side of the endpoint: exchanges, Block1/Block2 transfers, observations. */
export class ClientSide {
  private readonly exchanges = new Map<string, PendingExchange>();
  private readonly observations = new Map<string, ClientObservation>();
  private readonly slots: PeerSlots;
  private closed = false;

  constructor(
    private readonly layer: MessageLayer,
    private readonly clock: Clock,
    private readonly options: ClientSideOptions,
  ) {
    this.slots = new PeerSlots(layer.params.nstart);
  }

  /** A response (CON or NON) arrived; true when it belonged to an exchange or an observation. */
  handleResponse(message: CoapMessage, from: Endpoint, entry: TraceEntry): boolean {
    const key = tokenKey(from, message.token);
    const exchange = this.exchanges.get(key);
    if (exchange) {
      this.noteEntry(exchange, entry.id);
      exchange.onResponse(message);
      return true;
    }
    const observation = this.observations.get(key);
    if (observation) {
      observation.accept(message, from, entry, this.clock.now());
      return true;
    }
    return false;
  }

  async request(to: Endpoint, req: CoapRequest, opts: RequestOptions = {}, fixedToken?: Buffer): Promise<CoapResponse> {
    if (this.closed) throw new CoapClosedError('request');
    const token = fixedToken ?? this.uniqueToken(to);
    const traceIds: number[] = [];
    const base = requestOptions(req);
    if (opts.block2Size !== undefined) {
      base.push({ number: OptionNumber.Block2, value: encodeBlock({ num: 0, more: false, size: opts.block2Size }) });
    }
    const payload = req.payload ?? Buffer.alloc(0);
    const block1Size = opts.block1Size ?? this.options.block1Size;
    const ctx: ExchangeContext = { to, token, traceIds, opts, confirmable: req.confirmable !== false, code: methodCode(req.method) };
    let last = payload.length > block1Size
      ? await this.sendBlock1(ctx, base, payload, block1Size)
      : await this.exchangeOnce(ctx, sortOptions(base), payload);
    let body = last.payload;
    if (isSuccessCode(last.code)) {
      // Later blocks are plain GETs of the rest: no Observe, no Block1, no payload.
      const follow = base.filter((o) => o.number !== OptionNumber.Observe && o.number !== OptionNumber.Block1);
      ({ last, body } = await this.collectBlock2(ctx, follow, last));
    }
    return {
      code: last.code,
      payload: body,
      locationPath: locationPath(last),
      message: last,
      traceIds,
      ...(contentFormat(last) !== undefined ? { contentFormat: contentFormat(last) } : {}),
      ...(observe(last) !== undefined ? { observe: observe(last) } : {}),
    };
  }

  async observe(to: Endpoint, req: CoapRequest, handler: NotificationHandler, opts: RequestOptions = {}): Promise<Observation> {
    const token = this.uniqueToken(to);
    const first = await this.request(to, { ...req, observe: 0 }, opts, token);
    const key = tokenKey(to, token);
    const observation = new ClientObservation({
      peer: to,
      token,
      first,
      firstAt: this.clock.now(),
      handler,
      trace: this.layer.trace,
      operation: `Notify /${req.path.join('/')}`,
      forget: () => {
        if (this.observations.get(key) === observation) this.observations.delete(key);
      },
      deregister: () =>
        this.request(to, { ...req, observe: 1 }, { ...opts, operation: `Cancel Observe /${req.path.join('/')}` }, token),
    });
    if (observation.active) this.observations.set(key, observation);
    return observation;
  }

  close(): void {
    this.closed = true;
    for (const observation of [...this.observations.values()]) observation.end();
    for (const exchange of [...this.exchanges.values()]) exchange.abort(new CoapClosedError('exchange'));
  }

  /** Sends one request message and waits for its response (piggybacked or separate). */
  private async exchangeOnce(ctx: ExchangeContext, options: CoapOption[], payload: Buffer): Promise<CoapMessage> {
    const release = await this.slots.acquire(ctx.to);
    const message: CoapMessage = {
      type: ctx.confirmable ? 'CON' : 'NON',
      code: ctx.code,
      messageId: this.layer.nextMessageId(),
      token: ctx.token,
      options,
      payload,
    };
    const key = tokenKey(ctx.to, ctx.token);
    const timeoutMs = ctx.opts.timeoutMs ?? this.layer.times.exchangeLifetimeMs;
    const what = `${ctx.code} ${message.type} to ${endpointKey(ctx.to)}${ctx.opts.operation ? ` (${ctx.opts.operation})` : ''}`;
    try {
      return await new Promise<CoapMessage>((resolve, reject) => {
        let done = false;
        let cancelCon = (): void => undefined;
        const exchange: PendingExchange = {
          operation: ctx.opts.operation,
          traceIds: ctx.traceIds,
          onResponse: (response) => finish(response),
          abort: (error) => finish(error),
        };
        const timer = this.clock.setTimeout(() => finish(new TimeoutError(what, timeoutMs, { peer: ctx.to })), timeoutMs);
        const finish = (result: CoapMessage | Error): void => {
          if (done) return;
          done = true;
          timer.cancel();
          cancelCon();
          if (this.exchanges.get(key) === exchange) this.exchanges.delete(key);
          release();
          if (result instanceof Error) reject(result);
          else resolve(result);
        };
        if (this.closed) return finish(new CoapClosedError(what));
        this.exchanges.set(key, exchange);
        const meta = ctx.opts.operation ? { operation: ctx.opts.operation } : {};
        const onSent = (id: number): void => {
          ctx.traceIds.push(id);
        };
        if (!ctx.confirmable) {
          void this.layer.send(ctx.to, message, meta).then((id) => id !== undefined && onSent(id));
          return;
        }
        const con = this.layer.sendConfirmable(ctx.to, message, meta, onSent);
        cancelCon = con.cancel;
        void con.done.then((outcome) => {
          if (outcome.kind === 'cancelled') {
            if (this.closed) finish(new CoapClosedError(what));
            return;
          }
          if (outcome.kind === 'timeout') {
            finish(new TimeoutError(`${what}: not acknowledged after ${outcome.transmissions} transmissions`, outcome.elapsedMs, { peer: ctx.to }));
            return;
          }
          this.noteEntry(exchange, outcome.entry.id);
          if (outcome.kind === 'rst') {
            finish(new CoapResetError(ctx.to, message.messageId, { operation: ctx.opts.operation }));
            return;
          }
          // The ACK ends the outstanding interaction (NSTART), even when the response comes separately.
          release();
          if (isResponseCode(outcome.message.code)) {
            if (outcome.message.token.equals(ctx.token)) return finish(outcome.message);
            this.layer.trace.annotate(outcome.entry.id, 'piggybacked response with a different token: ignored');
          }
        });
      });
    } finally {
      release();
    }
  }

  private async sendBlock1(ctx: ExchangeContext, base: CoapOption[], payload: Buffer, initialSize: number): Promise<CoapMessage> {
    let size = initialSize;
    let offset = 0;
    let shrunkAfterTooLarge = false;
    for (let guard = 0; guard < MAX_BLOCKS; guard++) {
      const num = offset / size;
      const chunk = payload.subarray(offset, offset + size);
      const more = offset + chunk.length < payload.length;
      const options = [...base, { number: OptionNumber.Block1, value: encodeBlock({ num, more, size }) }];
      if (num === 0) options.push(uintOption(OptionNumber.Size1, payload.length));
      const response = await this.exchangeOnce(ctx, sortOptions(options), chunk);
      const answered = readBlock(response, OptionNumber.Block1);
      if (response.code === ResponseCode.RequestEntityTooLarge && answered && answered.size < size && !shrunkAfterTooLarge) {
        // RFC 7959 §2.9.3: the server names a block size it can take; start over with it.
        shrunkAfterTooLarge = true;
        size = answered.size;
        offset = 0;
        continue;
      }
      if (!more || response.code !== ResponseCode.Continue) return response;
      offset += chunk.length;
      // The server may ask for smaller blocks in its 2.31 (RFC 7959 §2.3); offsets stay aligned.
      if (answered && answered.size < size) size = answered.size;
    }
    throw new CoapBlockError('Block1 transfer did not finish', { peer: ctx.to });
  }

  private async collectBlock2(ctx: ExchangeContext, follow: CoapOption[], first: CoapMessage): Promise<{ last: CoapMessage; body: Buffer }> {
    let block = readBlock(first, OptionNumber.Block2);
    if (!block || !block.more) return { last: first, body: first.payload };
    const chunks = [first.payload];
    let received = first.payload.length;
    const format = contentFormat(first);
    let last = first;
    for (let guard = 0; block.more; guard++) {
      if (guard >= MAX_BLOCKS || received > this.options.maxResponseBytes) {
        throw new CoapBlockError(`Block2 body larger than ${this.options.maxResponseBytes} bytes`, { peer: ctx.to });
      }
      const next: BlockValue = { num: received / block.size, more: false, size: block.size };
      if (!Number.isInteger(next.num)) throw new CoapBlockError('Block2 blocks not aligned to the block size', { peer: ctx.to, received });
      const options = withOptions(follow, OptionNumber.Block2, [{ number: OptionNumber.Block2, value: encodeBlock(next) }]);
      const response = await this.exchangeOnce(ctx, options, Buffer.alloc(0));
      if (!isSuccessCode(response.code)) return { last: response, body: response.payload };
      const got = readBlock(response, OptionNumber.Block2);
      if (!got) throw new CoapBlockError(`block ${next.num} answered without a Block2 option`, { peer: ctx.to });
      if (got.num * got.size !== received) {
        throw new CoapBlockError(`asked for block ${next.num}, got block ${got.num}`, { peer: ctx.to, size: got.size });
      }
      if (contentFormat(response) !== format) {
        throw new CoapBlockError('Content-Format changed between blocks', { peer: ctx.to, first: format, now: contentFormat(response) });
      }
      chunks.push(response.payload);
      received += response.payload.length;
      block = got;
      last = response;
    }
    return { last, body: Buffer.concat(chunks) };
  }

  private uniqueToken(to: Endpoint): Buffer {
    for (;;) {
      const token = this.layer.newToken(this.options.tokenLength);
      const key = tokenKey(to, token);
      if (!this.exchanges.has(key) && !this.observations.has(key)) return token;
    }
  }

  private noteEntry(exchange: PendingExchange, id: number): void {
    exchange.traceIds.push(id);
    if (exchange.operation) this.layer.trace.tag([id], exchange.operation);
  }
}

interface ExchangeContext {
  to: Endpoint;
  token: Buffer;
  traceIds: number[];
  opts: RequestOptions;
  confirmable: boolean;
  code: string;
}

function requestOptions(req: CoapRequest): CoapOption[] {
  const options: CoapOption[] = [
    ...stringOptions(OptionNumber.UriPath, req.path),
    ...stringOptions(OptionNumber.UriQuery, req.query),
    ...(req.extraOptions ?? []),
  ];
  if (req.contentFormat !== undefined) options.push(uintOption(OptionNumber.ContentFormat, req.contentFormat));
  if (req.accept !== undefined) options.push(uintOption(OptionNumber.Accept, req.accept));
  if (req.observe !== undefined) options.push(uintOption(OptionNumber.Observe, req.observe));
  return options;
}

function readBlock(message: CoapMessage, number: typeof OptionNumber.Block1 | typeof OptionNumber.Block2): BlockValue | undefined {
  try {
    return getBlock(message, number);
  } catch (error) {
    if (error instanceof BlockOptionError) throw new CoapBlockError(`bad block option in response: ${error.message}`);
    throw error;
  }
}

function tokenKey(peer: Endpoint, token: Buffer): string {
  return `${endpointKey(peer)}#${token.toString('hex')}`;
}
