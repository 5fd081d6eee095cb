// Issue 5, guarantee 2 in the browser: rows that load but deserve a word. duplicates.csv (rows 2
// and 3 repeat row 1) shows a duplicate warning with a count and the rows, and the explicit
// choice to remove them — off by default — changes the counts so that data rows = loaded +
// rejected + removed. dates-future.csv and negative-zero.csv show their warnings too.
// The checks run after the analyses are drawn (data-checks says when they are done).
// Hooks: file-input, load-status (data-rows-removed), data-checks, warning-*, remove-duplicates,
// duplicates-removed, missing-customer.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { SECTIONS, waitForAnalyses, waitForChecks, waitForLoad } from './helpers/app';
import { REPO_ROOT } from './helpers/static-server.mjs';

const HOSTILE = join(REPO_ROOT, 'tests/fixtures/hostile');

let session: BrowserSession;
beforeAll(async () => {
	session = await launchBrowser();
});
afterAll(async () => {
	await session?.close();
});

describe('warnings that keep rows', () => {
	it('duplicates: counted, listed, kept by default, removed only when asked', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		// Record, when the checks start, what state every analysis is in.
		await page.evaluate(
			(ids) => {
				const seen: string[] = [];
				const observer = new MutationObserver(() => {
					const state = document
						.querySelector('[data-testid="data-checks"]')
						?.getAttribute('data-state');
					if (state !== 'checking' || seen.length > 0) return;
					for (const id of ids) {
						const el = document.querySelector(`[data-testid="analysis-${id}"]`);
						seen.push(`${id}=${el?.getAttribute('data-status') ?? 'missing'}`);
					}
				});
				observer.observe(document.body, { subtree: true, childList: true, attributes: true });
				Object.assign(window, { checksStart: seen });
			},
			[...SECTIONS]
		);
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'duplicates.csv'));
		expect(await waitForLoad(page, { loaded: 4 })).toEqual({
			state: 'ready',
			loaded: 4,
			rejected: 0
		});
		expect(await waitForChecks(page)).toBe('done');
		// The checks waited for every analysis.
		expect(
			await page.evaluate(() => (window as unknown as { checksStart: string[] }).checksStart)
		).toEqual(SECTIONS.map((id) => `${id}=done`));
		const warning = page.getByTestId('warning-duplicate');
		expect(await warning.getAttribute('data-count')).toBe('2');
		expect(await warning.textContent()).toMatch(/2 rows are exact copies.*\(rows 2, 3\)/s);
		const box = page.getByTestId('remove-duplicates');
		expect(await box.isChecked()).toBe(false);
		expect(await page.getByTestId('load-status').getAttribute('data-rows-removed')).toBe('0');

		await box.check();
		expect(await waitForLoad(page, { loaded: 2 })).toEqual({
			state: 'ready',
			loaded: 2,
			rejected: 0
		});
		await waitForAnalyses(page);
		expect(await waitForChecks(page)).toBe('done');
		expect(await page.getByTestId('load-status').getAttribute('data-rows-removed')).toBe('2');
		expect(await page.getByTestId('load-status').textContent()).toMatch(/2 duplicates removed/);
		expect(await page.getByTestId('duplicates-removed').textContent()).toMatch(
			/4 data rows = 2 loaded \+ 0 rejected \+ 2 duplicates removed/
		);
		// The warning still says what the file holds; unticking brings the rows back.
		expect(await warning.getAttribute('data-count')).toBe('2');
		await box.uncheck();
		expect((await waitForLoad(page, { loaded: 4 })).loaded).toBe(4);
		expect(await page.getByTestId('load-status').getAttribute('data-rows-removed')).toBe('0');
	});

	it('a new file starts with duplicates kept again', async () => {
		const { page } = session;
		await page.getByTestId('remove-duplicates').check();
		await waitForLoad(page, { loaded: 2 });
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'dates-future.csv'));
		expect((await waitForLoad(page, { loaded: 2 })).state).toBe('ready');
		await expect
			.poll(() => page.getByTestId('warning-future_date').textContent())
			.toMatch(/1 order is dated after today.*\(rows 2\)/s);
		expect(await page.getByTestId('warning-duplicate').count()).toBe(0);
		expect(await page.getByTestId('load-status').getAttribute('data-rows-removed')).toBe('0');
	});

	it('zero and negative amounts, and missing customer ids, in Chinese too', async () => {
		const { page } = session;
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'negative-zero.csv'));
		await waitForLoad(page, { loaded: 4 });
		expect(await waitForChecks(page)).toBe('done');
		expect(await page.getByTestId('warning-zero_amount').textContent()).toMatch(/\(rows 3\)/);
		expect(await page.getByTestId('warning-negative_amount').textContent()).toMatch(
			/2 lines have a negative amount.*\(rows 2, 4\)/s
		);
		await page.goto(`${inject('appUrl')}?lang=zh`);
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'missing-ids.csv'));
		await waitForLoad(page, { loaded: 4 });
		expect(await waitForChecks(page)).toBe('done');
		expect(await page.getByTestId('missing-customer').textContent()).toMatch(
			/2 行没有客户 ID.*第 2, 3 行/s
		);
	});

	it('had no page errors', () => {
		assertNoPageErrors(session);
	});
});
