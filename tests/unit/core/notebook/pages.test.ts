// The SQL shapes of paged notebook results (issue 13, items 11 and 12): column keys made unique,
// column shapes from DuckDB type names, and a cell split before its last query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildPage,
	columnShape,
	splitLastQuery,
	uniqueColumnNames
} from '../../../../src/core/notebook/pages';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(async () => {
	await db?.close();
});

describe('uniqueColumnNames', () => {
	it('repeated names (SELECT 1 AS a, 2 AS a) get a number, so each key is used once', () => {
		expect(uniqueColumnNames(['a', 'a', 'b', 'a'])).toEqual(['a', 'a (2)', 'b', 'a (3)']);
		expect(uniqueColumnNames(['a', 'a (2)', 'a'])).toEqual(['a', 'a (2)', 'a (3)']);
		expect(uniqueColumnNames(['x', 'y'])).toEqual(['x', 'y']);
	});

	it('a result with a repeated name keeps both values (the engine keys rows by unique names)', async () => {
		const r = await db.queryFull('SELECT 1 AS a, 2 AS a');
		expect(r.columns.map((c) => c.name)).toEqual(['a', 'a (2)']);
		expect(r.rows).toEqual([{ a: 1, 'a (2)': 2 }]);
	});
});

describe('columnShape', () => {
	it.each([
		['INTEGER', 'plain'],
		['DECIMAL(18,2)', 'plain'],
		['TIMESTAMP', 'plain'],
		['DATE', 'plain'],
		['VARCHAR', 'text'],
		['BIGINT[]', 'list'],
		['INTEGER[3]', 'list'],
		['STRUCT(a INTEGER[])[]', 'list'],
		['MAP(INTEGER, INTEGER)', 'map'],
		['STRUCT(x INTEGER)', 'cast'],
		['BLOB', 'cast'],
		["ENUM('a', 'b')", 'cast']
	])('%s is shown as %s', (type, shape) => {
		expect(columnShape(type)).toBe(shape);
	});
});

describe('splitLastQuery', () => {
	it('splits before the last statement when it is a query, with its first line', () => {
		expect(splitLastQuery('SET VARIABLE x = 1;\n-- note\nSELECT 1 AS a, 2 AS a;  ')).toEqual({
			before: 'SET VARIABLE x = 1;\n-- note\n',
			query: 'SELECT 1 AS a, 2 AS a',
			startLine: 2
		});
		expect(splitLastQuery("SELECT ';'; FROM t")?.query).toBe('FROM t');
	});

	it('is null when the last statement is not a query', () => {
		expect(splitLastQuery('SELECT 1; PRAGMA version')).toBeNull();
		expect(splitLastQuery('CREATE TABLE t AS SELECT 1')).toBeNull();
		expect(splitLastQuery(';;')).toBeNull();
	});
});

describe('buildPage', () => {
	it('is valid SQL for every column shape, and cuts texts, lists and maps', async () => {
		await db.exec(`CREATE OR REPLACE VIEW shapes AS SELECT 1 AS n, repeat('ab', 10) AS t,
			[1, 2, 3, 4, 5, 6] AS l, map([1, 2, 3, 4], [5, 6, 7, 8]) AS m, {'x': 'long text'} AS s,
			'\\xAA'::BLOB AS b, DATE '2024-01-02' AS d`);
		const columns = (
			await db.query<{ column_name: string; column_type: string }>('DESCRIBE shapes')
		).map((c) => ({ name: c.column_name, type: c.column_type }));
		const q = buildPage(
			{ view: 'shapes' },
			columns,
			{ offset: 0, limit: 10, sort: null },
			{
				cellChars: 3,
				pageBytes: 1000
			}
		);
		const [row] = await db.query(q.toString());
		expect(row).toEqual({
			v0: 1,
			v1: 'aba',
			c1: true,
			v2: '[1,',
			c2: true,
			v3: "[{'",
			c3: true,
			v4: "{'x",
			c4: true,
			v5: '\\xA',
			c5: true,
			v6: '2024-01-02'
		});
	});
});
