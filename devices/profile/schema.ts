import { z } from 'zod';
import type { DeviceFeature } from '../../harness/engine/device.ts';
import { isValidPattern } from './pattern.ts';
import { parseControlSequence } from '../serial/power/dtr-rts-sequence.ts';
import {
  FLASH_PLACEHOLDERS,
  POWER_COMMAND_PLACEHOLDERS,
  PROCESS_PLACEHOLDERS,
  SERVER_URI_PLACEHOLDERS,
  STIMULUS_PLACEHOLDERS,
  unknownPlaceholders,
} from './template.ts';

/*
 * The device profile (DESIGN §3.8): how to reach and control one device under test. Every object is strict
 * (an unknown key is an error: a misspelt `bootTimeotMs` must not silently fall back to a default). Error
 * texts are written as "expected ..." because load.ts prefixes them with file:line:field and appends what
 * the file actually holds ("got ...").
 */

const nonEmpty = (what: string) => z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}, not an empty string` });

const intRange = (min: number, max: number, what = 'a number') =>
  z
    .number({ error: `expected ${what} ${min}..${max}` })
    .int({ error: `expected ${what} ${min}..${max}` })
    .min(min, { error: `expected ${what} ${min}..${max}` })
    .max(max, { error: `expected ${what} ${min}..${max}` });

const milliseconds = (what = 'a number of milliseconds >= 0') =>
  z.number({ error: `expected ${what}` }).int({ error: `expected ${what}` }).min(0, { error: `expected ${what}` });

/** A regular expression written as a plain string (no slashes; a leading `(?i)` ignores case). */
const regexString = z.string({ error: 'expected a regular expression (as a string)' }).refine(isValidPattern, { error: 'expected a valid regular expression' });

const hexString = (what: string) =>
  z
    .string({
      // YAML reads unquoted all-digit hex (0011) as a number, losing leading zeros: say so.
      error: (issue) => (typeof issue.input === 'number' ? `expected ${what} as hex digits in quotes (YAML read it as a number)` : `expected ${what} as hex digits`),
    })
    .regex(/^(?:[0-9a-fA-F]{2})+$/, { error: `expected ${what} as an even number of hex digits` });

/** A template with `{placeholders}` restricted to `allowed`. */
const template = (allowed: readonly string[], what = 'a command template') => withPlaceholders(nonEmpty(what), allowed);

/** An argv list: the program must be named, later arguments may be empty strings. */
const argvTemplate = (allowed: readonly string[], what: string) =>
  z
    .array(withPlaceholders(z.string({ error: 'expected an argument (a string)' }), allowed), { error: `expected ${what}` })
    .min(1, { error: 'expected at least the program name' })
    .refine((argv) => argv[0] !== '', { error: 'expected the program name first, not an empty string' });

function withPlaceholders(schema: z.ZodString, allowed: readonly string[]) {
  return schema.superRefine((value, ctx) => {
    const unknown = unknownPlaceholders(value, allowed);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((n) => `{${n}}`).join(', ')} (allowed: ${allowed.length > 0 ? allowed.map((n) => `{${n}}`).join(', ') : 'none'})`,
      });
    }
  });
}

/** A lab command: one shell string, or an argv list run without a shell. */
const command = (allowed: readonly string[]) => z.union([template(allowed), argvTemplate(allowed, 'a list [program, arg, ...]')], {
  error: 'expected a command: a string for the shell, or a list [program, arg, ...]',
});

export const PROFILE_KINDS = ['emulated', 'process', 'serial', 'container'] as const;
export const BINDINGS = ['U', 'UQ', 'S', 'US', 'UQS'] as const;
export const DEVICE_FEATURES = [
  'firmware-push',
  'firmware-pull',
  'bootstrap',
  'factory-reset',
  'reboot',
  'queue-mode',
  'sms',
  'dtls-psk',
  'multi-server',
  'cellular',
  'location',
  'actuator',
] as const satisfies readonly DeviceFeature[];

// Compile-time check that the list above covers every DeviceFeature the engine knows.
type MissingFeature = Exclude<DeviceFeature, (typeof DEVICE_FEATURES)[number]>;
const _allFeaturesListed: MissingFeature extends never ? true : MissingFeature = true;
void _allFeaturesListed;

const nosecSchema = z.strictObject({ mode: z.literal('nosec') });

/** PSK: the key as hex in the file, or (better) in a file or an environment variable so it need not sit in the YAML. */
const pskSchema = z
  .strictObject({
    mode: z.literal('psk'),
    identity: nonEmpty('the PSK identity (text)').optional(),
    identityHex: hexString('the PSK identity').optional(),
    key: hexString('the PSK key').optional(),
    keyFile: nonEmpty('a path to a file holding the PSK key as hex').optional(),
    keyEnv: z
      .string({ error: 'expected the name of an environment variable' })
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable' })
      .optional(),
  })
  .superRefine((psk, ctx) => {
    const identities = [psk.identity, psk.identityHex].filter((v) => v !== undefined).length;
    if (identities !== 1) ctx.addIssue({ code: 'custom', message: 'expected exactly one of identity or identityHex' });
    const keys = [psk.key, psk.keyFile, psk.keyEnv].filter((v) => v !== undefined).length;
    if (keys !== 1) ctx.addIssue({ code: 'custom', message: 'expected exactly one of key, keyFile or keyEnv' });
  });

const securitySchema = z.discriminatedUnion('mode', [nosecSchema, pskSchema], { error: 'expected mode: nosec or psk' });

/**
 * How the device finds the server. `fixed`: the URI the device is configured with; a template such as
 * "coap://{server.host}:{server.port}" means the harness tells the device (argv, console), a literal URI means
 * the firmware has it built in and the harness must listen there. `bootstrap`: the device asks this bootstrap
 * server first.
 */
const serverSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('fixed'), uri: template(SERVER_URI_PLACEHOLDERS, 'a coap:// or coaps:// URI').default('{server.uri}') }),
    z.strictObject({ mode: z.literal('bootstrap'), uri: template(SERVER_URI_PLACEHOLDERS, 'a coap:// or coaps:// URI').default('{bootstrap.uri}') }),
  ],
  { error: 'expected mode: fixed or bootstrap' },
);

const processSchema = z.strictObject({
  argv: argvTemplate(PROCESS_PLACEHOLDERS, 'a list [program, arg, ...]'),
  cwd: nonEmpty('a folder').optional(),
  env: z.record(z.string(), z.string({ error: 'expected a string value' })).optional(),
  /** The UDP port the client binds, when its argv needs one ({localPort}); 0 = pick a free one. */
  localPort: intRange(0, 65535, 'a UDP port').optional(),
  /** A line on stdout that says the client is up (optional). */
  readyPattern: regexString.optional(),
});

const LINE_ENDINGS = ['lf', 'crlf', 'cr'] as const;

const serialSchema = z.strictObject({
  port: nonEmpty('a serial port path, e.g. /dev/ttyACM0'),
  baud: intRange(50, 4_000_000, 'a baud rate').default(115200),
  /** The shell prompt, e.g. "uart:~\\$ " for Zephyr. */
  prompt: regexString.optional(),
  /** A line printed once the firmware is up (after power on or reboot). */
  readyPattern: regexString.optional(),
  lineEnding: z.enum(LINE_ENDINGS, { error: 'expected lf, crlf or cr' }).default('crlf'),
  bootTimeoutMs: milliseconds().default(30_000),
  /** Power-ons before a board that does not come up counts as dead (a lab fault); default 3 (serial-device.ts). */
  bootAttempts: intRange(1, 20, 'a number of power-ons').optional(),
});

/** A DTR/RTS sequence in esptool notation, checked step by step at load time. */
const controlSequence = nonEmpty('a DTR/RTS sequence such as "D0|R1|W0.1|D1|R0"').superRefine((value, ctx) => {
  try {
    parseControlSequence(value, 'sequence');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^sequence: /, '') });
  }
});

const power = {
  lcus: z.strictObject({ type: z.literal('lcus'), port: nonEmpty('a serial port path'), channel: intRange(1, 8), baud: intRange(50, 4_000_000, 'a baud rate').default(9600) }),
  numato: z.strictObject({ type: z.literal('numato'), port: nonEmpty('a serial port path'), relay: intRange(0, 31, 'a relay index'), baud: intRange(50, 4_000_000, 'a baud rate').default(19200) }),
  command: z.strictObject({
    type: z.literal('command'),
    on: command([]),
    off: command([]),
    cycle: command(POWER_COMMAND_PLACEHOLDERS).optional(),
    timeoutMs: milliseconds().default(30_000),
  }),
  dtrRts: z.strictObject({
    type: z.literal('dtr-rts'),
    /** Defaults to the console's port (the usual USB-UART with reset lines). */
    port: nonEmpty('a serial port path').optional(),
    /** The reset sequence in esptool notation, e.g. "D0|R1|W0.1|D1|R0". */
    sequence: controlSequence,
    off: controlSequence.default('D0|R1'),
    on: controlSequence.default('D0|R0'),
  }),
  manual: z.strictObject({ type: z.literal('manual'), board: nonEmpty('a board label for the operator').optional() }),
  none: z.strictObject({ type: z.literal('none') }),
};

const powerSchema = z.discriminatedUnion('type', [power.lcus, power.numato, power.command, power.dtrRts, power.manual, power.none], {
  error: 'expected type: lcus, numato, command, dtr-rts, manual or none',
});

const flashSchema = z.strictObject({
  command: command(FLASH_PLACEHOLDERS),
  image: nonEmpty('a path to the firmware image'),
  timeoutMs: milliseconds().default(600_000),
});

const stimulusSchema = (kind: keyof typeof STIMULUS_PLACEHOLDERS) =>
  z.strictObject({
    command: template(STIMULUS_PLACEHOLDERS[kind], 'a console command template'),
    /** Output that shows the command worked. */
    expect: regexString.optional(),
    /** Output that shows it failed (fails fast). */
    fail: z.array(regexString).optional(),
    timeoutMs: milliseconds().default(5000),
  });

const stimuliSchema = z.strictObject({
  'set-value': stimulusSchema('set-value').optional(),
  'registration-update': stimulusSchema('registration-update').optional(),
  'raise-error': stimulusSchema('raise-error').optional(),
  reboot: stimulusSchema('reboot').optional(),
});

const featureShape = Object.fromEntries(DEVICE_FEATURES.map((f) => [f, z.boolean({ error: 'expected true or false' }).optional()])) as Record<
  DeviceFeature,
  z.ZodOptional<z.ZodBoolean>
>;

const capabilitiesSchema = z.strictObject({
  objects: z.array(intRange(0, 65535, 'an object id')).default([0, 1, 3]),
  bindings: z.array(z.enum(BINDINGS, { error: 'expected a binding: U, UQ, S, US or UQS' })).default(['U']),
  contentFormats: z.array(intRange(0, 65535, 'a Content-Format number')).default([0, 11542]),
  features: z.strictObject(featureShape).default({}),
});

const tolerancesSchema = z.strictObject({
  notifyMs: milliseconds().optional(),
  lifetimeMs: milliseconds().optional(),
  disableMs: milliseconds().optional(),
  bootMs: milliseconds().optional(),
});

const firmwareSchema = z.strictObject({
  packages: z
    .array(
      z.strictObject({
        name: nonEmpty('a package name'),
        file: nonEmpty('a path to the package file'),
        /** The version the device reports (/3/0/3 or /5/0/7) after installing this package. */
        version: nonEmpty('the version this package installs'),
      }),
    )
    .min(1, { error: 'expected at least one package' }),
});

export const profileSchema = z
  .strictObject({
    name: nonEmpty('a profile name'),
    kind: z.enum(PROFILE_KINDS, { error: 'expected kind: emulated, process, serial or container' }),
    endpoint: nonEmpty('the LwM2M endpoint client name'),
    security: securitySchema.default({ mode: 'nosec' }),
    server: serverSchema.default({ mode: 'fixed', uri: '{server.uri}' }),
    process: processSchema.optional(),
    serial: serialSchema.optional(),
    power: powerSchema.default({ type: 'none' }),
    flash: flashSchema.optional(),
    stimuli: stimuliSchema.default({}),
    capabilities: capabilitiesSchema.default({ objects: [0, 1, 3], bindings: ['U'], contentFormats: [0, 11542], features: {} }),
    tolerances: tolerancesSchema.default({}),
    firmware: firmwareSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'process' && p.process === undefined) ctx.addIssue({ code: 'custom', path: ['process'], message: 'expected a process section for kind: process' });
    if (p.kind === 'serial' && p.serial === undefined) ctx.addIssue({ code: 'custom', path: ['serial'], message: 'expected a serial section for kind: serial' });
    if (p.kind !== 'process' && p.process !== undefined) ctx.addIssue({ code: 'custom', path: ['process'], message: `expected no process section for kind: ${p.kind}` });
    if (p.kind === 'emulated' && p.serial !== undefined) ctx.addIssue({ code: 'custom', path: ['serial'], message: 'expected no serial section for kind: emulated' });
    if (p.server.mode === 'fixed' && /^coaps:\/\//i.test(p.server.uri) && p.security.mode !== 'psk') {
      ctx.addIssue({ code: 'custom', path: ['security'], message: 'expected mode: psk (the built-in server URI is coaps://, so the device speaks DTLS)' });
    }
    if (p.power.type === 'dtr-rts' && p.power.port === undefined && p.serial === undefined) {
      ctx.addIssue({ code: 'custom', path: ['power', 'port'], message: 'expected a port (there is no serial console to take it from)' });
    }
  });

export type DeviceProfile = z.output<typeof profileSchema>;
export type SecurityConfig = DeviceProfile['security'];
export type PskConfig = Extract<SecurityConfig, { mode: 'psk' }>;
export type ServerConfig = DeviceProfile['server'];
export type ProcessConfig = NonNullable<DeviceProfile['process']>;
export type SerialConfig = NonNullable<DeviceProfile['serial']>;
export type PowerConfig = DeviceProfile['power'];
export type FlashConfig = NonNullable<DeviceProfile['flash']>;
export type StimuliConfig = DeviceProfile['stimuli'];
export type StimulusConfig = NonNullable<StimuliConfig['set-value']>;
export type FirmwarePackage = NonNullable<DeviceProfile['firmware']>['packages'][number];
export type LineEnding = SerialConfig['lineEnding'];

/** The byte sequence of a profile's line ending name. */
export function lineEndingBytes(ending: LineEnding): string {
  return ending === 'lf' ? '\n' : ending === 'cr' ? '\r' : '\r\n';
}
