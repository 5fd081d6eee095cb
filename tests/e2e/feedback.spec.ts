// Customer feedback (issue 21) in the browser. On the bundled sample (`?sample`, which loads
// its feedback.csv beside the orders and customers): the section finishes with its charts drawn
// (by month with the interval band, by customer group, themes), in English and Chinese, and its
// per-customer export has the documented header and as many rows as a notebook query counts. On
// the Chinese shop's GBK files (orders and 1–5 star reviews, through the file input): CSAT is
// detected and the Chinese comments fall into the default themes. Screenshots of the section:
// tests/e2e/screenshots/feedback-en|zh|zh-csat.png.
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
import { SAMPLE_DATA, parseCsv, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';
import { CUSTOMER_CSV_COLUMNS } from '../../src/analyses/feedback/view';

const CHARTS = ['feedback-trend', 'feedback-groups', 'feedback-themes', 'feedback-theme-trend'];

async function waitForFeedback(page: Page) {
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="analysis-feedback"]')?.getAttribute('data-status') ===
			'done',
		undefined,
		{ timeout: 60_000, polling: 100 }
	);
}

/** Every chart of the section drawn as an SVG holding `text` (its language's). */
async function waitForCharts(page: Page, text: string) {
	for (const id of CHARTS) {
		await page
			.getByTestId(`chart-${id}`)
			.locator('svg')
			.first()
			.waitFor({ state: 'attached', timeout: 20_000 });
	}
	await page
		.getByTestId('analysis-feedback')
		.locator('figure, svg', { hasText: text })
		.first()
		.waitFor({ timeout: 15_000 });
}

describe('the feedback section on the sample', () => {
	let session: BrowserSession;
	beforeAll(async () => {
		session = await launchBrowser();
	});
	afterAll(async () => {
		await session?.close();
	});

	it('shows NPS by month and group and the complaint themes in English and Chinese', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?sample`);
		await waitForLoad(page, { timeout: 60_000 });
		await waitForFeedback(page);
		const section = page.getByTestId('analysis-feedback');
		expect(await section.getByTestId('feedback-headline').textContent()).toMatch(
			/^\s*NPS -?\d+\.\d \(95 % interval -?\d+\.\d to -?\d+\.\d\) from [\d,]+ scored responses/
		);
		await waitForCharts(page, 'Comments per theme');
		// Comments are file content, shown as text: the sample's first example is plain prose.
		expect(await section.getByTestId('table-feedback-themes').locator('tbody tr').count()).toBe(6);
		await screenshot(page, 'feedback-en', section);

		await page.getByTestId('lang-switch').selectOption('zh');
		await waitForCharts(page, '各主题的留言数');
		expect(await section.locator('h2').textContent()).toBe('客户反馈');
		expect(await section.getByTestId('feedback-headline').textContent()).toMatch(
			/^\s*NPS .*95% 区间/
		);
		await screenshot(page, 'feedback-zh', section);
		await page.getByTestId('lang-switch').selectOption('en');
	});

	it('exports one row per matched customer with feedback, as many as a notebook query counts', async () => {
		const { page } = session;
		const file = await download(page, page.getByTestId('download-csv-feedback'));
		const csv = parseCsv(file.bytes);
		expect(csv.header.slice(0, CUSTOMER_CSV_COLUMNS.length)).toEqual([...CUSTOMER_CSV_COLUMNS]);
		expect(csv.rows.length).toBeGreaterThan(100);
		// Detractors first (the follow-up list).
		expect(csv.rows[0]![CUSTOMER_CSV_COLUMNS.indexOf('nps_group')]).toBe('detractor');

		const asOf = await page.getByTestId('as-of').inputValue();
		await openNotebook(page);
		await page.getByTestId('nb-add-sql').click();
		const cell = page.getByTestId('cell-1');
		await cell.locator('.cm-content').click();
		await page.keyboard.type(
			`SELECT count(DISTINCT customer_id)::INTEGER AS n FROM feedback WHERE customer_id IN (SELECT customer_id FROM orders UNION SELECT customer_id FROM customers) AND (response_date IS NULL OR response_date < DATE '${asOf}')`,
			{ delay: 2 }
		);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Enter');
		await waitForCell(page, 1, 'done');
		const n = await page.getByTestId('cell-table-cell_1').locator('tbody td').first().textContent();
		expect(Number(n?.replace(/,/g, ''))).toBe(csv.rows.length);

		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});

	it('reads the Chinese shop’s 1–5 star reviews (GBK) as CSAT, with Chinese complaint themes', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?lang=zh`);
		await page
			.getByTestId('file-input')
			.setInputFiles(['orders-zh-gbk.csv', 'feedback-zh-gbk.csv'].map((f) => join(SAMPLE_DATA, f)));
		await waitForLoad(page, { timeout: 60_000 });
		await waitForFeedback(page);
		const section = page.getByTestId('analysis-feedback');
		expect(await section.getByTestId('feedback-headline').textContent()).toMatch(
			/^\s*CSAT \d+\.\d%（95% 区间 \d+\.\d 至 \d+\.\d+），基于 \d+ 条有效评分：满意（4 分及以上）/
		);
		expect(
			await section.getByTestId('feedback-scale').locator('option').first().textContent()
		).toBe('自动识别：CSAT 1–5');
		// Every default theme but one is named in the reviews (物流, 价格, 质量, 客服, 退款, 商品).
		const counts = await section
			.getByTestId('table-feedback-themes')
			.locator('tbody tr td:nth-child(2)')
			.allTextContents();
		expect(counts.filter((c) => Number(c.replace(/,/g, '')) > 0).length).toBeGreaterThanOrEqual(5);
		await waitForCharts(page, '各主题的留言数');
		await screenshot(page, 'feedback-zh-csat', section);
		assertNoPageErrors(session);
	});
});
