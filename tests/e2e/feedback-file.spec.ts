// Feedback files in the page (issue 21): the sample's feedback.csv dropped with its orders is
// listed as feedback ("has scores and comments") and summarised in the load summary; the GBK
// file alone waits for its orders (the page says so), joins them, and its Chinese comments reach
// the feedback table intact (read back in the notebook). Hooks: file-kind-<i>,
// file-kind-reason-<i> (data-reason), feedback-summary (data-responses, data-matched,
// data-rejected), feedback-rejects-list, summary-facts-feedback, edit-mapping, problem. A
// feedback file with an HTML score (the hostile corpus') has it set aside and shown as text.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, SAMPLE_DATA, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';
import { REPO_ROOT } from './helpers/static-server.mjs';

const ORDERS = join(SAMPLE_DATA, 'orders.csv');
const FEEDBACK = join(SAMPLE_DATA, 'feedback.csv');
const ZH_ORDERS = join(SAMPLE_DATA, 'orders-zh-gbk.csv');
const ZH_FEEDBACK = join(SAMPLE_DATA, 'feedback-zh-gbk.csv');
/** orders.csv lines typed into tx: its data rows less the 4 rejected ones. */
const ORDER_LINES = SAMPLE.orderRows - SAMPLE.rejected;

/** The data rows of a feedback file (CSV split simply: comments hold no line breaks). */
async function rows(path: string, encoding: string): Promise<string[][]> {
	const text = new TextDecoder(encoding).decode(await readFile(path));
	return text
		.trim()
		.split(/\r?\n/)
		.slice(1)
		.map((line) => {
			const at = line.split(',', 3).join(',').length + 1;
			const comment = line.slice(at);
			return [
				...line.split(',', 3),
				comment.startsWith('"') ? comment.slice(1, -1).replaceAll('""', '"') : comment
			];
		});
}

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
});

afterAll(async () => {
	await session?.close();
});

describe('feedback files', () => {
	it('feedback.csv beside orders.csv: listed as feedback, its responses in the load summary', async () => {
		const { page } = session;
		const data = await rows(FEEDBACK, 'utf-8');
		const identified = data.filter((r) => r[0] !== '').length;
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page.getByTestId('file-input').setInputFiles([ORDERS, FEEDBACK]);
		await waitForLoad(page, { loaded: ORDER_LINES, timeout: 50_000 });
		const summary = page.getByTestId('feedback-summary');
		await summary.waitFor({ timeout: 20_000 });
		expect(await summary.getAttribute('data-responses')).toBe(String(data.length));
		// Every sample response with an id is from a customer of orders.csv.
		expect(await summary.getAttribute('data-matched')).toBe(String(identified));
		expect(await summary.getAttribute('data-rejected')).toBe('0');
		expect(await summary.textContent()).toContain(
			`${data.length.toLocaleString('en-US')} feedback responses`
		);
		const facts = page.getByTestId('summary-facts-feedback');
		expect(await facts.getAttribute('data-loaded')).toBe(String(data.length));
		// The files and their kinds, on the mapping screen.
		await page.getByTestId('edit-mapping').click();
		expect(await page.getByTestId('file-kind-1').inputValue()).toBe('feedback');
		const reason = page.getByTestId('file-kind-reason-1');
		expect(await reason.getAttribute('data-reason')).toBe('scores-comments');
		expect(await reason.textContent()).toBe('has scores and comments');
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});

	it('a score that is no number is set aside, named with its row, and an HTML score shows as text', async () => {
		const { page } = session;
		const hostile = join(REPO_ROOT, 'tests/fixtures/hostile/feedback-hostile.csv');
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page.getByTestId('file-input').setInputFiles([ORDERS, hostile]);
		await waitForLoad(page, { loaded: ORDER_LINES, timeout: 50_000 });
		const summary = page.getByTestId('feedback-summary');
		await summary.waitFor({ timeout: 20_000 });
		expect(await summary.getAttribute('data-responses')).toBe('4');
		expect(await summary.getAttribute('data-rejected')).toBe('2');
		const list = await page.getByTestId('feedback-rejects-list').locator('li').allTextContents();
		expect(list).toHaveLength(2);
		expect(list[0]).toContain('feedback-hostile.csv');
		expect(list[0]).toContain('abc');
		expect(list[1]).toContain('<img src=x onerror=alert(1)>');
		// Payloads from the file are text: no element was made of them anywhere on the page.
		expect(await page.locator('img[src="x"]').count()).toBe(0);
		assertNoPageErrors(session);
	});

	it('feedback-zh-gbk.csv alone waits for its orders, joins them, its Chinese comments intact', async () => {
		const { page } = session;
		const data = await rows(ZH_FEEDBACK, 'gbk');
		await page.goto(`${inject('appUrl')}?lang=zh`);
		await page.getByTestId('file-input').setInputFiles(ZH_FEEDBACK);
		await waitForLoad(page, { states: ['empty'] });
		expect(await page.getByTestId('problem').textContent()).toContain('feedback-zh-gbk.csv');
		expect(await page.getByTestId('problem').textContent()).toContain('订单');
		expect(await page.getByTestId('file-kind-0').inputValue()).toBe('feedback');
		expect(await page.getByTestId('file-kind-reason-0').textContent()).toBe('有评分和评论');
		// The orders file dropped next joins the feedback.
		await page.getByTestId('file-input').setInputFiles(ZH_ORDERS);
		await waitForLoad(page, { loaded: 300, timeout: 50_000 });
		const summary = page.getByTestId('feedback-summary');
		await summary.waitFor({ timeout: 20_000 });
		expect(await summary.getAttribute('data-responses')).toBe(String(data.length));
		expect(await summary.getAttribute('data-matched')).toBe(
			String(data.filter((r) => r[0] !== '').length)
		);
		// The comments as stored, read back in the notebook, against the file decoded here.
		const comments = data.map((r) => r[3]!).filter((c) => c !== '');
		expect(comments.some((c) => /物流|质量|客服/.test(c))).toBe(true);
		await openNotebook(page);
		await page.getByTestId('nb-add-sql').click();
		await page.getByTestId('cell-1').locator('.cm-content').click();
		await page.keyboard.type(
			'SELECT comment FROM feedback WHERE comment IS NOT NULL ORDER BY row_no LIMIT 8',
			{ delay: 5 }
		);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Enter');
		await waitForCell(page, 1, 'done');
		const cells = await page.getByTestId('cell-table-cell_1').locator('tbody td').allTextContents();
		expect(cells.map((c) => c.trim())).toEqual(comments.slice(0, 8));
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
