/**
 * The device profile of the simulated board (kind serial, LCUS power), for given PTY paths and the server
 * URI built into its firmware. devices/profiles/board-sim.yaml is the same profile as a file.
 */
export interface BoardSimProfileOptions {
  consolePort: string;
  relayPort: string;
  serverUri: string;
  endpoint: string;
  bootTimeoutMs?: number;
  /** serial.bootAttempts (absent: the harness's default). */
  bootAttempts?: number;
  /** tolerances.bootMs: power-on until Register (default 10 s). */
  bootMs?: number;
  /** Features declared beside the defaults below (e.g. `firmware-pull: false` where the lab cannot serve a package). */
  features?: Readonly<Record<string, boolean>>;
  /** firmware.packages: files in the board's own package format, with the version each installs. */
  firmwarePackages?: ReadonlyArray<{ name: string; file: string; version: string }>;
  /** The PSK provisioned in the board (security mode psk, the key inline as hex: a test key, not a secret). */
  psk?: { identity: string; keyHex: string };
}

/** What the simulated board's firmware has: the emulated client without bootstrap, SMS, DTLS or a second server. */
export const BOARD_SIM_FEATURES: Readonly<Record<string, boolean>> = { bootstrap: false, sms: false, 'dtls-psk': false, 'multi-server': false };

export function boardSimProfile(o: BoardSimProfileOptions): string {
  const features = { ...BOARD_SIM_FEATURES, ...(o.psk ? { 'dtls-psk': true } : {}), ...o.features };
  const firmware =
    o.firmwarePackages && o.firmwarePackages.length > 0
      ? `firmware:\n  packages:\n${o.firmwarePackages.map((p) => `    - { name: ${JSON.stringify(p.name)}, file: ${JSON.stringify(p.file)}, version: ${JSON.stringify(p.version)} }`).join('\n')}\n`
      : '';
  const security = o.psk ? `security: { mode: psk, identity: ${JSON.stringify(o.psk.identity)}, key: ${JSON.stringify(o.psk.keyHex)} }\n` : '';
  return `name: board-sim
kind: serial
endpoint: ${o.endpoint}
${security}server:
  mode: fixed
  uri: ${JSON.stringify(o.serverUri)}
serial:
  port: ${JSON.stringify(o.consolePort)}
  baud: 115200
  prompt: 'uart:~\\$ '
  readyPattern: '\\*\\*\\* Booting Zephyr OS'
  lineEnding: crlf
  bootTimeoutMs: ${o.bootTimeoutMs ?? 5000}
${o.bootAttempts !== undefined ? `  bootAttempts: ${o.bootAttempts}\n` : ''}power:
  type: lcus
  port: ${JSON.stringify(o.relayPort)}
  channel: 1
stimuli:
  set-value: { command: "lwm2m set {path} {value}", expect: 'ok /', fail: ['error:'] }
  registration-update: { command: "lwm2m update", expect: 'Registration update requested', fail: ['error:'] }
  raise-error: { command: "lwm2m error {code}", expect: 'ok error', fail: ['error:'] }
  reboot: { command: "kernel reboot cold", expect: '\\*\\*\\* Booting Zephyr OS', timeoutMs: 10000 }
capabilities:
  objects: [0, 1, 2, 3, 4, 5, 6, 7, 3303, 3311]
  bindings: [U, UQ]
  contentFormats: [0, 42, 11542, 11543, 110, 112]
  features: { ${Object.entries(features).map(([k, v]) => `${k}: ${v}`).join(', ')} }
tolerances: { notifyMs: 1000, lifetimeMs: 2000, disableMs: 2000, bootMs: ${o.bootMs ?? 10000} }
${firmware}`;
}
