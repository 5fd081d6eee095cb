import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { sql, ident } from '../../../src/core/sql';
import { userFilePath } from '../../../src/db/session';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

describe('node engine + row conversion', () => {
	it('converts DuckDB types to plain JS values', async () => {
		const rows = await db.query(
			`SELECT 42::BIGINT AS big, 1.5::DOUBLE AS dbl, 144.60::DECIMAL(10,2) AS dec,
			 DATE '2024-01-05' AS d, TIMESTAMP '2024-01-05 13:04:05' AS ts, 'x' AS s, true AS b,
			 NULL::INTEGER AS n, [1,2] AS l, sum(12.34::DECIMAL(18,2)) OVER () AS sdec`
		);
		expect(rows).toEqual([
			{
				big: 42,
				dbl: 1.5,
				dec: 144.6,
				d: '2024-01-05',
				ts: '2024-01-05 13:04:05',
				s: 'x',
				b: true,
				n: null,
				l: '[1,2]',
				sdec: 12.34
			}
		]);
	});

	it('binds parameters and quotes identifiers', async () => {
		const name = 'a"b; DROP TABLE x';
		const rows = await db.query(sql`SELECT ${"o'k"} AS ${ident(name)}, ${3} + 1 AS four`);
		expect(rows).toEqual([{ [name]: "o'k", four: 4 }]);
	});

	it('reads a registered buffer with read_csv', async () => {
		await db.registerBuffer(userFilePath('t.csv'), new TextEncoder().encode('a,b\n1,x\n2,y\n'));
		const rows = await db.query(`SELECT * FROM read_csv('/clientele/t.csv') ORDER BY a`);
		expect(rows).toEqual([
			{ a: 1, b: 'x' },
			{ a: 2, b: 'y' }
		]);
	});
});
