// Customer feedback (issue 21) in the browser. On the bundled sample (`?sample`, which loads
// its feedback.csv beside the orders and customers): the section finishes with its charts drawn
// (by month with the interval band, by customer group, themes), in English and Chinese, and its
// per-customer export has the documented header and as many rows as a notebook query counts. On
// the Chinese shop's GBK files (orders and 1–5 star reviews, through the file input): CSAT is
// detected and the Chinese comments fall into the default themes. A feedback file added to the
// sample with an HTML and a formula comment: shown as text, neutralised in the export. Screenshots of the section:
// tests/e2e/screenshots/feedback-en|zh|zh-csat.png.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

const IMG = '<img src=x onerror="document.body.dataset.pwned=1">';
const FORMULA = '=HYPERLINK("http://evil.example","price")';
const CHARTS = ['feedback-trend', 'feedback-groups', 'feedback-themes', 'feedback-theme-trend'];

async function waitForFeedback(page: Page) {
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="analysis-feedback"]')?.getAttribute('data-status') ===
			'done',
		undefined,
		{ timeout: 90_000, polling: 100 }
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
	}, 150_000);

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
	}, 90_000);

	it('shows hostile comments as text and neutralises them in the export', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?sample`);
		await waitForLoad(page, { timeout: 60_000 });
		await waitForFeedback(page);
		// Two customers of the sample answer again on its last day: the latest responses.
		const dir = await mkdtemp(join(tmpdir(), 'fbana-'));
		const file = join(dir, 'hostile-feedback.csv');
		await writeFile(
			file,
			'customer_id,date,score,comment\n' +
				`C00048,2024-12-31,0,"${IMG.replaceAll('"', '""')} refund please"\n` +
				`C00044,2024-12-31,1,"${FORMULA.replaceAll('"', '""')}"\n`
		);
		const before = await page.getByTestId('feedback-counts').textContent();
		await page.getByTestId('add-file-input').setInputFiles(file);
		// The data set is read again with the file (every section re-runs): the counts change once
		// the feedback section has run on it.
		await page.waitForFunction(
			(before) =>
				document.querySelector('[data-testid="analysis-feedback"]')?.getAttribute('data-status') ===
					'done' &&
				document.querySelector('[data-testid="feedback-counts"]')?.textContent !== before,
			before,
			{ timeout: 120_000, polling: 250 }
		);
		const section = page.getByTestId('analysis-feedback');
		const examples = section.getByTestId('feedback-examples');
		for (const d of await examples.locator('details').all())
			await d.evaluate((el) => el.setAttribute('open', ''));
		expect(await examples.textContent()).toContain(IMG);
		expect(await section.locator('img').count()).toBe(0);
		expect(await page.evaluate(() => document.body.dataset['pwned'])).toBeUndefined();

		const csv = parseCsv((await download(page, page.getByTestId('download-csv-feedback'))).bytes);
		const at = (id: string) => csv.rows.find((r) => r[0] === id)!;
		const comment = CUSTOMER_CSV_COLUMNS.indexOf('comment');
		expect(at('C00048')[comment]).toBe(`${IMG} refund please`);
		expect(at('C00044')[comment]).toBe(`'${FORMULA}`);
		await rm(dir, { recursive: true, force: true });
		assertNoPageErrors(session);
	}, 180_000);

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

		// The dictionary edited: what is typed survives another setting's change until applied.
		const editor = section.getByTestId('feedback-keywords');
		await editor.fill('物流: 物流, 快递\n好评: 好评, 挺好');
		const boxes = section.getByTestId('feedback-csat-boxes');
		await boxes.fill('1');
		await boxes.dispatchEvent('change');
		await page.waitForFunction(
			() =>
				/满意（5 分及以上）/.test(
					document.querySelector('[data-testid="feedback-headline"]')?.textContent ?? ''
				),
			undefined,
			{ timeout: 30_000, polling: 100 }
		);
		expect(await editor.inputValue()).toBe('物流: 物流, 快递\n好评: 好评, 挺好');
		await section.getByTestId('feedback-keywords-apply').click();
		await expect
			.poll(
				() =>
					section
						.getByTestId('table-feedback-themes')
						.locator('tbody tr td:first-child')
						.allTextContents(),
				{
					timeout: 30_000
				}
			)
			.toEqual(['物流', '好评']);
		assertNoPageErrors(session);
	}, 120_000);
});
