/**
 * A left-censored first cohort (issue 16 item 5): a log that starts mid-history puts everyone who
 * bought before it into its first cohort. The rule (src/analyses/cohort/sql.ts): the earliest
 * cohort's customers per observed day exceed 2 × the median of at least 2 later cohorts. It is
 * marked, and left out of the average unless includeFirstCohort.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { closeDiff } from '../../helpers/close';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import { inlineParams, type Sql } from '../../../src/core/sql';
import { datasetSql, randomDataset } from '../../helpers/random-dataset';
import { referenceCohort } from '../../helpers/reference/cohort';
import {
	cohortAnalysis,
	defaultCohortSettings,
	type CohortSettings
} from '../../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
const query = <T>(q: Sql) => db.query<T>(inlineParams(q));

/** Orders `(customer, 'YYYY-MM-DD', channel)`, all purchases of 10, one order each. */
async function load(orders: [string, string, string?][]): Promise<void> {
	await db.exec('DROP TABLE IF EXISTS orders');
	await createOrders(
		db,
		orders.map(([c, d], i) => `('${c}', 'o${i}', DATE '${d}', 10, true)`).join(', ')
	);
	await db.exec(`ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP;
		UPDATE orders SET order_ts = CAST(order_date AS TIMESTAMP);
		ALTER TABLE orders ADD COLUMN channel VARCHAR;`);
	for (const [i, [, , ch]] of orders.entries())
		if (ch) await db.exec(`UPDATE orders SET channel = '${ch}' WHERE order_id = 'o${i}'`);
}

const run = (asOf: string, settings: Partial<CohortSettings> = {}) =>
	cohortAnalysis.run(query, scopeAt(asOf), { ...defaultCohortSettings, ...settings });

/** `n` customers `prefix1…` first buying on `day`. */
const buyers = (prefix: string, n: number, day: string, channel?: string) =>
	Array.from({ length: n }, (_, i): [string, string, string?] => [`${prefix}${i}`, day, channel]);

// Jan: 6 customers (3 buy again in Feb); Feb, Mar, Apr: 2 each (one Feb customer buys in Mar).
const CENSORED: [string, string, string?][] = [
	...buyers('j', 6, '2024-01-01', 'web'),
	['j0', '2024-02-02'],
	['j1', '2024-02-03'],
	['j2', '2024-02-04'],
	...buyers('f', 2, '2024-02-05', 'shop'),
	['f0', '2024-03-06'],
	...buyers('m', 2, '2024-03-01', 'web'),
	...buyers('a', 2, '2024-04-01', 'shop')
];

describe('left-censored first cohort', () => {
	it('a first cohort gaining customers more than twice as fast as the others is flagged', async () => {
		await load(CENSORED);
		const r = await run('2024-05-01');
		// 6 in 31 days against 2 / 29, 2 / 31 and 2 / 30 a day: median 2 / 30, 6 / 31 > 4 / 30.
		expect(r.firstCohort).toEqual({
			cohort: '2024-01-01',
			cohort_size: 6,
			rate: 6 / 31,
			later_cohorts: 3,
			median_rate: expect.closeTo(2 / 30, 12),
			censored: true
		});
		expect(r.rows.filter((x) => x.censored).map((x) => x.cohort)).toEqual(
			Array(4).fill('2024-01-01')
		);
	});

	it('is left out of the average by default, and taken back in with includeFirstCohort', async () => {
		await load(CENSORED);
		const out = await run('2024-05-01');
		// k1 without Jan: Feb 1 of 2, Mar 0 of 2 → 25 %; with Jan's 3 of 6: 4 of 10.
		expect(out.average.map((a) => [a.k, a.cohorts, a.retention])).toEqual([
			[0, 3, 1],
			[1, 2, 0.25],
			[2, 1, 0]
		]);
		const back = await run('2024-05-01', { includeFirstCohort: true });
		expect(back.average.map((a) => [a.k, a.cohorts, a.retention])).toEqual([
			[0, 4, 1],
			[1, 3, 0.4],
			[2, 2, 0],
			[3, 1, 0]
		]);
		// Marked either way.
		expect(back.rows.filter((x) => x.censored)).toHaveLength(4);
	});

	it('a first period the log covers only in part is judged per observed day, not by size', async () => {
		// The log starts 01-20: January has 3 first buyers in 12 days, as many as each later month.
		await load([
			...buyers('j', 3, '2024-01-20'),
			...buyers('f', 3, '2024-02-10'),
			...buyers('m', 3, '2024-03-10'),
			...buyers('a', 3, '2024-04-10')
		]);
		const r = await run('2024-05-01');
		expect(r.firstCohort?.rate).toBe(3 / 12);
		expect(r.firstCohort?.censored).toBe(true);
	});

	it('a first cohort up to twice as fast is not flagged', async () => {
		// 4 in 31 days = 0.129 a day, under 2 × 2 / 30 = 0.133.
		await load(CENSORED.filter(([c]) => c !== 'j4' && c !== 'j5'));
		const r = await run('2024-05-01');
		expect(r.firstCohort?.censored).toBe(false);
		expect(r.rows.some((x) => x.censored)).toBe(false);
		expect(r.average[0]?.cohorts).toBe(4);
	});

	it('with fewer than 2 later cohorts there is no evidence: not flagged', async () => {
		await load([...buyers('j', 9, '2024-01-01'), ...buyers('f', 1, '2024-02-01')]);
		const r = await run('2024-03-01');
		expect(r.firstCohort).toMatchObject({ later_cohorts: 1, censored: false });
	});

	it('is decided on the whole log and marked in every split value', async () => {
		await load(CENSORED);
		const r = await run('2024-05-01', { split: { table: 'orders', column: 'channel' } });
		// Jan's customers all came through the web; the shop has no January cohort.
		expect([...new Set(r.rows.filter((x) => x.censored).map((x) => x.split))]).toEqual(['web']);
		expect(r.average.filter((a) => a.split === 'web' && a.k === 0)[0]?.cohorts).toBe(1);
	});
});

describe('property: the first-cohort rule and the average equal the reference', () => {
	it('on 30 random data sets, every period, both choices', async () => {
		let flagged = 0;
		let clear = 0;
		for (let seed = 1; seed <= 30; seed++) {
			const { data, scope } = randomDataset(seed);
			for (const stmt of datasetSql(data)) await db.exec(stmt);
			for (const period of ['month', 'week', 'quarter'] as const)
				for (const includeFirstCohort of [false, true]) {
					const s: CohortSettings = { ...defaultCohortSettings, period, includeFirstCohort };
					const actual = await cohortAnalysis.run(query, scope, s);
					const diff = closeDiff(actual, referenceCohort(data, scope, s));
					expect(diff, `seed ${seed} ${JSON.stringify(s)}\n${diff}`).toBeNull();
					if (actual.firstCohort?.censored) flagged++;
					else clear++;
				}
		}
		// Both branches were exercised.
		expect(flagged).toBeGreaterThanOrEqual(10);
		expect(clear).toBeGreaterThanOrEqual(10);
	}, 120_000);
});
