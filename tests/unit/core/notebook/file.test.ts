import { describe, expect, it } from 'vitest';
import {
	NotebookFileError,
	parseNotebook,
	serializeNotebook
} from '../../../../src/core/notebook/file';
import { LIMITS, type NotebookDoc } from '../../../../src/core/notebook/model';

const doc: NotebookDoc = {
	settings: { rowLimit: 500 },
	mapping: {
		orders: {
			file: 'orders 2024 客户.csv',
			signature: 'h5-0123456789abcdef',
			roles: { customer_id: 'Customer "ID"', order_date: '日期', amount: 'Total' },
			dateFormat: '%d/%m/%Y',
			decimal: ','
		},
		customers: {
			file: 'customers.csv',
			signature: 'h3-fedcba9876543210',
			roles: { customer_id: 'id' }
		},
		returns: 'exclude'
	},
	cells: [
		{ id: 'c1', kind: 'text', source: 'Top customers <script>alert(1)</script>' },
		{ id: 'c2', kind: 'sql', name: 'cell_1', source: 'SELECT 1 AS "a""b", \'客户\' AS x' },
		{ id: 'c3', kind: 'sql', name: 'Top_10', source: 'SELECT * FROM cell_1;' },
		{
			id: 'c4',
			kind: 'chart',
			source: '',
			chart: { from: 'c2', mark: 'cell', x: 'a"b', y: 'x', color: null, facet: null, title: '客户' }
		},
		{
			id: 'c5',
			kind: 'chart',
			source: '',
			chart: { from: null, mark: 'line', x: null, y: null, color: 'x', facet: 'a"b', title: '' }
		}
	]
};

const chartCell = (chart: Record<string, unknown>) => ({
	cells: [
		{ id: 'a', kind: 'sql', name: 'x', source: '' },
		{
			id: 'b',
			kind: 'chart',
			source: '',
			chart: {
				from: null,
				mark: 'bar',
				x: null,
				y: null,
				color: null,
				facet: null,
				title: '',
				...chart
			}
		}
	]
});
const mappingWith = (patch: Record<string, unknown>) => ({
	mapping: { ...JSON.parse(serializeNotebook(doc)).mapping, ...patch }
});

function problemOf(text: string): string {
	try {
		parseNotebook(text);
	} catch (e) {
		if (e instanceof NotebookFileError) return e.problem;
		throw e;
	}
	return 'none';
}

function fileWith(patch: Record<string, unknown>): string {
	return JSON.stringify({ ...JSON.parse(serializeNotebook(doc)), ...patch });
}

describe('notebook file', () => {
	it('round-trips cells and settings exactly', () => {
		expect(parseNotebook(serializeNotebook(doc))).toEqual(doc);
	});
	it('reads version 1 files (no mapping, no charts)', () => {
		const v1 = fileWith({
			version: 1,
			mapping: undefined,
			cells: [{ id: 'a', kind: 'text', source: 'x' }]
		});
		expect(parseNotebook(v1)).toEqual({
			cells: [{ id: 'a', kind: 'text', source: 'x' }],
			settings: { rowLimit: 500 },
			mapping: null
		});
	});
	it('accepts a BOM and a file without settings (default row limit)', () => {
		const text = '\uFEFF' + fileWith({ settings: undefined });
		expect(parseNotebook(text).settings.rowLimit).toBe(100_000);
	});
	it('holds no data: only format, version, settings and cells', () => {
		expect(Object.keys(JSON.parse(serializeNotebook(doc))).sort()).toEqual([
			'cells',
			'format',
			'mapping',
			'settings',
			'version'
		]);
	});
	it.each([
		['not JSON', '{"format": ', 'notJson'],
		['an array', '[]', 'notNotebook'],
		['another JSON file', '{"name": "package"}', 'notNotebook'],
		['a newer version', fileWith({ version: 3 }), 'version'],
		['an unknown chart mark', fileWith(chartCell({ mark: 'pie' })), 'badCell'],
		[
			'a chart without settings',
			fileWith({ cells: [{ id: 'a', kind: 'chart', source: '' }] }),
			'badCell'
		],
		['a chart column that is not text', fileWith(chartCell({ x: 1 })), 'badCell'],
		['a chart reading a missing cell', fileWith(chartCell({ from: 'zz' })), 'badCell'],
		[
			'a chart title over 200 characters',
			fileWith(chartCell({ title: 't'.repeat(201) })),
			'badCell'
		],
		['a mapping that is a list', fileWith({ mapping: [] }), 'badMapping'],
		['a mapping without orders', fileWith(mappingWith({ orders: null })), 'badMapping'],
		[
			'a bad header signature',
			fileWith(mappingWith({ orders: { ...doc.mapping!.orders, signature: 'x' } })),
			'badMapping'
		],
		[
			'a role mapped to a number',
			fileWith(mappingWith({ orders: { ...doc.mapping!.orders, roles: { amount: 3 } } })),
			'badMapping'
		],
		[
			'a date format with quotes',
			fileWith(mappingWith({ orders: { ...doc.mapping!.orders, dateFormat: "%Y'; DROP" } })),
			'badMapping'
		],
		['an unknown returns policy', fileWith(mappingWith({ returns: 'keep' })), 'badMapping'],
		['cells not a list', fileWith({ cells: {} }), 'notNotebook'],
		[
			'unknown cell kind',
			fileWith({ cells: [{ id: 'a', kind: 'python', source: '' }] }),
			'badCell'
		],
		['cell without source', fileWith({ cells: [{ id: 'a', kind: 'text' }] }), 'badCell'],
		[
			'cell source a number',
			fileWith({ cells: [{ id: 'a', kind: 'text', source: 1 }] }),
			'badCell'
		],
		[
			'cell id with spaces',
			fileWith({ cells: [{ id: 'a b', kind: 'text', source: '' }] }),
			'badCell'
		],
		[
			'duplicate ids',
			fileWith({
				cells: [
					{ id: 'a', kind: 'text', source: '' },
					{ id: 'a', kind: 'text', source: '' }
				]
			}),
			'badCell'
		],
		[
			'sql cell without name',
			fileWith({ cells: [{ id: 'a', kind: 'sql', source: 'SELECT 1' }] }),
			'badCell'
		],
		[
			'a name that is not an identifier',
			fileWith({ cells: [{ id: 'a', kind: 'sql', name: 'x; DROP TABLE orders', source: '' }] }),
			'badName'
		],
		[
			'a name of the app’s own views',
			fileWith({ cells: [{ id: 'a', kind: 'sql', name: 'Orders', source: '' }] }),
			'badName'
		],
		[
			'duplicate names (case-insensitive)',
			fileWith({
				cells: [
					{ id: 'a', kind: 'sql', name: 'x', source: '' },
					{ id: 'b', kind: 'sql', name: 'X', source: '' }
				]
			}),
			'badName'
		],
		['a row limit of zero', fileWith({ settings: { rowLimit: 0 } }), 'badSettings'],
		['a row limit as text', fileWith({ settings: { rowLimit: '10' } }), 'badSettings']
	])('rejects %s', (_name, text, problem) => {
		expect(problemOf(text)).toBe(problem);
	});
	it('rejects more than 200 cells, with the count in the message', () => {
		const cells = Array.from({ length: LIMITS.cells + 1 }, (_, i) => ({
			id: `c${i}`,
			kind: 'text',
			source: ''
		}));
		expect(() => parseNotebook(fileWith({ cells }))).toThrow(/201 cells; at most 200/);
		const ok = cells.slice(0, LIMITS.cells);
		expect(parseNotebook(fileWith({ cells: ok })).cells).toHaveLength(200);
	});
	it('rejects files over 1 MB before parsing them (UTF-8 bytes, not characters)', () => {
		const big = fileWith({ cells: [{ id: 'a', kind: 'text', source: '客'.repeat(360_000) }] });
		expect(big.length).toBeLessThan(LIMITS.fileBytes);
		expect(problemOf(big)).toBe('tooLarge');
	});
	it('rejects a cell source over 100 000 characters', () => {
		const text = fileWith({ cells: [{ id: 'a', kind: 'text', source: 'x'.repeat(100_001) }] });
		expect(() => parseNotebook(text)).toThrow(/Cell 1: "source" is longer/);
	});
});
