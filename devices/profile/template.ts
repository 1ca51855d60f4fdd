import { InputError } from '../../harness/errors.ts';

/**
 * Placeholders in profile templates: `{name}` is replaced by a value the harness knows at run time
 * (`{server.uri}`, `{path}`, `{firmware}`...). `{{` and `}}` stand for literal braces. A name the template's
 * context does not define is an error, so a typo in a profile is caught when it is loaded, not at 3 a.m.
 */
const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z][\w.]*)\}/g;

/** The placeholders a process argv may use (DESIGN §4 "Device profile kinds"). */
export const PROCESS_PLACEHOLDERS = [
  'endpoint',
  'server.host',
  'server.port',
  'server.uri',
  'bootstrap.uri',
  'psk.identity',
  'psk.keyHex',
  'localPort',
] as const;

/** Placeholders each stimulus command may use. */
export const STIMULUS_PLACEHOLDERS = {
  'set-value': ['path', 'value'],
  'registration-update': [],
  'raise-error': ['code'],
  reboot: [],
} as const;

export const FLASH_PLACEHOLDERS = ['firmware'] as const;
/** The external power command's cycle template may use the off time. */
export const POWER_COMMAND_PLACEHOLDERS = ['offMs', 'offSeconds'] as const;
/** The fixed server URI may name the harness's own addresses. */
export const SERVER_URI_PLACEHOLDERS = ['server.host', 'server.port', 'server.uri', 'bootstrap.uri'] as const;

/** The placeholder names a template uses, in order of appearance (duplicates kept once). */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Names a template uses that are not in `allowed`. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  return placeholdersOf(template).filter((name) => !allowed.includes(name));
}

/** Replaces every placeholder; a missing value is an InputError naming the placeholder and the template's role. */
export function expandTemplate(template: string, values: Readonly<Record<string, string | number | undefined>>, where = 'template'): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole === '{{' ? '{' : '}';
    const value = values[name];
    if (value === undefined) {
      throw new InputError(`${where}: no value for placeholder {${name}}`, { field: where, placeholder: name });
    }
    return String(value);
  });
}

/** Expands each element of an argv template. */
export function expandArgv(argv: readonly string[], values: Readonly<Record<string, string | number | undefined>>, where = 'argv'): string[] {
  return argv.map((arg, i) => expandTemplate(arg, values, `${where}[${i}]`));
}
