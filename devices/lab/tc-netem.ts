import type { Clock } from '../../harness/clock/clock.ts';
import type { LabEvent } from '../../harness/engine/evidence.ts';
import type { DirectionImpairment, ShapingProfile } from '../../harness/net/impairment.ts';
import { reorderDelayOf } from '../../harness/net/impairment.ts';
import { runCommand } from './run-command.ts';

/*
 * Kernel-level network shaping for a lab host with `sch_netem` (this build machine has none, so tests check
 * the command lines only). It applies the same impairment model as the in-process shaper
 * (harness/net/impairment.ts) to a real interface, for boards whose traffic cannot pass the harness's UDP
 * shaping proxy (e.g. a board on its own Ethernet port of the lab host).
 *
 * On a lab host:
 *   1. Give the harness the right to run tc and ip: run it as root, or allow `sudo -n tc` and `sudo -n ip`
 *      without a password for the harness user (sudoers), and pass { sudo: true }.
 *   2. Load the modules once: `modprobe sch_netem ifb`.
 *   3. `new TcNetem({ device: 'eth1' }).apply(profile, { egressIs: 'inbound' })` where eth1 faces the board:
 *      egress of eth1 is traffic towards the board, which the shaper model calls `inbound` when the profile
 *      wraps the device's side. Ingress (from the board) is shaped on an IFB device (default ifb0), because
 *      netem only shapes what leaves an interface.
 *   4. `clear()` at the end of the scenario (it ignores "nothing to delete" failures).
 */

/** netem's own settings: percentages and milliseconds as netem writes them. */
export interface NetemSettings {
  delayMs?: number;
  /** Uniform jitter: delay ± jitterMs. */
  jitterMs?: number;
  lossPercent?: number;
  duplicatePercent?: number;
  /** Share of packets netem sends at once while the rest wait `delay` (needs a delay). */
  reorderPercent?: number;
  corruptPercent?: number;
  /** Bandwidth limit in kbit/s (not part of the in-process model). */
  rateKbit?: number;
  /** Queue length in packets (netem's default is 1000). */
  limitPackets?: number;
}

export interface NetemMapping {
  settings: NetemSettings;
  /** What the kernel cannot reproduce exactly (or at all); shown as shaping evidence. */
  warnings: string[];
}

/**
 * Maps one direction of the shaper model to netem. Our delay is D plus a uniform extra in [0, J]; netem's is
 * centre ± jitter (uniform without a distribution table), so it becomes (D + J/2) ± J/2. Our reorder holds a
 * share p back by R ms; netem sends a share at once and delays the rest, so with no other delay the exact
 * equivalent is "delay R, reorder (1 - p)"; with a delay it is approximated by letting p overtake.
 */
export function netemFromImpairment(impairment: DirectionImpairment, extra: Pick<NetemSettings, 'rateKbit' | 'limitPackets'> = {}): NetemMapping {
  const warnings: string[] = [];
  const settings: NetemSettings = { ...extra };
  const base = impairment.delayMs ?? 0;
  const jitter = impairment.jitterMs ?? 0;
  if (base > 0 || jitter > 0) {
    settings.delayMs = base + jitter / 2;
    if (jitter > 0) settings.jitterMs = jitter / 2;
  }
  if (impairment.loss !== undefined && impairment.loss > 0) settings.lossPercent = impairment.loss * 100;
  if (impairment.duplicate !== undefined && impairment.duplicate > 0) settings.duplicatePercent = impairment.duplicate * 100;
  if (impairment.corrupt !== undefined && impairment.corrupt > 0) settings.corruptPercent = impairment.corrupt * 100;
  const reorder = impairment.reorder ?? 0;
  if (reorder > 0) {
    if (settings.delayMs === undefined) {
      settings.delayMs = reorderDelayOf(impairment);
      settings.reorderPercent = (1 - reorder) * 100;
    } else {
      settings.reorderPercent = reorder * 100;
      warnings.push(`reorder ${reorder * 100}% with a delay: netem lets that share overtake instead of holding it back ${reorderDelayOf(impairment)} ms`);
    }
  }
  if (impairment.mtu !== undefined) warnings.push(`mtu ${impairment.mtu} is not applied by netem (set the interface MTU with ip link, or drop in the UDP proxy)`);
  if (impairment.blackouts !== undefined && impairment.blackouts.length > 0) {
    warnings.push('blackout windows are not applied by netem: apply loss 100% at the window start and clear it at the end');
  }
  return { settings, warnings };
}

/** The netem argument list, e.g. ["delay", "105ms", "5ms", "loss", "2%"]. */
export function netemArgs(settings: NetemSettings): string[] {
  const args: string[] = [];
  if (settings.delayMs !== undefined) {
    args.push('delay', ms(settings.delayMs));
    if (settings.jitterMs !== undefined && settings.jitterMs > 0) args.push(ms(settings.jitterMs));
  }
  if (settings.lossPercent !== undefined) args.push('loss', percent(settings.lossPercent));
  if (settings.duplicatePercent !== undefined) args.push('duplicate', percent(settings.duplicatePercent));
  if (settings.reorderPercent !== undefined) args.push('reorder', percent(settings.reorderPercent));
  if (settings.corruptPercent !== undefined) args.push('corrupt', percent(settings.corruptPercent));
  if (settings.rateKbit !== undefined) args.push('rate', `${number(settings.rateKbit)}kbit`);
  if (settings.limitPackets !== undefined) args.push('limit', String(settings.limitPackets));
  return args;
}

export interface TcTarget {
  /** The interface facing the board, e.g. "eth1". */
  device: string;
  /** IFB device for ingress shaping (default "ifb0"). */
  ifb?: string;
  /** Prefix commands with `sudo -n` (no password prompt: fail rather than hang). */
  sudo?: boolean;
}

export interface TcCommands {
  apply: string[][];
  clear: string[][];
}

/** The exact argv lists that apply and clear netem on egress and (through IFB) ingress of an interface. */
export function tcNetemCommands(target: TcTarget, egress: NetemSettings | undefined, ingress: NetemSettings | undefined): TcCommands {
  const dev = target.device;
  const ifb = target.ifb ?? 'ifb0';
  const apply: string[][] = [];
  const clear: string[][] = [];
  if (egress !== undefined) {
    apply.push(['tc', 'qdisc', 'replace', 'dev', dev, 'root', 'netem', ...netemArgs(egress)]);
    clear.push(['tc', 'qdisc', 'del', 'dev', dev, 'root']);
  }
  if (ingress !== undefined) {
    apply.push(
      ['ip', 'link', 'add', 'name', ifb, 'type', 'ifb'],
      ['ip', 'link', 'set', 'dev', ifb, 'up'],
      ['tc', 'qdisc', 'add', 'dev', dev, 'handle', 'ffff:', 'ingress'],
      ['tc', 'filter', 'add', 'dev', dev, 'parent', 'ffff:', 'matchall', 'action', 'mirred', 'egress', 'redirect', 'dev', ifb],
      ['tc', 'qdisc', 'replace', 'dev', ifb, 'root', 'netem', ...netemArgs(ingress)],
    );
    clear.push(['tc', 'qdisc', 'del', 'dev', dev, 'ingress'], ['tc', 'qdisc', 'del', 'dev', ifb, 'root'], ['ip', 'link', 'del', ifb]);
  }
  const prefix = target.sudo === true ? ['sudo', '-n'] : [];
  return { apply: apply.map((c) => [...prefix, ...c]), clear: clear.map((c) => [...prefix, ...c]) };
}

export type CommandRunner = (argv: readonly string[]) => Promise<void>;

const defaultRunner: CommandRunner = async (argv) => {
  await runCommand(argv, { purpose: 'tc netem', timeoutMs: 10_000 });
};

/** Applies and clears a shaping profile on a lab host's interface, recording what it did as shaping events. */
export class TcNetem {
  private applied: TcCommands | undefined;
  private events: LabEvent[] = [];

  constructor(
    private readonly target: TcTarget,
    private readonly clock: Clock,
    private readonly run: CommandRunner = defaultRunner,
  ) {}

  /**
   * `egressIs` says which direction of the profile leaves the interface: 'inbound' when the interface faces
   * the board and the profile describes the device's side. Replaces whatever this instance applied before.
   */
  async apply(profile: ShapingProfile, options: { egressIs: 'outbound' | 'inbound'; rateKbit?: number }): Promise<string[]> {
    await this.clear();
    const egressSide = options.egressIs;
    const ingressSide = egressSide === 'outbound' ? 'inbound' : 'outbound';
    const extra = options.rateKbit === undefined ? {} : { rateKbit: options.rateKbit };
    const egress = profile[egressSide] === undefined ? undefined : netemFromImpairment(profile[egressSide], extra);
    const ingress = profile[ingressSide] === undefined ? undefined : netemFromImpairment(profile[ingressSide], extra);
    const warnings = [...(egress?.warnings ?? []), ...(ingress?.warnings ?? [])];
    if (profile.blackouts !== undefined && profile.blackouts.length > 0) warnings.push('profile-wide blackout windows are not applied by netem');
    if (profile.natRebindEveryMs !== undefined) warnings.push('NAT rebinding is not applied by netem');
    const commands = tcNetemCommands(this.target, egress?.settings, ingress?.settings);
    this.applied = commands;
    for (const argv of commands.apply) await this.run(argv);
    this.emit('tc netem applied', commands.apply.map((c) => c.join(' ')).join('; '));
    for (const warning of warnings) this.emit('tc netem approximation', warning);
    return warnings;
  }

  /** Removes what apply() installed; "nothing to delete" failures are ignored. */
  async clear(): Promise<void> {
    const applied = this.applied;
    this.applied = undefined;
    if (applied === undefined) return;
    for (const argv of applied.clear) await this.run(argv).catch(() => undefined);
    this.emit('tc netem cleared', this.target.device);
  }

  takeEvents(): LabEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private emit(event: string, detail: string): void {
    this.events.push({ time: this.clock.now(), event, detail });
  }
}

function number(value: number): string {
  return String(Number(value.toFixed(4)));
}

function ms(value: number): string {
  return `${number(value)}ms`;
}

function percent(value: number): string {
  return `${number(value)}%`;
}
