/**
 * A minimal device for engine tests, built on the server tests' RawClient (coap-packet only): it registers
 * when started and answers reads of /3/0/2 with its serial number. Suites are tested against the emulated
 * client in devices/; this exists so the engine's own tests do not depend on devices/.
 */
import { RawClient } from '../../lwm2m/server/testing/raw-client.ts';
import type { DeviceCapabilities, DeviceEnvironment, DeviceUnderTest, Stimulus, StimulusResult, TimingTolerances } from '../device.ts';
import { DEFAULT_TOLERANCES } from '../device.ts';
import type { LabEvent } from '../evidence.ts';

export interface ScriptedDeviceOptions {
  endpoint?: string;
  /** When false the device powers on but never registers. */
  registers?: boolean;
  features?: DeviceCapabilities['features'];
  serial?: string;
}

export class ScriptedDevice implements DeviceUnderTest {
  readonly name = 'scripted';
  readonly kind = 'emulated' as const;
  readonly endpoint: string;
  readonly capabilities: DeviceCapabilities;
  readonly tolerances: TimingTolerances = { ...DEFAULT_TOLERANCES, bootMs: 10_000 };
  private client: RawClient | null = null;
  private readonly labEvents: LabEvent[] = [];
  private env: DeviceEnvironment | null = null;

  constructor(private readonly options: ScriptedDeviceOptions = {}) {
    this.endpoint = options.endpoint ?? 'scripted-1';
    this.capabilities = { objects: [1, 3], bindings: ['U'], contentFormats: [0, 11542], features: options.features ?? {} };
  }

  async start(env: DeviceEnvironment): Promise<void> {
    this.env = env;
    if (!env.openTransport) throw new Error('scripted device needs a simulated network');
    const transport = await env.openTransport();
    this.labEvents.push({ time: env.clock.now(), event: 'power on' });
    const client = new RawClient(transport, env.server.endpoint);
    client.handler = (request) =>
      request.method === 'GET' && request.path.join('/') === '3/0/2'
        ? { code: '2.05', contentFormat: 0, payload: Buffer.from(this.options.serial ?? 'SN-0001') }
        : { code: '4.04' };
    this.client = client;
    if (this.options.registers !== false) await client.register([`ep=${this.endpoint}`, 'lt=300', 'lwm2m=1.0', 'b=U'], '</1/0>,</3/0>');
  }

  async stop(): Promise<void> {
    if (!this.client) return;
    this.client.close();
    await this.client.transport.close();
    this.client = null;
    this.labEvents.push({ time: this.env?.clock.now() ?? 0, event: 'power off' });
  }

  async powerCycle(): Promise<void> {
    const env = this.env;
    await this.stop();
    if (env) await this.start(env);
  }

  async stimulus(stimulus: Stimulus): Promise<StimulusResult> {
    return { applied: false, reason: `the scripted test device has no '${stimulus.kind}' stimulus` };
  }

  takeConsoleLines(): string[] {
    return [];
  }

  takeLabEvents(): LabEvent[] {
    return this.labEvents.splice(0);
  }
}
