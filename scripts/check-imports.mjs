#!/usr/bin/env node
// Enforces DESIGN §2's import direction: nothing in harness/ imports from suites/ or devices/,
// and reports/ reads the result model only (no harness/coap, net, dtls or devices).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rules = [
  { from: 'harness/', forbidden: ['suites/', 'devices/'] },
  { from: 'reports/', forbidden: ['devices/', 'suites/', 'harness/coap/', 'harness/net/', 'harness/dtls/'] },
];

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const problems = [];
for (const file of walk(join(root, 'harness'), []).concat(walk(join(root, 'reports'), []))) {
  const rel = relative(root, file);
  const rule = rules.find((r) => rel.startsWith(r.from));
  if (!rule) continue;
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
    const target = relative(root, resolve(dirname(file), match[1]));
    const bad = rule.forbidden.find((prefix) => target.startsWith(prefix));
    if (bad) problems.push(`${rel}: imports ${target} (${rule.from} must not import from ${bad})`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('imports: direction rules hold');
