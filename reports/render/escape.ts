/**
 * Escaping for text that may come from a device (console lines, payload summaries, reasons quoting them).
 * Every renderer passes such text through one of these before it lands in a report.
 */

/** Control characters other than tab and newline, shown as \xNN so a log line cannot rewrite a terminal or break XML. */
export function visibleControls(text: string): string {
  // Serial consoles end lines with CR LF: that CR is noise, a lone CR is shown.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function escapeHtml(text: string): string {
  return visibleControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** XML 1.0 text or attribute value; lone surrogates are replaced so the document stays well-formed. */
export function escapeXml(text: string, options: { attribute?: boolean } = {}): string {
  const escaped = visibleControls(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  // In attributes, newlines and tabs would be normalised to spaces by the parser: keep them as references.
  return options.attribute ? escaped.replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : escaped;
}

/** One Markdown table cell: no pipes or newlines, and no HTML a Markdown viewer would render. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdownInline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline Markdown text: HTML-escaped, and the characters that start emphasis or links backslash-escaped. */
export function escapeMarkdownInline(text: string): string {
  return visibleControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]])/g, '\\$1');
}

/** Text for a fenced Markdown code block: a fence inside the text cannot close the block early. */
export function markdownFence(lines: readonly string[]): string {
  const body = lines.map(visibleControls).join('\n');
  let fence = '```';
  while (body.includes(fence)) fence += '`';
  return `${fence}text\n${body}\n${fence}`;
}
