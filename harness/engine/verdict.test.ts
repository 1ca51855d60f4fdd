import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HarnessError, TimeoutError } from '../errors.ts';
import { expectEqual, expectation, note } from './evidence.ts';
import type { Verdict } from './verdict.ts';
import {
  VERDICTS,
  combineOutcomes,
  compareVerdicts,
  countVerdicts,
  fail,
  inconclusive,
  isVerdict,
  notApplicable,
  notSupported,
  outcomeFromError,
  outcomeFromEvidence,
  pass,
  warning,
  withEvidence,
  withWarning,
  worstVerdict,
} from './verdict.ts';

test('VERDICTS lists the six verdicts exactly, worst first', () => {
  assert.deepEqual(VERDICTS, ['error', 'fail', 'inconclusive', 'pass', 'not-supported', 'not-applicable']);
  assert.deepEqual([...VERDICTS].reverse().sort(compareVerdicts), VERDICTS);
  for (const v of VERDICTS) assert.equal(isVerdict(v), true);
  for (const v of ['PASS', 'failed', 'skipped', '', 'constructor', 'toString', 1, null]) assert.equal(isVerdict(v), false, String(v));
});

test('worstVerdict follows error > fail > inconclusive > pass (DESIGN §3.6)', () => {
  assert.equal(worstVerdict(['pass', 'inconclusive', 'fail', 'error']), 'error');
  assert.equal(worstVerdict(['pass', 'fail', 'inconclusive']), 'fail');
  assert.equal(worstVerdict(['inconclusive', 'pass', 'pass']), 'inconclusive');
  assert.equal(worstVerdict(['pass', 'pass']), 'pass');
  assert.equal(worstVerdict(['fail', 'error']), 'error');
});

test('worstVerdict: a pass outweighs not-supported, which outweighs not-applicable', () => {
  // One mechanism declared absent, another passes: the requirement is met.
  assert.equal(worstVerdict(['not-supported', 'pass']), 'pass');
  assert.equal(worstVerdict(['not-supported', 'not-supported']), 'not-supported');
  assert.equal(worstVerdict(['not-applicable', 'not-supported']), 'not-supported');
  assert.equal(worstVerdict(['not-applicable']), 'not-applicable');
  assert.equal(worstVerdict(['not-applicable', 'pass']), 'pass');
  // Anything that went wrong still dominates a declared absence.
  assert.equal(worstVerdict(['not-supported', 'inconclusive']), 'inconclusive');
  assert.equal(worstVerdict(['not-supported', 'fail']), 'fail');
  assert.equal(worstVerdict(['not-applicable', 'error']), 'error');
});

test('worstVerdict is independent of order, and an empty list is never a pass', () => {
  const all: Verdict[] = ['not-applicable', 'pass', 'not-supported', 'fail', 'inconclusive'];
  for (let shift = 0; shift < all.length; shift++) {
    const rotated = [...all.slice(shift), ...all.slice(0, shift)];
    assert.equal(worstVerdict(rotated), 'fail');
  }
  assert.equal(worstVerdict([]), 'inconclusive');
  assert.equal(worstVerdict([], 'not-applicable'), 'not-applicable');
  assert.equal(worstVerdict(new Set<Verdict>(['pass', 'fail'])), 'fail');
});

test('countVerdicts gives every verdict a count', () => {
  assert.deepEqual(countVerdicts(['pass', 'pass', 'fail', 'not-supported']), {
    pass: 2, fail: 1, inconclusive: 0, 'not-supported': 1, 'not-applicable': 0, error: 0,
  });
  assert.deepEqual(Object.keys(countVerdicts([])).sort(), [...VERDICTS].sort());
});

test('builders produce outcomes; warnings ride on a pass without changing it', () => {
  const w = warning('server-default-pmax-ignored', 'did not apply the /1/0/3 default pmax');
  const o = withWarning(pass(), w);
  assert.equal(o.verdict, 'pass');
  assert.deepEqual(o.warnings, [w]);
  assert.equal(o.reason.length > 0, true);
  const withNote = withEvidence(o, note('extra'));
  assert.deepEqual(withNote.evidence, [note('extra')]);
  assert.deepEqual(o.evidence, [], 'withEvidence does not mutate its input');
  assert.equal(notSupported('no firmware push').verdict, 'not-supported');
  assert.equal(notApplicable('FFS in 1.0').verdict, 'not-applicable');
});

test('outcomeFromEvidence: fail names the failed checks, no check at all is inconclusive', () => {
  const ok = expectEqual('ep present', 'dev1', 'dev1');
  const bad = expectEqual('lifetime updated', 120, 86400);
  assert.equal(ok.ok, true);
  assert.equal(bad.ok, false);
  assert.equal(outcomeFromEvidence([ok]).verdict, 'pass');
  const failed = outcomeFromEvidence([ok, bad, expectation('<= 2 s', '3 s', false)]);
  assert.equal(failed.verdict, 'fail');
  assert.match(failed.reason, /2 checks failed: lifetime updated; check 2/);
  assert.equal(failed.evidence.length, 3);
  assert.equal(outcomeFromEvidence([note('only a note')]).verdict, 'inconclusive');
  assert.deepEqual(expectEqual('links', ['</3/0>'], ['</3/0>']).ok, true);
});

test('outcomeFromError: device-side errors are inconclusive, lab and harness errors are error', () => {
  const timeout = outcomeFromError(new TimeoutError('waiting for Register', 5000, { endpoint: 'dev1' }));
  assert.equal(timeout.verdict, 'inconclusive');
  const lab = outcomeFromError(new HarnessError('relay did not answer', { origin: 'lab', context: { port: '/dev/ttyUSB0' } }));
  assert.equal(lab.verdict, 'error');
  assert.equal(outcomeFromError(new TypeError('x is undefined')).verdict, 'error');
  assert.equal(outcomeFromError('thrown string').verdict, 'error');
  const first = lab.evidence[0];
  assert.equal(first?.kind, 'note');
  if (first?.kind === 'note') assert.match(first.text, /relay did not answer.*ttyUSB0/);
});

test('outcomeFromError keeps secrets out of the evidence', () => {
  const o = outcomeFromError(new HarnessError('handshake failed', { origin: 'lab', context: { pskKey: 'deadbeef', identity: 'dev1', secret: 's3' } }));
  const text = JSON.stringify(o);
  assert.equal(text.includes('deadbeef'), false);
  assert.equal(text.includes('s3'), false);
  assert.equal(text.includes('dev1'), true);
});

test('combineOutcomes: worst verdict, its reason, warnings once, all evidence', () => {
  const w = warning('w1', 'SHOULD deviation');
  const combined = combineOutcomes([
    withWarning(pass('push ok', { evidence: [note('a')] }), w),
    notSupported('no pull'),
    withWarning(inconclusive('no stimulus', { evidence: [note('b')] }), w),
  ]);
  assert.equal(combined.verdict, 'inconclusive');
  assert.equal(combined.reason, 'no stimulus');
  assert.deepEqual(combined.warnings, [w]);
  assert.deepEqual(combined.evidence, [note('a'), note('b')]);
  const empty = combineOutcomes([]);
  assert.equal(empty.verdict, 'inconclusive');
  assert.match(empty.reason, /no scenario/);
  assert.equal(combineOutcomes([fail('x'), fail('y')]).reason, 'x');
});
