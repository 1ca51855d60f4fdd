/**
 * A message sequence chart of one exchange as inline SVG: the server (harness) on the left, the device on
 * the right, one arrow per datagram, labelled with its summary and the time since the first message.
 * Drawn from the `messages` of exchange evidence, so the report needs no trace file and no script.
 * Inline SVG in HTML needs no xmlns attribute, so the page holds no URL at all.
 */
import { escapeHtml } from '../render/escape.ts';
import type { ExchangeMessage } from '../results-schema.ts';

/** Charts stay readable and bounded: a longer exchange is cut and says so. */
export const MAX_CHART_MESSAGES = 200;
const MAX_LABEL_CHARS = 80;

const WIDTH = 760;
const SERVER_X = 170;
// Room on the right for a device name of about 30 characters in its head box.
const DEVICE_X = 630;
/** Monospace 12px: about 7.3 px per character; the head boxes grow with their label up to the chart's edge. */
const CHAR_PX = 7.3;
const HEAD_MIN = 140;
const TOP = 44;
const ROW = 34;

export function renderSequenceChart(messages: readonly ExchangeMessage[], deviceName: string, title: string): string {
  const shown = messages.slice(0, MAX_CHART_MESSAGES);
  const origin = shown[0]?.t ?? 0;
  const height = TOP + shown.length * ROW + 16;
  const parts: string[] = [
    `<svg class="msc" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<title>${escapeHtml(title)}</title>`,
    lifeline(SERVER_X, 'Server (harness)', height),
    lifeline(DEVICE_X, deviceName, height),
  ];
  shown.forEach((message, index) => parts.push(arrow(message, TOP + 14 + index * ROW, message.t - origin)));
  parts.push('</svg>');
  const cut = messages.length - shown.length;
  const note = cut > 0 ? `<p class="msc-cut">${cut} more messages not drawn; see the trace.</p>` : '';
  return `<figure class="msc-figure">${parts.join('')}${note}</figure>`;
}

function lifeline(x: number, name: string, height: number): string {
  const maxWidth = 2 * Math.min(x, WIDTH - x) - 8;
  const label = truncate(name, Math.floor((maxWidth - 16) / CHAR_PX));
  const width = Math.min(maxWidth, Math.max(HEAD_MIN, Math.ceil([...label].length * CHAR_PX + 16)));
  return (
    `<rect x="${x - width / 2}" y="4" width="${width}" height="24" rx="4" class="msc-head"/>` +
    `<text x="${x}" y="20" text-anchor="middle" class="msc-head-text">${escapeHtml(label)}</text>` +
    `<line x1="${x}" y1="28" x2="${x}" y2="${height - 4}" class="msc-life"/>`
  );
}

function arrow(message: ExchangeMessage, y: number, relativeMs: number): string {
  const toDevice = message.dir === 'to-device';
  const [from, to] = toDevice ? [SERVER_X, DEVICE_X] : [DEVICE_X, SERVER_X];
  const head = toDevice ? -8 : 8;
  const time = `+${(relativeMs / 1000).toFixed(3)} s`;
  const full = `${time} ${toDevice ? 'server -> device' : 'device -> server'}: ${message.summary}`;
  return (
    `<g class="msc-msg ${toDevice ? 'msc-to-device' : 'msc-from-device'}">` +
    `<title>${escapeHtml(full)}</title>` +
    `<text x="8" y="${y + 4}" class="msc-time">${escapeHtml(time)}</text>` +
    `<text x="${(SERVER_X + DEVICE_X) / 2}" y="${y - 5}" text-anchor="middle" class="msc-label">${escapeHtml(truncate(message.summary, MAX_LABEL_CHARS))}</text>` +
    `<line x1="${from}" y1="${y}" x2="${to + head}" y2="${y}" class="msc-arrow"/>` +
    `<polygon points="${to},${y} ${to + head},${y - 4} ${to + head},${y + 4}" class="msc-arrowhead"/>` +
    '</g>'
  );
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}\u2026`;
}
