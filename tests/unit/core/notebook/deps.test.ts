import { describe, expect, it } from 'vitest';
import {
	cellDependencies,
	dependantsOf,
	dependenciesOf,
	runPlan
} from '../../../../src/core/notebook/deps';
import type { Cell } from '../../../../src/core/notebook/model';
import { referencedNames, statementBody, statementKind } from '../../../../src/core/notebook/scan';

const q = (id: string, name: string, source: string): Cell => ({ id, kind: 'sql', name, source });

describe('referencedNames', () => {
	it('finds bare and quoted names, case-insensitively', () => {
		const names = referencedNames('SELECT a FROM Cell_1 JOIN "Top ""10""" USING (id)');
		expect(names).toContain('cell_1');
		expect(names).toContain('top "10"');
	});
	it('ignores strings, comments and dollar-quoted text', () => {
		const names = referencedNames("SELECT 'cell_1' -- cell_2\n/* cell_3 */, $$cell_4$$ FROM t");
		expect([...names].filter((n) => n.startsWith('cell'))).toEqual([]);
	});
	it('drops CTE names defined in the statement and aliases after AS', () => {
		const names = referencedNames(
			'WITH cell_1 AS (SELECT 1), b AS (SELECT * FROM cell_1) SELECT x AS cell_2 FROM b'
		);
		expect(names.has('cell_1')).toBe(false);
		expect(names.has('cell_2')).toBe(false);
		expect(names.has('b')).toBe(false);
	});
});

describe('statementKind / statementBody', () => {
	it.each([
		['SELECT 1', 'query'],
		['  -- note\n with a AS (SELECT 1) SELECT * FROM a;', 'query'],
		['FROM orders', 'query'],
		['(SELECT 1) UNION (SELECT 2)', 'query'],
		['VALUES (1), (2)', 'query'],
		['CREATE TABLE t AS SELECT 1', 'statement'],
		['SELECT 1; SELECT 2', 'statement'],
		['SET threads = 1', 'statement'],
		['DESCRIBE orders', 'statement'],
		['  ;; -- nothing', 'empty'],
		['', 'empty']
	])('%j is a %s', (text, kind) => {
		expect(statementKind(text)).toBe(kind);
	});
	it('strips trailing semicolons and comments, keeps semicolons inside strings', () => {
		expect(statementBody("SELECT ';' AS s ;  -- done\n;")).toBe("SELECT ';' AS s");
		expect(statementBody('SELECT 1 -- one')).toBe('SELECT 1');
	});
});

describe('dependencies and run order', () => {
	const cells: Cell[] = [
		{ id: 't', kind: 'text', source: 'FROM cell_1' },
		q('a', 'cell_1', 'SELECT * FROM orders'),
		q('c', 'cell_3', 'SELECT * FROM cell_2 JOIN cell_1 USING (customer_id)'),
		q('b', 'cell_2', 'SELECT * FROM CELL_1 WHERE revenue > 10'),
		q('d', 'other', 'SELECT 42')
	];
	it('maps each SQL cell to the cells it reads', () => {
		const deps = cellDependencies(cells);
		expect([...deps.get('a')!]).toEqual([]);
		expect([...deps.get('b')!]).toEqual(['a']);
		expect([...deps.get('c')!].sort()).toEqual(['a', 'b']);
		expect(deps.has('t')).toBe(false);
	});
	it('finds dependants and dependencies transitively', () => {
		expect([...dependantsOf(cells, 'a')].sort()).toEqual(['b', 'c']);
		expect([...dependenciesOf(cells, 'c')].sort()).toEqual(['a', 'b']);
		expect(dependantsOf(cells, 'd').size).toBe(0);
	});
	it('runs a cell, then its dependants after what they read (not document order)', () => {
		expect(runPlan(cells, ['a'])).toEqual({ order: ['a', 'b', 'c'], cyclic: [] });
		expect(runPlan(cells, ['b'])).toEqual({ order: ['b', 'c'], cyclic: [] });
		expect(runPlan(cells, ['d'])).toEqual({ order: ['d'], cyclic: [] });
	});
	it('orders a whole notebook, ties in document order', () => {
		expect(runPlan(cells, ['a', 'b', 'c', 'd']).order).toEqual(['a', 'b', 'c', 'd']);
	});
	it('a self-reference is not a dependency', () => {
		const self = [q('a', 'cell_1', 'WITH x AS (SELECT 1) SELECT * FROM x, cell_1')];
		expect(runPlan(self, ['a']).order).toEqual(['a']);
	});
	it('leaves out cells on a circular reference and what depends on them', () => {
		const loop = [
			q('a', 'x', 'SELECT * FROM y'),
			q('b', 'y', 'SELECT * FROM x'),
			q('c', 'z', 'SELECT * FROM y'),
			q('d', 'w', 'SELECT 1')
		];
		expect(runPlan(loop, ['a', 'd'])).toEqual({ order: ['d'], cyclic: ['a', 'b', 'c'] });
	});
	it('ignores unknown ids', () => {
		expect(runPlan(cells, ['nope', 't'])).toEqual({ order: [], cyclic: [] });
	});
});
