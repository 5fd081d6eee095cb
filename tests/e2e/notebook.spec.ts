// The notebook (issue 4, first slice) on the bundled sample: SQL cells typed into CodeMirror and
// run with Ctrl+Enter, a second cell reading the first cell's view, a query error that leaves the
// app working, a large result drawn as a virtual window, cells restored from IndexedDB after a
// reload, a bad notebook file refused, and "Open in notebook" on RFM giving the dashboard's numbers.
// Hooks: open-notebook, open-dashboard, notebook, nb-add-sql, cell-<n> (data-status, data-name),
// cell-rowcount-<name> (data-rows), cell-table-<name>, cell-error, nb-open-input, nb-file-error,
// open-in-notebook-<section>.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, waitForAnalyses, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	await session.page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	await session?.close();
});

/** Adds a SQL cell, types `text` into its editor and runs it with Ctrl+Enter. */
async function addAndRun(page: Page, n: number, text: string, want = 'done') {
	await page.getByTestId('nb-add-sql').click();
	const cell = page.getByTestId(`cell-${n}`);
	await cell.locator('.cm-content').click();
	await page.keyboard.type(text, { delay: 5 });
	await page.keyboard.press('Escape'); // close an open completion list
	await page.keyboard.press('Control+Enter');
	await waitForCell(page, n, want);
}

async function cells(page: Page, name: string): Promise<string[]> {
	return page.getByTestId(`cell-table-${name}`).locator('tbody td').allTextContents();
}

describe('notebook', () => {
	it('runs typed SQL with Ctrl+Enter, chains cell views and survives an error', async () => {
		const { page } = session;
		await openNotebook(page);
		await addAndRun(page, 1, 'SELECT range AS i, range % 7 AS k FROM range(150000)');
		const count = page.getByTestId('cell-rowcount-cell_1');
		expect(await count.getAttribute('data-rows')).toBe('150000');
		expect(await count.textContent()).toMatch(/150,000 rows · \d+/);
		// Virtualised: a window of rows is in the DOM, not 150 000.
		const drawn = await page.getByTestId('cell-table-cell_1').locator('tbody tr td').count();
		expect(drawn).toBeGreaterThan(0);
		expect(drawn).toBeLessThan(200);

		await addAndRun(page, 2, 'SELECT count(*)::INTEGER AS n, sum(k)::BIGINT AS s FROM cell_1');
		expect(await cells(page, 'cell_2')).toEqual(['150,000', '449,994']);

		await addAndRun(page, 3, 'SELECT no_such_column FROM cell_1', 'error');
		expect(await page.getByTestId('cell-3').getByTestId('cell-error').textContent()).toMatch(
			/no_such_column/
		);
		// Still working: re-running cell 1 re-runs cell 2, which reads it.
		await page.getByTestId('cell-1').getByTestId('cell-run').click();
		await waitForCell(page, 2, 'done');
		expect(await cells(page, 'cell_2')).toEqual(['150,000', '449,994']);
		await screenshot(page, 'notebook-cells');
	});

	it('restores the cells from IndexedDB after a reload', async () => {
		const { page } = session;
		await page.waitForTimeout(1000); // the autosave is debounced
		await page.reload();
		await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
		await openNotebook(page);
		const names = await page
			.locator('[data-testid^="cell-"][data-name]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
		expect(names).toEqual(['cell_1', 'cell_2', 'cell_3']);
		expect(await page.getByTestId('cell-1').locator('.cm-content').textContent()).toBe(
			'SELECT range AS i, range % 7 AS k FROM range(150000)'
		);
		// Cell 2 reads cell_1, which has not run since the reload: it runs first.
		await page.getByTestId('cell-2').getByTestId('cell-run').click();
		await waitForCell(page, 2, 'done');
		expect(await cells(page, 'cell_2')).toEqual(['150,000', '449,994']);
	});

	it('refuses a file that is not a valid notebook, with its reason', async () => {
		const { page } = session;
		await page.getByTestId('nb-open-input').setInputFiles({
			name: 'bad.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ format: 'clientele-notebook', version: 7, cells: [] }))
		});
		expect(await page.getByTestId('nb-file-error').textContent()).toMatch(/version 7/);
		expect(await page.locator('[data-testid^="cell-"][data-name]').count()).toBe(3);
	});

	it('opens RFM’s exact SQL as cells whose results equal the dashboard', async () => {
		const { page } = session;
		await page.getByTestId('open-dashboard').click();
		await waitForAnalyses(page);
		const perSegment = (
			await page.getByTestId('table-rfm').locator('tbody tr td:nth-child(2)').allTextContents()
		).map((t) => Number(t.replaceAll(',', '')));
		const total = perSegment.reduce((s, n) => s + n, 0);
		expect(total).toBe(Number(SAMPLE.customers.replaceAll(',', '')));

		await page.getByTestId('open-in-notebook-rfm').click();
		await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
		const names = await page
			.locator('[data-testid^="cell-"][data-name]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
		expect(names).toEqual([
			'cell_1',
			'cell_2',
			'cell_3',
			'rfm_customers',
			'rfm_grid',
			'rfm_segments',
			'rfm_returns_only'
		]);
		await addAndRun(
			page,
			8,
			'SELECT count(*)::INTEGER AS segments, sum(customers)::INTEGER AS customers FROM rfm_segments'
		);
		expect(await cells(page, 'cell_4')).toEqual([
			String(perSegment.length),
			total.toLocaleString('en-US')
		]);
		// The segments cell itself ran first (it is read by cell 8): same customers per segment.
		const header = await page
			.getByTestId('cell-table-rfm_segments')
			.locator('thead th')
			.allTextContents();
		const col = header.findIndex((h) => h.trim().startsWith('customers'));
		const notebookCounts = await page
			.getByTestId('cell-table-rfm_segments')
			.locator(`tbody tr td:nth-child(${col + 1})`)
			.allTextContents();
		expect(notebookCounts.map((t) => Number(t.replaceAll(',', '')))).toEqual(perSegment);
		await screenshot(page, 'notebook-rfm');

		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
