// A customers file beside the orders (DESIGN.md §5: new files replace the data set unless the
// user chose "add file"): added after the orders with add-file-input, or loaded first, in which
// case the page asks for the orders file and the next file joins it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, SAMPLE_DATA, kpi, waitForAnalyses, waitForLoad } from './helpers/app';

const ORDERS = join(SAMPLE_DATA, 'orders.csv');
const CUSTOMERS = join(SAMPLE_DATA, 'customers.csv');
/** orders.csv lines typed into tx: its data rows less the 4 rejected ones. */
const ORDER_LINES = SAMPLE.orderRows - SAMPLE.rejected;

describe('orders and customers files', () => {
	let session: BrowserSession;

	beforeAll(async () => {
		session = await launchBrowser();
	});

	afterAll(async () => {
		await session?.close();
	});

	it('adds a customers file to loaded orders: prospects appear, the orders stay', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		await page.getByTestId('file-input').setInputFiles(ORDERS);
		await waitForLoad(page, { loaded: ORDER_LINES });
		await waitForAnalyses(page);
		expect(await page.getByTestId('kpi-prospects').count()).toBe(0);
		await page.getByTestId('add-file-input').setInputFiles(CUSTOMERS);
		await waitForLoad(page, { loaded: SAMPLE.loaded });
		await expect.poll(() => kpi(page, 'prospects'), { timeout: 30_000 }).toBe('593');
		expect(await kpi(page, 'customers')).toBe(SAMPLE.customers);
	});

	it('asks for the orders after a customers file alone, then joins them', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		await page.getByTestId('file-input').setInputFiles(CUSTOMERS);
		await waitForLoad(page, { states: ['empty'] });
		await expect.poll(() => page.getByTestId('problem').textContent()).toContain('orders file');
		await page.getByTestId('file-input').setInputFiles(ORDERS);
		await waitForLoad(page, { loaded: SAMPLE.loaded });
		await waitForAnalyses(page);
		expect(await kpi(page, 'prospects')).toBe('593');
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
