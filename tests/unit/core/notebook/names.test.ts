import { describe, expect, it } from 'vitest';
import {
	checkCellName,
	defaultCellName,
	uniqueCellName
} from '../../../../src/core/notebook/names';
import type { Cell } from '../../../../src/core/notebook/model';

const cells: Cell[] = [
	{ id: 'a', kind: 'sql', name: 'cell_1', source: '' },
	{ id: 'b', kind: 'sql', name: 'Cell_3', source: '' },
	{ id: 't', kind: 'text', source: '' }
];

describe('cell names', () => {
	it.each([
		['top_10', null],
		['_x', null],
		['', 'empty'],
		['  ', 'empty'],
		['10_top', 'invalid'],
		['a b', 'invalid'],
		['a"b', 'invalid'],
		['客户', 'invalid'],
		['x'.repeat(64), 'invalid'],
		['orders', 'reserved'],
		['CUSTOMER_FACTS', 'reserved'],
		['baskets', 'reserved'],
		['select', 'reserved'],
		['__tmp', 'reserved'],
		['CELL_1', 'duplicate']
	])('%j → %s', (name, problem) => {
		expect(checkCellName(name, cells)).toBe(problem);
	});
	it('a cell may keep its own name', () => {
		expect(checkCellName('cell_1', cells, 'a')).toBeNull();
	});
	it('default names take the first free number', () => {
		expect(defaultCellName(cells)).toBe('cell_2');
		expect(defaultCellName([])).toBe('cell_1');
	});
	it('unique names from dashboard query keys', () => {
		expect(uniqueCellName('rfm_segments', cells)).toBe('rfm_segments');
		expect(uniqueCellName('cell_1', cells)).toBe('cell_1_2');
		expect(uniqueCellName('orders', cells)).toBe('cell_orders');
		expect(uniqueCellName('1st grid', cells)).toBe('_1st_grid');
	});
});
