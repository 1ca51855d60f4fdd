import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegister, parseUpdate, DEFAULT_LIFETIME_S } from './parse-registration.ts';
import { ProtocolViolation } from '../protocol-error.ts';

const links = (s: string): Buffer => Buffer.from(s);

test('Register: the full 1.0 parameter set is read', () => {
  const p = parseRegister(['ep=dev1', 'lt=300', 'lwm2m=1.0', 'b=UQS', 'sms=+4512345'], links('</1/0>,</3/0>,</5>'), 40);
  assert.equal(p.endpoint, 'dev1');
  assert.equal(p.lifetime, 300);
  assert.equal(p.version, '1.0');
  assert.equal(p.binding, 'UQS');
  assert.equal(p.queueMode, true);
  assert.equal(p.sms, '+4512345');
  assert.deepEqual(p.objectLinks.map((l) => l.path), [{ objectId: 1, instanceId: 0 }, { objectId: 3, instanceId: 0 }, { objectId: 5 }]);
  assert.equal(p.rootPath, '/');
  assert.deepEqual(p.warnings, []);
});

test('Register: defaults for lt and b, and a warning when lwm2m= is missing', () => {
  const p = parseRegister(['ep=x'], links('</3/0>'), 40);
  assert.equal(p.lifetime, DEFAULT_LIFETIME_S);
  assert.equal(p.binding, 'U');
  assert.equal(p.queueMode, false);
  assert.equal(p.version, '1.0');
  assert.ok(p.warnings.some((w) => w.includes('lwm2m')));
});

test('Register: every 1.0 binding mode is accepted, and Q sets queue mode', () => {
  for (const [b, queue] of [['U', false], ['UQ', true], ['S', false], ['SQ', true], ['US', false], ['UQS', true]] as const) {
    const p = parseRegister(['ep=x', 'lwm2m=1.0', `b=${b}`, 'sms=1'], links('</3/0>'), 40);
    assert.equal(p.binding, b);
    assert.equal(p.queueMode, queue, b);
  }
});

test('Register: 1.1 uses the Q parameter for queue mode', () => {
  const p = parseRegister(['ep=x', 'lwm2m=1.1', 'b=U', 'Q'], links('</3/0>'), 40);
  assert.equal(p.version, '1.1');
  assert.equal(p.queueMode, true);
  const p2 = parseRegister(['ep=x', 'lwm2m=1.1', 'b=UT'], links('</3/0>'), 40);
  assert.equal(p2.queueMode, false);
});

test('Register: root path, ct and ver attributes', () => {
  const p = parseRegister(
    ['ep=x', 'lwm2m=1.1'],
    links('</lwm2m>;rt="oma.lwm2m";ct="60 110 11543",</lwm2m/1/0>,</lwm2m/3/0>,</lwm2m/3303>;ver=1.1,</other>'),
    40,
  );
  assert.equal(p.rootPath, '/lwm2m');
  assert.deepEqual(p.contentFormats, [60, 110, 11543]);
  assert.deepEqual(p.objectLinks.map((l) => l.path.objectId), [1, 3, 3303]);
  assert.equal(p.objectLinks[2]?.version, '1.1');
  assert.deepEqual(p.otherLinks, ['/other']);
  assert.equal(p.warnings.length, 1);
});

test('Register: </>;rt="oma.lwm2m" keeps the root at /', () => {
  const p = parseRegister(['ep=x', 'lwm2m=1.0'], links('</>;rt="oma.lwm2m";ct=11543,</1/0>,</3/0>'), 40);
  assert.equal(p.rootPath, '/');
  assert.deepEqual(p.contentFormats, [11543]);
  assert.equal(p.objectLinks.length, 2);
});

const rejected: Array<[string, string[], string, number | undefined]> = [
  ['missing ep', ['lt=300', 'lwm2m=1.0'], '</3/0>', 40],
  ['empty ep', ['ep=', 'lwm2m=1.0'], '</3/0>', 40],
  ['unknown version', ['ep=x', 'lwm2m=2.0'], '</3/0>', 40],
  ['zero lifetime', ['ep=x', 'lt=0'], '</3/0>', 40],
  ['text lifetime', ['ep=x', 'lt=abc'], '</3/0>', 40],
  ['bad 1.0 binding', ['ep=x', 'lwm2m=1.0', 'b=T'], '</3/0>', 40],
  ['bad 1.1 binding', ['ep=x', 'lwm2m=1.1', 'b=UU'], '</3/0>', 40],
  ['duplicate parameter', ['ep=x', 'ep=y'], '</3/0>', 40],
  ['payload not link format', ['ep=x'], '/3/0', 40],
  ['wrong content format', ['ep=x'], '</3/0>', 0],
];
for (const [name, query, payload, cf] of rejected) {
  test(`Register rejected with 4.00: ${name}`, () => {
    assert.throws(
      () => parseRegister(query, links(payload), cf),
      (err: unknown) => err instanceof ProtocolViolation && err.responseCode === '4.00',
    );
  });
}

test('Update: only the present parameters are set; a payload replaces the object list', () => {
  assert.deepEqual(parseUpdate([], Buffer.alloc(0), undefined, '1.0'), { warnings: [] });
  const u = parseUpdate(['lt=20', 'b=UQ', 'sms=123'], links('</3/0>,</4/0>'), 40, '1.0');
  assert.equal(u.lifetime, 20);
  assert.equal(u.binding, 'UQ');
  assert.equal(u.queueMode, true);
  assert.equal(u.sms, '123');
  assert.deepEqual(u.objectLinks?.map((l) => l.path), [{ objectId: 3, instanceId: 0 }, { objectId: 4, instanceId: 0 }]);
  assert.throws(() => parseUpdate(['lt=-1'], Buffer.alloc(0), undefined, '1.0'), ProtocolViolation);
});
