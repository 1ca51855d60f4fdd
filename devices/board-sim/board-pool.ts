/**
 * A pool of simulated boards for running many scenarios on the real clock in parallel (the serial path in
 * CI): each board has its own two PTY pairs (console and LCUS relay), its BoardSimulator, its SerialDevice
 * from a written profile, and its own real world on free ports (with the in-path shaping proxy when `link` is
 * set). run() splits the scenarios longest-first over the boards (static: a board that fails its health
 * check leaves exactly its own scenarios `error`, and the others go on), runs each board's share with
 * runConformance, and merges the boards' results into one RunResults (reports/merge), like the shards of
 * one run. All boards share one profile name and endpoint, so their results merge.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wallNow } from '../../harness/clock/real-clock.ts';
import type { PskCredential } from '../../harness/engine/device.ts';
import { createRealWorld, SECURE_PORT_OFFSET } from '../../harness/engine/real-world.ts';
import { resolvePsk } from '../profile/secrets.ts';
import { runConformance, type ProgressEvent } from '../../harness/engine/runner.ts';
import type { Scenario } from '../../harness/engine/scenario.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import { mergeResults } from '../../reports/merge.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { writeResultsAtomically } from '../../reports/write-results.ts';
import { loadProfile } from '../profile/load.ts';
import { SerialDevice } from '../serial/serial-device.ts';
import { boardSimProfile, type BoardSimProfileOptions } from './board-sim-profile.ts';
import { BoardSimulator, type BoardSimulatorOptions } from './board-simulator.ts';
import { openPtyPair, type PtyPair } from './pty-pair.ts';
import { DEFAULT_ESTIMATE_MS, partitionLongestFirst } from './scenario-durations.ts';

const LOOPBACK = '127.0.0.1';

export interface BoardPoolOptions {
  boards: number;
  /** Work folder: profiles, package files and each board's output go below it. */
  dir: string;
  /** The endpoint name of every board (default board-sim-1). */
  endpoint?: string;
  /** Registration lifetime (s) the boards' firmware asks for (default: the client's 300 s). */
  lifetime?: number;
  /** Put the real world's shaping proxy between each board and its server (the board's URI names the proxy). */
  link?: boolean;
  /** Supply off time in a power cycle (default 100 ms: the simulator has no capacitors). */
  powerOffMs?: number;
  /** Profile settings for every board. */
  profile?: Pick<BoardSimProfileOptions, 'bootTimeoutMs' | 'bootAttempts' | 'bootMs' | 'features' | 'firmwarePackages'>;
  /**
   * The PSK provisioned in every board: the boards speak DTLS only (built-in coaps:// URI), so every scenario
   * runs on the secure servers and the shaping proxy fronts the coaps server.
   */
  psk?: PskCredential;
  /** Per-board simulator quirks (a board that hangs or never registers). */
  board?: (index: number) => Pick<BoardSimulatorOptions, 'hangBoots' | 'silentBoots' | 'bootDelayMs'>;
}

export interface PoolBoard {
  readonly index: number;
  readonly simulator: BoardSimulator;
  readonly device: SerialDevice;
  /** Where this board's world listens: the server, the bootstrap server, and the proxy the board talks to. */
  readonly ports: { server: number; bootstrap: number; link?: number };
  readonly profileFile: string;
}

export interface PoolRunOptions {
  scenarios: readonly Scenario[];
  seed: number;
  /** results.json of the merged run goes here; each board's own run under board-<n>/. */
  outDir: string;
  version: string;
  runId?: string;
  /** Estimated real-clock duration of a scenario, for the longest-first split. */
  estimateMs?: (scenario: Scenario) => number;
  /** Check each board's health by registration before its share (default true). */
  healthCheck?: boolean;
  onProgress?: (board: number, event: ProgressEvent) => void;
}

export interface BoardRun {
  board: number;
  scenarios: string[];
  results: RunResults;
  wallMs: number;
}

export interface PoolRun {
  merged: RunResults;
  boards: BoardRun[];
  wallMs: number;
}

export class BoardPool {
  private constructor(
    readonly boards: readonly PoolBoard[],
    private readonly pairs: readonly PtyPair[],
    private readonly psk: PskCredential | undefined,
  ) {}

  /** Opens every board (PTY pairs need socat: a LabError when it is missing). */
  static async open(options: BoardPoolOptions): Promise<BoardPool> {
    const boards: PoolBoard[] = [];
    const pairs: PtyPair[] = [];
    try {
      for (let index = 0; index < options.boards; index++) boards.push(await openBoard(index, options, pairs));
    } catch (error) {
      await closeAll(boards, pairs);
      throw error;
    }
    return new BoardPool(boards, pairs, options.psk);
  }

  /** Runs the scenarios over the boards in parallel and merges their results (written to outDir/results.json). */
  async run(options: PoolRunOptions): Promise<PoolRun> {
    const started = wallNow();
    const shares = partitionLongestFirst(options.scenarios, this.boards.length, options.estimateMs ?? (() => DEFAULT_ESTIMATE_MS));
    const runId = options.runId ?? `board-pool-${new Date(started).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${options.seed}`;
    const boardRuns = await Promise.all(
      this.boards.map(async (board, i): Promise<BoardRun | undefined> => {
        const share = shares[i] ?? [];
        if (share.length === 0) return undefined;
        const boardStarted = wallNow();
        const results = await runConformance({
          scenarios: share,
          device: board.device,
          clock: 'real',
          seed: options.seed,
          selection: {},
          outDir: join(options.outDir, `board-${board.index}`),
          version: options.version,
          runId: `${runId}-board-${board.index}`,
          createWorld: (seed) =>
            createRealWorld({
              seed,
              bind: { host: LOOPBACK, port: board.ports.server },
              bootstrapPort: board.ports.bootstrap,
              ...(this.psk ? { psk: this.psk, linkTo: 'secure' as const } : {}),
              ...(board.ports.link !== undefined ? { link: { host: LOOPBACK, port: board.ports.link } } : {}),
            }),
          ...(options.healthCheck === false ? {} : { healthCheck: board.device.healthCheck() }),
          ...(options.onProgress ? { onProgress: (event: ProgressEvent) => options.onProgress?.(board.index, event) } : {}),
        });
        return { board: board.index, scenarios: share.map((s) => s.id), results, wallMs: wallNow() - boardStarted };
      }),
    );
    const ran = boardRuns.filter((r): r is BoardRun => r !== undefined);
    const merged = mergeResults(ran.map((r) => r.results));
    await writeResultsAtomically(options.outDir, merged);
    return { merged, boards: ran, wallMs: wallNow() - started };
  }

  async close(): Promise<void> {
    await closeAll(this.boards, this.pairs);
  }
}

async function openBoard(index: number, options: BoardPoolOptions, pairs: PtyPair[]): Promise<PoolBoard> {
  const consolePair = await openPtyPair();
  pairs.push(consolePair);
  const relayPair = await openPtyPair();
  pairs.push(relayPair);
  const [server, bootstrap, link] = await freeUdpPorts(options.link ? 3 : 2);
  const ports = { server: server as number, bootstrap: bootstrap as number, ...(link !== undefined ? { link } : {}) };
  const endpoint = options.endpoint ?? 'board-sim-1';
  // A DTLS board's firmware has the coaps server built in: the proxy when there is one, else the server's port + 1.
  const serverUri = options.psk ? `coaps://${LOOPBACK}:${ports.link ?? ports.server + SECURE_PORT_OFFSET}` : `coap://${LOOPBACK}:${ports.link ?? ports.server}`;
  const simulator = new BoardSimulator({
    consolePort: consolePair.board,
    relayPort: relayPair.board,
    serverUri,
    endpoint,
    seed: index + 1,
    ...(options.lifetime !== undefined ? { lifetime: options.lifetime } : {}),
    ...(options.psk ? { psk: options.psk } : {}),
    ...options.board?.(index),
  });
  await simulator.open();
  const dir = join(options.dir, `board-${index}`);
  await mkdir(dir, { recursive: true });
  const profileFile = join(dir, 'board-sim.yaml');
  const psk = options.psk ? { psk: { identity: options.psk.identity, keyHex: options.psk.key.toString('hex') } } : {};
  await writeFile(profileFile, boardSimProfile({ ...options.profile, ...psk, consolePort: consolePair.harness, relayPort: relayPair.harness, serverUri, endpoint }));
  const loaded = await loadProfile(profileFile);
  const credentials = await resolvePsk(loaded.profile.security);
  const device = new SerialDevice({ loaded, powerOffMs: options.powerOffMs ?? 100, ...(credentials ? { psk: credentials } : {}) });
  return { index, simulator, device, ports, profileFile };
}

async function closeAll(boards: readonly PoolBoard[], pairs: readonly PtyPair[]): Promise<void> {
  for (const board of boards) {
    await board.device.stop().catch(() => undefined);
    await board.simulator.close().catch(() => undefined);
  }
  for (const pair of pairs) await pair.close().catch(() => undefined);
}

/** Ports free right now on the loopback (held together, so they differ; a tiny race with other programs remains). */
async function freeUdpPorts(count: number): Promise<number[]> {
  const probes = await Promise.all(Array.from({ length: count }, () => UdpTransport.open({ address: LOOPBACK, port: 0 })));
  const ports = probes.map((p) => p.local.port);
  await Promise.all(probes.map((p) => p.close()));
  return ports;
}
