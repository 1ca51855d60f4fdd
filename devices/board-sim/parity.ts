/**
 * Parity of a board-simulator run with its emulated baseline (emulated-baseline.ts): the board simulator IS
 * the emulated client behind a console, so every verdict should be the same, except differences written down
 * in an expected-differences file with the reason (timing on the real clock, what a real lab cannot serve).
 * compareWithBaseline sorts the differences into expected and unexpected and names listed differences that
 * did not occur; annotateResults puts the explanation into the board run's results (a note on the scenario),
 * and renderParityMarkdown writes it for a reader beside results.json.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../harness/errors.ts';
import type { ResultVerdict, RunResults, ScenarioResult } from '../../reports/results-schema.ts';

export interface ExpectedDifference {
  /** One line: why this scenario may come out differently on the board. */
  reason: string;
  /** The verdicts the difference is expected between (absent: any). */
  board?: ResultVerdict;
  baseline?: ResultVerdict;
}

export type ExpectedDifferences = Readonly<Record<string, ExpectedDifference>>;

export interface VerdictDifference {
  id: string;
  board: ResultVerdict | null;
  baseline: ResultVerdict | null;
  /** The board's reason for its verdict. */
  boardReason: string;
  /** Set when the difference is listed (and its verdicts match the listing). */
  expected?: string;
}

export interface ParityReport {
  /** Scenarios compared (present in either run). */
  compared: number;
  same: number;
  expected: VerdictDifference[];
  unexpected: VerdictDifference[];
  /** Listed differences that did not happen in this run (timing differences need not happen every time). */
  notObserved: Array<{ id: string; reason: string }>;
}

export async function loadExpectedDifferences(file: string): Promise<ExpectedDifferences> {
  const data = JSON.parse(await readFile(file, 'utf8')) as { differences?: unknown };
  const differences = data.differences;
  if (typeof differences !== 'object' || differences === null) throw new InputError(`${file}: expected an object 'differences' (scenario id -> { reason })`, { file });
  for (const [id, entry] of Object.entries(differences)) {
    if (typeof (entry as Partial<ExpectedDifference>)?.reason !== 'string') throw new InputError(`${file}: difference '${id}' has no reason`, { file, id });
  }
  return differences as ExpectedDifferences;
}

export function compareWithBaseline(board: RunResults, baseline: RunResults, expected: ExpectedDifferences): ParityReport {
  const onBoard = byId(board.scenarios);
  const inBaseline = byId(baseline.scenarios);
  const ids = [...new Set([...onBoard.keys(), ...inBaseline.keys()])].sort((a, b) => a.localeCompare(b));
  const report: ParityReport = { compared: ids.length, same: 0, expected: [], unexpected: [], notObserved: [] };
  for (const id of ids) {
    const b = onBoard.get(id);
    const e = inBaseline.get(id);
    const listed = expected[id];
    if (b?.verdict === e?.verdict) {
      report.same++;
      if (listed) report.notObserved.push({ id, reason: listed.reason });
      continue;
    }
    const difference: VerdictDifference = { id, board: b?.verdict ?? null, baseline: e?.verdict ?? null, boardReason: b?.reason ?? '(not run on the board)' };
    const matches = listed !== undefined && (listed.board === undefined || listed.board === difference.board) && (listed.baseline === undefined || listed.baseline === difference.baseline);
    if (matches) report.expected.push({ ...difference, expected: listed.reason });
    else report.unexpected.push(difference);
  }
  return report;
}

/** The board run with a note on every scenario whose verdict differs from the baseline, saying why (or that it is unexplained). */
export function annotateResults(board: RunResults, report: ParityReport): RunResults {
  const notes = new Map<string, string>();
  for (const d of report.expected) notes.set(d.id, `differs from the emulated baseline on the virtual clock (${d.baseline ?? 'absent'} there): ${d.expected ?? ''}`);
  for (const d of report.unexpected) notes.set(d.id, `differs from the emulated baseline on the virtual clock (${d.baseline ?? 'absent'} there), unexplained: not in the expected differences`);
  return {
    ...board,
    scenarios: board.scenarios.map((s) => {
      const text = notes.get(s.id);
      return text === undefined ? s : { ...s, evidence: [...s.evidence, { kind: 'note', text }] };
    }),
  };
}

export function renderParityMarkdown(report: ParityReport, about: { board: string; baseline: string }): string {
  const lines = [
    '# Board simulator vs emulated baseline',
    '',
    `Board run: ${about.board}. Baseline: ${about.baseline}.`,
    '',
    `${report.compared} scenarios compared: ${report.same} with the same verdict, ${report.expected.length} expected differences, ${report.unexpected.length} unexpected.`,
  ];
  const table = (title: string, rows: VerdictDifference[], why: (d: VerdictDifference) => string): void => {
    if (rows.length === 0) return;
    lines.push('', `## ${title}`, '', '| scenario | board | baseline | why |', '|---|---|---|---|');
    for (const d of rows) lines.push(`| ${cell(d.id)} | ${d.board ?? '(absent)'} | ${d.baseline ?? '(absent)'} | ${cell(why(d))} |`);
  };
  table('Unexpected differences', report.unexpected, (d) => `not explained; the board said: ${d.boardReason}`);
  table('Expected differences', report.expected, (d) => d.expected ?? '');
  if (report.notObserved.length > 0) {
    lines.push('', '## Listed differences that did not occur this time', '');
    for (const n of report.notObserved) lines.push(`- ${cell(n.id)}: ${cell(n.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

function byId(scenarios: readonly ScenarioResult[]): Map<string, ScenarioResult> {
  return new Map(scenarios.map((s) => [s.id, s]));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
