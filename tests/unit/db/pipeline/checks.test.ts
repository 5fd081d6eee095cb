// Data checks (src/db/pipeline/checks.ts) on a built file with duplicates, a future date, a zero
// and a negative amount and a missing customer id; counts and example rows derived by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { buildTables } from '../../../../src/db/pipeline/build';
import { dataWarnings, DuplicateSearch, findDuplicates } from '../../../../src/db/pipeline/checks';
import { DUPLICATES_TABLE } from '../../../../src/core/data-warnings';
import { file } from './fixtures';

/**
 * Data rows 3 and 6 repeat row 1; row 7 is row 1 under another order id (no duplicate); row 4 is
 * after 2025-06-01; row 2 is zero; row 5 has no customer and −2.
 */
const LINES = `order_id,order_date,customer_id,amount
1,2024-01-05,A,10.00
2,2024-01-06,B,0
1,2024-01-05,A,10.00
3,2031-05-01,C,5.00
4,2024-02-01,,-2.00
1,2024-01-05,A,10.00
5,2024-01-05,A,10.00
`;
const TODAY = '2025-06-01';

let db: Engine;
let columns: string[];
beforeAll(async () => {
	db = await createNodeEngine();
	const set = await loadDataSet(db, [file('lines.csv', LINES)]);
	expect(set.summary?.tx_rows).toBe(7);
	columns = set.orders!.report.columns.map((c) => c.name);
});

describe('data checks', () => {
	it('counts duplicates, future dates, zero and negative amounts and missing ids, with rows', async () => {
		await findDuplicates(db, 'raw_orders', columns);
		const warnings = await dataWarnings(db, TODAY);
		expect(warnings).toEqual([
			{ kind: 'future_date', count: 1, examples: [4] },
			{ kind: 'zero_amount', count: 1, examples: [2] },
			{ kind: 'negative_amount', count: 1, examples: [5] },
			{ kind: 'missing_customer', count: 1, examples: [5] },
			{ kind: 'duplicate', count: 2, examples: [3, 6] }
		]);
	});

	it('decides "the future" by the given day', async () => {
		await findDuplicates(db, 'raw_orders', columns);
		const later = await dataWarnings(db, '2031-05-01');
		expect(later.find((w) => w.kind === 'future_date')).toEqual({
			kind: 'future_date',
			count: 0,
			examples: []
		});
	});

	it('compares every file column given: equal on some of them only is no duplicate', async () => {
		await findDuplicates(db, 'raw_orders', ['customer_id', 'amount']);
		const [dup] = (await dataWarnings(db, TODAY)).filter((w) => w.kind === 'duplicate');
		// Without order_id, row 7 repeats row 1 too.
		expect(dup).toEqual({ kind: 'duplicate', count: 3, examples: [3, 6, 7] });
	});

	it('removes the duplicate rows from the tables when asked', async () => {
		await findDuplicates(db, 'raw_orders', columns);
		const plain = await loadDataSet(db, [file('lines.csv', LINES)], { build: 'never' });
		await findDuplicates(db, 'raw_orders', columns);
		const summary = await buildTables(db, {
			orders: plain.orders!.mapping,
			returns: 'net',
			removeDuplicates: true
		});
		// 7 lines − 2 copies; orders 1, 2, 3, 5 (row 5 has no customer: not in orders), revenue
		// 10 + 0 + 5 + 10.
		expect(summary).toMatchObject({ tx_rows: 5, orders: 4, revenue: 25 });
	});

	it('searches the raw orders table for duplicates once per table loaded', async () => {
		let searches = 0;
		const counting: Engine = {
			...db,
			exec: (q) => {
				searches++;
				return db.exec(q);
			}
		};
		const report = (await loadDataSet(db, [file('lines.csv', LINES)], { build: 'never' })).orders!
			.report;
		const search = new DuplicateSearch();
		await search.ensure(counting, 'raw_orders', null);
		expect(searches).toBe(0);
		await search.ensure(counting, 'raw_orders', report);
		await search.ensure(counting, 'raw_orders', report);
		expect(searches).toBe(1);
		search.newTable();
		await search.ensure(counting, 'raw_orders', report);
		expect(searches).toBe(2);
		// Data rows 3 and 6 repeat row 1.
		const [n] = await db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM ${DUPLICATES_TABLE}`
		);
		expect(n?.n).toBe(2);
	});
});
