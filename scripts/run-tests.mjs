#!/usr/bin/env node
// Runs every *.test.ts under the project's source folders with node's test runner through tsx.
// Node 20's --test does not expand globs or find .ts files itself, so the list is built here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['harness', 'devices', 'suites', 'fixtures', 'reports', 'bench', 'scripts'];
const filter = process.argv.slice(2);

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

let files = roots.flatMap((root) => walk(root, [])).sort();
if (filter.length > 0) files = files.filter((f) => filter.some((pattern) => f.includes(pattern)));
if (files.length === 0) {
  console.error('run-tests: no test files found' + (filter.length ? ` matching ${filter.join(', ')}` : ''));
  process.exit(1);
}
// The timeout is per file as well as per test: the board-simulator suite runs the whole conformance suite twice
// on the real clock (plain and DTLS boards, ~3 min each, one after the other so that two pools never compete).
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
