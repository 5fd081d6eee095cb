// Issue 15: two monthly files of one export (jan.csv, feb.csv) dropped together load as one orders
// set — rows add up, each file's rows and rejects are listed, the file is a filter dimension, and
// the figures are the concatenated file's; a third file with other columns is reported, with the
// columns that differ, not dropped silently. Screenshots of the load summary in EN and zh-CN.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { kpi, waitForAnalyses, waitForLoad } from './helpers/app';

const HEADER = 'order_id,order_date,customer_id,amount,region';
/** January: 40 lines, customers C1–C10; line 6 has a field too many (rejected). */
function jan(): string {
	const lines = [HEADER];
	for (let i = 1; i <= 40; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		lines.push(`J${i},2024-01-${day},C${1 + (i % 10)},${(i * 1.25).toFixed(2)},North`);
	}
	lines[5] += ',oops';
	return lines.join('\n') + '\n';
}
/** February, columns in another order: 30 lines, customers C6–C20. */
function feb(): string {
	const lines = ['customer_id,region,amount,order_id,order_date'];
	for (let i = 1; i <= 30; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		lines.push(`C${6 + (i % 15)},South,${(i * 2).toFixed(2)},F${i},2024-02-${day}`);
	}
	return lines.join('\n') + '\n';
}
/** February's lines in January's column order, after January: the concatenated file. */
function concatenated(): string {
	const rest = feb()
		.trim()
		.split('\n')
		.slice(1)
		.map((l) => {
			const [c, region, amount, id, date] = l.split(',');
			return [id, date, c, amount, region].join(',');
		});
	return jan() + rest.join('\n') + '\n';
}
const file = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text)
});

describe('several files of one kind', () => {
	let session: BrowserSession;
	beforeAll(async () => {
		session = await launchBrowser();
	});
	afterAll(async () => {
		await session?.close();
	});

	it('two monthly files load as one set with the concatenated file’s figures; a third with other columns is reported', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page.getByTestId('file-input').setInputFiles(file('all.csv', concatenated()));
		await waitForLoad(page, { loaded: 69 });
		await waitForAnalyses(page);
		const want = { customers: await kpi(page, 'customers'), revenue: await kpi(page, 'revenue') };

		const march = 'customer_id,order_date,total,channel\nC1,2024-03-01,9.00,web\n';
		await page
			.getByTestId('file-input')
			.setInputFiles([file('jan.csv', jan()), file('feb.csv', feb()), file('mar.csv', march)]);
		const status = await waitForLoad(page, { loaded: 69 });
		expect(status.rejected).toBe(1);
		await waitForAnalyses(page);
		expect(await kpi(page, 'customers')).toBe(want.customers);
		expect(await kpi(page, 'revenue')).toBe(want.revenue);

		// Each file's rows in the load summary; the rejected line names its file and line.
		const files = page.getByTestId('set-files-orders');
		await files.waitFor();
		const rows = await files
			.locator('tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) =>
					[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' ')
				)
			);
		expect(rows).toEqual(['jan.csv 40 39 1', 'feb.csv 30 30 0']);
		expect(await page.getByTestId('rejects-orders').textContent()).toContain('jan.csv line 6');

		// The file is a dimension of the filter, like the files' own columns.
		const dims = await page.getByTestId('filter-dimension').locator('option').allTextContents();
		expect(dims).toContain('source_file');

		// mar.csv: not appended, not silently dropped — which columns differ, and what to do.
		const differ = page.getByTestId('columns-differ');
		expect(await differ.getAttribute('data-file')).toBe('mar.csv');
		expect(await differ.getAttribute('data-missing')).toBe('order_id\namount\nregion');
		expect(await differ.textContent()).toContain('“total”, “channel”');

		for (const lang of ['en', 'zh']) {
			await page.getByTestId('lang-switch').selectOption(lang);
			await screenshot(page, `several-files-${lang}`, page.getByTestId('load-summary'));
			await screenshot(page, `several-files-differ-${lang}`, differ);
		}
		await page.getByTestId('lang-switch').selectOption('en');
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
