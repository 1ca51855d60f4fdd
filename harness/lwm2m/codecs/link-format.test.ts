import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../random.ts';
import { ContentDecodeError } from './errors.ts';
import { LinkFormatError, formatLinkFormat, linkPath, parseLinkFormat, rootPathOf } from './link-format.ts';

test('Register payload object lists, with and without whitespace', () => {
  assert.deepEqual(parseLinkFormat('</1/0>,</3/0>'), [
    { uri: '/1/0', params: {} },
    { uri: '/3/0', params: {} },
  ]);
  const spaced = parseLinkFormat(' </1/0> ,\r\n </3/0>;ver=1.1 , </5>\n');
  assert.deepEqual(spaced.map((l) => l.uri), ['/1/0', '/3/0', '/5']);
  assert.deepEqual(spaced[1]?.params, { ver: '1.1' });
  assert.deepEqual(parseLinkFormat(''), []);
  assert.deepEqual(parseLinkFormat(Buffer.from('  ')), []);
});

test('root link, attributes, flags and quoted values with commas and semicolons', () => {
  const links = parseLinkFormat('</>;rt="oma.lwm2m";ct=11543,</3/0/1>;dim=3;pmin=10;obs,</x>;title="a, b; \\"c\\""');
  assert.deepEqual(links[0], { uri: '/', params: { rt: 'oma.lwm2m', ct: '11543' } });
  assert.deepEqual(links[1], { uri: '/3/0/1', params: { dim: '3', pmin: '10', obs: true } });
  assert.deepEqual(links[2], { uri: '/x', params: { title: 'a, b; "c"' } });
  assert.equal(rootPathOf(links), '/');
  assert.deepEqual(linkPath(links[1]!), { objectId: 3, instanceId: 0, resourceId: 1 });
  assert.deepEqual(parseLinkFormat('</3/0> ; pmin = 10 ; pmax=60')[0]?.params, { pmin: '10', pmax: '60' });
  assert.deepEqual(parseLinkFormat('</a>;ct="60 110 112"')[0]?.params, { ct: '60 110 112' });
});

test('alternate root path', () => {
  const links = parseLinkFormat('</lwm2m>;rt="oma.lwm2m",</lwm2m/1/0>,</lwm2m/3/0>,</other/4>');
  const root = rootPathOf(links);
  assert.equal(root, '/lwm2m');
  assert.deepEqual(links.map((l) => linkPath(l, root)), [undefined, { objectId: 1, instanceId: 0 }, { objectId: 3, instanceId: 0 }, undefined]);
  assert.equal(linkPath({ uri: '/', params: {} }), undefined);
});

test('format writes what parse reads', () => {
  const links = [
    { uri: '/', params: { rt: 'oma.lwm2m', ct: '11543' } as Record<string, string | true> },
    { uri: '/1/0/1', params: { dim: '3', obs: true } as Record<string, string | true> },
    { uri: '/3', params: { ver: '1.0', title: 'say "hi", ok' } as Record<string, string | true> },
  ];
  const text = formatLinkFormat(links);
  assert.equal(text, '</>;rt="oma.lwm2m";ct=11543,</1/0/1>;dim=3;obs,</3>;ver=1.0;title="say \\"hi\\", ok"');
  assert.deepEqual(parseLinkFormat(text), links);
  assert.equal(formatLinkFormat([{ uri: '/1/0', params: {} }, { uri: '/3/0', params: {} }]), '</1/0>,</3/0>');
});

test('malformed link format gives LinkFormatError with an offset', () => {
  const bad: Array<[string, number]> = [
    ['/1/0', 0],
    ['</1/0', 0],
    ['</1/0>,', 7],
    ['</1/0>;', 7],
    ['</1/0>;pmin=', 12],
    ['</1/0>;title="open', 13],
    ['</1/0> </3/0>', 7],
    ['</1 0>', 1],
  ];
  for (const [text, offset] of bad) {
    assert.throws(() => parseLinkFormat(text), (err: unknown) => {
      assert.ok(err instanceof LinkFormatError, text);
      assert.ok(err instanceof ContentDecodeError);
      assert.equal(err.offset, offset, `offset for ${JSON.stringify(text)}`);
      return true;
    });
  }
});

test('random text never throws anything but LinkFormatError', () => {
  const rnd = new Random(40);
  const alphabet = '<>/;,="\\ 0123abc\n';
  for (let n = 0; n < 2000; n++) {
    let s = '';
    const len = rnd.int(0, 30);
    for (let k = 0; k < len; k++) s += alphabet[rnd.int(0, alphabet.length - 1)];
    try {
      parseLinkFormat(s);
    } catch (err) {
      assert.ok(err instanceof LinkFormatError, `unexpected ${String(err)} for ${JSON.stringify(s)}`);
    }
  }
});
