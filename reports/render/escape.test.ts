import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdownCell, escapeXml, markdownFence, visibleControls } from './escape.ts';

test('control characters are shown, CR LF becomes LF, tab and LF stay', () => {
  assert.equal(visibleControls('a\u0007b\u001b[0m\r\nc\td\re'), 'a\\x07b\\x1b[0m\nc\td\\x0de');
});

test('HTML and XML escaping cover markup and quotes', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeXml('a\nb<&>"\ud800', { attribute: true }), 'a&#10;b&lt;&amp;&gt;&quot;\ufffd');
  assert.equal(escapeXml(']]>'), ']]&gt;');
});

test('a Markdown cell cannot add a column or a line; a fence cannot be closed from inside', () => {
  assert.equal(escapeMarkdownCell('a | b\nc *d*'), 'a \\| b c \\*d\\*');
  const block = markdownFence(['text', '```', 'more']);
  assert.ok(block.startsWith('````text\n'));
  assert.ok(block.endsWith('\n````'));
});
