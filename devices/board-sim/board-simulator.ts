/**
 * A simulated board for the serial path (DESIGN §6): the emulated client behind a shell on one PTY and
 * powered through a simulated LCUS relay on another. Relay on = boot log, ready line, the client registers;
 * relay off = the client stops dead (no De-register, like a power cut); `kernel reboot` on the shell = boot
 * again. Its objects survive power cycles (flash), as on a real board. Runs in the harness's process or
 * standalone (main.ts); either way over real UDP and the wall clock.
 */
import type { SerialPortStream } from '@serialport/stream';
import type { PskCredential } from '../../harness/engine/device.ts';
import { RealClock } from '../../harness/clock/real-clock.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import { Random } from '../../harness/random.ts';
import { bindAddressFor } from '../emulated/bind-address.ts';
import { parseCoapUri } from '../emulated/coap-uri.ts';
import { EmulatedClient, type ClientEvent } from '../emulated/emulated-client.ts';
import { describeEvent } from '../emulated/event-lines.ts';
import { closeSerialPort, openSerialPort } from '../serial/serial-port.ts';
import { BOARD_PROMPT, runShellLine } from './board-shell.ts';
import { LcusFrameParser } from './lcus-relay-sim.ts';

/** The line a profile's readyPattern waits for. */
export const BOOT_BANNER = '*** Booting Zephyr OS build board-sim ***';

export interface BoardSimulatorOptions {
  /** The board's end of the console PTY pair. */
  consolePort: string;
  /** The relay's end of the relay PTY pair. */
  relayPort: string;
  /** The relay channel the board's supply hangs on. */
  channel?: number;
  /** The server URI built into the firmware. */
  serverUri: string;
  endpoint: string;
  /** Time from power-on to the ready line (default 200 ms). */
  bootDelayMs?: number;
  /** The first this many power-ons hang in the boot (nothing after the bootloader line): a hung board. */
  hangBoots?: number;
  /**
   * The first this many power-ons (after any hung ones) boot to the shell but the LwM2M client never starts
   * (a modem that does not attach): the ready line is printed, no Register is sent.
   */
  silentBoots?: number;
  seed?: number;
  /** The registration lifetime in seconds the firmware asks for (default: the client's own, 300 s). */
  lifetime?: number;
  /** The PSK provisioned in the firmware: with a coaps:// serverUri the board speaks DTLS only. */
  psk?: PskCredential;
}

export class BoardSimulator {
  private readonly clock = new RealClock();
  private console: SerialPortStream | undefined;
  private relay: SerialPortStream | undefined;
  private client: EmulatedClient | undefined;
  private transport: UdpTransport | undefined;
  private powered = false;
  private boots = 0;
  /** Bumped on every power change, so a boot that was cut short does not finish later. */
  private generation = 0;
  private input = '';

  constructor(private readonly options: BoardSimulatorOptions) {}

  /** Opens both PTY ends; the board stays unpowered until the relay closes. */
  async open(): Promise<void> {
    this.console = await openSerialPort({ path: this.options.consolePort, baudRate: 115200, role: 'board-sim console' });
    this.relay = await openSerialPort({ path: this.options.relayPort, baudRate: 9600, role: 'board-sim relay' });
    const frames = new LcusFrameParser((channel, on) => {
      if (channel === (this.options.channel ?? 1)) void this.setPower(on);
    });
    this.relay.on('data', (chunk: Buffer) => frames.push(chunk));
    this.console.on('data', (chunk: Buffer) => this.typed(chunk.toString('utf8')));
  }

  get isPowered(): boolean {
    return this.powered;
  }

  async close(): Promise<void> {
    await this.setPower(false);
    if (this.console) await closeSerialPort(this.console);
    if (this.relay) await closeSerialPort(this.relay);
  }

  private async setPower(on: boolean): Promise<void> {
    if (on === this.powered) return;
    this.powered = on;
    this.generation++;
    if (on) this.boot();
    else await this.halt();
  }

  private boot(): void {
    const generation = this.generation;
    this.boots++;
    this.print('[00:00:00.000,000] <inf> bootloader: starting image');
    if (this.boots <= (this.options.hangBoots ?? 0)) return;
    this.clock.setTimeout(() => void this.finishBoot(generation), this.options.bootDelayMs ?? 200);
  }

  private async finishBoot(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    const server = parseCoapUri(this.options.serverUri);
    const transport = await UdpTransport.open({ address: bindAddressFor(server.address), port: 0 });
    if (generation !== this.generation) {
      await transport.close();
      return;
    }
    this.transport = transport;
    this.client ??= new EmulatedClient({
      transport,
      clock: this.clock,
      random: new Random(this.options.seed ?? 1),
      endpoint: this.options.endpoint,
      // The URI (not only the address), so that a coaps:// server is held as a DTLS account with the PSK.
      server: this.options.serverUri,
      ...(this.options.psk ? { psk: this.options.psk } : {}),
      ...(this.options.lifetime !== undefined ? { lifetime: this.options.lifetime } : {}),
      onEvent: (e: ClientEvent) => this.print(`<inf> lwm2m: ${describeEvent(e)}`),
    });
    this.print(BOOT_BANNER);
    if (this.boots <= (this.options.hangBoots ?? 0) + (this.options.silentBoots ?? 0)) {
      this.print('<err> lte: network attach timed out');
      this.prompt();
      return;
    }
    this.print(`<inf> lwm2m: client ${this.options.endpoint} -> ${this.options.serverUri}`);
    this.prompt();
    void this.client.start(transport);
  }

  /** Power gone: the client stops where it is; nothing more is printed. */
  private async halt(): Promise<void> {
    this.client?.stop();
    const transport = this.transport;
    this.transport = undefined;
    this.input = '';
    await transport?.close();
  }

  private reboot(): void {
    this.generation++;
    void this.halt().then(() => {
      if (this.powered) this.boot();
    });
  }

  private typed(text: string): void {
    if (!this.powered || this.transport === undefined) return;
    this.input += text;
    const lines = this.input.split(/\r\n|\r|\n/);
    this.input = lines.pop() ?? '';
    for (const line of lines) {
      // The shell echoes what was typed after its prompt, as Zephyr's does: "uart:~$ lwm2m update".
      this.print(line);
      runShellLine({ client: () => this.client, reboot: () => this.reboot() }, line, (out) => this.print(out));
      if (this.transport !== undefined) this.prompt();
    }
  }

  private print(line: string): void {
    this.console?.write(`${line}\r\n`);
  }

  private prompt(): void {
    this.console?.write(BOARD_PROMPT);
  }
}
