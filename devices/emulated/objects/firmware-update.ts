import type { Clock } from '../../../harness/clock/clock.ts';
import type { TimerHandle } from '../../../harness/clock/clock.ts';
import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import { ObjectInstance } from './object-instance.ts';
import { checkPackage, DEFAULT_PACKAGE_LIMITS, packageVersion, type PackageLimits } from './firmware-package.ts';
import { checkPackageUri, DownloadError, type PackageLocation } from './package-uri.ts';

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

export { PACKAGE_MAGIC, emulatedPackage, packageVersion } from './firmware-package.ts';

export interface FirmwareDeps {
  clock: Clock;
  /** Fetches a package for the pull method (CoAP GET, Block2 when large); rejects with a DownloadError. */
  download(location: PackageLocation): Promise<Buffer>;
  /** Installs the new version: the device sets /3/0/3 and restarts. */
  install(version: string): void;
  /** How long "Updating" lasts before the device restarts, in ms. */
  updatingMs?: number;
  /** Fault hooks: refuse coap:// pulls with result 9; report no result after an integrity failure. */
  refusePull?: boolean;
  silentIntegrityFailure?: boolean;
  /** Flash and RAM the board has for a new package (default DEFAULT_PACKAGE_LIMITS). */
  limits?: PackageLimits;
}

/**
 * Object 5 Firmware Update (LwM2M 1.0 state machine): push (Write /5/0/0) or pull (Write /5/0/1) leads to
 * Downloading, then Downloaded; Exec /5/0/2 leads to Updating, then the device installs, restarts and reports
 * Update Result 1. A delivery that fails ends in Idle with the reason as Update Result (2 flash, 3 RAM,
 * 4 connection lost, 5 integrity, 6 package type, 7 invalid URI, 9 protocol): see firmware-package.ts and
 * package-uri.ts for what the board checks.
 */
export class FirmwareUpdate {
  readonly instance: ObjectInstance;
  private pkg: Buffer | undefined;
  private timer: TimerHandle | undefined;
  /** Counts deliveries, so a download that ends after a reset or a newer delivery changes nothing. */
  private attempt = 0;

  constructor(private readonly deps: FirmwareDeps) {
    this.instance = new ObjectInstance(FIRMWARE_UPDATE_OBJECT, 0)
      .value(FirmwareResource.PACKAGE, Buffer.alloc(0), (v) => this.pushed(v))
      .value(FirmwareResource.PACKAGE_URI, '', (v) => this.pullFrom(typeof v === 'string' ? v : ''))
      .executable(FirmwareResource.UPDATE, () => this.update(), () => this.canUpdate())
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
    this.attempt++;
    this.pkg = undefined;
    // The whole package arrived with the Write (node-coap reassembles Block1): Downloading, then the checks.
    this.set(FirmwareState.DOWNLOADING, UpdateResult.INITIAL);
    this.accept(pkg);
  }

  /**
   * Pull: the Write starts the delivery (Downloading); a URI the board cannot use ends it at once (7 or 9),
   * otherwise it fetches the package and checks it like a pushed one. A failed fetch: 7 when the package
   * server refused (4.xx), 4 (connection lost) when it went silent, answered 5.xx, or the board is offline.
   */
  private pullFrom(uri: string): void {
    if (uri === '') return this.reset();
    const attempt = ++this.attempt;
    this.pkg = undefined;
    this.set(FirmwareState.DOWNLOADING, UpdateResult.INITIAL);
    const checked = checkPackageUri(uri);
    if (!checked.ok) return this.set(FirmwareState.IDLE, checked.result);
    if (this.deps.refusePull) return this.set(FirmwareState.IDLE, UpdateResult.UNSUPPORTED_PROTOCOL);
    this.deps.download(checked.location).then(
      (pkg) => {
        if (attempt === this.attempt) this.accept(pkg);
      },
      (err: unknown) => {
        if (attempt !== this.attempt) return;
        const refused = err instanceof DownloadError && err.failure === 'refused' && /^4\./.test(String(err.context.code));
        this.set(FirmwareState.IDLE, refused ? UpdateResult.INVALID_URI : UpdateResult.CONNECTION_LOST);
      },
    );
  }

  /** The board's checks on a complete package: Downloaded, or Idle with the reason as Update Result. */
  private accept(pkg: Buffer): void {
    const checked = checkPackage(pkg, this.deps.limits ?? DEFAULT_PACKAGE_LIMITS);
    if (!checked.ok) {
      const silent = checked.result === UpdateResult.INTEGRITY_FAILURE && this.deps.silentIntegrityFailure;
      return this.set(FirmwareState.IDLE, silent ? UpdateResult.INITIAL : checked.result);
    }
    this.pkg = pkg;
    this.instance.update(6, 'emulated-firmware');
    this.instance.update(7, checked.version);
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
    this.attempt++;
    this.pkg = undefined;
    this.cancelTimers();
    this.set(FirmwareState.IDLE, UpdateResult.INITIAL);
  }

  private set(state: number, result: number): void {
    this.instance.update(FirmwareResource.STATE, state);
    this.instance.update(FirmwareResource.UPDATE_RESULT, result);
  }
}
