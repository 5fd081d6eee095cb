import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recallMapping, rememberMapping } from '../../../src/state/mapping-memory';

const stored = new Map<string, string>();

beforeEach(() => {
	stored.clear();
	(globalThis as { window?: unknown }).window = {
		localStorage: {
			getItem: (k: string) => stored.get(k) ?? null,
			setItem: (k: string, v: string) => void stored.set(k, v)
		}
	};
});
afterEach(() => {
	delete (globalThis as { window?: unknown }).window;
});

describe('remembered mappings', () => {
	it('recalls what was remembered for a header signature', () => {
		rememberMapping('h3-1', {
			table: 'raw_orders',
			roles: { customer_id: 'c', order_date: 'd', amount: 'a' },
			dateFormat: { format: '%d/%m/%Y' },
			numberFormat: { decimal: ',' },
			dimensions: []
		});
		expect(recallMapping('h3-1')).toEqual({
			roles: { customer_id: 'c', order_date: 'd', amount: 'a' },
			dateFormat: { format: '%d/%m/%Y' },
			numberFormat: { decimal: ',' }
		});
		expect(recallMapping('h3-2')).toBeNull();
	});

	it('ignores an entry without a usable date format or decimal mark (its formats are checked)', () => {
		const roles = { customer_id: 'c' };
		stored.set('clientele.mapping.a', JSON.stringify({ roles, numberFormat: { decimal: '.' } }));
		stored.set(
			'clientele.mapping.b',
			JSON.stringify({ roles, dateFormat: { format: '%Y-%m-%d' }, numberFormat: { decimal: ';' } })
		);
		stored.set('clientele.mapping.c', '{not json');
		expect(recallMapping('a')).toBeNull();
		expect(recallMapping('b')).toBeNull();
		expect(recallMapping('c')).toBeNull();
	});
});
