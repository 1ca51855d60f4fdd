/**
 * The matrix page's CSS, inlined so matrix.html works from file:// with no network. Verdict colours keep a
 * contrast of at least 4.5:1 against their text (WCAG AA), and every badge also says its verdict in words.
 */
export const MATRIX_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 12px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
dl.run dt { color: var(--muted); }
dl.run dd { margin: 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.summary .count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg-soft); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 12px 0; padding: 8px 12px; background: var(--bg-soft); border-radius: 6px; }
.controls[hidden] { display: none; }
.badge { display: inline-block; min-width: 8.5em; text-align: center; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12.5px; color: #fff; }
.verdict-pass { background: #1a7f37; }
.verdict-fail { background: #b42318; }
.verdict-inconclusive { background: #7d4e00; }
.verdict-not-supported { background: #4b5563; }
.verdict-not-applicable { background: #59636e; }
.verdict-error { background: #6639ba; }
.warn { display: inline-block; padding: 0 6px; border: 1px solid #7d4e00; border-radius: 10px; color: #7d4e00; font-size: 12px; font-weight: 600; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: #fff; }
details > summary { cursor: pointer; padding: 6px 10px; list-style-position: outside; margin-left: 14px; }
details > summary:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
details[open] > summary { border-bottom: 1px solid var(--line); }
.requirement > summary { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; list-style: none; margin-left: 0; }
/* A flex summary loses the native disclosure marker: draw one, so every row still reads as expandable. */
.requirement > summary::-webkit-details-marker { display: none; }
.requirement > summary::before { content: "\\25B8"; color: var(--muted); width: 1em; margin-right: -8px; }
.requirement[open] > summary::before { content: "\\25BE"; }
.req-id { font-weight: 600; }
.reason { color: var(--muted); flex-basis: 100%; }
.body { padding: 8px 12px 10px; }
.scenario { background: var(--bg-soft); }
.facts { margin: 4px 0 8px; color: var(--muted); }
table.expectations { border-collapse: collapse; margin: 6px 0; width: 100%; }
table.expectations th, table.expectations td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
table.expectations td.ok { color: #1a7f37; font-weight: 600; }
table.expectations td.not-ok { color: #b42318; font-weight: 600; }
pre.console { background: #fff; border: 1px solid var(--line); padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; }
.msc-figure { margin: 6px 0; overflow-x: auto; }
.msc { background: #fff; border: 1px solid var(--line); border-radius: 4px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.msc-head { fill: var(--bg-soft); stroke: var(--muted); }
.msc-head-text { fill: var(--fg); font-weight: 600; }
.msc-life { stroke: var(--muted); stroke-dasharray: 4 3; }
.msc-time { fill: var(--muted); }
.msc-label { fill: var(--fg); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; } /* a halo keeps a long label readable where it crosses a lifeline */
.msc-to-device .msc-arrow { stroke: #0550ae; stroke-width: 1.5; }
.msc-to-device .msc-arrowhead { fill: #0550ae; }
.msc-from-device .msc-arrow { stroke: #953800; stroke-width: 1.5; }
.msc-from-device .msc-arrowhead { fill: #953800; }
.msc-cut { color: var(--muted); margin: 2px 0; }
body.hide-passed details.requirement[data-verdict="pass"]:not([data-warning]) { display: none; }
body.failures-only details.requirement:not([data-verdict="fail"]):not([data-verdict="error"]) { display: none; }
section.group.empty { display: none; }
@media print { .controls { display: none; } details { break-inside: avoid; } }
`;
