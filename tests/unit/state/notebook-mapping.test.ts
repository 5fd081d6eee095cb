import { describe, expect, it } from 'vitest';
import {
	expectedFiles,
	mappingDifferences,
	mappingOffer,
	type LoadedOrders
} from '../../../src/state/notebook-mapping';
import type { NotebookMapping } from '../../../src/core/notebook/model';

const saved: NotebookMapping = {
	orders: {
		file: 'orders.csv',
		signature: 'h3-0011223344556677',
		roles: { customer_id: 'cid', order_date: 'd', amount: 'amt' },
		dateFormat: '%Y-%m-%d',
		decimal: '.'
	},
	customers: {
		file: 'customers.csv',
		signature: 'h2-0011223344556677',
		roles: { customer_id: 'id' }
	},
	returns: 'net'
};

describe('notebook mapping', () => {
	it('lists the files a notebook needs, orders first', () => {
		expect(expectedFiles(saved)).toEqual(['orders.csv', 'customers.csv']);
		expect(expectedFiles(null)).toEqual([]);
	});
	it('finds no difference with the same data', () => {
		expect(mappingDifferences(saved, structuredClone(saved))).toEqual([]);
	});
	it('names missing files, other headers and other role choices', () => {
		expect(mappingDifferences(saved, null).map((d) => [d.kind, d.what])).toEqual([
			['orders', 'missing'],
			['customers', 'missing']
		]);
		const other: NotebookMapping = {
			...saved,
			orders: { ...saved.orders, file: 'sales.csv', signature: 'h4-8899aabbccddeeff' },
			customers: { ...saved.customers!, roles: { customer_id: 'other' } }
		};
		expect(mappingDifferences(saved, other)).toEqual([
			{ kind: 'orders', expected: 'orders.csv', loaded: 'sales.csv', what: 'columns' },
			{ kind: 'customers', expected: 'customers.csv', loaded: 'customers.csv', what: 'roles' }
		]);
	});

	it('offers a notebook’s mapping only for a file with its columns, and only what differs', () => {
		const loaded: LoadedOrders = {
			file: 'sales.csv',
			signature: saved.orders.signature,
			columns: [
				{ name: 'cid', samples: ['a'] },
				{ name: 'd', samples: ['2024-01-05', '2024-02-11'] },
				{ name: 'amt', samples: ['100.50'] }
			],
			roles: { customer_id: 'cid', order_date: 'd', amount: 'amt' },
			dateFormat: '%Y-%m-%d',
			decimal: '.',
			returns: 'net'
		};
		expect(mappingOffer(saved, loaded)).toBeNull();
		expect(mappingOffer(saved, { ...loaded, signature: 'h3-ffffffffffffffff' })).toBeNull();
		const dm = { ...saved, orders: { ...saved.orders, dateFormat: '%d/%m/%Y' } };
		expect(mappingOffer(dm, loaded)).toEqual({
			expected: 'orders.csv',
			loaded: 'sales.csv',
			roles: false,
			dateFormat: '%d/%m/%Y',
			decimal: null,
			returns: null,
			misfits: [{ kind: 'date', saved: '%d/%m/%Y', used: '%Y-%m-%d', failed: 2, total: 2 }]
		});
		expect(
			mappingOffer(saved, { ...loaded, roles: { customer_id: 'cid', order_date: 'd' } })
		).toMatchObject({ roles: true, misfits: [] });
	});
});
