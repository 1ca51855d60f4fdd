// End-to-end tests of `lwm2m-hil run` and `report`, through the real entry point (bin/lwm2m-hil.js), as CI and users
// call it. They spawn the CLI rather than import suites/ or devices/ (harness/ never imports those).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResults } from '../../reports/write-results.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'lwm2m-hil.js');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('run with no device options checks every requirement against the conformant emulated client and exits 0', async (t) => {
  const out = await tempDir(t);
  const { code, stdout, stderr } = await cli(['run', '--out', out]);
  assert.equal(code, 0, `exit code\n${stdout}\n${stderr}`);
  assert.match(stdout, /gate: passed/);
  assert.match(stderr, /^\[1\/\d+\] /m, 'plain progress lines in CI');
  const results = await readResults(join(out, 'results.json'));
  assert.equal(results.requirements.length, 46);
  assert.equal(results.summary.fail, 0);
  assert.equal(results.run.clock, 'virtual');
  for (const file of ['matrix.md', 'matrix.html', 'junit.xml']) assert.ok((await stat(join(out, file))).size > 0, file);
  const withTrace = results.scenarios.find((s) => s.trace !== null);
  assert.ok(withTrace && (await stat(join(out, withTrace.trace as string))).size > 0, 'a pcapng trace per scenario');
  assert.ok(withTrace?.consoleLog && (await readFile(join(out, withTrace.consoleLog), 'utf8')).includes('## messages'), 'a log per scenario');
  const allure = await readdir(join(out, 'allure-results'));
  assert.equal(allure.filter((f) => f.endsWith('-result.json')).length, results.scenarios.length, 'an Allure result per scenario');
  assert.ok(allure.includes('environment.properties') && allure.includes('categories.json'));
});

test('run --fault gives fail for the requirement the fault breaks and exits 1', async (t) => {
  const out = await tempDir(t);
  const { code, stdout } = await cli(['run', '--out', out, '--fault', 'serial-changes-on-reboot', '--requirement', 'HLF-001']);
  assert.equal(code, 1, stdout);
  assert.match(stdout, /gate: FAILED/);
  const results = await readResults(join(out, 'results.json'));
  assert.deepEqual(results.requirements.map((r) => [r.id, r.verdict]), [['LightweightM2M-HLF-001', 'fail']]);
  assert.equal(results.run.device.fault, 'serial-changes-on-reboot');
});

test('usage and configuration errors exit 2 with a message naming the problem', async () => {
  const unknownFault = await cli(['run', '--fault', 'no-such-fault']);
  assert.equal(unknownFault.code, 2);
  assert.match(unknownFault.stderr, /unknown fault 'no-such-fault'/);
  const badShard = await cli(['run', '--shard', '4/3']);
  assert.equal(badShard.code, 2);
  assert.match(badShard.stderr, /--shard must be K\/N/);
  const badRequirement = await cli(['run', '--requirement', 'HLF-999']);
  assert.equal(badRequirement.code, 2);
  assert.match(badRequirement.stderr, /unknown requirement id 'HLF-999'/);
  const unknownCommand = await cli(['frobnicate']);
  assert.equal(unknownCommand.code, 2);
});

test('shards merged with report merge equal the unsharded run; report diff shows a new failure and exits 1', async (t) => {
  const dir = await tempDir(t);
  const whole = join(dir, 'whole');
  assert.equal((await cli(['run', '--out', whole, '--suite', 'registration', '--seed', '3'])).code === 2, false);
  const shardDirs = [1, 2, 3].map((k) => join(dir, `shard${k}`));
  for (const [i, shardDir] of shardDirs.entries()) {
    const r = await cli(['run', '--out', shardDir, '--suite', 'registration', '--seed', '3', '--shard', `${i + 1}/3`]);
    assert.notEqual(r.code, 2, r.stderr);
  }
  const merged = join(dir, 'merged');
  const merge = await cli(['report', 'merge', ...shardDirs, '--out', merged]);
  assert.equal(merge.code, 0, merge.stderr);
  const a = await readResults(join(whole, 'results.json'));
  const b = await readResults(join(merged, 'results.json'));
  const verdicts = (r: typeof a) => Object.fromEntries(r.requirements.map((x) => [x.id, x.verdict]));
  assert.deepEqual(verdicts(b), verdicts(a));
  assert.ok((await readFile(join(merged, 'matrix.html'), 'utf8')).includes('LightweightM2M-HLF-001'));

  const faulty = join(dir, 'faulty');
  await cli(['run', '--out', faulty, '--suite', 'registration', '--seed', '3', '--fault', 'serial-changes-on-reboot']);
  const diff = await cli(['report', 'diff', whole, faulty]);
  assert.equal(diff.code, 1, diff.stdout);
  assert.match(diff.stdout, /LightweightM2M-HLF-001/);
});

test('a DTLS scenario writes the records as they crossed the network beside the decrypted CoAP trace', async (t) => {
  const out = await tempDir(t);
  const { code, stderr } = await cli(['run', '--out', out, '--suite', 'security', '--requirement', 'SEC-001']);
  assert.equal(code, 0, stderr);
  const wire = join(out, 'traces', 'LightweightM2M-1.0-int-401.dtls.pcapng');
  assert.ok((await stat(wire)).size > 200);
  // The emulated device's test PSK (devices/emulated/security/default-psk.ts) must not appear in anything written.
  const key = Buffer.from('4c774d326d2d68696c2d746573742d31', 'hex');
  for (const file of await readdir(out, { recursive: true })) {
    const path = join(out, file);
    if (!(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    assert.equal(bytes.includes(key), false, `PSK bytes in ${file}`);
    assert.equal(bytes.includes(Buffer.from(key.toString('hex'))), false, `PSK hex in ${file}`);
  }
  const tshark = await new Promise<{ code: number | null; stdout: string }>((done) => {
    const child = spawn('tshark', ['-r', wire, '-d', 'udp.port==5684,dtls'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', () => done({ code: null, stdout: '' }));
    child.on('close', (c) => done({ code: c, stdout }));
  });
  if (tshark.code === null) {
    t.skip('tshark is not installed (Debian package tshark); the pcapng was written but not decoded');
    return;
  }
  assert.match(tshark.stdout, /Client Hello/);
  assert.match(tshark.stdout, /Application Data/);
});

test('run --dtls puts every scenario but the SMS ones on the DTLS servers, passes, and a fault still fails its requirement', async (t) => {
  const out = await tempDir(t);
  const { code, stdout, stderr } = await cli(['run', '--dtls', '--out', out]);
  assert.equal(code, 0, `exit code\n${stdout}\n${stderr}`);
  const results = await readResults(join(out, 'results.json'));
  assert.equal(results.summary.fail, 0);
  const traces = new Set(await readdir(join(out, 'traces')));
  const ran = results.scenarios.filter((s) => s.verdict === 'pass');
  assert.ok(ran.length >= 50, `${ran.length} scenarios passed`);
  // A DTLS trace (records as on the wire) exists exactly for the scenarios that talked to a secure port.
  const plain = ran.filter((s) => !traces.has(`${s.id}.dtls.pcapng`)).map((s) => s.id);
  assert.deepEqual(plain.sort(), ['hlf-013-sms-update-trigger', 'hlf-015-sms-binding-number'], 'only the SMS scenarios stay on the plain server');

  const faulty = await tempDir(t);
  const broken = await cli(['run', '--dtls', '--fault', 'serial-changes-on-reboot', '--requirement', 'HLF-001', '--out', faulty]);
  assert.equal(broken.code, 1, `exit code\n${broken.stdout}\n${broken.stderr}`);
  const brokenResults = await readResults(join(faulty, 'results.json'));
  assert.equal(brokenResults.requirements.find((r) => r.id === 'LightweightM2M-HLF-001')?.verdict, 'fail');
  const brokenTraces = new Set(await readdir(join(faulty, 'traces')));
  assert.ok(brokenResults.scenarios.length > 0 && brokenResults.scenarios.every((s) => brokenTraces.has(`${s.id}.dtls.pcapng`)), 'the faulty run went over DTLS too');
});
