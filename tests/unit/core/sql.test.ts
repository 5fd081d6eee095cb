import { describe, expect, it } from 'vitest';
import { sql, ident, raw, join, inlineParams } from '../../../src/core/sql';

describe('sql tag', () => {
	it('turns values into parameters', () => {
		const q = sql`SELECT * FROM t WHERE a = ${'x'} AND b > ${2}`;
		expect(q.text).toBe('SELECT * FROM t WHERE a = ? AND b > ?');
		expect(q.params).toEqual(['x', 2]);
	});
	it('never splices a bare string', () => {
		const evil = '1; DROP TABLE tx; --';
		const q = sql`SELECT ${evil}`;
		expect(q.text).toBe('SELECT ?');
	});
	it('quotes identifiers, doubling embedded quotes', () => {
		expect(sql`SELECT ${ident('a"b')}`.text).toBe('SELECT "a""b"');
		expect(sql`SELECT ${ident('x; DROP TABLE tx')}`.text).toBe('SELECT "x; DROP TABLE tx"');
		expect(sql`SELECT ${ident('客户ID')}`.text).toBe('SELECT "客户ID"');
	});
	it('splices nested Sql keeping parameter order', () => {
		const inner = sql`b = ${2}`;
		const q = sql`a = ${1} AND ${inner} AND c = ${3}`;
		expect(q.text).toBe('a = ? AND b = ? AND c = ?');
		expect(q.params).toEqual([1, 2, 3]);
	});
	it('joins arrays and pieces', () => {
		expect(sql`IN (${[1, 2, 3]})`.text).toBe('IN (?, ?, ?)');
		const j = join([ident('a'), raw('count(*)')]);
		expect(j.text).toBe('"a", count(*)');
	});
	it('inlines parameters for display, skipping quoted text and comments', () => {
		const q = sql`SELECT '?' AS "q?", ${"it's"} -- what?\n, ${null}, ${true}`;
		expect(inlineParams(q)).toBe(`SELECT '?' AS "q?", 'it''s' -- what?\n, NULL, TRUE`);
	});
	it('rejects non-finite numbers', () => {
		expect(() => sql`SELECT ${Number.NaN}`).toThrow();
	});
});
