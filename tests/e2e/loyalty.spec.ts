// The loyalty programme simulation (issue 21) in the browser, on the bundled sample (?sample):
// the section finishes with a balanced ledger, a what-if change moves the what-if column only,
// the per-member CSV has one row per member (the section's own SQL in the notebook counts the
// same), the ledger replays in its worker without a long task, and screenshots in EN and zh-CN.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
	assertNoPageErrors,
	download,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { parseCsv } from './helpers/app';

let session: BrowserSession;
const section = (page: Page) => page.getByTestId('analysis-loyalty');

/** Waits until the section is done with the what-if figure `key` equal to `want` (any when null). */
async function waitForLoyalty(page: Page, check: { key: string; want: string } | null = null) {
	await page.waitForFunction(
		(check) => {
			const s = document.querySelector('[data-testid="analysis-loyalty"]');
			if (s?.getAttribute('data-status') !== 'done') return false;
			if (!check) return true;
			const row = s.querySelector(`[data-testid="loyalty-figure-${check.key}"]`);
			return row?.getAttribute('data-whatif') === check.want;
		},
		check,
		{ timeout: 90_000, polling: 100 }
	);
}

const figure = async (page: Page, key: string) => {
	const row = page.getByTestId(`loyalty-figure-${key}`);
	return {
		current: Number(await row.getAttribute('data-current')),
		whatIf: Number(await row.getAttribute('data-whatif'))
	};
};

beforeAll(async () => {
	session = await launchBrowser();
	await session.page.goto(`${inject('appUrl')}?sample&lang=en`);
	await waitForLoyalty(session.page);
	// Every section done: the long-task check times the what-if's runs, not the load's.
	await session.page.waitForFunction(
		() => {
			const all = [...document.querySelectorAll('section[data-testid^="analysis-"]')];
			return all.length > 0 && all.every((s) => s.getAttribute('data-status') === 'done');
		},
		null,
		{ timeout: 120_000, polling: 200 }
	);
}, 150_000);

afterAll(async () => {
	await session?.close();
});

describe('loyalty programme on the sample', () => {
	it('finishes with a balanced ledger, tiers, charts and the rules side by side', async () => {
		const { page } = session;
		const s = section(page);
		await expect
			.poll(() => s.getByTestId('loyalty-invariant').getAttribute('data-ok'))
			.toBe('true');
		const issued = await figure(page, 'issued');
		const redeemed = await figure(page, 'redeemed');
		const expired = await figure(page, 'expired');
		const outstanding = await figure(page, 'outstanding');
		expect(issued.current).toBeGreaterThan(0);
		expect(issued.current).toBe(redeemed.current + expired.current + outstanding.current);
		expect(issued.whatIf).toBe(redeemed.whatIf + expired.whatIf + outstanding.whatIf);
		// The default what-if has richer multipliers: more points, the same members.
		expect(issued.whatIf).toBeGreaterThan(issued.current);
		const members = await figure(page, 'members');
		expect(members.whatIf).toBe(members.current);
		for (const id of [
			'loyalty-tiers',
			'loyalty-ledger',
			'loyalty-outstanding',
			'loyalty-migration'
		]) {
			await s.getByTestId(`chart-${id}`).locator('svg').first().waitFor({ timeout: 20_000 });
		}
		// The sample's customers file has a membership_tier column: compared with the simulation.
		await s.getByTestId('table-loyalty-real').waitFor();
		assertNoPageErrors(session);
	}, 60_000);

	it('a what-if threshold change moves the what-if column only, without a long task', async () => {
		const { page } = session;
		const before = await figure(page, 'tier-3');
		await page.evaluate(() => {
			const w = window as unknown as { __longTasks: number[]; __timings: string[] };
			w.__longTasks = [];
			w.__timings = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) {
					if (e.entryType === 'longtask') w.__longTasks.push(e.duration);
					w.__timings.push(`${e.name} @${Math.round(e.startTime)} ${Math.round(e.duration)} ms`);
				}
			}).observe({ entryTypes: ['longtask', 'measure'] });
		});
		// Gold from a very low 12-month spend: more members reach it under the what-if.
		const input = page.getByTestId('loyalty-whatif-threshold-3');
		const silver = page.getByTestId('loyalty-whatif-threshold-2');
		await silver.fill('1');
		await silver.dispatchEvent('change');
		await input.fill('2');
		await input.dispatchEvent('change');
		await page.waitForFunction(
			(n) => {
				const row = document.querySelector('[data-testid="loyalty-figure-tier-3"]');
				const s = document.querySelector('[data-testid="analysis-loyalty"]');
				return (
					s?.getAttribute('data-status') === 'done' && Number(row?.getAttribute('data-whatif')) > n
				);
			},
			before.whatIf,
			{ timeout: 60_000, polling: 100 }
		);
		const after = await figure(page, 'tier-3');
		expect(after.current).toBe(before.current);
		const { tasks, timings } = await page.evaluate(() => {
			const w = window as unknown as { __longTasks: number[]; __timings: string[] };
			return { tasks: w.__longTasks, timings: w.__timings };
		});
		expect(
			tasks.filter((d) => d > 100),
			timings.join('\n')
		).toEqual([]);
		// A threshold below the tier before it is said, and not applied.
		await input.fill('0.5');
		await input.dispatchEvent('change');
		await section(page).getByTestId('loyalty-whatif-problem').waitFor();
		await input.fill('2');
		await input.dispatchEvent('change');
		await waitForLoyalty(page);
	}, 90_000);

	it('a preset and "copy the current rules" replace the what-if', async () => {
		const { page } = session;
		await page.getByTestId('loyalty-whatif-preset').selectOption('simple');
		// The simple scheme has one tier: no second tier in the what-if column.
		await waitForLoyalty(page, { key: 'tier-2', want: '' });
		expect((await figure(page, 'members')).whatIf).toBe((await figure(page, 'members')).current);
		await page.getByTestId('loyalty-copy-rules').click();
		const current = (await figure(page, 'issued')).current;
		await waitForLoyalty(page, { key: 'issued', want: String(current) });
		for (const key of ['redeemed', 'expired', 'outstanding', 'tier-3']) {
			const f = await figure(page, key);
			expect(f.whatIf, key).toBe(f.current);
		}
	}, 60_000);

	it('downloads one row per member; the section’s SQL in the notebook counts the same', async () => {
		const { page } = session;
		const members = (await figure(page, 'members')).current;
		const file = await download(page, page.getByTestId('download-csv-loyalty'));
		const csv = parseCsv(file.bytes);
		expect(csv.header).toEqual([
			'customer_id',
			'tier_now',
			'tier_before',
			'spend_12m',
			'points_issued',
			'points_redeemed',
			'points_expired',
			'points_outstanding',
			'liability'
		]);
		expect(csv.rows.length).toBe(members);
		const sum = (k: number) => csv.rows.reduce((s, r) => s + Number(r[k]), 0);
		expect(sum(4)).toBe((await figure(page, 'issued')).current);
		expect(sum(7)).toBe((await figure(page, 'outstanding')).current);
		await page.getByTestId('open-in-notebook-loyalty').click();
		await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
		await page.getByTestId('nb-run-all').click();
		const count = page.getByTestId('cell-rowcount-loyalty_loyalty_customers');
		await count.waitFor({ timeout: 60_000 });
		expect(Number(await count.getAttribute('data-rows'))).toBe(members);
		await page.getByTestId('open-dashboard').click();
		await waitForLoyalty(page);
	}, 120_000);

	it('reads in English and Chinese (screenshots)', async () => {
		const { page } = session;
		for (const lang of ['en', 'zh'] as const) {
			await page.getByTestId('lang-switch').selectOption(lang);
			const title = lang === 'zh' ? '各等级会员数随时间变化' : 'Members per tier over time';
			await page
				.getByTestId('chart-loyalty-tiers')
				.locator('figure, svg', { hasText: title })
				.first()
				.waitFor({ timeout: 15_000 });
			await screenshot(page, `loyalty-sample-${lang}`, section(page));
		}
		await page.getByTestId('lang-switch').selectOption('en');
		assertNoPageErrors(session);
	}, 60_000);
});
