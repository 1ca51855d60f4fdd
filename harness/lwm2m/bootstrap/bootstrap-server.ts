/**
 * The reference LwM2M bootstrap server.
 *
 *   const bs = await BootstrapServer.start({ transport, clock, random, configs: { ep1: { servers: [...] } }, trace? });
 *   const done = await bs.waitFor('bootstrapFinished', (e) => e.session.endpoint === 'ep1', 60_000);
 *   await bs.bootstrap('ep1', address);       // server-initiated: the same script toward a known client address
 *   bs.sessions('ep1');                       // every run: steps with codes and trace ids, outcome
 *   await bs.close();
 *
 * Client-initiated: POST /bs?ep=NAME is answered 2.04 when a configuration exists for NAME (4.00 without ep or
 * without a configuration), then the script runs: Bootstrap-Delete, Bootstrap-Write (Security, Server; TLV by
 * default), optional Bootstrap-Discover, Bootstrap-Finish. A step answered with an error code (Discover aside)
 * or not answered ends the session with `bootstrapFailed`. PSK keys are registered as trace secrets and never
 * appear in step records or events.
 */
import type { Clock } from '../../clock/clock.ts';
import type { IncomingRequest, OutgoingResponse } from '../../coap/api.ts';
import type { Trace } from '../../coap/trace.ts';
import { HarnessError } from '../../errors.ts';
import type { DatagramTransport, Endpoint } from '../../net/transport.ts';
import type { Random } from '../../random.ts';
import type { ObjectRegistry } from '../model/index.ts';
import { pathSegments } from '../path.ts';
import { ContentFormat } from '../values.ts';
import type { CoapMessaging } from '../server/coap-messaging.ts';
import { serverCoap } from '../server/default-coap.ts';
import { defaultCodecs } from '../server/default-codecs.ts';
import type { DiscoveredLink } from '../server/operation-result.ts';
import type { PayloadCodecs } from '../server/payload-codecs.ts';
import { ProtocolViolation } from '../server/protocol-error.ts';
import { recordViolation, type ProtocolErrorEvent } from '../server/protocol-error-event.ts';
import { WaitableEmitter } from '../server/waitable-emitter.ts';
import { configFor, secretsOf, type BootstrapConfigSource } from './bootstrap-config.ts';
import { buildScript, stepName, type BootstrapStep } from './bootstrap-script.ts';
import { parseDiscoverPayload } from './discover-payload.ts';
import { withTimeout } from '../server/with-timeout.ts';

export interface StepRecord {
  operation: string;
  code?: string;
  /** Links of a Bootstrap-Discover answer. */
  links?: DiscoveredLink[];
  error?: string;
  traceIds: number[];
}

export interface BootstrapSession {
  endpoint: string;
  address: Endpoint;
  initiatedBy: 'client' | 'server';
  startedAt: number;
  finishedAt?: number;
  steps: StepRecord[];
  outcome: 'running' | 'finished' | 'failed';
  /** Why it failed (an error code of a step, a timeout). */
  reason?: string;
}

export interface BootstrapEvents {
  bootstrapRequested: { endpoint: string; from: Endpoint; traceIds: number[] };
  bootstrapFinished: { session: BootstrapSession };
  bootstrapFailed: { session: BootstrapSession; reason: string };
  protocolError: ProtocolErrorEvent;
}

export interface BootstrapServerOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  configs: BootstrapConfigSource;
  registry?: ObjectRegistry;
  trace?: Trace;
  /** Per-step answer timeout on the run's clock (default 93 s). */
  operationTimeoutMs?: number;
  /** Content format of Bootstrap-Write payloads (default TLV). */
  writeFormat?: number;
  codecs?: PayloadCodecs;
  coap?: CoapMessaging;
}

export class BootstrapServer extends WaitableEmitter<BootstrapEvents> {
  readonly local: Endpoint;
  private readonly codecs: PayloadCodecs;
  private readonly all: BootstrapSession[] = [];
  private readonly running = new Set<string>();
  private closed = false;

  private constructor(
    private readonly coap: CoapMessaging,
    readonly trace: Trace | undefined,
    private readonly options: BootstrapServerOptions,
  ) {
    super(options.clock);
    this.local = options.transport.local;
    this.codecs = options.codecs ?? defaultCodecs(options.registry);
    coap.setRequestHandler((request) => this.handle(request));
  }

  static async start(options: BootstrapServerOptions): Promise<BootstrapServer> {
    const { coap, trace } = serverCoap(options);
    return new BootstrapServer(coap, trace, options);
  }

  /** Every session so far (optionally of one endpoint), oldest first. */
  sessions(endpoint?: string): BootstrapSession[] {
    return endpoint === undefined ? [...this.all] : this.all.filter((s) => s.endpoint === endpoint);
  }

  /** Server-initiated bootstrap: runs the endpoint's script toward `address` and resolves with the session. */
  bootstrap(endpoint: string, address: Endpoint): Promise<BootstrapSession> {
    return this.run(endpoint, address, 'server');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.coap.close();
  }

  private handle(request: IncomingRequest): OutgoingResponse {
    try {
      if (request.path.length !== 1 || request.path[0] !== 'bs') {
        throw new ProtocolViolation(`no resource /${request.path.join('/')} on the bootstrap server`, '4.04');
      }
      if (request.method !== 'POST') throw new ProtocolViolation(`${request.method} is not allowed on /bs`, '4.05');
      const ep = request.query.find((q) => q.startsWith('ep='))?.slice(3);
      if (ep === undefined || ep.length === 0) throw new ProtocolViolation('Bootstrap-Request without an endpoint name (ep)', '4.00');
      if (configFor(this.options.configs, ep) === undefined) {
        throw new ProtocolViolation(`no bootstrap configuration for endpoint '${ep}'`, '4.00');
      }
      this.trace?.tag(request.traceIds, 'Bootstrap-Request');
      this.emit('bootstrapRequested', { endpoint: ep, from: { ...request.from }, traceIds: [...request.traceIds] });
      if (!this.running.has(ep)) {
        // Starts after the 2.04 has gone out: the client must see its request acknowledged first.
        this.options.clock.setTimeout(() => {
          this.run(ep, request.from, 'client').catch(() => undefined);
        }, 0);
      }
      return { code: '2.04' };
    } catch (err) {
      const violation = err instanceof ProtocolViolation ? err : new ProtocolViolation(`bootstrap server failed: ${(err as Error).message}`, '5.00');
      this.emit('protocolError', recordViolation(request, violation, this.trace));
      return { code: violation.responseCode };
    }
  }

  private async run(endpoint: string, address: Endpoint, initiatedBy: 'client' | 'server'): Promise<BootstrapSession> {
    const config = configFor(this.options.configs, endpoint);
    if (config === undefined) throw new HarnessError(`no bootstrap configuration for endpoint '${endpoint}'`, { origin: 'usage', context: { endpoint } });
    for (const secret of secretsOf(config)) this.trace?.addSecret(secret);
    const session: BootstrapSession = {
      endpoint,
      address: { ...address },
      initiatedBy,
      startedAt: this.options.clock.now(),
      steps: [],
      outcome: 'running',
    };
    this.all.push(session);
    this.running.add(endpoint);
    try {
      for (const step of buildScript(config)) {
        const record = await this.runStep(address, step, endpoint);
        session.steps.push(record);
        const fatal = record.error !== undefined || (step.kind !== 'discover' && !(record.code ?? '').startsWith('2.'));
        if (fatal) {
          const reason = record.error ?? `${record.operation} answered ${record.code}`;
          return this.end(session, 'failed', reason);
        }
      }
      return this.end(session, 'finished');
    } finally {
      this.running.delete(endpoint);
    }
  }

  private end(session: BootstrapSession, outcome: 'finished' | 'failed', reason?: string): BootstrapSession {
    session.outcome = outcome;
    session.finishedAt = this.options.clock.now();
    if (reason !== undefined) {
      session.reason = reason;
      this.emit('bootstrapFailed', { session, reason });
    } else this.emit('bootstrapFinished', { session });
    return session;
  }

  private async runStep(address: Endpoint, step: BootstrapStep, endpoint: string): Promise<StepRecord> {
    const operation = stepName(step);
    const timeoutMs = this.options.operationTimeoutMs ?? 93_000;
    const format = this.options.writeFormat ?? ContentFormat.TLV;
    const segments = (p: string): string[] => p.split('/').filter((s) => s.length > 0);
    const request =
      step.kind === 'delete'
        ? { method: 'DELETE' as const, path: segments(step.path) }
        : step.kind === 'write'
          ? { method: 'PUT' as const, path: pathSegments(step.path), contentFormat: format, payload: this.codecs.encode(format, step.entries, step.path) }
          : step.kind === 'discover'
            ? { method: 'GET' as const, path: segments(step.path), accept: ContentFormat.LINK }
            : { method: 'POST' as const, path: ['bs'] };
    try {
      const response = await withTimeout(this.options.clock, this.coap.request(address, request, { timeoutMs, operation }), timeoutMs, operation, { endpoint });
      this.trace?.tag(response.traceIds, operation);
      const record: StepRecord = { operation, code: response.code, traceIds: response.traceIds };
      if (step.kind === 'discover' && response.code === '2.05') {
        try {
          record.links = parseDiscoverPayload(response.payload.toString('utf8'));
        } catch (err) {
          record.error = `Bootstrap-Discover answer is not link format: ${(err as Error).message}`;
        }
      }
      return record;
    } catch (err) {
      return { operation, error: (err as Error).message, traceIds: [] };
    }
  }
}
