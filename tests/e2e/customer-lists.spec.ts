// Issue 16 item 12: customer lists fit for a campaign. On the bundled sample (orders and customers
// file), each list downloads with the customer's columns from the files (the customers file's
// gender, birth_year, region, signup_date, membership_tier, points_balance — region also on every
// order, one column; the channel, which changes from order to order, is not a customer's), the
// segment's name in the page's language with its stable key beside it, and money to the cent.
// Hooks: segment-pick-<id>, download-customers-<id>, lang-switch (docs/hooks.md).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import {
	SAMPLE,
	SAMPLE_DATA,
	parseCsv,
	waitForAnalyses,
	waitForLoad,
	type Csv
} from './helpers/app';

const CONTACTS = [
	'gender',
	'birth_year',
	'region',
	'signup_date',
	'membership_tier',
	'points_balance'
];
const CENTS = /^-?\d+(\.\d{1,2})?$/;

let session: BrowserSession;
/** customers.csv by customer id: its columns as written. */
let customers: Map<string, Record<string, string>>;
/** The region on each customer's orders in orders.csv (one per customer in the sample). */
let orderRegion: Map<string, string>;

beforeAll(async () => {
	const text = await readFile(join(SAMPLE_DATA, 'customers.csv'), 'utf8');
	const [head, ...lines] = text.trim().split('\n');
	const names = head!.split(',');
	customers = new Map(
		lines.map((line) => {
			const cells = line.split(',');
			return [cells[0]!, Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']))];
		})
	);
	const orders = (await readFile(join(SAMPLE_DATA, 'orders.csv'), 'utf8')).trim().split('\n');
	const cols = orders[0]!.split(',');
	const [id, region] = [cols.indexOf('customer_id'), cols.indexOf('region')];
	orderRegion = new Map(
		orders.slice(1).map((line) => {
			const cells = line.split(',');
			return [cells[id]!, cells[region]!];
		})
	);
	session = await launchBrowser();
	await session.page.goto(`${inject('appUrl')}?sample&lang=en`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	await session?.close();
});

/** The options of a segment picker: key and the name shown. */
async function optionsOf(page: Page, id: string): Promise<{ value: string; label: string }[]> {
	return page
		.getByTestId(`segment-pick-${id}`)
		.locator('option')
		.evaluateAll((os) =>
			os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent?.trim() ?? '' }))
		);
}

async function customerList(page: Page, id: string, value?: string): Promise<Csv> {
	const section = page.getByTestId(`analysis-${id}`);
	if (value !== undefined) await section.getByTestId(`segment-pick-${id}`).selectOption(value);
	const file = await download(page, section.getByTestId(`download-customers-${id}`));
	return parseCsv(file.bytes);
}

/**
 * Every row's contact columns are the customers file's values for that customer; a region left
 * blank there is the one on the customer's orders (both files have a region column: one column).
 */
function expectContacts(csv: Csv) {
	const at = CONTACTS.map((c) => csv.header.indexOf(c));
	expect(at.every((i) => i > 0)).toBe(true);
	let filled = 0;
	for (const row of csv.rows) {
		const own = customers.get(row[0]!);
		expect(own, row[0]).toBeDefined();
		const want: Record<string, string> = {
			...own!,
			region: own!.region || (orderRegion.get(row[0]!) ?? '')
		};
		if (!own!.region && want.region) filled++;
		expect(at.map((i) => row[i])).toEqual(CONTACTS.map((c) => want[c]));
	}
	return filled;
}

describe('customer lists for a campaign', () => {
	it('rfm: contact columns, the segment name and its key, money to the cent (English)', async () => {
		const { page } = session;
		const chosen = (await optionsOf(page, 'rfm')).find((o) => o.value === 'at_risk');
		if (!chosen) throw new Error('no at_risk option in segment-pick-rfm');
		expect(chosen.label).toBe('At Risk');
		const csv = await customerList(page, 'rfm', chosen.value);
		expect(csv.header).toEqual([
			'customer_id',
			'segment',
			'recency_days',
			'frequency',
			'monetary',
			'r',
			'f',
			'm',
			'segment_key',
			...CONTACTS
		]);
		expect(csv.rows.length).toBeGreaterThan(10);
		expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set(['At Risk']));
		expect(new Set(csv.rows.map((r) => r[8]))).toEqual(new Set(['at_risk']));
		const money = csv.rows.map((r) => r[4]!);
		expect(money.filter((m) => !CENTS.test(m))).toEqual([]);
		expect(money.some((m) => m.includes('.'))).toBe(true);
		expectContacts(csv);
	});

	it('rfm: in Chinese the segment column holds the Chinese name, the key stays', async () => {
		const { page } = session;
		await page.getByTestId('lang-switch').selectOption('zh');
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		const chosen = (await optionsOf(page, 'rfm')).find((o) => o.value === 'at_risk');
		expect(chosen?.label).toMatch(/[\u4e00-\u9fff]/);
		const csv = await customerList(page, 'rfm', 'at_risk');
		expect(csv.header.slice(0, 2)).toEqual(['customer_id', 'segment']);
		expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set([chosen!.label]));
		expect(new Set(csv.rows.map((r) => r[csv.header.indexOf('segment_key')]))).toEqual(
			new Set(['at_risk'])
		);
		expectContacts(csv);
		await page.getByTestId('lang-switch').selectOption('en');
		expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
	});

	it('lifecycle: the stage name, its key and the contact columns', async () => {
		const { page } = session;
		const [first] = await optionsOf(page, 'lifecycle');
		if (!first) throw new Error('segment-pick-lifecycle has no stage');
		const csv = await customerList(page, 'lifecycle', first.value);
		expect(csv.header).toEqual(['customer_id', 'stage', 'stage_key', ...CONTACTS]);
		expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set([first.label]));
		expect(new Set(csv.rows.map((r) => r[2]))).toEqual(new Set([first.value]));
		expectContacts(csv);
	});

	it('concentration: the tier name, revenue to the cent, the contact columns', async () => {
		const { page } = session;
		const [first] = await optionsOf(page, 'concentration');
		if (!first) throw new Error('segment-pick-concentration has no tier');
		const csv = await customerList(page, 'concentration', first.value);
		expect(csv.header.slice(0, 4)).toEqual(['customer_id', 'tier', 'rank', 'revenue']);
		expect(csv.header.slice(-1 - CONTACTS.length)).toEqual(['tier_key', ...CONTACTS]);
		expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set([first.label]));
		expect(csv.rows.map((r) => r[3]!).filter((m) => !CENTS.test(m))).toEqual([]);
		// Some of them have no region in the customers file: their orders' region is shown.
		expect(expectContacts(csv)).toBeGreaterThan(0);
	});

	it('cycle: the due list carries the contact columns', async () => {
		const { page } = session;
		const csv = await customerList(page, 'cycle');
		expect(csv.header).toEqual([
			'customer_id',
			'last_purchase',
			'typical_gap',
			'expected_next',
			'days_overdue',
			...CONTACTS
		]);
		expect(csv.rows.length).toBeGreaterThan(0);
		expectContacts(csv);
	});

	it('stayed on its origin, without page errors', () => {
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
