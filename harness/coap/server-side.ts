import type { CoapMessage, CoapMethod, CoapOption, IncomingRequest, OutgoingResponse, RequestHandler } from './api.ts';
import type { Clock } from '../clock/clock.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';
import { Block1Assembler } from './block1-assembler.ts';
import { Block2Cache } from './block2-cache.ts';
import { methodOf, ResponseCode } from './codes.ts';
import { errorText, type MessageLayer } from './message-layer.ts';
import {
  accept, BlockOptionError, contentFormat, encodeBlock, findBadCriticalOption, getBlock, getUintOption, observe,
  optionName, OptionNumber, stringOptions, uintOption, uriPath, uriQuery, type BlockValue,
} from './options.ts';
import type { TraceEntry } from './trace.ts';

export interface ServerSideOptions {
  /** When the handler has not answered a CON within this time, send an empty ACK and answer separately. */
  separateResponseDelayMs: number;
  /** Largest Block2 block the server sends (a client may ask for smaller ones). */
  block2Size: number;
  /** Largest request body accepted through Block1 (4.13 above it). */
  maxRequestBytes: number;
}

interface RequestContext {
  message: CoapMessage;
  from: Endpoint;
  traceIds: number[];
  /** An empty ACK went out: the response must now be a separate CON. */
  acked: boolean;
}

/** The responding (server) side of the endpoint: dispatch, Block1 reassembly, Block2 slicing, separate responses. */
export class ServerSide {
  handler: RequestHandler | undefined;
  private readonly block1: Block1Assembler;
  private readonly block2: Block2Cache;

  constructor(
    private readonly layer: MessageLayer,
    private readonly clock: Clock,
    private readonly options: ServerSideOptions,
  ) {
    const now = (): number => clock.now();
    this.block1 = new Block1Assembler(now, layer.times.exchangeLifetimeMs, options.maxRequestBytes);
    this.block2 = new Block2Cache(now, layer.times.exchangeLifetimeMs);
  }

  /** A request arrived (after duplicate detection). Never throws and never leaves a rejection unhandled. */
  handleRequest(message: CoapMessage, from: Endpoint, entry: TraceEntry): void {
    const ctx: RequestContext = { message, from, traceIds: [entry.id], acked: false };
    this.process(ctx).catch((error: unknown) => {
      this.layer.trace.annotate(entry.id, `request processing failed: ${errorText(error)}`);
    });
  }

  private async process(ctx: RequestContext): Promise<void> {
    const { message } = ctx;
    const bad = findBadCriticalOption(message);
    if (bad) {
      return this.respond(ctx, { code: ResponseCode.BadOption }, [], `unrecognised or malformed critical option ${bad.number} (${optionName(bad.number)})`);
    }
    const method = methodOf(message.code);
    if (!method) return this.respond(ctx, { code: ResponseCode.MethodNotAllowed }, [], `unknown method code ${message.code}`);
    let block1: BlockValue | undefined;
    let block2: BlockValue | undefined;
    try {
      block1 = getBlock(message, OptionNumber.Block1);
      block2 = getBlock(message, OptionNumber.Block2);
    } catch (error) {
      if (!(error instanceof BlockOptionError)) throw error;
      return this.respond(ctx, { code: ResponseCode.BadRequest }, [], error.message);
    }
    const key = resourceKey(ctx.from, method, message);
    let payload = message.payload;
    const echo: CoapOption[] = [];
    if (block1) {
      const result = this.block1.accept(key, block1, payload, contentFormat(message), ctx.traceIds[0] ?? 0, getUintOption(message, OptionNumber.Size1));
      const echoBlock = (more: boolean): CoapOption => ({ number: OptionNumber.Block1, value: encodeBlock({ ...block1, more }) });
      switch (result.kind) {
        case 'continue':
          return this.respond(ctx, { code: ResponseCode.Continue }, [echoBlock(true)]);
        case 'incomplete':
          return this.respond(ctx, { code: ResponseCode.RequestEntityIncomplete }, [], result.reason);
        case 'bad':
          return this.respond(ctx, { code: ResponseCode.BadRequest }, [], result.reason);
        case 'too-large':
          return this.respond(ctx, { code: ResponseCode.RequestEntityTooLarge }, [uintOption(OptionNumber.Size1, result.limit)], 'request body too large');
        case 'complete':
          payload = result.payload;
          ctx.traceIds = result.entryIds;
          echo.push(echoBlock(false));
      }
    }
    const cached = block2 && block2.num > 0 ? this.block2.get(key) : undefined;
    const response = cached ?? (await this.callHandler(ctx, method, payload));
    return this.respondSliced(ctx, key, response, block2, echo);
  }

  private async callHandler(ctx: RequestContext, method: CoapMethod, payload: Buffer): Promise<OutgoingResponse> {
    const { message, from } = ctx;
    const handler = this.handler;
    if (!handler) return { code: ResponseCode.ServiceUnavailable };
    const request: IncomingRequest = {
      from: { ...from },
      method,
      path: uriPath(message),
      query: uriQuery(message),
      payload,
      message,
      traceIds: [...ctx.traceIds],
      ...(contentFormat(message) !== undefined ? { contentFormat: contentFormat(message) } : {}),
      ...(accept(message) !== undefined ? { accept: accept(message) } : {}),
      ...(observe(message) !== undefined ? { observe: observe(message) } : {}),
    };
    const timer = message.type === 'CON'
      ? this.clock.setTimeout(() => {
          ctx.acked = true;
          void this.layer.sendEmpty('ACK', from, message.messageId, 'separate response follows');
        }, this.options.separateResponseDelayMs)
      : undefined;
    try {
      return await handler(request);
    } catch (error) {
      this.layer.trace.annotate(ctx.traceIds[ctx.traceIds.length - 1] ?? 0, `request handler failed: ${errorText(error)}`);
      return { code: ResponseCode.InternalServerError };
    } finally {
      timer?.cancel();
    }
  }

  /** Sends the response, cut into Block2 blocks when it is larger than the block size in use. */
  private async respondSliced(ctx: RequestContext, key: string, response: OutgoingResponse, asked: BlockValue | undefined, echo: CoapOption[]): Promise<void> {
    const size = Math.min(asked?.size ?? this.options.block2Size, this.options.block2Size);
    const payload = response.payload ?? Buffer.alloc(0);
    const num = asked?.num ?? 0;
    if (num === 0 && payload.length <= size) return this.respond(ctx, response, echo);
    if (num * size >= payload.length) {
      return this.respond(ctx, { code: ResponseCode.BadOption }, echo, `Block2 ${num} is past the end (${payload.length} bytes)`);
    }
    const more = (num + 1) * size < payload.length;
    if (more) this.block2.set(key, response);
    else this.block2.delete(key);
    const blockOptions = [{ number: OptionNumber.Block2, value: encodeBlock({ num, more, size }) }, uintOption(OptionNumber.Size2, payload.length)];
    return this.respond(ctx, { ...response, payload: payload.subarray(num * size, (num + 1) * size) }, [...echo, ...blockOptions]);
  }

  private async respond(ctx: RequestContext, response: OutgoingResponse, extra: CoapOption[], note?: string): Promise<void> {
    const { message, from } = ctx;
    const options: CoapOption[] = [
      ...stringOptions(OptionNumber.LocationPath, response.locationPath),
      ...(response.extraOptions ?? []),
      ...extra,
    ];
    if (response.contentFormat !== undefined) options.push(uintOption(OptionNumber.ContentFormat, response.contentFormat));
    const piggyback = message.type === 'CON' && !ctx.acked;
    const reply: CoapMessage = {
      type: piggyback ? 'ACK' : message.type === 'CON' ? 'CON' : 'NON',
      code: response.code,
      messageId: piggyback ? message.messageId : this.layer.nextMessageId(),
      token: message.token,
      options,
      payload: response.payload ?? Buffer.alloc(0),
    };
    const operation = response.operation;
    if (operation) this.layer.trace.tag(ctx.traceIds, operation);
    const meta = { ...(operation ? { operation } : {}), ...(note ? { note } : {}) };
    if (reply.type === 'CON') {
      // Separate response: our own CON, retransmitted until the client ACKs it.
      const con = this.layer.sendConfirmable(from, reply, meta, () => undefined);
      const outcome = await con.done;
      if (outcome.kind === 'timeout') this.layer.trace.annotate(ctx.traceIds[0] ?? 0, 'separate response never acknowledged');
      if (outcome.kind === 'ack' || outcome.kind === 'rst') {
        if (operation) this.layer.trace.tag([outcome.entry.id], operation);
      }
      return;
    }
    await this.layer.send(from, reply, { ...meta, ...(piggyback ? { replyTo: { peer: from, messageId: message.messageId } } : {}) });
  }
}

function resourceKey(from: Endpoint, method: CoapMethod, message: CoapMessage): string {
  return `${endpointKey(from)} ${method} /${uriPath(message).join('/')}?${uriQuery(message).join('&')}`;
}
