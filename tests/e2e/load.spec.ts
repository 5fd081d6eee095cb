// Every way data gets in: the sample (button and ?sample), the file input, a drop on the page, a
// GBK file with Chinese headers, an ambiguous date that stops at the mapping screen, a changed
// mapping, files that cannot be read, and a cross-origin ?data= URL that must not be fetched.
// One browser for the whole file; the page is reused between loads (each replaces the data set).
// Hooks: load-status (data-state, data-rows-loaded, data-rows-rejected), load-sample, file-input,
// drop-overlay, mapping-panel, map-<role>, date-order-a/b, confirm-mapping, edit-mapping, problem,
// load-summary, rejects-orders, download-rejects-orders, typing-rejects, kpi-* (DESIGN.md §5).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import {
	FIXTURES,
	SAMPLE,
	SAMPLE_DATA,
	fixture,
	kpi,
	loadStatus,
	parseCsv,
	waitForAnalyses,
	waitForLoad
} from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
});

afterAll(async () => {
	await session?.close();
});

/** Two decimals, en-US grouping: how the KPI tiles show money in English. */
const money = (n: number) =>
	n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function expectSample(page: BrowserSession['page']) {
	const status = await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	expect(status).toEqual({ state: 'ready', loaded: SAMPLE.loaded, rejected: SAMPLE.rejected });
	expect(status.loaded + status.rejected).toBe(SAMPLE.orderRows + SAMPLE.customerRows);
	await page.getByTestId('kpi-customers').waitFor({ timeout: 30_000 });
	expect(await kpi(page, 'customers')).toBe(SAMPLE.customers);
	for (const key of ['orders', 'revenue', 'aov', 'repeat', 'range', 'prospects']) {
		await expect.soft(page.getByTestId(`kpi-${key}`).count(), key).resolves.toBe(1);
	}
}

describe('loading data', () => {
	it('loads the sample with the button on the empty page', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		expect((await loadStatus(page)).state).toBe('empty');
		await page.getByTestId('load-sample').click();
		await expectSample(page);
	});

	it('loads a file from the file input and lists its rejected rows with line numbers', async () => {
		const { page } = session;
		// 150 records: line 20 has a 5th field, line 60 the date 2024-02-30, line 100 amount 'n/a'.
		await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'orders-dirty.csv'));
		const status = await waitForLoad(page, { loaded: 147 });
		expect(status).toEqual({ state: 'ready', loaded: 147, rejected: 3 });
		expect(status.loaded + status.rejected).toBe(150);

		const rejects = page.getByTestId('rejects-orders');
		const cells = await rejects.locator('tbody tr').first().locator('td').allTextContents();
		expect(await rejects.locator('tbody tr').count()).toBe(1);
		expect(cells[0]).toBe('20');
		// The message names file, line and what was expected (issue 5, guarantee 1).
		expect(cells[1]).toMatch(/^orders-dirty\.csv line 20\b.*: expected \d+ fields, found more$/);
		expect(cells[2]).toBe('2018,C07,2024-02-10,10.00,gift wrap');
		// One count of rejected rows (issue 16 item 9): the summary's line says what the status
		// says — 1 unreadable + 2 set aside — not the unreadable row alone; and "1 row", not "1 rows".
		const facts = page.getByTestId('summary-facts-orders');
		await expect.poll(() => facts.getAttribute('data-rejected')).toBe('3');
		expect(await facts.getAttribute('data-loaded')).toBe('147');
		expect(await facts.textContent()).toMatch(/^150 data rows: 147 loaded, 3 rejected ·/);
		expect(await rejects.locator('p.warn').textContent()).toMatch(
			/^\s*1 row could not be read and was not loaded\./
		);
		await expect.poll(() => page.getByTestId('typing-rejects').textContent()).toMatch(/\b2\b/);
		// The lines set aside by typing are listed with file, row, column, expectation and value.
		await expect
			.poll(() => page.getByTestId('typing-rejects-list').locator('tbody tr').allTextContents())
			.toEqual([
				expect.stringMatching(
					/^orders-dirty\.csv data row 59, column \S+: expected a date like .+, got “2024-02-30”$/
				),
				expect.stringMatching(
					/^orders-dirty\.csv data row 99, column \S+: expected a number like 1234\.50, got “n\/a”$/
				)
			]);
		await page.getByTestId('kpi-revenue').waitFor();
		expect(await kpi(page, 'revenue')).toBe(money(15_462.19));
		expect(await kpi(page, 'customers')).toBe('30');
	});

	it('downloads the rejected rows as a CSV listing them', async () => {
		const { page } = session;
		const file = await download(page, page.getByTestId('download-rejects-orders'));
		expect(file.filename).toMatch(/\.csv$/);
		const csv = parseCsv(file.bytes);
		expect(csv.header).toEqual(['row', 'line', 'column', 'reason', 'message', 'raw']);
		expect(csv.rows).toHaveLength(1);
		const [row] = csv.rows;
		expect(row?.[1]).toBe('20');
		expect(row?.[5]).toBe('2018,C07,2024-02-10,10.00,gift wrap');
		expect(row?.[3]).not.toBe('');
		expect(row?.[4]).toMatch(/^orders-dirty\.csv line 20\b/);

		// The lines whose values could not be typed: data records 59 (date) and 99 (amount).
		const typed = await download(page, page.getByTestId('typing-rejects').getByRole('button'));
		const untyped = parseCsv(typed.bytes);
		expect(untyped.rows.map((r) => [r[0], r[2]])).toEqual([
			['59', '2024-02-30'],
			['99', 'n/a']
		]);
		expect(untyped.header).toEqual(['row', 'column', 'value', 'reason', 'message']);
		expect(untyped.rows[0]?.[4]).toMatch(/^orders-dirty\.csv data row 59, column /);
	});

	it('loads a file dropped on the page', async () => {
		const { page } = session;
		const text = (await fixture('orders-small.csv')).toString('utf8');
		await page.evaluate((csv) => {
			const data = new DataTransfer();
			data.items.add(new File([csv], 'dropped-orders.csv', { type: 'text/csv' }));
			(window as unknown as { dropData: DataTransfer }).dropData = data;
			document.body.dispatchEvent(
				new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data })
			);
		}, text);
		await page.getByTestId('drop-overlay').waitFor({ state: 'visible', timeout: 5_000 });
		const handled = await page.evaluate(() => {
			const data = (window as unknown as { dropData: DataTransfer }).dropData;
			const init = { bubbles: true, cancelable: true, dataTransfer: data };
			document.body.dispatchEvent(new DragEvent('dragover', init));
			const drop = new DragEvent('drop', init);
			document.body.dispatchEvent(drop);
			return drop.defaultPrevented; // the app took the drop instead of the browser opening it
		});
		expect(handled).toBe(true);
		expect(await waitForLoad(page, { loaded: 12 })).toEqual({
			state: 'ready',
			loaded: 12,
			rejected: 0
		});
		expect(await page.getByTestId('drop-overlay').count()).toBe(0);
		await page.getByTestId('kpi-revenue').waitFor();
		expect(await kpi(page, 'revenue')).toBe('943.35');
		expect(await page.getByTestId('load-summary').textContent()).toContain('dropped-orders.csv');
	});

	it('reads a GBK file with Chinese headers and maps its columns by itself', async () => {
		const { page } = session;
		const path = join(SAMPLE_DATA, 'orders-zh-gbk.csv');
		// The expected revenue, from the file as a Chinese spreadsheet would read it (incl. ￥1,299.00).
		const text = new TextDecoder('gbk').decode(await readFile(path));
		const amounts = text
			.trim()
			.split(/\r\n/)
			.slice(1)
			.map((line) => /,"?￥?([\d,]+\.\d\d)"?,/.exec(line)?.[1]);
		expect(amounts.every((a) => a !== undefined)).toBe(true);
		const revenue = amounts.reduce((s, a) => s + Number(a?.replaceAll(',', '')), 0);

		await page.getByTestId('file-input').setInputFiles(path);
		expect(await waitForLoad(page, { loaded: 300 })).toEqual({
			state: 'ready',
			loaded: 300,
			rejected: 0
		});
		const summary = page.getByTestId('load-summary');
		await expect.poll(() => summary.textContent()).toContain('客户ID');
		const summaryText = await summary.textContent();
		for (const name of ['订单号', '下单时间', '实付金额', '商品', '地区']) {
			expect(summaryText).toContain(name);
		}
		expect(summaryText).toMatch(/gbk|gb18030/i);
		await page.getByTestId('kpi-customers').waitFor();
		expect(await kpi(page, 'customers')).toBe('86');
		expect(await kpi(page, 'revenue')).toBe(money(revenue));

		await page.getByTestId('edit-mapping').click();
		const panel = page.getByTestId('mapping-panel');
		await panel.waitFor();
		expect(await panel.getByTestId('map-customer_id').inputValue()).toBe('客户ID');
		expect(await panel.getByTestId('map-order_date').inputValue()).toBe('下单时间');
		expect(await panel.getByTestId('map-amount').inputValue()).toBe('实付金额');
		expect(await panel.getByTestId('map-order_id').inputValue()).toBe('订单号');
		await panel.getByTestId('confirm-mapping').click();
		await waitForLoad(page, { loaded: 300 });
	});

	it('stops at the mapping screen on an ambiguous date until the user picks the order', async () => {
		const { page } = session;
		// 23 orders dated 02/01/2024 … 12/02/2024: every part ≤ 12, day and month cannot be told apart.
		await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'orders-ambiguous.csv'));
		expect((await waitForLoad(page, { states: ['mapping'], loaded: 23 })).state).toBe('mapping');
		const panel = page.getByTestId('mapping-panel');
		const confirm = panel.getByTestId('confirm-mapping');
		expect(await confirm.isDisabled()).toBe(true);
		expect(await panel.getByTestId('date-order-a').count()).toBe(1);
		expect(await panel.getByTestId('date-order-b').count()).toBe(1);

		// Choosing replaces the two radios with the format list, showing the choice.
		await panel.locator('label', { hasText: '%d/%m/%Y' }).locator('input[type=radio]').click();
		expect(await panel.getByTestId('date-format').inputValue()).toBe('%d/%m/%Y');
		expect(await confirm.isEnabled()).toBe(true);
		await confirm.click();
		expect((await waitForLoad(page, { loaded: 23 })).state).toBe('ready');
		await page.getByTestId('kpi-range').waitFor();
		expect(await kpi(page, 'range')).toBe('Jan 2, 2024 – Feb 12, 2024');
	});

	it('re-runs the analyses when the mapping changes', async () => {
		const { page } = session;
		await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'orders-two-amounts.csv'));
		await waitForLoad(page, { loaded: 8 });
		await expect.poll(() => kpi(page, 'revenue'), { timeout: 20_000 }).toBe('1,500.00');

		await page.getByTestId('edit-mapping').click();
		const panel = page.getByTestId('mapping-panel');
		await panel.getByTestId('map-amount').selectOption('shipping');
		await panel.getByTestId('confirm-mapping').click();
		await waitForLoad(page, { loaded: 8 });
		await expect.poll(() => kpi(page, 'revenue'), { timeout: 20_000 }).toBe('68.00');
		await waitForAnalyses(page, 20_000);
	});

	it('says why an empty file or a renamed workbook cannot be read, then loads the sample', async () => {
		const { page } = session;
		const input = page.getByTestId('file-input');
		const problem = page.getByTestId('problem');

		await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
		expect((await waitForLoad(page, { states: ['error'] })).state).toBe('error');
		await expect.poll(() => problem.textContent()).toContain('empty.csv');
		expect(await problem.textContent()).toMatch(/empty/i);

		// An .xlsx renamed to .csv: a zip archive (local file header "PK\3\4"), not text.
		const xlsx = Buffer.concat([
			Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
			Buffer.alloc(18),
			Buffer.from('[Content_Types].xml'),
			Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 151) % 256))
		]);
		await input.setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: xlsx });
		await expect.poll(() => problem.textContent()).toMatch(/Excel/);
		expect(await problem.textContent()).toContain('orders.csv');
		expect((await loadStatus(page)).state).toBe('error');

		await page.getByTestId('load-sample').click();
		await expectSample(page);
		expect(await problem.count()).toBe(0);
	});

	it('loads the sample from ?sample', async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?sample`);
		await expectSample(page);
	});

	it('counts a long file’s columns over the whole file once the data section is in view', async () => {
		const { page } = session;
		// The sample's orders file (57,351 records) is longer than the profile window: loading
		// profiles its first records and leaves the whole-file counts until they are looked at.
		const text = await readFile(join(SAMPLE_DATA, 'orders.csv'), 'utf8');
		// Records as read_csv keeps them: the one ragged record (10 fields) is rejected; the one
		// quoted record has its comma after customer_id.
		const records = text
			.trim()
			.split('\n')
			.slice(1)
			.filter((l) => l.includes('"') || l.split(',').length === 9);
		const customers = new Set(records.map((l) => l.split(',')[2]!.trim()).filter((v) => v !== ''));
		const blank = records.filter((l) => (l.split(',')[2] ?? '').trim() === '').length;
		const row = page.getByTestId('columns-orders').locator('tbody tr', { hasText: 'customer_id' });
		const cells = row.locator('td');
		expect(await cells.nth(3).textContent()).toBe('counting…');
		await page.getByTestId('columns-orders').scrollIntoViewIfNeeded();
		await page.waitForFunction(
			() =>
				!document.querySelector('[data-testid=columns-orders]')?.textContent?.includes('counting…')
		);
		expect(await cells.nth(3).textContent()).toBe(customers.size.toLocaleString('en-US'));
		expect(await cells.nth(2).textContent()).toBe(blank.toLocaleString('en-US'));
	});

	it('refuses a cross-origin ?data= URL with a message and fetches nothing from it', async () => {
		const { page } = session;
		const foreign = `${inject('dataOrigin')}/data/orders-small.csv`;
		await page.goto(`${inject('appUrl')}?data=${encodeURIComponent(foreign)}`);
		expect((await waitForLoad(page, { states: ['error'] })).state).toBe('error');
		const text = await page.getByTestId('problem').textContent();
		expect(text).toContain(foreign);
		expect(text).toMatch(/another site|origin/i);
		await page.waitForTimeout(500); // a late fetch would show up in the request log
		expect(session.requests.filter((url) => url.startsWith(inject('dataOrigin')))).toEqual([]);
	});

	it('stayed on its origin, without page errors, through all of the above', () => {
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
