import type { Clock } from '../../../harness/clock/clock.ts';
import type { TimerHandle } from '../../../harness/clock/clock.ts';
import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import { ObjectInstance } from './object-instance.ts';

export const FIRMWARE_UPDATE_OBJECT = 5;

export const FirmwareState = { IDLE: 0, DOWNLOADING: 1, DOWNLOADED: 2, UPDATING: 3 } as const;

export const UpdateResult = {
  INITIAL: 0,
  SUCCESS: 1,
  NOT_ENOUGH_FLASH: 2,
  OUT_OF_RAM: 3,
  CONNECTION_LOST: 4,
  INTEGRITY_FAILURE: 5,
  UNSUPPORTED_PACKAGE: 6,
  INVALID_URI: 7,
  UPDATE_FAILED: 8,
  UNSUPPORTED_PROTOCOL: 9,
} as const;

export const FirmwareResource = { PACKAGE: 0, PACKAGE_URI: 1, UPDATE: 2, STATE: 3, UPDATE_RESULT: 5 } as const;

/** The emulated board's package format: a first line `EMUFW1 <version>`, then anything. */
export const PACKAGE_MAGIC = 'EMUFW1 ';

export function emulatedPackage(version: string, body = ''): Buffer {
  return Buffer.from(`${PACKAGE_MAGIC}${version}\n${body}`);
}

export function packageVersion(pkg: Buffer): string | undefined {
  const head = pkg.subarray(0, 80).toString('latin1');
  if (!head.startsWith(PACKAGE_MAGIC)) return undefined;
  const version = head.slice(PACKAGE_MAGIC.length).split('\n')[0]?.trim();
  return version ? version : undefined;
}

export interface FirmwareDeps {
  clock: Clock;
  /** Fetches a package for the pull method (coap:// URIs); rejects when it cannot. */
  download(uri: string): Promise<Buffer>;
  /** Installs the new version: the device sets /3/0/3 and restarts. */
  install(version: string): void;
  /** How long "Updating" lasts before the device restarts, in ms. */
  updatingMs?: number;
  /** Fault hooks: refuse coap:// pulls with result 9; report no result after an integrity failure. */
  refusePull?: boolean;
  silentIntegrityFailure?: boolean;
}

/**
 * Object 5 Firmware Update (LwM2M 1.0 state machine): push (Write /5/0/0) or pull (Write /5/0/1) leads to
 * Downloaded; Exec /5/0/2 leads to Updating, then the device installs, restarts and reports Update Result 1.
 * A package that is not in the emulated format ends in Idle with Update Result 5 (integrity check failure).
 */
export class FirmwareUpdate {
  readonly instance: ObjectInstance;
  private pkg: Buffer | undefined;
  private timer: TimerHandle | undefined;

  constructor(private readonly deps: FirmwareDeps) {
    this.instance = new ObjectInstance(FIRMWARE_UPDATE_OBJECT, 0)
      .value(FirmwareResource.PACKAGE, Buffer.alloc(0), (v) => this.pushed(v))
      .value(FirmwareResource.PACKAGE_URI, '', (v) => this.pullFrom(typeof v === 'string' ? v : ''))
      .executable(FirmwareResource.UPDATE, () => this.update())
      .value(FirmwareResource.STATE, FirmwareState.IDLE)
      .value(FirmwareResource.UPDATE_RESULT, UpdateResult.INITIAL)
      .value(6, '')
      .value(7, '')
      .value(8, new Map<number, ResourceValue>([[0, 0]]))
      .value(9, 2);
  }

  get state(): number {
    return Number(this.instance.read(FirmwareResource.STATE));
  }

  get result(): number {
    return Number(this.instance.read(FirmwareResource.UPDATE_RESULT));
  }

  /** True when Exec Update is allowed (state Downloaded). */
  canUpdate(): boolean {
    return this.state === FirmwareState.DOWNLOADED;
  }

  cancelTimers(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private pushed(content: unknown): void {
    const pkg = Buffer.isBuffer(content) ? content : Buffer.alloc(0);
    if (pkg.length === 0) return this.reset();
    this.set(FirmwareState.DOWNLOADING, UpdateResult.INITIAL);
    this.accept(pkg);
  }

  private pullFrom(uri: string): void {
    if (uri === '') return this.reset();
    if (!/^coaps?:\/\//.test(uri) || this.deps.refusePull) return this.set(FirmwareState.IDLE, UpdateResult.UNSUPPORTED_PROTOCOL);
    this.set(FirmwareState.DOWNLOADING, UpdateResult.INITIAL);
    this.deps.download(uri).then(
      (pkg) => this.accept(pkg),
      () => this.set(FirmwareState.IDLE, UpdateResult.INVALID_URI),
    );
  }

  private accept(pkg: Buffer): void {
    const version = packageVersion(pkg);
    if (version === undefined) return this.set(FirmwareState.IDLE, this.deps.silentIntegrityFailure ? UpdateResult.INITIAL : UpdateResult.INTEGRITY_FAILURE);
    this.pkg = pkg;
    this.instance.update(6, 'emulated-firmware');
    this.instance.update(7, version);
    this.set(FirmwareState.DOWNLOADED, UpdateResult.INITIAL);
  }

  private update(): void {
    const version = this.pkg ? packageVersion(this.pkg) : undefined;
    if (this.state !== FirmwareState.DOWNLOADED || version === undefined) return;
    this.set(FirmwareState.UPDATING, UpdateResult.INITIAL);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.pkg = undefined;
      this.set(FirmwareState.IDLE, UpdateResult.SUCCESS);
      this.deps.install(version);
    }, this.deps.updatingMs ?? 2000);
  }

  private reset(): void {
    this.pkg = undefined;
    this.cancelTimers();
    this.set(FirmwareState.IDLE, UpdateResult.INITIAL);
  }

  private set(state: number, result: number): void {
    this.instance.update(FirmwareResource.STATE, state);
    this.instance.update(FirmwareResource.UPDATE_RESULT, result);
  }
}
