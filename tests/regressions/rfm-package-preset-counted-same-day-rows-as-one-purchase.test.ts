// Issue 16 item 1: the `rfm package` preset counted a customer's same-day rows of a file without
// order ids as one purchase (they merge into one order), while the R package counts rows — so the
// published table was missed by one customer (Potential Loyalist 341 / About To Sleep 103).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../helpers/load-text';
import { defaultRfmSettings, rfmAnalysis } from '../../src/analyses/rfm/sql';

// No order id: a's two rows on 2024-03-01 are one order of two purchase rows; b's return row
// on 2024-03-05 is not a purchase row.
const CSV = `customer_id,order_date,revenue
a,2024-03-01,10
a,2024-03-01,15
a,2024-04-01,5
b,2024-03-02,20
b,2024-03-05,-20
b,2024-03-09,30
c,2024-04-02,40
`;

let loaded: LoadedText;
beforeAll(async () => {
	loaded = await loadText(CSV);
});
afterAll(async () => {
	await loaded.db.close();
});

describe('rfm package preset on a file without order ids', () => {
	it('counts each purchase row of the file as F, not the merged orders', async () => {
		const { db, scope } = loaded;
		const result = await rfmAnalysis.run((q) => db.query(q), scope, {
			...defaultRfmSettings,
			segmentMap: 'rfm-package'
		});
		expect(result.customers!.map((c) => [c.customer_id, c.frequency])).toEqual([
			['a', 3],
			['b', 2],
			['c', 1]
		]);
	});

	it('keeps counting purchase orders for the other maps', async () => {
		const { db, scope } = loaded;
		const result = await rfmAnalysis.run((q) => db.query(q), scope, defaultRfmSettings);
		expect(result.customers!.map((c) => [c.customer_id, c.frequency])).toEqual([
			['a', 2],
			['b', 2],
			['c', 1]
		]);
	});
});
