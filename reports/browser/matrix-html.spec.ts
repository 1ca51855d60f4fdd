/**
 * matrix.html in a real browser: opened from file:// with every network request blocked, it must make no
 * request at all, list every requirement with its verdict, and show a failed requirement's evidence and
 * sequence chart when expanded. The page is written from sample results that contain a failure.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderMatrixHtml } from '../matrix-html.ts';
import type { RunResults } from '../results-schema.ts';
import { sampleResults } from '../testing/sample-results.ts';

/** Set LWM2M_HIL_KEEP_BROWSER_ARTIFACTS=1 to keep the page and its screenshot for a look. */
const KEEP = process.env.LWM2M_HIL_KEEP_BROWSER_ARTIFACTS === '1';

let dir = '';
let pageUrl = '';
let results: RunResults;

test.beforeAll(async () => {
  results = sampleResults();
  dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-matrix-'));
  const file = join(dir, 'matrix.html');
  await writeFile(file, renderMatrixHtml(results));
  pageUrl = pathToFileURL(file).href;
});

test.afterAll(async () => {
  if (KEEP) console.log(`matrix page and screenshot kept in ${dir}`);
  else if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the page with the network cut off; returns every request the page attempted. */
async function openOffline(page: Page): Promise<{ attempted: string[]; blocked: string[]; dialogs: string[] }> {
  const attempted: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => attempted.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.context().route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await page.goto(pageUrl);
  return { attempted, blocked, dialogs };
}

test('matrix.html makes no network request and lists every requirement with its verdict', async ({ page }) => {
  const { attempted, blocked, dialogs } = await openOffline(page);
  await expect(page.locator('h1')).toHaveText('LwM2M 1.0 conformance matrix');

  const rows = page.locator('details.requirement');
  await expect(rows).toHaveCount(results.requirements.length);
  for (const r of results.requirements) {
    await expect(page.locator(`details.requirement[data-requirement="${r.id}"]`), r.id).toHaveAttribute('data-verdict', r.verdict);
  }
  // The sample has failures; the page must say so in words on the row, not only in colour.
  const failed = results.requirements.filter((r) => r.verdict === 'fail');
  expect(failed.length).toBeGreaterThan(0);
  for (const r of failed) {
    await expect(page.locator(`details.requirement[data-requirement="${r.id}"] > summary .badge`)).toHaveText('fail');
  }

  expect(blocked, 'requests to anything but file:').toEqual([]);
  expect(attempted).toEqual([pageUrl]);
  expect(dialogs, 'text from the device must not run as script').toEqual([]);
});

test('expanding a failed requirement shows expected vs observed and the sequence chart', async ({ page }) => {
  const { blocked } = await openOffline(page);
  const requirement = page.locator('details.requirement[data-requirement="LightweightM2M-HLF-020"]');
  await expect(requirement).toHaveAttribute('data-verdict', 'fail');
  const scenario = requirement.locator('details.scenario[data-scenario="reporting/observe-pmin"]');
  await expect(scenario).toBeHidden();

  await requirement.locator('> summary').click();
  await expect(requirement).toHaveAttribute('open', '');
  await expect(scenario).toBeVisible();
  const table = scenario.locator('table.expectations');
  await expect(table).toBeHidden();

  await scenario.locator('> summary').click();
  const failedRow = table.locator('tr[data-ok="false"]');
  await expect(failedRow).toBeVisible();
  await expect(failedRow.locator('td').nth(0)).toHaveText('gap between notifications (s)');
  await expect(failedRow.locator('td').nth(1)).toHaveText('>= 10');
  await expect(failedRow.locator('td').nth(2)).toHaveText('0.4');
  await expect(failedRow.locator('td').nth(3)).toHaveText('FAILED');

  const chart = scenario.locator('svg.msc');
  await expect(chart).toBeVisible();
  await expect(chart.locator('g.msc-msg')).toHaveCount(5);
  await expect(chart.locator('text.msc-head-text').first()).toHaveText('Server (harness)');
  await expect(chart.locator('text.msc-label').first()).toHaveText('CON PUT /3303/0/5700?pmin=10 mid=7');
  const box = await chart.boundingBox();
  expect(box && box.width > 300 && box.height > 100, 'the chart is drawn at a readable size').toBe(true);
  // Device text with markup shows as text in the console block.
  await expect(scenario.locator('pre.console')).toContainText('<script>alert("x")</script>');

  await page.screenshot({ path: join(dir, 'matrix-failed-expanded.png'), fullPage: true });
  expect(blocked).toEqual([]);
});

test('the filter shows only failures and errors', async ({ page }) => {
  await openOffline(page);
  await page.locator('#filter').selectOption('failures');
  const visible = page.locator('details.requirement:visible');
  const expected = results.requirements.filter((r) => r.verdict === 'fail' || r.verdict === 'error').length;
  await expect(visible).toHaveCount(expected);
  for (const verdict of await visible.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-verdict')))) {
    expect(['fail', 'error']).toContain(verdict);
  }
});
