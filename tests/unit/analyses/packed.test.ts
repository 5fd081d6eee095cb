// The packed lists the basket and loyalty jobs receive (src/analyses/packed.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	expectCount,
	isPackedJson,
	jsonStringSql,
	numberColumns,
	PACKED_JSON_ROWS,
	packedBuffers,
	packedJsonOf,
	packedJsonStatement,
	splitPacked,
	unpackJson
} from '../../../src/analyses/packed';
import { int, sql } from '../../../src/core/sql';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';
import { packValues } from '../../helpers/packed';

describe('splitPacked', () => {
	it('splits a line per entry, empty lines kept', () => {
		expect(splitPacked('a\n\nb')).toEqual(['a', '', 'b']);
		expect(splitPacked('a\n\nb', 3)).toEqual(['a', '', 'b']);
	});
	it('reads empty text as no line, or one empty line when one is expected', () => {
		expect(splitPacked('')).toEqual([]);
		expect(splitPacked('', 0)).toEqual([]);
		expect(splitPacked('', 1)).toEqual(['']);
	});
	it('refuses a count other than the one expected, naming what', () => {
		expect(() => splitPacked('a\nb', 3, 'members')).toThrow(
			'members differ in number: 2 given, 3 expected'
		);
		expect(() => splitPacked('', 2, 'members')).toThrow(/differ in number/);
		expect(() => expectCount([1], 2, 'lists')).toThrow(/lists differ in number/);
		expect(expectCount([1, 2], undefined, 'lists')).toEqual([1, 2]);
	});
});

describe('PackedJson', () => {
	it('round-trips any text (line breaks, quotes, non-ASCII) in slices, in order', async () => {
		const values = ['a\nb', '"q"', 'Açúcar', '', '\u{1F600}', 'x'.repeat(50), 'z'];
		const packed = await packValues(values, 3);
		expect(packed.json).toHaveLength(3);
		expect(packed.json.every((c) => c instanceof Uint8Array)).toBe(true);
		expect(unpackJson<string>(packed, values.length)).toEqual(values);
	});
	it('no rows: no chunk, no value', async () => {
		const packed = await packValues([]);
		expect(packed.json).toEqual([]);
		expect(unpackJson(packed, 0)).toEqual([]);
	});
	it('refuses a count other than the one expected', async () => {
		const packed = await packValues([1, 2]);
		expect(() => unpackJson(packed, 3, 'members')).toThrow(
			'members differ in number: 2 given, 3 expected'
		);
	});
	it('gives each chunk its own buffer, for the transfer list; skips what is not packed', async () => {
		const a = await packValues([1, 2, 3], 2);
		const b = await packValues(['x']);
		const buffers = packedBuffers(a, ['plain'], null, b);
		expect(buffers).toHaveLength(3);
		expect(new Set(buffers).size).toBe(3);
		expect(buffers[0]!.byteLength).toBe(a.json[0]!.byteLength);
		const typed = new Float64Array([1, 2]);
		expect(packedBuffers(typed, [3], a)).toEqual([typed.buffer, ...a.json.map((c) => c.buffer)]);
		expect(isPackedJson(['plain'])).toBe(false);
		expect(isPackedJson(null)).toBe(false);
	});
});

// DuckDB packs the texts itself (issue 22: the loyalty job's 86 k members were converted row by
// row on the page, then written as JSON there): the same texts as JSON.stringify, in order.
describe('packed by DuckDB', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
	});
	afterAll(async () => {
		await db?.close();
	});

	/** Texts JSON escapes every way: quotes, backslashes, each control character, and not. */
	const HOSTILE = [
		'plain',
		'a"b',
		'c\\d',
		'line\nbreak',
		'tab\there',
		'\r\n',
		'\b\f',
		'\u0000nul',
		...Array.from({ length: 32 }, (_, c) => `c${String.fromCharCode(c)}${c}`),
		'\u007f del',
		"o'k",
		'中文 客户',
		'\u{1F600}',
		'\u2028\u2029',
		'\\"\\n',
		'',
		' spaced '
	];

	it('writes each text as JSON.stringify does', async () => {
		const values = sql`SELECT * FROM (VALUES ${HOSTILE.map((v, i) => sql`(${i}, ${v})`)}) t(i, v)`;
		const rows = await db.query<{ i: number; j: string }>(
			sql`SELECT i, ${jsonStringSql(sql`v`)} AS j FROM (${values}) ORDER BY i`
		);
		expect(rows.map((r) => r.j)).toEqual(HOSTILE.map((v) => JSON.stringify(v)));
	});

	it('packs columns in order in parts of PACKED_JSON_ROWS rows, as JSON.stringify of each part', async () => {
		// More rows than two parts, the hostile texts among them, numbered out of their order.
		const n = 2 * PACKED_JSON_ROWS + 5;
		const hostile = sql`SELECT * FROM (VALUES ${HOSTILE.map((v, i) => sql`(${i}, ${v})`)}) h(i, v)`;
		const rows = sql`SELECT k, (CASE WHEN k % 997 = 0 THEN h.v ELSE '' END) || 'id' || k AS v, 'p' || k AS w
FROM range(${int(n)}) r(k) LEFT JOIN (${hostile}) h ON h.i = k % ${int(HOSTILE.length)}`;
		const ids = Array.from(
			{ length: n },
			(_, k) => (k % 997 === 0 ? HOSTILE[k % HOSTILE.length]! : '') + `id${k}`
		);
		const parts = await db.query<{ v: string; w: string }>(
			packedJsonStatement(rows, sql`k DESC`, ['v', 'w'])
		);
		expect(parts).toHaveLength(3);
		const desc = [...ids].reverse();
		const words = desc.map((_, i) => `p${n - 1 - i}`);
		const slice = (list: string[], p: number) =>
			JSON.stringify(list.slice(p * PACKED_JSON_ROWS, (p + 1) * PACKED_JSON_ROWS));
		expect(parts.map((p) => p.v)).toEqual([0, 1, 2].map((p) => slice(desc, p)));
		expect(parts.map((p) => p.w)).toEqual([0, 1, 2].map((p) => slice(words, p)));
		const packed = await packedJsonOf(parts, 'v');
		expect(unpackJson<string>(packed, n)).toEqual(desc);
	});

	it('packs no rows as no part', async () => {
		const parts = await db.query(
			packedJsonStatement(sql`SELECT 'x' AS v, 1 AS k WHERE false`, sql`k`, ['v'])
		);
		expect(parts).toEqual([]);
		expect(unpackJson(await packedJsonOf(parts, 'v'), 0)).toEqual([]);
	});

	it('encodes non-ASCII parts whole (a buffer of the text length is too small for them)', async () => {
		const values = ['中文', '\u{1F600}', 'é'.repeat(5000)];
		const packed = await packedJsonOf([{ v: JSON.stringify(values) }], 'v', 0);
		expect(new TextDecoder().decode(packed.json[0])).toBe(JSON.stringify(values));
		expect(unpackJson<string>(packed)).toEqual(values);
	});
});

describe('numberColumns', () => {
	it('gives each column as its own Float64Array, row for row, across the page’s pauses', async () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => ({
			x: i,
			m: i / 3,
			big: String(2 ** 53 + 2 * i),
			name: `r${i}`
		}));
		const cols = await numberColumns(rows, ['x', 'm', 'big'], 0);
		expect(Object.keys(cols)).toEqual(['x', 'm', 'big']);
		for (const k of ['x', 'm', 'big'] as const) {
			expect(cols[k]).toBeInstanceOf(Float64Array);
			expect(Array.from(cols[k])).toEqual(rows.map((r) => Number(r[k])));
		}
		expect(new Set([cols.x.buffer, cols.m.buffer, cols.big.buffer]).size).toBe(3);
		expect(await numberColumns([] as { x: number }[], ['x'])).toEqual({ x: new Float64Array(0) });
	});
});
