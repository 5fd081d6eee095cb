import { beforeAll, describe, expect, it } from 'vitest';
import { int, lit, sql, type SqlValue } from '../../../src/core/sql';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});

describe('int()', () => {
	it('splices a safe integer as text, with no parameter', () => {
		const q = sql`SELECT 1 LIMIT ${int(10)} OFFSET ${int(0)}`;
		expect(q.text).toBe('SELECT 1 LIMIT 10 OFFSET 0');
		expect(q.params).toEqual([]);
		expect(sql`${int(-3)}`.text).toBe('-3');
		expect(sql`${int(Number.MAX_SAFE_INTEGER)}`.text).toBe('9007199254740991');
	});

	it('throws on hostile inputs: fractions, NaN, infinities, huge numbers, strings', () => {
		for (const bad of [1.5, Number.NaN, Infinity, -Infinity, 2 ** 53, 1e21]) {
			expect(() => int(bad)).toThrow(/not a safe integer/);
		}
		for (const bad of ['1; DROP TABLE orders; --', '10', null, undefined, {}]) {
			expect(() => int(bad as unknown as number)).toThrow(/not a safe integer/);
		}
	});
});

describe('lit()', () => {
	it('makes literals of strings, numbers, booleans and NULL', () => {
		expect(sql`${lit("it's")}`.text).toBe("'it''s'");
		expect(sql`${lit(0.25)}`.text).toBe('0.25');
		expect(sql`${lit(true)}, ${lit(false)}, ${lit(null)}`.text).toBe('TRUE, FALSE, NULL');
		expect(sql`${lit('x')}`.params).toEqual([]);
	});

	it('a hostile string stays one string value in DuckDB', async () => {
		const hostile = [
			"'; DROP TABLE t; --",
			"a''b",
			"\\'; SELECT 1; --",
			'multi\nline -- not a comment',
			'客户 "quoted" ?'
		];
		for (const value of hostile) {
			const rows = await engine.query<{ v: string }>(sql`SELECT ${lit(value)} AS v`);
			expect(rows).toEqual([{ v: value }]);
		}
	});

	it('throws on NUL characters, non-finite numbers and non-values', () => {
		expect(() => lit('a\u0000b')).toThrow(/NUL/);
		for (const bad of [Number.NaN, Infinity, -Infinity]) {
			expect(() => lit(bad)).toThrow(/non-finite/);
		}
		for (const bad of [undefined, {}, [], () => 1, 10n]) {
			expect(() => lit(bad as unknown as SqlValue)).toThrow(/cannot be a literal/);
		}
	});
});
