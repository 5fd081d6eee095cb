// The notebook's chart, Markdown and keyboard features, cancel, and keeping work (issue 4):
// a query charted and exported as SVG and PNG; a text cell with hostile Markdown that runs
// nothing and injects nothing; shortcuts to add, move, delete and undo; a long query cancelled
// with the app still usable; reload → restored; Save → Open in a fresh profile → same cells and
// results; a share link opened in a fresh profile with the data file attached by name; and the
// "done when" flow: RFM → its SQL → a changed threshold → a chart → saved → a colleague's copy.
// An opened notebook (file or link) runs only when Run all is pressed (issue 13).
// Hooks: nb-add-chart, nb-add-text, cell-text-input, cell-edit, cell-markdown, chart-nb-<n>,
// chart-mark, chart-x, download-svg-nb-<n>, download-png-nb-<n>, cell-cancel, nb-cancel,
// nb-deleted, nb-toast-undo, nb-save, nb-open-input, nb-share, nb-share-link, nb-attach,
// nb-attach-input, nb-mapping-warning, nb-mapping-offer, nb-run-opened, nb-shortcuts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, SAMPLE_DATA, waitForAnalyses, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';

let session: BrowserSession;
const dialogs: string[] = [];

beforeAll(async () => {
	session = await launchBrowser();
	session.page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await session.page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	await session?.close();
});

const MONTHLY = `SELECT date_trunc('month', order_date)::DATE AS month, sum(revenue)::DOUBLE AS revenue
FROM orders GROUP BY 1 ORDER BY 1`;

/** Replaces the text of cell n's editor and runs it with Ctrl+Enter. */
async function setSql(page: Page, n: number, text: string) {
	await page.getByTestId(`cell-${n}`).locator('.cm-content').click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText(text);
	await page.keyboard.press('Escape');
}

async function addSql(page: Page, n: number, text: string, want = 'done') {
	await page.getByTestId('nb-add-sql').click();
	await setSql(page, n, text);
	await page.keyboard.press('Control+Enter');
	await waitForCell(page, n, want);
}

async function tableText(page: Page, name: string): Promise<string[]> {
	return page.getByTestId(`cell-table-${name}`).locator('tbody td').allTextContents();
}

async function cellSummary(page: Page) {
	return page
		.locator('[data-testid^="cell-"][data-kind]')
		.evaluateAll((els) =>
			els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-name') ?? ''}`)
		);
}

async function waitForChart(page: Page, n: number) {
	await page
		.locator(`[data-testid="chart-nb-${n}"] svg.clientele-plot`)
		.waitFor({ timeout: 20_000 });
}

let saved: Buffer;
let monthly: string[];
let shareLink: string;

describe('notebook cells', () => {
	it('charts a query with defaults from its column types and exports SVG and PNG', async () => {
		const { page } = session;
		await openNotebook(page);
		await addSql(page, 1, MONTHLY);
		monthly = await tableText(page, 'cell_1');
		expect(monthly.length).toBeGreaterThan(10);
		await page.getByTestId('nb-add-chart').click();
		const chart = page.getByTestId('cell-2');
		await waitForChart(page, 2);
		// A DATE column and a number: a line of revenue over months.
		expect(await chart.getByTestId('chart-mark').inputValue()).toBe('line');
		expect(await chart.getByTestId('chart-x').inputValue()).toBe('month');
		expect(await chart.getByTestId('chart-y').inputValue()).toBe('revenue');
		await chart.getByTestId('chart-mark').selectOption('bar');
		await chart.getByTestId('chart-title').fill('Revenue per month');
		await chart.getByTestId('chart-title').press('Enter');
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="chart-nb-2"] .chart-title')?.textContent ===
				'Revenue per month'
		);
		const bars = await chart.locator('svg.clientele-plot g[aria-label="bar"] rect').count();
		const months = Number(await page.getByTestId('cell-rowcount-cell_1').getAttribute('data-rows'));
		expect(bars).toBe(months);
		// Plot draws ⚠ when it has to warn (e.g. dates on a band axis): none here.
		expect(await chart.locator('svg.clientele-plot').first().textContent()).not.toContain('⚠');

		const svg = await download(page, chart.getByTestId('download-svg-nb-2'));
		expect(svg.filename).toBe('Revenue per month.svg');
		const text = svg.bytes.toString('utf8');
		expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(text).toContain('Revenue per month');
		expect(text.match(/<rect/g)?.length).toBeGreaterThanOrEqual(bars);
		const png = await download(page, chart.getByTestId('download-png-nb-2'));
		expect(png.filename).toBe('Revenue per month.png');
		expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(png.bytes.length).toBeGreaterThan(5000);
		await screenshot(page, 'notebook-chart', chart);
	});

	it('renders Markdown safely: raw HTML as text, javascript: links as text', async () => {
		const { page } = session;
		await page.getByTestId('nb-add-text').click();
		const cell = page.getByTestId('cell-3');
		await cell
			.getByTestId('cell-text-input')
			.fill(
				[
					'## Monthly revenue',
					'Revenue **per month**, from `cell_1`.',
					'',
					'<img src=x onerror=alert(1)>',
					'',
					'[x](javascript:alert(1)) and [docs](https://duckdb.org/docs/)',
					'',
					'- one <script>alert(2)</script>',
					'- two'
				].join('\n')
			);
		await cell.getByTestId('cell-edit').click();
		await cell.getByTestId('cell-markdown').waitFor();
		await page.waitForTimeout(300);
		const md = cell.getByTestId('cell-markdown');
		expect(await md.locator('h4').textContent()).toBe('Monthly revenue');
		expect(await md.locator('strong').textContent()).toBe('per month');
		expect(await md.locator('code').textContent()).toBe('cell_1');
		expect(await md.locator('li').allTextContents()).toEqual([
			'one <script>alert(2)</script>',
			'two'
		]);
		const text = await md.textContent();
		expect(text).toContain('<img src=x onerror=alert(1)>');
		expect(text).toContain('[x](javascript:alert(1))');
		// Nothing injected: no image, no script; one link, the https one, opened safely.
		expect(
			await page.locator('[data-testid="notebook"] img, [data-testid="notebook"] script').count()
		).toBe(0);
		const links = md.locator('a');
		expect(await links.count()).toBe(1);
		expect(await links.getAttribute('href')).toBe('https://duckdb.org/docs/');
		expect(await links.getAttribute('rel')).toBe('noopener noreferrer');
		expect(await links.getAttribute('target')).toBe('_blank');
		expect(dialogs).toEqual([]);
		await screenshot(page, 'notebook-markdown', cell);
	});

	it('adds, moves and deletes cells from the keyboard, and undoes the delete', async () => {
		const { page } = session;
		expect(await page.getByTestId('nb-shortcuts').textContent()).toMatch(/Alt\+Enter/);
		await page.getByTestId('cell-1').locator('.cm-content').click();
		await page.keyboard.press('Alt+Enter');
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'sql:cell_2', 'chart:', 'text:']);
		// The new cell has the focus: type into it, then move it down past the chart.
		await page.keyboard.insertText('SELECT 42 AS answer');
		await page.keyboard.press('Control+Shift+ArrowDown');
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'chart:', 'sql:cell_2', 'text:']);
		await page.keyboard.press('Control+Shift+ArrowUp');
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'sql:cell_2', 'chart:', 'text:']);
		await page.keyboard.press('Control+Shift+Backspace');
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
		await page.getByTestId('nb-deleted').waitFor();
		// Ctrl+Z outside an editor brings it back where it was.
		await page.getByTestId('nb-shortcuts').click();
		await page.keyboard.press('Control+Z');
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'sql:cell_2', 'chart:', 'text:']);
		expect(await page.getByTestId('cell-2').locator('.cm-content').textContent()).toBe(
			'SELECT 42 AS answer'
		);
		await page.getByTestId('cell-2').getByTestId('cell-delete').click();
		await page.getByTestId('nb-toast-undo').click();
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'sql:cell_2', 'chart:', 'text:']);
		await page.getByTestId('cell-2').getByTestId('cell-delete').click();
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
	});

	it('cancels a long query and stays usable', async () => {
		const { page } = session;
		await page.getByTestId('nb-add-sql').click();
		await setSql(
			page,
			4,
			'SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b'
		);
		await page.keyboard.press('Control+Enter');
		await waitForCell(page, 4, 'running');
		await page.waitForTimeout(1500);
		// The page still answers while the query runs.
		const t0 = Date.now();
		await page.getByTestId('cell-3').getByTestId('cell-edit').click();
		await page.getByTestId('cell-3').getByTestId('cell-edit').click();
		expect(Date.now() - t0).toBeLessThan(2000);
		const t1 = Date.now();
		await page.getByTestId('cell-4').getByTestId('cell-cancel').click();
		await waitForCell(page, 4, 'error', 15_000);
		const cancelMs = Date.now() - t1;
		console.log(`cancel took ${cancelMs} ms`);
		expect(cancelMs).toBeLessThan(10_000);
		expect(await page.getByTestId('cell-4').getByTestId('cell-error').textContent()).toMatch(
			/Cancelled/
		);
		// The data is still there: the first cell runs again with the same result.
		await page.getByTestId('cell-1').getByTestId('cell-run').click();
		await waitForCell(page, 1, 'done');
		expect(await tableText(page, 'cell_1')).toEqual(monthly);
		await page.getByTestId('cell-4').getByTestId('cell-delete').click();
	});

	it('restores chart and text cells after a reload', async () => {
		const { page } = session;
		await page.waitForTimeout(800);
		await page.reload();
		await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
		await openNotebook(page);
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
		expect(await page.getByTestId('cell-2').getByTestId('chart-mark').inputValue()).toBe('bar');
		expect(
			await page.getByTestId('cell-3').getByTestId('cell-markdown').locator('h4').textContent()
		).toBe('Monthly revenue');
		await page.getByTestId('cell-2').getByTestId('chart-run').click();
		await waitForChart(page, 2);
		expect(await tableText(page, 'cell_1')).toEqual(monthly);
	});

	it('saves a notebook that opens in a fresh profile with the same cells and results', async () => {
		const file = await download(session.page, session.page.getByTestId('nb-save'));
		saved = file.bytes;
		const json = JSON.parse(saved.toString('utf8')) as Record<string, unknown>;
		expect(json.mapping).toMatchObject({
			orders: { file: 'orders.csv', roles: { customer_id: expect.any(String) } },
			customers: { file: 'customers.csv' }
		});
		expect(saved.toString('utf8')).not.toContain(monthly[1]!);

		const other = await launchBrowser();
		try {
			await other.page.goto(`${inject('appUrl')}?sample`);
			await waitForLoad(other.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
			await openNotebook(other.page);
			await other.page.getByTestId('nb-open-input').setInputFiles({
				name: 'notebook.clientele.json',
				mimeType: 'application/json',
				buffer: saved
			});
			// A notebook from elsewhere runs nothing until the user says so (issue 13).
			await other.page.getByTestId('cell-1').waitFor();
			expect(await other.page.getByTestId('cell-1').getAttribute('data-status')).toBe('idle');
			await other.page.getByTestId('nb-run-opened').click();
			await waitForCell(other.page, 1, 'done');
			expect(await cellSummary(other.page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
			expect(await tableText(other.page, 'cell_1')).toEqual(monthly);
			await waitForChart(other.page, 2);
			expect(await other.page.getByTestId('nb-mapping-warning').count()).toBe(0);
			assertNoPageErrors(other);
		} finally {
			await other.close();
		}
	});

	it('round-trips a share link: a fresh profile attaches the data file by name', async () => {
		const { page } = session;
		await page.getByTestId('nb-share').click();
		const link = await page.getByTestId('nb-share-link').inputValue();
		shareLink = link;
		expect(link.startsWith(`${inject('appUrl')}#nb=`)).toBe(true);
		expect(link).not.toContain('?sample');

		const other = await launchBrowser();
		try {
			await other.page.goto(link);
			await other.page.getByTestId('nb-attach').waitFor({ timeout: 30_000 });
			expect(await other.page.getByTestId('nb-attach').textContent()).toMatch(
				/“orders\.csv”, “customers\.csv”/
			);
			expect(await cellSummary(other.page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
			// The hash is dropped once read: a reload keeps the (autosaved) notebook.
			expect(new URL(other.page.url()).hash).toBe('');
			await other.page
				.getByTestId('nb-attach-input')
				.setInputFiles([join(SAMPLE_DATA, 'orders.csv'), join(SAMPLE_DATA, 'customers.csv')]);
			await waitForLoad(other.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
			// Its mapping is the loaded data's: nothing to offer. Its cells run on Run all (issue 13).
			expect(await other.page.getByTestId('nb-mapping-offer').count()).toBe(0);
			await other.page.getByTestId('nb-run-opened').click();
			await waitForCell(other.page, 1, 'done', 60_000);
			expect(await tableText(other.page, 'cell_1')).toEqual(monthly);
			await waitForChart(other.page, 2);
			expect(await other.page.getByTestId('nb-attach').count()).toBe(0);
			await screenshot(other.page, 'notebook-shared');
			assertSameOrigin(other.requests, inject('appOrigin'));
			assertNoPageErrors(other);
		} finally {
			await other.close();
		}
	});

	it('asks before a shared notebook replaces the user’s own cells', async () => {
		const { page } = session;
		await page.getByTestId('nb-add-sql').click();
		await page.waitForTimeout(800); // autosave
		const mine = await cellSummary(page);
		expect(mine).toHaveLength(4);
		await page.goto(shareLink);
		await page.getByTestId('nb-share-incoming').waitFor({ timeout: 30_000 });
		expect(await page.getByTestId('nb-share-incoming').textContent()).toMatch(/3 cells.*\(4\)/);
		await page.getByTestId('nb-share-keep').click();
		expect(await cellSummary(page)).toEqual(mine);
		await page.goto(shareLink);
		await page.getByTestId('nb-share-replace').click({ timeout: 30_000 });
		expect(await cellSummary(page)).toEqual(['sql:cell_1', 'chart:', 'text:']);
		await page.getByTestId('nb-attach').waitFor();
	});

	it('says when a link would be too long and suggests Save instead', async () => {
		const { page } = session;
		await page.getByTestId('nb-add-text').click();
		// Text that does not compress: random letters and digits.
		const noise = await page.evaluate(() =>
			Array.from(crypto.getRandomValues(new Uint8Array(12_000)), (b) =>
				'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(b % 36)
			).join('')
		);
		const cells = await page.locator('[data-testid^="cell-"][data-kind]').count();
		await page.getByTestId(`cell-${cells}`).getByTestId('cell-text-input').fill(noise);
		await page.getByTestId('nb-share').click();
		expect(await page.getByTestId('nb-share-too-long').textContent()).toMatch(
			/link of [\d,]+ characters.*Save notebook/
		);
		expect(await page.getByTestId('nb-share-link').count()).toBe(0);
		await page.getByTestId(`cell-${cells}`).getByTestId('cell-delete').click();
	});

	it('refuses a damaged share link with a clear message', async () => {
		const other = await launchBrowser();
		try {
			await other.page.goto(`${inject('appUrl')}#nb=AAAA$$`);
			await other.page.getByTestId('nb-file-error').waitFor({ timeout: 30_000 });
			expect(await other.page.getByTestId('nb-file-error').textContent()).toMatch(
				/share link could not be opened.*damaged/
			);
			assertNoPageErrors(other);
		} finally {
			await other.close();
		}
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
		expect(dialogs).toEqual([]);
	});
});

describe('done when: dashboard → SQL → changed threshold → own chart → saved → colleague', () => {
	it('a colleague opening the saved notebook with the same data file sees the same result', async () => {
		const analyst = await launchBrowser();
		const colleague = await launchBrowser();
		try {
			const { page } = analyst;
			await page.goto(`${inject('appUrl')}?sample`);
			await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
			await waitForAnalyses(page);
			const dashboardCounts = (
				await page.getByTestId('table-rfm').locator('tbody tr td:nth-child(2)').allTextContents()
			).map((t) => Number(t.replaceAll(',', '')));

			await page.getByTestId('open-in-notebook-rfm').click();
			await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
			expect(await cellSummary(page)).toEqual([
				'sql:rfm_customers',
				'sql:rfm_grid',
				'sql:rfm_segments',
				'sql:rfm_returns_only'
			]);
			// Change a threshold: the first segment rule's lowest recency score goes down by one.
			// CodeMirror draws only the lines in view: read the cell's whole SQL from a saved copy.
			const copy = JSON.parse(
				(await download(page, page.getByTestId('nb-save'))).bytes.toString('utf8')
			) as { cells: { name?: string; source: string }[] };
			const before = copy.cells.find((c) => c.name === 'rfm_segments')!.source;
			const rule = /WHEN r BETWEEN (\d) AND (\d)/.exec(before);
			expect(rule).not.toBeNull();
			const lowered = Number(rule![1]) - 1;
			expect(lowered).toBeGreaterThanOrEqual(1);
			const changed = before.replace(rule![0], `WHEN r BETWEEN ${lowered} AND ${rule![2]}`);
			await setSql(page, 3, changed);
			await page.keyboard.press('Control+Enter');
			await waitForCell(page, 3, 'done', 60_000);
			const segments = await tableText(page, 'rfm_segments');
			const header = await page
				.getByTestId('cell-table-rfm_segments')
				.locator('thead th')
				.allTextContents();
			const width = header.length;
			const col = header.findIndex((h) => h.trim().startsWith('customers'));
			const counts = segments
				.filter((_, i) => i % width === col)
				.map((t) => Number(t.replaceAll(',', '')));
			// Same customers in total, spread differently than on the dashboard.
			const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
			expect(sum(counts)).toBe(sum(dashboardCounts));
			expect([...counts].sort()).not.toEqual([...dashboardCounts].sort());

			// Their own chart: customers per segment, as bars.
			await page.getByTestId('nb-add-chart').click();
			// Cell 4 is RFM's returns-only count: the chart reads the segments cell by name.
			const chart = page.getByTestId('cell-5');
			await chart.getByTestId('chart-from').selectOption({ label: 'rfm_segments' });
			await chart.getByTestId('chart-mark').selectOption('bar');
			await chart.getByTestId('chart-x').selectOption('segment');
			await chart.getByTestId('chart-y').selectOption('customers');
			await waitForChart(page, 5);
			const bars = await chart.locator('g[aria-label="bar"] rect').count();
			expect(bars).toBe(counts.length);
			await page.waitForTimeout(600); // autosave, then save the file
			const file = await download(page, page.getByTestId('nb-save'));

			const other = colleague.page;
			await other.goto(`${inject('appUrl')}?sample`);
			await waitForLoad(other, { loaded: SAMPLE.loaded, timeout: 50_000 });
			await openNotebook(other);
			await other.getByTestId('nb-open-input').setInputFiles({
				name: file.filename,
				mimeType: 'application/json',
				buffer: file.bytes
			});
			await other.getByTestId('nb-run-opened').click();
			await waitForCell(other, 3, 'done', 60_000);
			expect(await cellSummary(other)).toEqual([
				'sql:rfm_customers',
				'sql:rfm_grid',
				'sql:rfm_segments',
				'sql:rfm_returns_only',
				'chart:'
			]);
			expect(await tableText(other, 'rfm_segments')).toEqual(segments);
			await waitForChart(other, 5);
			expect(await other.getByTestId('cell-5').locator('g[aria-label="bar"] rect').count()).toBe(
				bars
			);
			expect(await other.getByTestId('cell-5').getByTestId('chart-y').inputValue()).toBe(
				'customers'
			);
			expect(await other.getByTestId('nb-mapping-warning').count()).toBe(0);
			await screenshot(other, 'notebook-done-when');
			for (const s of [analyst, colleague]) {
				assertSameOrigin(s.requests, inject('appOrigin'));
				assertNoPageErrors(s);
			}
		} finally {
			await analyst.close();
			await colleague.close();
		}
	});
});
