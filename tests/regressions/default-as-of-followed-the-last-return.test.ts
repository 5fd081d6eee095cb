// Issue 16 item 7: the default as-of date was the day after the last order of any kind, so a
// return booked after the last purchase moved "today" (and recency) forward; revenue by month
// drew a row for a month with returns only. As-of is the day after the last PURCHASE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../helpers/load-text';
import { overviewAnalysis } from '../../src/analyses/overview/sql';
import { scopeAt } from '../helpers/fixtures';

// The last purchase is on 2024-03-20; a return follows on 2024-04-02.
const CSV = `order_id,customer_id,order_date,amount
1,a,2024-02-05,50
2,b,2024-03-20,30
3,a,2024-04-02,-20
`;

let loaded: LoadedText;
beforeAll(async () => {
	loaded = await loadText(CSV);
});
afterAll(async () => {
	await loaded.db.close();
});

describe('the default as-of date', () => {
	it('is the day after the last purchase, not after a later return', () => {
		expect(loaded.summary.last_date).toBe('2024-04-02');
		expect(loaded.summary.as_of).toBe('2024-03-21');
	});

	it('revenue by month has no row for a month with returns only', async () => {
		const { db } = loaded;
		// As of a later day, the April return is in scope: in revenue, not as a month of its own.
		const { kpis, months } = await overviewAnalysis.run(
			(q) => db.query(q),
			scopeAt('2024-05-01'),
			{}
		);
		expect(months.map((m) => [m.month, m.revenue, m.orders])).toEqual([
			['2024-02-01', 50, 1],
			['2024-03-01', 30, 1]
		]);
		expect(kpis.revenue).toBe(60);
	});
});
