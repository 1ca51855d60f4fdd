import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from './junit.ts';
import { HOSTILE_TEXT, resultsFrom, sampleResults, scenario } from './testing/sample-results.ts';

interface Property { '@_name': string; '@_value': string }
interface TestCase {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  properties: { property: Property[] };
  failure?: { '@_message': string; '#text'?: string };
  error?: { '@_message': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  properties: { property: Property[] };
  testcase: TestCase[];
}

function parse(xml: string): { testsuites: Record<string, string> & { testsuite: Suite[] } } {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Suite[] } };
}

test('valid XML whose counts match the scenarios', () => {
  const results = sampleResults();
  const doc = parse(renderJunit(results));
  const root = doc.testsuites;
  assert.equal(root['@_tests'], String(results.scenarios.length));
  assert.equal(root['@_failures'], '1');
  assert.equal(root['@_errors'], '1');
  assert.equal(root['@_skipped'], '3');
  const cases = root.testsuite.flatMap((s) => s.testcase);
  assert.equal(cases.length, results.scenarios.length);
  const summed = root.testsuite.reduce((n, s) => n + Number(s['@_tests']), 0);
  assert.equal(summed, results.scenarios.length);
});

test('one suite per requirement group, with device and seed properties', () => {
  const doc = parse(renderJunit(sampleResults()));
  assert.deepEqual(doc.testsuites.testsuite.map((s) => s['@_name']), ['High-Level Functional', 'Security']);
  const props = doc.testsuites.testsuite[0]!.properties.property;
  const byName = new Map(props.map((p) => [p['@_name'], p['@_value']]));
  assert.equal(byName.get('device'), 'emulated-conformant');
  assert.equal(byName.get('seed'), '42');
});

test('testcases carry classname, name, requirement and ETS properties, and the verdict mapping', () => {
  const doc = parse(renderJunit(sampleResults()));
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
  const find = (prefix: string): TestCase => {
    const found = cases.find((c) => c['@_name'].startsWith(prefix));
    assert.ok(found, prefix);
    return found;
  };
  const pmin = find('reporting/observe-pmin: ');
  assert.equal(pmin['@_classname'], 'LightweightM2M-HLF-020');
  assert.equal(pmin['@_name'], 'reporting/observe-pmin: Notifications respect pmin');
  assert.equal(pmin['@_time'], '10.400');
  const props = pmin.properties.property.map((p) => `${p['@_name']}=${p['@_value']}`);
  assert.ok(props.includes('requirement=LightweightM2M-HLF-020'));
  assert.ok(props.includes('requirement=LightweightM2M-HLF-022'));
  assert.ok(props.includes('ets=LightweightM2M-1.0-int-301'));
  assert.equal(pmin.failure?.['@_message'], 'a notification came 0.4 s after the previous one; pmin is 10 s');
  assert.match(pmin.failure?.['#text'] ?? '', /FAILED gap between notifications \(s\): expected >= 10, observed 0\.4/);

  assert.equal(find('security/dtls-psk-register').error?.['@_message'], 'power relay did not answer');
  assert.match(find('firmware/push-update').skipped?.['@_message'] ?? '', /^inconclusive: /);
  assert.match(find('transport/sms-registration').skipped?.['@_message'] ?? '', /^not-supported: /);
  assert.match(find('ffs/hlf-018').skipped?.['@_message'] ?? '', /^not-applicable: /);
  const warned = find('reporting/observe-pmax');
  assert.equal(warned.failure, undefined);
  assert.ok(warned.properties.property.some((p) => p['@_name'] === 'warning' && p['@_value'].startsWith('server-default-pmin-ignored')));
});

test('device text is escaped and control characters cannot make the XML invalid', () => {
  const results = resultsFrom([
    scenario({
      id: 'x',
      title: `title ${HOSTILE_TEXT}`,
      verifies: ['LightweightM2M-HLF-001'],
      verdict: 'fail',
      reason: `reason ${HOSTILE_TEXT}\nsecond line \ud800`,
      evidence: [{ kind: 'console', lines: [HOSTILE_TEXT, '\u001b[31mred\u001b[0m'] }],
    }),
  ]);
  const doc = parse(renderJunit(results));
  const c = doc.testsuites.testsuite[0]!.testcase[0]!;
  assert.match(c['@_name'], /<script>alert\("x"\)<\/script> & \| `fence` \\x07 \]\]>/);
  assert.match(c.failure?.['@_message'] ?? '', /\nsecond line \ufffd$/);
  assert.match(c.failure?.['#text'] ?? '', /\\x1b\[31mred/);
});
