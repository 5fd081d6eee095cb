/**
 * Issue 16 items 8 and 10 on the UCI Online Retail log (../shared/datasets, skipped without it,
 * failing under CI), through the app's load path: loadDataSet (file read, mapping detected, tables
 * built) → the load summary's as-of → overviewAnalysis.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import { loadBytes } from '../../helpers/load-text';
import { overviewAnalysis } from '../../../src/analyses/overview/sql';

const RETAIL = datasetPath('online_retail/online_retail.csv.gz');

const cents = (n: number) => Math.round(n * 100) / 100;

describe.skipIf(!datasetPresent(RETAIL))('the overview of the Online Retail log', () => {
	it('store revenue and orders include the lines without a customer id; the month of 9 days is partial', async () => {
		const bytes = new Uint8Array(gunzipSync(readFileSync(RETAIL)));
		const { db, scope } = await loadBytes(bytes, 'online_retail.csv');
		const r = await overviewAnalysis.run((q) => db.query(q), scope, {});
		const [file] = await db.query<{ net: number; guests: number }>(
			'SELECT sum(amount) AS net, sum(amount) FILTER (WHERE customer_id IS NULL) AS guests FROM tx'
		);

		// The file's net total is the store revenue; the customers' part is what the overview
		// showed alone before; the difference, 14.9 % of the store, is the guests'.
		expect(cents(file!.net)).toBe(9747747.93);
		expect(cents(r.kpis.store_revenue)).toBe(9747747.93);
		expect(cents(r.kpis.revenue)).toBe(8300065.81);
		expect(cents(r.kpis.guest_revenue)).toBe(1447682.12);
		expect(cents(file!.guests)).toBe(1447682.12);
		expect(Math.round((r.kpis.guest_revenue / r.kpis.store_revenue) * 1000) / 10).toBe(14.9);
		expect(r.kpis.store_orders).toBe(r.kpis.orders + r.kpis.guest_orders);
		expect(r.kpis.guest_orders).toBeGreaterThan(0);

		// The log ends on 2011-12-09 (as of 2011-12-10): December 2011 has 9 of its 31 days.
		const last = r.months.at(-1)!;
		expect([last.month, last.days, last.month_days, last.partial]).toEqual([
			'2011-12-01',
			9,
			31,
			true
		]);
		expect(r.months.slice(0, -1).every((m) => !m.partial)).toBe(true);
	}, 120_000);
});
