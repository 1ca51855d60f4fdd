/**
 * What the profile-driven real devices (process, serial) have in common: who they are (name, endpoint,
 * capabilities, tolerances and PSK, all from the profile), the log of lab events, and a power cycle as
 * stop-then-start. Each kind brings its own start, stop, stimuli and console.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type {
  DeviceCapabilities,
  DeviceEnvironment,
  DeviceUnderTest,
  PskCredential,
  Stimulus,
  StimulusResult,
  TimingTolerances,
} from '../../harness/engine/device.ts';
import type { LabEvent } from '../../harness/engine/evidence.ts';
import { InputError } from '../../harness/errors.ts';
import { profileCapabilities, profileTolerances } from '../profile/engine-view.ts';
import type { LoadedProfile } from '../profile/load.ts';
import type { DeviceProfile } from '../profile/schema.ts';
import type { PskCredentials } from '../profile/secrets.ts';

/** A firmware package as the firmware scenarios take it: the version it installs and its bytes. */
export interface ProfileFirmwarePackage {
  name: string;
  version: string;
  content: Buffer;
}

/** The profile kinds whose device is configured by a section of the same name (process:, serial:). */
type SectionKind = 'process' | 'serial';

export abstract class ProfileDevice<K extends SectionKind> implements DeviceUnderTest {
  readonly kind: K;
  readonly name: string;
  readonly endpoint: string;
  readonly capabilities: DeviceCapabilities;
  readonly tolerances: TimingTolerances;
  readonly psk?: PskCredential;
  /** A built-in coaps:// server URI (server.mode fixed): the firmware speaks DTLS only, so every scenario runs on the secure servers. */
  readonly dtlsOnly: boolean;
  protected readonly profile: DeviceProfile;
  /** The profile's section for this kind. */
  protected readonly config: NonNullable<DeviceProfile[K]>;
  /** The environment of the last start, kept for a power cycle and for lab event times. */
  protected env: DeviceEnvironment | undefined;
  protected readonly labEvents: LabEvent[] = [];
  /** The profile file's folder: relative paths in the profile are relative to it. */
  private readonly profileDir: string;

  constructor(loaded: LoadedProfile, kind: K, psk: PskCredentials | undefined) {
    const profile = loaded.profile;
    const config = profile[kind];
    if (profile.kind !== kind || config === undefined) {
      throw new InputError(`${loaded.file}: profile '${profile.name}' is of kind ${profile.kind}, not ${kind}`, { file: loaded.file });
    }
    this.kind = kind;
    this.profileDir = loaded.dir;
    this.profile = profile;
    this.config = config;
    this.name = profile.name;
    this.endpoint = profile.endpoint;
    this.capabilities = profileCapabilities(profile);
    this.tolerances = profileTolerances(profile);
    if (psk) this.psk = { identity: psk.identity.toString('utf8'), key: psk.key };
    this.dtlsOnly = profile.server.mode === 'fixed' && /^coaps:\/\//i.test(profile.server.uri);
  }

  abstract start(env: DeviceEnvironment): Promise<void>;
  abstract stop(): Promise<void>;
  abstract stimulus(stimulus: Stimulus): Promise<StimulusResult>;
  abstract takeConsoleLines(): string[];

  async powerCycle(): Promise<void> {
    const env = this.env;
    if (!env) throw new InputError('power cycle before the device was ever started', { device: this.name });
    await this.stop();
    await this.start(env);
  }

  /**
   * The profile's firmware packages (firmware.packages, files relative to the profile) for the firmware
   * scenarios, which look for this method (suites/firmware/helpers/packages.ts). Empty when the profile has none;
   * an unreadable file is an InputError naming it.
   */
  async firmwarePackages(): Promise<ProfileFirmwarePackage[]> {
    const packages = this.profile.firmware?.packages ?? [];
    return Promise.all(
      packages.map(async (p) => {
        const file = resolve(this.profileDir, p.file);
        const content = await readFile(file).catch((error: unknown) => {
          throw new InputError(`firmware package '${p.name}': cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
        });
        return { name: p.name, version: p.version, content };
      }),
    );
  }

  takeLabEvents(): LabEvent[] {
    return this.labEvents.splice(0);
  }

  protected lab(event: string, detail?: string): void {
    const time = this.env?.clock.now() ?? Date.now();
    this.labEvents.push(detail === undefined ? { time, event } : { time, event, detail });
  }
}
