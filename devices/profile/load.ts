import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { profileSchema } from './schema.ts';
import type { DeviceProfile } from './schema.ts';
import { ProfileError } from './profile-error.ts';
import type { ProfileIssue } from './profile-error.ts';
import { locate, locateKey } from './yaml-locate.ts';
import type { PathSegment } from './yaml-locate.ts';

export interface LoadedProfile {
  /** The file as the caller named it (used in messages). */
  file: string;
  /** Absolute folder of the file: relative paths in the profile were resolved against it; lab commands run here. */
  dir: string;
  profile: DeviceProfile;
}

/** Reads, parses and validates a profile; every problem is a ProfileError naming file, line and field. */
export async function loadProfile(file: string): Promise<LoadedProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ProfileError(file, [{ file, line: 0, column: 0, field: '', message: `cannot read the profile: ${why}` }]);
  }
  return parseProfile(text, file, dirname(resolve(file)));
}

/** Parses profile text; `file` names it in messages, `dir` is where relative paths point (default: the file's folder). */
export function parseProfile(text: string, file: string, dir: string = dirname(resolve(file))): LoadedProfile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    // Only the first line of the parser's message: later lines quote the source, which may hold a key.
    const what = syntax.message.split('\n')[0] ?? syntax.code;
    throw new ProfileError(file, [{ file, line: pos.line, column: pos.col, field: '', message: `YAML syntax error: ${what}` }]);
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ProfileError(file, [{ file, line: 1, column: 1, field: '', message: 'expected a mapping of profile fields (name, kind, endpoint, ...)' }]);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) throw new ProfileError(file, issuesOf(parsed.error.issues, doc, lineCounter, data, file));
  return { file, dir, profile: resolvePaths(parsed.data, dir) };
}

const MAX_ISSUES = 20;

function issuesOf(zodIssues: readonly z.core.$ZodIssue[], doc: Document, lineCounter: LineCounter, data: unknown, file: string): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  for (const issue of zodIssues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = locateKey(doc, lineCounter, path, key);
        issues.push({ file, line: at.line, column: at.column, field: fieldName([...path, key]), message: 'unknown key' });
      }
      continue;
    }
    const at = locate(doc, lineCounter, path);
    issues.push({ file, line: at.line, column: at.column, field: fieldName(path), message: describe(issue, valueAt(data, path), path) });
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return issues.slice(0, MAX_ISSUES);
}

function describe(issue: z.core.$ZodIssue, value: unknown, path: readonly PathSegment[]): string {
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    return `missing; ${issue.message}`;
  }
  if (value === undefined || issue.code === 'custom' && typeof value === 'object') return issue.message;
  return `${issue.message}, got ${render(value, path)}`;
}

/** A value for an error message: short, and never a secret. */
function render(value: unknown, path: readonly PathSegment[]): string {
  if (isSecretField(path)) return '<redacted>';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** Fields whose values must never appear in messages or logs. */
export function isSecretField(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  return path[0] === 'security' && (last === 'key' || last === 'keyHex');
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

function fieldName(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

/** Makes the profile's relative file paths absolute against its folder, so it works from any cwd. */
function resolvePaths(profile: DeviceProfile, dir: string): DeviceProfile {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(dir, p));
  const out = structuredClone(profile);
  if (out.security.mode === 'psk' && out.security.keyFile !== undefined) out.security.keyFile = abs(out.security.keyFile);
  if (out.process !== undefined) {
    out.process.cwd = abs(out.process.cwd ?? '.');
    const program = out.process.argv[0];
    // Only explicit relative programs ("./client"); bare names are looked up on PATH as a shell would.
    if (program !== undefined && /^\.\.?[\\/]/.test(program)) out.process.argv[0] = abs(program);
  }
  if (out.flash !== undefined) out.flash.image = abs(out.flash.image);
  if (out.firmware !== undefined) for (const pkg of out.firmware.packages) pkg.file = abs(pkg.file);
  return out;
}
