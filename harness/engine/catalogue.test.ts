import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CatalogueError,
  DEFAULT_ETS_FILE,
  DEFAULT_REQUIREMENTS_FILE,
  FFS_IDS,
  RELEASE_1_0_IDS,
  REQUIREMENT_IDS,
  REQUIREMENT_ID_FORMAT,
  UnknownIdError,
  canonicalRequirementId,
  etsCase,
  etsCases,
  etsId,
  findEtsCase,
  findRequirement,
  isRequirementId,
  loadEtsCatalogue,
  loadRequirementCatalogue,
  requirement,
  requirementCatalogue,
  requirements,
} from './catalogue.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const specDir = join(projectRoot, '..', 'shared', 'spec');
const RD_FILE = join(specDir, 'OMA-RD-LightweightM2M-V1_0-20170208-A.md');
const ETS_FILE = join(specDir, 'OMA-ETS-LightweightM2M-V1_0_1-20170830-D.md');

/** Whitespace collapsed, Markdown escapes, emphasis and HTML tags dropped, typographic dashes unified. */
function normalise(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

test('the catalogue holds exactly the 46 requirement ids of DESIGN §4, unique and well-formed', () => {
  const list = requirements();
  assert.equal(list.length, 46);
  const ids = list.map((r) => r.id);
  assert.equal(new Set(ids).size, 46);
  assert.deepEqual(ids, [...REQUIREMENT_IDS]);
  for (const id of ids) assert.match(id, REQUIREMENT_ID_FORMAT);
  assert.equal(ids[0], 'LightweightM2M-HLF-001');
  assert.equal(ids[39], 'LightweightM2M-HLF-040');
  assert.deepEqual(ids.slice(40), [
    'LightweightM2M-SEC-001', 'LightweightM2M-SEC-002', 'LightweightM2M-AT-001',
    'LightweightM2M-AZ-033', 'LightweightM2M-DI-001', 'LightweightM2M-CF-001',
  ]);
});

test('43 requirements are release 1.0; HLF-018, 029 and 038 are FFS', () => {
  assert.equal(RELEASE_1_0_IDS.length, 43);
  const release10 = requirements().filter((r) => r.release === '1.0').map((r) => r.id);
  assert.deepEqual(release10, [...RELEASE_1_0_IDS]);
  const ffs = requirements().filter((r) => r.release === 'FFS').map((r) => r.id);
  assert.deepEqual(ffs, ['LightweightM2M-HLF-018', 'LightweightM2M-HLF-029', 'LightweightM2M-HLF-038']);
  assert.deepEqual(ffs, [...FFS_IDS]);
});

test('every requirement has a title, text, group and interface; the file names its source', () => {
  const catalogue = requirementCatalogue();
  assert.equal(catalogue.source.document, 'OMA-RD-LightweightM2M-V1_0-20170208-A');
  assert.match(catalogue.source.notice, /Open Mobile Alliance/);
  for (const r of catalogue.requirements) {
    assert.ok(r.title.length > 0 && r.title.length <= 60, `${r.id}: title '${r.title}' should be a short name`);
    assert.match(r.text, /SHALL/, `${r.id}: text should be the normative statement`);
  }
  const groups = new Set(catalogue.requirements.map((r) => r.group));
  assert.deepEqual([...groups], ['High-Level Functional', 'Security', 'Authentication', 'Authorization', 'Data Integrity', 'Confidentiality']);
  assert.equal(requirement('LightweightM2M-AZ-033').group, 'Authorization');
  assert.equal(requirement('LightweightM2M-HLF-036').interface, 'Transport');
});

test('requirement lookups: exact ids, short forms, unknown ids', () => {
  assert.equal(requirement('LightweightM2M-HLF-001').title, 'Unique device identifier');
  assert.equal(findRequirement('LightweightM2M-HLF-041'), undefined);
  assert.throws(() => requirement('HLF-001'), UnknownIdError);
  assert.equal(isRequirementId('LightweightM2M-SEC-002'), true);
  assert.equal(isRequirementId('LightweightM2M-SEC-003'), false);
  assert.equal(canonicalRequirementId('hlf-1'), 'LightweightM2M-HLF-001');
  assert.equal(canonicalRequirementId('SEC-002'), 'LightweightM2M-SEC-002');
  assert.equal(canonicalRequirementId('LightweightM2M - SEC-001'), 'LightweightM2M-SEC-001');
  assert.equal(canonicalRequirementId('AZ-33'), 'LightweightM2M-AZ-033');
  assert.equal(canonicalRequirementId('HLF-041'), undefined);
  assert.equal(canonicalRequirementId('nonsense'), undefined);
});

test('ETS cases: unique well-formed ids, lookups, coveredBy points inside the list', () => {
  const cases = etsCases();
  const ids = cases.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(etsCase(etsId(101)).title, 'Initial Registration');
  assert.equal(etsCase(etsId(0)).section, '6.1.1.1');
  assert.equal(etsCase(etsId(551)).coveredBy?.id, etsId(215));
  assert.equal(findEtsCase('LightweightM2M-1.0-int-999'), undefined);
  assert.throws(() => etsCase('101'), UnknownIdError);
  // Every case DESIGN §5 names exists.
  for (const n of [0, 101, 102, 104, 203, 205, 215, 241, 260, 270, 271, 290, 301, 401, 551, 555, 651, 652, 655, 656, 657, 660, 701, 710, 755, 756, 760, 770, 772, 780, 950, 951]) {
    assert.ok(findEtsCase(etsId(n)), `int-${n}`);
  }
  const specified = cases.filter((c) => c.status === 'specified');
  for (const c of specified) assert.ok(c.purpose, `${c.id}: a specified case has a purpose`);
});

function tempFile(t: { after: (fn: () => void) => void }, name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function requirementsJson(): { requirements: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(DEFAULT_REQUIREMENTS_FILE, 'utf8')) as { requirements: Record<string, unknown>[] } & Record<string, unknown>;
}

test('a bad requirement entry is reported with the file, the entry index and its id', (t) => {
  const doc = requirementsJson();
  (doc.requirements[4] as Record<string, unknown>)['release'] = '1.1';
  const file = tempFile(t, 'requirements.json', JSON.stringify(doc));
  assert.throws(() => loadRequirementCatalogue(file), (err: unknown) => {
    assert.ok(err instanceof CatalogueError);
    assert.equal(err.file, file);
    assert.match(err.message, /requirements\[4\] \(LightweightM2M-HLF-005\) field release/);
    assert.equal(err.context['entry'], 'LightweightM2M-HLF-005');
    return true;
  });
});

test('missing, duplicate and mis-released requirements are refused', (t) => {
  const missing = requirementsJson();
  missing.requirements.splice(10, 1);
  assert.throws(() => loadRequirementCatalogue(tempFile(t, 'a.json', JSON.stringify(missing))), /missing LightweightM2M-HLF-011/);

  const duplicate = requirementsJson();
  duplicate.requirements.push({ ...duplicate.requirements[0] });
  assert.throws(() => loadRequirementCatalogue(tempFile(t, 'b.json', JSON.stringify(duplicate))), /duplicate requirement id LightweightM2M-HLF-001/);

  const released = requirementsJson();
  (released.requirements[17] as Record<string, unknown>)['release'] = '1.0';
  assert.throws(() => loadRequirementCatalogue(tempFile(t, 'c.json', JSON.stringify(released))), /HLF-018: release '1.0', the RD says 'FFS'/);

  const badId = requirementsJson();
  (badId.requirements[0] as Record<string, unknown>)['id'] = 'HLF-001';
  assert.throws(() => loadRequirementCatalogue(tempFile(t, 'd.json', JSON.stringify(badId))), /requirements\[0\] \(HLF-001\) field id/);
});

test('unreadable and non-JSON catalogue files give a CatalogueError naming the file', (t) => {
  const notJson = tempFile(t, 'broken.json', '{ "schema": ');
  assert.throws(() => loadRequirementCatalogue(notJson), (err: unknown) => err instanceof CatalogueError && err.message.startsWith(notJson) && /not valid JSON/.test(err.message));
  const absent = join(dirname(notJson), 'absent.json');
  assert.throws(() => loadEtsCatalogue(absent), (err: unknown) => err instanceof CatalogueError && err.file === absent);
  const ets = JSON.parse(readFileSync(DEFAULT_ETS_FILE, 'utf8')) as { cases: Record<string, unknown>[] };
  (ets.cases[1] as Record<string, unknown>)['coveredBy'] = { id: 'LightweightM2M-1.0-int-4242', extent: 'same' };
  assert.throws(() => loadEtsCatalogue(tempFile(t, 'ets.json', JSON.stringify(ets))), /int-101: coveredBy names 'LightweightM2M-1.0-int-4242'/);
  (ets.cases[1] as Record<string, unknown>)['status'] = 'done';
  assert.throws(() => loadEtsCatalogue(tempFile(t, 'ets2.json', JSON.stringify(ets))), /cases\[1\] \(LightweightM2M-1.0-int-101\) field status/);
});

test('against the RD: every requirement id and text appears as the RD states it', (t) => {
  if (!existsSync(RD_FILE)) {
    t.skip(`the Requirements document is not at ${RD_FILE} (../shared/spec beside the project); cannot cross-check`);
    return;
  }
  // The RD writes two labels as "LightweightM2M - SEC-00x"; the catalogue uses the uniform form.
  const rd = normalise(readFileSync(RD_FILE, 'utf8')).replace(/LightweightM2M - /g, 'LightweightM2M-');
  const rdRows = new Map<string, string>();
  for (const line of readFileSync(RD_FILE, 'utf8').split(/\r?\n/)) {
    const m = /^LightweightM2M ?- ?([A-Z]+-\d{3})\t(.+?)\t(1\.0|FFS)\s*$/.exec(line);
    if (m) rdRows.set(`LightweightM2M-${m[1]}`, `${normalise(m[2] as string)}|${m[3]}`);
  }
  assert.equal(rdRows.size, 46, 'the RD tables list 46 requirements');
  for (const r of requirements()) {
    assert.ok(rd.includes(r.id), `${r.id} not in the RD`);
    assert.ok(rd.includes(normalise(r.text)), `${r.id}: text not found in the RD`);
    assert.equal(`${normalise(r.text)}|${r.release}`, rdRows.get(r.id), `${r.id}: text or release differs from its RD row`);
  }
});

test('against the ETS: every case id and title is in the document, and the list is complete', (t) => {
  if (!existsSync(ETS_FILE)) {
    t.skip(`the ETS is not at ${ETS_FILE} (../shared/spec beside the project); cannot cross-check`);
    return;
  }
  const raw = readFileSync(ETS_FILE, 'utf8');
  const ets = normalise(raw);
  const cases = etsCases();
  for (const c of cases) {
    assert.ok(ets.includes(c.id), `${c.id} not in the ETS`);
    assert.ok(ets.includes(`${c.id} – ${c.title}`) || ets.includes(`${c.id} –${c.title}`), `${c.id}: heading '${c.title}' not in the ETS`);
    if (c.purpose) assert.ok(ets.includes(c.purpose), `${c.id}: purpose not found in the ETS`);
    if (c.remark) assert.ok(ets.includes(c.remark.replace(/^Note : /, '')), `${c.id}: remark not found in the ETS`);
  }
  // Distinct ids anywhere in the document ("int- 0" is how the ETS writes int-0 in one table) ...
  const mentioned = new Set([...raw.matchAll(/LightweightM2M-(?:[A-Z]+-)?1\.0-int- ?\d+/g)].map((m) => m[0].replace(/ /g, '')));
  // ... are the listed cases plus the one id an ETS table misprints (CONMGMT-1201 under the heading of 1250).
  const aliases = cases.flatMap((c) => (c.idInTable ? [c.idInTable] : []));
  assert.deepEqual(aliases, ['LightweightM2M-CONMGMT-1.0-int-1201']);
  assert.equal(mentioned.size, cases.length + aliases.length);
  assert.deepEqual([...mentioned].sort(), [...cases.map((c) => c.id), ...aliases].sort());
  // Every case has its own heading in the document.
  const headingIds = new Set(
    raw.split(/\r?\n/).flatMap((l) => {
      const m = /^\s*(?:\d+\.\s+)?#{1,6}\s+(LightweightM2M-(?:[A-Z]+-)?1\.0-int-\d+)/.exec(l);
      return m ? [m[1] as string] : [];
    }),
  );
  assert.equal(headingIds.size, cases.length);
});
