import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLinkList } from './link-list.ts';
import { InputError } from '../../../errors.ts';

test('links with quoted, bare and flag attributes; commas inside quotes', () => {
  assert.deepEqual(parseLinkList('</>;rt="oma.lwm2m";ct="a,b", </3/0>;obs;pmin=10'), [
    { target: '/', attributes: { rt: 'oma.lwm2m', ct: 'a,b' } },
    { target: '/3/0', attributes: { obs: true, pmin: '10' } },
  ]);
  assert.deepEqual(parseLinkList('  '), []);
  assert.throws(() => parseLinkList('/3/0'), InputError);
});
