// Issue 15: groceries.csv (../shared/datasets; one basket a line, no header) through the file
// input is a basket file — 9,835 baskets of 169 items in a 'baskets' state that says what it is
// for, not "No orders file found"; beside an orders file both load. Screenshots in EN and zh-CN.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { datasetPath, datasetPresent } from '../helpers/datasets';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE_DATA, waitForAnalyses, waitForLoad } from './helpers/app';
import { join } from 'node:path';

const GROCERIES = datasetPath('groceries/groceries.csv');

describe.skipIf(!datasetPresent(GROCERIES))('a basket file', () => {
	let session: BrowserSession;
	beforeAll(async () => {
		session = await launchBrowser();
	});
	afterAll(async () => {
		await session?.close();
	});

	it('groceries.csv shows 9,835 baskets of 169 items, as a basket file', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page.getByTestId('file-input').setInputFiles(GROCERIES);
		const status = await waitForLoad(page, { states: ['baskets'], loaded: 9835 });
		expect(status.rejected).toBe(0);
		const summary = page.getByTestId('baskets-summary');
		await summary.waitFor();
		expect(await summary.getAttribute('data-baskets')).toBe('9835');
		expect(await summary.getAttribute('data-items')).toBe('169');
		expect(await summary.textContent()).toContain('9,835 baskets of 169 distinct items');
		const first = page.getByTestId('baskets-top-items').locator('tbody tr').first();
		expect((await first.locator('td').allTextContents()).slice(0, 2)).toEqual([
			'whole milk',
			'2,513'
		]);
		// What it is and what it is for; no problem message, no "No data loaded".
		expect(await page.getByTestId('baskets-state').textContent()).toContain('market-basket');
		expect(await page.getByTestId('problem').count()).toBe(0);
		expect(await page.getByTestId('load-status').textContent()).toContain('9,835 baskets');
		// The next step it names, "Add file…", is there.
		expect(await page.getByTestId('add-file-input').count()).toBe(1);
		for (const lang of ['en', 'zh']) {
			await page.getByTestId('lang-switch').selectOption(lang);
			await screenshot(page, `basket-file-${lang}`);
		}
		await page.getByTestId('lang-switch').selectOption('en');
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});

	it('beside an orders file both load: the dashboard, and the baskets in the load summary', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page.getByTestId('file-input').setInputFiles([
			{
				name: 'orders.csv',
				mimeType: 'text/csv',
				buffer: readFileSync(join(SAMPLE_DATA, 'orders.csv'))
			},
			{ name: 'groceries.csv', mimeType: 'text/csv', buffer: readFileSync(GROCERIES) }
		]);
		await waitForLoad(page);
		await waitForAnalyses(page);
		const summary = page.getByTestId('baskets-summary');
		expect(await summary.getAttribute('data-baskets')).toBe('9835');
		expect(await page.getByTestId('baskets-state').count()).toBe(0);
	});
});
