// Issue 19: find a customer of the bundled sample and see their profile, with the numbers of the
// RFM segment list's row for them; open a profile from a customer id in a list (the due list) and
// in a notebook result; all with the keyboard. Screenshots in English and Chinese.
// Hooks: customer-search, customer-search-results, customer-profile (data-customer-id,
// data-status), open-customer (data-customer-id), download-customers-rfm (docs/hooks.md).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	SCREENSHOT_DIR,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, parseCsv, waitForAnalyses, waitForLoad } from './helpers/app';
import { waitForCell } from './helpers/notebook';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	await session.page.goto(`${inject('appUrl')}?sample&lang=en`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	if (session) {
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	}
	await session?.close();
});

/** The open profile, once it has read everything for `id`. */
async function profileOf(page: Page, id: string): Promise<Locator> {
	const profile = page.locator(
		`[data-testid="customer-profile"][data-customer-id="${id}"][data-status="done"]`
	);
	await profile.waitFor({ timeout: 20_000 });
	return profile;
}

const field = (profile: Locator, name: string) =>
	profile.locator(`[data-field="${name}"]`).getAttribute('data-value');

/** The viewport with the profile dialog over the page (a full-page shot would not show it). */
async function shot(page: Page, name: string) {
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Press Escape: the profile closes. */
async function closeProfile(page: Page) {
	await page.keyboard.press('Escape');
	await page.getByTestId('customer-profile').waitFor({ state: 'detached' });
}

describe('customer search and profile', () => {
	it("search by id with the keyboard: the profile shows the RFM list row's numbers", async () => {
		const { page } = session;
		const file = await download(page, page.getByTestId('download-customers-rfm'));
		const csv = parseCsv(file.bytes);
		const col = (name: string) => csv.header.indexOf(name);
		const row = csv.rows[0]!;
		const id = row[col('customer_id')]!;

		const search = page.getByTestId('customer-search');
		await search.focus();
		// A prefix lists the matches (the id among them), case-insensitive.
		await page.keyboard.type(id.slice(0, -1).toLowerCase(), { delay: 20 });
		const results = page.getByTestId('customer-search-results');
		await results.locator(`[role="option"][data-customer-id="${id}"]`).waitFor();
		expect(await search.getAttribute('aria-expanded')).toBe('true');
		await page.keyboard.type(id.slice(-1));
		await expect
			.poll(() => results.locator('[role="option"]').first().getAttribute('data-customer-id'))
			.toBe(id);
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowUp');
		expect(await search.getAttribute('aria-activedescendant')).toBe('customer-option-0');
		await page.keyboard.press('Enter');

		const profile = await profileOf(page, id);
		expect(Number(await field(profile, 'orders'))).toBe(Number(row[col('frequency')]));
		expect(Number(await field(profile, 'revenue'))).toBeCloseTo(Number(row[col('monetary')]), 2);
		expect(await field(profile, 'segment')).toBe(row[col('segment_key')]);
		expect(await field(profile, 'scores')).toBe(`${row[col('r')]}${row[col('f')]}${row[col('m')]}`);
		expect(Number(await field(profile, 'recency_days'))).toBe(Number(row[col('recency_days')]));
		// The customers file's columns, the stage, the history table and chart.
		const text = (await profile.textContent()) ?? '';
		expect(text).toContain(row[col('region')]!);
		expect(await profile.locator('[data-field="stage"] strong').textContent()).toBeTruthy();
		expect(await profile.getByTestId('customer-orders-table').locator('tbody tr').count()).toBe(
			Math.min(20, Number(row[col('frequency')]))
		);
		await profile.getByTestId('chart-customer-orders').locator('svg').first().waitFor();
		const ms = await page.evaluate(
			() => performance.getEntriesByName('clientele: customer profile').at(-1)?.duration ?? -1
		);
		console.log(`customer profile read in ${Math.round(ms)} ms (sample)`);
		expect(ms).toBeGreaterThan(0);

		await closeProfile(page);
		// The focus is back where the profile was opened from.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
			'customer-search'
		);
	}, 90_000);

	it('a customers-file value is found by its prefix; a quote or SQL finds nothing and breaks nothing', async () => {
		const { page } = session;
		const search = page.getByTestId('customer-search');
		await search.fill('');
		await search.focus();
		await page.keyboard.type('eas', { delay: 20 });
		const results = page.getByTestId('customer-search-results');
		await expect.poll(() => results.locator('[role="option"]').count()).toBe(10);
		expect(await results.locator('[role="option"]').first().textContent()).toContain(
			'region: East'
		);
		await search.fill('');
		await page.keyboard.type("'; DROP TABLE orders; --", { delay: 5 });
		await expect.poll(() => results.textContent()).toContain('No customer');
		await page.keyboard.press('Escape');
		await search.fill('');
		// The orders are still there: the overview still counts them.
		expect(await page.getByTestId('analysis-overview').getAttribute('data-status')).toBe('done');
	}, 60_000);

	it('a customer id in the due-for-repurchase list opens the profile (keyboard)', async () => {
		const { page } = session;
		const link = page.getByTestId('table-cycle-due').getByTestId('open-customer').first();
		const id = (await link.getAttribute('data-customer-id'))!;
		await link.focus();
		await page.keyboard.press('Enter');
		const profile = await profileOf(page, id);
		// The due list's customer is due: the cycle card says when.
		expect(await field(profile, 'expected_next')).toBeTruthy();
		await closeProfile(page);
		expect(
			await page.evaluate(() => document.activeElement?.getAttribute('data-customer-id'))
		).toBe(id);
	}, 60_000);

	it('the segment, stage and value-tier lists show their customers on the page, and an id opens the profile (keyboard)', async () => {
		const { page } = session;
		for (const [name, pick] of [
			['rfm', 'champions'],
			['lifecycle', 'at_risk'],
			['concentration', 'A']
		] as const) {
			const picker = page.getByTestId(`segment-pick-${name}`);
			await picker.scrollIntoViewIfNeeded();
			await picker.selectOption(pick);
			const show = page.getByTestId(`segment-show-${name}`);
			await show.focus();
			await page.keyboard.press('Enter');
			expect(await show.getAttribute('aria-expanded')).toBe('true');
			const table = page.getByTestId(`table-segment-${name}`);
			const link = table.getByTestId('open-customer').first();
			await link.waitFor({ timeout: 20_000 });
			const rows = await table.locator('tbody tr').count();
			expect(rows, name).toBeGreaterThan(0);
			expect(rows, name).toBeLessThanOrEqual(20);
			const id = (await link.getAttribute('data-customer-id'))!;
			await link.focus();
			await page.keyboard.press('Enter');
			await profileOf(page, id);
			await closeProfile(page);
			expect(
				await page.evaluate(() => document.activeElement?.getAttribute('data-customer-id'))
			).toBe(id);
			await show.click();
			await table.waitFor({ state: 'detached' });
		}
	}, 90_000);

	it('screenshots of a profile in English and Chinese', async () => {
		const { page } = session;
		const viewport = page.viewportSize();
		await page.setViewportSize({ width: 1280, height: 1300 });
		const link = page.getByTestId('table-cycle-due').getByTestId('open-customer').first();
		const id = (await link.getAttribute('data-customer-id'))!;
		await link.focus();
		await page.keyboard.press('Enter');
		let profile = await profileOf(page, id);
		await profile.getByTestId('chart-customer-orders').locator('svg').first().waitFor();
		await shot(page, 'customer-profile-en');
		await closeProfile(page);
		await page.getByTestId('lang-switch').selectOption('zh');
		await link.focus();
		await page.keyboard.press('Enter');
		profile = await profileOf(page, id);
		await expect.poll(() => profile.locator('h2').textContent()).toBe(`客户 ${id}`);
		await expect
			.poll(() => profile.textContent(), { timeout: 10_000 })
			.not.toMatch(/Source:|Orders over time/);
		await shot(page, 'customer-profile-zh');
		await closeProfile(page);
		await page.getByTestId('lang-switch').selectOption('en');
		if (viewport) await page.setViewportSize(viewport);
	}, 60_000);

	it('a customer_id in a notebook result opens the profile (keyboard)', async () => {
		const { page } = session;
		await page.getByTestId('open-notebook').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
		await page.getByTestId('nb-add-sql').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('cell-1').locator('.cm-content').focus();
		await page.keyboard.type(
			'SELECT customer_id, revenue FROM customer_facts ORDER BY revenue DESC, customer_id LIMIT 5',
			{ delay: 2 }
		);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Enter');
		await waitForCell(page, 1, 'done');
		const link = page.getByTestId('cell-table-cell_1').getByTestId('open-customer').first();
		const id = (await link.getAttribute('data-customer-id'))!;
		await link.focus();
		await page.keyboard.press('Enter');
		const profile = await profileOf(page, id);
		expect(Number(await field(profile, 'orders'))).toBeGreaterThan(0);
		await closeProfile(page);
	}, 90_000);
});
