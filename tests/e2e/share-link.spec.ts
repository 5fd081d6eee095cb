// Issue 13, items 2 and 3: nothing from elsewhere acts without a click, and remembered formats
// are checked against the new file. (a) a share link whose SQL cell creates a marker table,
// opened with data loaded: nothing runs until Run all; (b) the same when the link names files
// loaded later; (c) a notebook file opened with Open notebook…; (d) a short link whose mapping
// says decimal comma no longer makes a later `100.50` read as 10050, nor writes a remembered
// mapping; (e) a remembered dd/mm/yyyy mapping does not set aside the ISO dates of the next file
// with the same header. Hooks: nb-from-elsewhere, nb-run-opened, nb-run-all, nb-attach-input,
// nb-open-input, nb-mapping-offer, nb-mapping-offer-misfit, nb-mapping-keep,
// mapping-format-misfit, confirm-mapping, ?probe (DuckDB's tables).
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { headerSignature } from '../../src/core/columns';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { kpi, loadStatus, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';

const HEADER = ['customer_id', 'order_date', 'amount'];
const ORDERS = `${HEADER.join(',')}\nc1,2024-01-05,100.50\nc2,2024-02-10,25.25\nc1,2024-03-02,12.00\n`;
const MARKER = 'CREATE TABLE pwned AS SELECT 1 AS x';

/** A notebook file's JSON: one SQL cell, the mapping of an orders.csv with HEADER. */
function notebookJson(source: string, decimal: '.' | ',' = '.'): string {
	return JSON.stringify({
		format: 'clientele-notebook',
		version: 2,
		settings: { rowLimit: 1000 },
		mapping: {
			orders: {
				file: 'orders.csv',
				signature: headerSignature(HEADER),
				roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
				dateFormat: '%Y-%m-%d',
				decimal
			},
			customers: null,
			returns: 'net'
		},
		cells: [{ id: 'c1', kind: 'sql', name: 'cell_1', source }]
	});
}

/** A share link as the app makes it: deflate-raw, base64url, in the hash. */
function shareLink(json: string, query = '?probe'): string {
	const payload = deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
	return `${inject('appUrl')}${query}#nb=${payload}`;
}

async function duckdbObjects(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const probe = (
			window as unknown as {
				__clientele: { engineStats: () => Promise<{ objects: string[] }> };
			}
		).__clientele;
		return (await probe.engineStats()).objects;
	});
}

async function loadOrders(page: Page, text = ORDERS) {
	await page.getByTestId('file-input').setInputFiles({
		name: 'orders.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
}

/** Long enough for an unasked run to have started and finished on this data. */
async function assertNothingRan(page: Page) {
	await page.waitForTimeout(2500);
	expect(await page.getByTestId('cell-1').getAttribute('data-status')).toBe('idle');
	expect(await duckdbObjects(page)).not.toContain('main.pwned');
}

async function runAllAndSeeMarker(page: Page) {
	await page.getByTestId('nb-run-opened').click();
	await waitForCell(page, 1, 'done');
	expect(await duckdbObjects(page)).toContain('main.pwned');
	expect(await page.getByTestId('nb-from-elsewhere').count()).toBe(0);
}

let session: BrowserSession | null = null;

afterEach(async () => {
	if (session) {
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	}
	await session?.close();
	session = null;
});

describe('a notebook from elsewhere runs nothing until Run all', () => {
	it('a share link opened with data already loaded does not run its SQL', async () => {
		session = await launchBrowser();
		const { page } = session;
		await page.goto(`${inject('appUrl')}?probe`);
		await loadOrders(page);
		await waitForLoad(page, { loaded: 3 });
		await page.goto(shareLink(notebookJson(MARKER)));
		await page.getByTestId('cell-1').waitFor({ timeout: 30_000 });
		await assertNothingRan(page);
		expect(await page.getByTestId('nb-from-elsewhere').textContent()).toMatch(
			/came from a share link.*only when you press Run all/
		);
		await runAllAndSeeMarker(page);
	});

	it('a share link naming files runs nothing when they are loaded later', async () => {
		session = await launchBrowser();
		const { page } = session;
		await page.goto(shareLink(notebookJson(MARKER)));
		await page.getByTestId('nb-attach').waitFor({ timeout: 30_000 });
		await page.getByTestId('nb-attach-input').setInputFiles({
			name: 'orders.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(ORDERS)
		});
		await waitForLoad(page, { loaded: 3 });
		await page.getByTestId('nb-attach').waitFor({ state: 'detached', timeout: 10_000 });
		await assertNothingRan(page);
		await runAllAndSeeMarker(page);
	});

	it('a notebook file opened with Open notebook… does not run its SQL', async () => {
		session = await launchBrowser();
		const { page } = session;
		await page.goto(`${inject('appUrl')}?probe`);
		await loadOrders(page);
		await waitForLoad(page, { loaded: 3 });
		await openNotebook(page);
		await page.getByTestId('nb-open-input').setInputFiles({
			name: 'shared.clientele.json',
			mimeType: 'application/json',
			buffer: Buffer.from(notebookJson(MARKER))
		});
		await page.getByTestId('cell-1').waitFor({ timeout: 10_000 });
		await assertNothingRan(page);
		expect(await page.getByTestId('nb-from-elsewhere').textContent()).toMatch(/came from a file/);
		// The toolbar's Run all is the same go-ahead.
		await page.getByTestId('nb-run-all').click();
		await waitForCell(page, 1, 'done');
		expect(await duckdbObjects(page)).toContain('main.pwned');
	});
});

describe('a link’s column mapping is offered, never applied or remembered unasked', () => {
	it('a short link saying “decimal comma” leaves 100.50 read as 100.50 and stores nothing', async () => {
		session = await launchBrowser();
		const { page } = session;
		const link = shareLink(notebookJson('SELECT 1 AS one', ','), '');
		expect(link.length).toBeLessThan(600);
		await page.goto(link);
		await page.getByTestId('nb-attach').waitFor({ timeout: 30_000 });
		await loadOrders(page);
		await waitForLoad(page, { loaded: 3 });
		await page.getByTestId('open-dashboard').click();
		await expect.poll(() => kpi(page, 'revenue'), { timeout: 20_000 }).toBe('137.75');
		const remembered = await page.evaluate(() =>
			Object.keys(localStorage).filter((k) => k.startsWith('clientele.mapping.'))
		);
		expect(remembered).toEqual([]);

		// The notebook offers its mapping, naming the difference and warning that it does not fit.
		await openNotebook(page);
		const offer = page.getByTestId('nb-mapping-offer');
		await offer.waitFor({ timeout: 10_000 });
		expect(await offer.textContent()).toMatch(/written for “orders\.csv” with decimal comma/);
		expect(await offer.getByTestId('nb-mapping-offer-misfit').textContent()).toMatch(
			/3 of 3 sampled values/
		);
		await offer.getByTestId('nb-mapping-keep').click();
		expect(await offer.count()).toBe(0);
		expect(await page.evaluate(() => Object.keys(localStorage).join())).not.toMatch(
			/clientele\.mapping\./
		);
	});
});

describe('remembered formats are checked against the next file', () => {
	it('a remembered dd/mm/yyyy does not set aside the ISO dates of a file with the same header', async () => {
		session = await launchBrowser();
		const { page } = session;
		await page.goto(inject('appUrl'));
		// Every day ≤ 12: the mapping screen asks for the order; day-first is confirmed (remembered).
		await loadOrders(
			page,
			`${HEADER.join(',')}\nc1,05/01/2024,10.00\nc2,06/02/2024,20.00\nc3,07/03/2024,30.00\n`
		);
		await waitForLoad(page, { states: ['mapping'], loaded: 3 });
		const panel = page.getByTestId('mapping-panel');
		await panel.locator('label', { hasText: '%d/%m/%Y' }).locator('input[type=radio]').click();
		await panel.getByTestId('confirm-mapping').click();
		await waitForLoad(page, { loaded: 3 });

		await loadOrders(
			page,
			`${HEADER.join(',')}\nc1,2024-01-05,10.00\nc2,2024-02-11,20.00\nc3,2024-03-20,30.00\nc4,2024-04-02,40.00\n`
		);
		// Settled on the new file: its 4 rows are loaded or rejected, on the mapping screen or not.
		await page.waitForFunction(
			() => {
				const el = document.querySelector('[data-testid="load-status"]');
				const n = (a: string) => Number(el?.getAttribute(a));
				return (
					['mapping', 'ready'].includes(el?.getAttribute('data-state') ?? '') &&
					n('data-rows-loaded') + n('data-rows-rejected') === 4
				);
			},
			undefined,
			{ timeout: 30_000, polling: 100 }
		);
		expect(await loadStatus(page)).toMatchObject({ state: 'mapping', rejected: 0 });
		expect(await page.getByTestId('mapping-format-misfit').textContent()).toMatch(
			/date format you used last time for files with these columns \(dd\/mm\/yyyy\) does not fit this file \(4 of 4 sampled dates\); using yyyy-mm-dd/
		);
		expect(await panel.getByTestId('date-format').inputValue()).toBe('%Y-%m-%d');
		await panel.getByTestId('confirm-mapping').click();
		expect(await waitForLoad(page, { loaded: 4 })).toMatchObject({ state: 'ready', rejected: 0 });
	});
});
