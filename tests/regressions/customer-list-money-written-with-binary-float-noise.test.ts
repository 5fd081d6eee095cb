// Issue 16 item 12: a customer list's monetary column read 536.1800000000001 (a sum of prices as
// doubles, written with every digit), not 536.18.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/export/csv';

describe('CSV numbers', () => {
	it('a money column sums to 536.18 and is written 536.18, not 536.1800000000001', () => {
		// Prices summed in the order a query may add them: the double is 536.1800000000001.
		const monetary = [119.99, 149.99, 89.99, 79.99, 96.22].reduce((a, b) => a + b, 0);
		expect(String(monetary)).not.toBe('536.18');
		const text = toCsv(
			[
				{ key: 'customer_id', label: 'customer_id' },
				{ key: 'monetary', label: 'monetary', kind: 'money' },
				{ key: 'share', label: 'share' }
			],
			[{ customer_id: 'C00042', monetary, share: 0.1 + 0.2 }]
		);
		expect(text).toBe('\uFEFFcustomer_id,monetary,share\r\nC00042,536.18,0.3\r\n');
	});
});
