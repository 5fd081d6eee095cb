// The customer value forecast (issue 17) in the browser: the CDNOW master log (../shared/datasets;
// skipped when absent, failed when absent under CI) through the file input, calibration end
// 1997-09-30 and weeks chosen as an analyst would; the fit runs in its Web Worker without a long
// task on the page, the parameters are on the table's hooks, the per-customer CSV downloads; and
// screenshots of the section in English and Chinese.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	download,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { parseCsv, waitForLoad } from './helpers/app';
import { datasetPath, datasetPresent } from '../helpers/datasets';
import type { Page } from 'playwright-core';

const MASTER = datasetPath('cdnow/CDNOW_master.txt');
const SAMPLE = datasetPath('cdnow/CDNOW_sample.txt');

/** Waits until the forecast section is 'done' with the given calibration end on its input. */
async function waitForForecast(page: Page, end: string | null, timeout = 90_000) {
	await page.waitForFunction(
		(end) => {
			const s = document.querySelector('[data-testid="analysis-clv"]');
			const input = s?.querySelector<HTMLInputElement>('[data-testid="clv-calibration-end"]');
			return s?.getAttribute('data-status') === 'done' && (end === null || input?.value === end);
		},
		end,
		{ timeout, polling: 100 }
	);
}

async function params(page: Page) {
	const t = page.getByTestId('clv-params');
	const read = async (k: string) => Number(await t.getAttribute(`data-${k}`));
	return {
		r: await read('r'),
		alpha: await read('alpha'),
		a: await read('a'),
		b: await read('b'),
		ll: await read('ll'),
		p: await read('p'),
		q: await read('q'),
		gamma: await read('gamma')
	};
}

describe.skipIf(!datasetPresent(MASTER))('the customer value forecast on CDNOW', () => {
	let session: BrowserSession;

	beforeAll(async () => {
		session = await launchBrowser();
		await session.page.goto(inject('appUrl'));
		await session.page.getByTestId('engine-status').waitFor({ state: 'attached' });
		await session.page.getByTestId('file-input').setInputFiles(MASTER);
		await waitForLoad(session.page, { loaded: 69_659, timeout: 90_000 });
		await waitForForecast(session.page, null);
	}, 180_000);

	afterAll(async () => {
		await session?.close();
	});

	it('fits on the master file with calibration end 1997-09-30 in weeks, without a long task', async () => {
		const { page } = session;
		await page.evaluate(() => {
			const w = window as unknown as { __longTasks: number[] };
			w.__longTasks = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.__longTasks.push(e.duration);
			}).observe({ type: 'longtask' });
		});
		const takeTasks = () =>
			page.evaluate(() => {
				const w = window as unknown as { __longTasks: number[] };
				return w.__longTasks.splice(0);
			});
		await page.getByTestId('clv-unit').selectOption('week');
		// Three recalculations (each a fit and its SQL), the published calibration end last. One
		// task's length on a shared 2-core machine varies with what else runs (CI saw 139–213 ms
		// once where this machine, quiet, sees 35–60 ms): the typical recalculation must stay
		// under 100 ms, and none may come near a frozen page.
		const longest: number[] = [];
		for (const end of ['1997-08-31', '1997-10-31', '1997-09-30']) {
			await page.getByTestId('clv-calibration-end').fill(end);
			await page.getByTestId('clv-calibration-end').dispatchEvent('change');
			await waitForForecast(page, end);
			longest.push(Math.max(0, ...(await takeTasks())));
		}
		const median = [...longest].sort((a, b) => a - b)[1]!;
		expect(median, `longest task per recalculation: ${longest.join(', ')} ms`).toBeLessThanOrEqual(
			100
		);
		expect(Math.max(...longest)).toBeLessThan(250);
		const p = await params(page);
		// The whole cohort (23,570 customers): the same model as the papers' 1/10 sample, so
		// parameters close to the sample's r 0.243, α 4.414, a 0.793, b 2.426.
		expect(p.r).toBeGreaterThan(0.2);
		expect(p.r).toBeLessThan(0.3);
		expect(p.alpha).toBeGreaterThan(3.5);
		expect(p.alpha).toBeLessThan(5.5);
		expect(p.a).toBeGreaterThan(0.5);
		expect(p.b).toBeGreaterThan(1.5);
		expect(p.ll).toBeLessThan(0);
		expect(p.q).toBeGreaterThan(1);
		expect(await page.getByTestId('chart-clv-tracking').locator('svg').count()).toBeGreaterThan(0);
		expect(await page.getByTestId('chart-clv-holdout').locator('svg').count()).toBeGreaterThan(0);
		assertNoPageErrors(session);
	}, 120_000);

	it('downloads every customer’s forecast as CSV', async () => {
		const { page } = session;
		const file = await download(page, page.getByTestId('download-csv-clv'));
		const csv = parseCsv(file.bytes);
		expect(csv.header.slice(0, 8)).toEqual([
			'customer_id',
			'x',
			't_x',
			'T',
			'p_alive',
			'expected_purchases',
			'expected_value',
			'clv'
		]);
		expect(csv.rows).toHaveLength(23_570);
		const p = csv.rows.map((r) => Number(r[4]));
		expect(p.every((v) => v > 0 && v <= 1)).toBe(true);
	}, 60_000);

	it('screenshots in English and Chinese', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-clv');
		await screenshot(page, 'clv-en', section);
		await page.getByTestId('lang-switch').selectOption('zh');
		await expect.poll(() => section.locator('h2').textContent()).toBe('客户价值预测');
		// Every chart redrawn in Chinese (they redraw one after the other).
		await expect
			.poll(() => section.textContent(), { timeout: 10_000 })
			.not.toMatch(/Source:|Customers by CLV/);
		await screenshot(page, 'clv-zh', section);
		await page.getByTestId('lang-switch').selectOption('en');
	}, 60_000);
});

describe.skipIf(!datasetPresent(SAMPLE))(
	'the CDNOW sample dropped as it is (issue 17, done when)',
	() => {
		let session: BrowserSession;

		beforeAll(async () => {
			session = await launchBrowser();
			await session.page.goto(inject('appUrl'));
			await session.page.getByTestId('engine-status').waitFor({ state: 'attached' });
			await session.page.getByTestId('file-input').setInputFiles(SAMPLE);
			// Header-less: the mapping screen shows the roles guessed from the values; confirmed as is.
			await waitForLoad(session.page, { states: ['mapping'], timeout: 60_000 });
			await session.page.getByTestId('confirm-mapping').click();
			await waitForLoad(session.page, { loaded: 6919, timeout: 90_000 });
			await waitForForecast(session.page, null);
		}, 180_000);

		afterAll(async () => {
			await session?.close();
		});

		it('shows the published parameters with calibration end 1997-09-30 in weeks', async () => {
			const { page } = session;
			await page.getByTestId('clv-unit').selectOption('week');
			await page.getByTestId('clv-calibration-end').fill('1997-09-30');
			await page.getByTestId('clv-calibration-end').dispatchEvent('change');
			await waitForForecast(page, '1997-09-30');
			const p = await params(page);
			const within = (v: number, target: number) =>
				expect(Math.abs(v / target - 1)).toBeLessThan(0.005);
			within(p.r, 0.243);
			within(p.alpha, 4.414);
			within(p.a, 0.793);
			within(p.b, 2.426);
			expect(Math.abs(p.ll - -9582.4)).toBeLessThanOrEqual(0.1);
			within(p.p, 6.25);
			within(p.q, 3.74);
			within(p.gamma, 15.44);
			const csv = parseCsv((await download(page, page.getByTestId('download-csv-clv'))).bytes);
			expect(csv.rows).toHaveLength(2357);
			await screenshot(page, 'clv-cdnow-sample-en', page.getByTestId('analysis-clv'));
			assertNoPageErrors(session);
		}, 120_000);
	}
);
