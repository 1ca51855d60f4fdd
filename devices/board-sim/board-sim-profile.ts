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
}

export function boardSimProfile(o: BoardSimProfileOptions): string {
  return `name: board-sim
kind: serial
endpoint: ${o.endpoint}
server:
  mode: fixed
  uri: ${JSON.stringify(o.serverUri)}
serial:
  port: ${JSON.stringify(o.consolePort)}
  baud: 115200
  prompt: 'uart:~\\$ '
  readyPattern: '\\*\\*\\* Booting Zephyr OS'
  lineEnding: crlf
  bootTimeoutMs: ${o.bootTimeoutMs ?? 5000}
power:
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
  features: { bootstrap: false, sms: false, dtls-psk: false, multi-server: false }
tolerances: { notifyMs: 1000, lifetimeMs: 2000, disableMs: 2000, bootMs: 10000 }
`;
}
