// Regression: at 1 M lines the basket analysis read every basket's id list as ONE string (megabytes)
// and the page decoded it in one task of 0.15 s (a CPU profile of the page: TextDecoder.decode
// under the row conversion). Now the lists come in parts of PACKED_PART_BASKETS baskets, and the
// row conversion cuts a text column into slices of at most COLUMN_SLICE_BYTES, so the page pauses
// between them; the job's text is the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorFromArray, Utf8 } from 'apache-arrow';
import { packedListsStatement, PACKED_PART_BASKETS } from '../../src/analyses/basket/sql';
import { packLines } from '../../src/analyses/packed';
import { COLUMN_SLICE_BYTES, COLUMN_SLICE_ROWS, textSliceEnd } from '../../src/db/rows';
import { sql } from '../../src/core/sql';
import type { Engine } from '../../src/db/engine';
import { createNodeEngine } from '../helpers/node-engine';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// 10,000 baskets (ids in a random order) of 1–6 item ids: three parts.
	await db.exec(`CREATE TABLE lists AS
SELECT basket, string_agg(CAST(item AS VARCHAR), ' ' ORDER BY item) AS items
FROM (SELECT (hash(i) % 100000)::INTEGER AS basket, i % 97 AS item FROM range(0, 40000) t(i))
GROUP BY basket`);
});
afterAll(async () => {
	await db?.close();
});

/** The former statement: every list in one text. */
const former = sql`SELECT coalesce(string_agg(items, chr(10) ORDER BY basket), '') AS lists FROM (SELECT * FROM lists)`;

describe('the basket lists reach the page in parts', () => {
	it('the parts joined are the former one text, line for line', async () => {
		const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM lists')) as [
			{ n: number }
		];
		const parts = await db.query<{ lists: string }>(packedListsStatement(sql`SELECT * FROM lists`));
		expect(parts.length).toBe(Math.ceil(n / PACKED_PART_BASKETS));
		expect(parts.length).toBeGreaterThan(1);
		const [one] = await db.query<{ lists: string }>(former);
		const joined = await packLines(parts, (p) => p.lists);
		expect(joined).toBe(one!.lists);
		expect(joined.split('\n')).toHaveLength(n);
	});

	it('no baskets: an empty text, as before', async () => {
		const none = sql`SELECT * FROM lists WHERE false`;
		expect(
			await packLines(await db.query<{ lists: string }>(packedListsStatement(none)), (p) => p.lists)
		).toBe('');
	});
});

describe('a text column is converted in slices of bounded bytes', () => {
	it('long strings: one or a few per slice, never more than the byte bound', () => {
		const big = 'x'.repeat(30_000);
		const v = vectorFromArray([big, big, big, big, big, 'a', 'b'], new Utf8());
		const ends: number[] = [];
		for (let at = 0; at < v.length; at = ends.at(-1)!) {
			ends.push(textSliceEnd(v, at, COLUMN_SLICE_ROWS, COLUMN_SLICE_BYTES));
		}
		// Two strings of 30 KB fit in 64 KB, a third does not.
		expect(ends).toEqual([2, 4, 7]);
		// A single string over the bound is a slice of its own (at least one row).
		expect(textSliceEnd(v, 0, COLUMN_SLICE_ROWS, 50_000)).toBe(1);
	});

	it('short strings: the row bound, across the vector’s chunks', () => {
		const a = vectorFromArray(
			Array.from({ length: 5000 }, (_, i) => `c${i}`),
			new Utf8()
		);
		const b = vectorFromArray(
			Array.from({ length: 5000 }, (_, i) => `d${i}`),
			new Utf8()
		);
		const v = a.concat(b);
		expect(v.data.length).toBe(2);
		expect(textSliceEnd(v, 0, COLUMN_SLICE_ROWS, COLUMN_SLICE_BYTES)).toBe(COLUMN_SLICE_ROWS);
		expect(textSliceEnd(v, 4000, 3000, COLUMN_SLICE_BYTES)).toBe(7000);
		expect(textSliceEnd(v, 9000, COLUMN_SLICE_ROWS, COLUMN_SLICE_BYTES)).toBe(10_000);
		// Bytes counted across the chunk boundary: 'c4990'…'c4999' (50 bytes) and 'd0'…'d4' (10).
		expect(textSliceEnd(v, 4990, COLUMN_SLICE_ROWS, 60)).toBe(5005);
	});
});

describe('packLines: the job texts joined a slice at a time', () => {
	it('exactly rows.map(text).join, over slice bounds and for none', async () => {
		const rows = Array.from({ length: 20_001 }, (_, i) => ({ t: i % 3 === 0 ? '' : `m${i}:1` }));
		for (const slice of [1, 7, 8192, 50_000]) {
			expect(await packLines(rows, (r) => r.t, slice)).toBe(rows.map((r) => r.t).join('\n'));
		}
		expect(await packLines([], (r: { t: string }) => r.t)).toBe('');
		expect(await packLines([{ t: '' }], (r) => r.t)).toBe('');
	});
});
