// `npm run bench` at 1 M lines: the loyalty job's input (86 k members, a long text of purchases
// each) was converted from Arrow in one pass per column, a task of 0.1–0.2 s on the page's
// thread. tableToRowsSliced now converts a long column in slices, yielding between them, and its
// rows stay exactly tableToResult's.
import { describe, expect, it, vi } from 'vitest';
import { tableFromArrays, vectorFromArray, Table, Utf8 } from 'apache-arrow';

const yields = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/core/yield', async (original) => ({
	...(await original<typeof import('../../../src/core/yield')>()),
	yieldToMain: () => {
		yields.count++;
		return Promise.resolve();
	}
}));

const { COLUMN_SLICE_BYTES, COLUMN_SLICE_ROWS, tableToResult, tableToRowsSliced, textSliceEnd } =
	await import('../../../src/db/rows');

describe('a long column converted in slices (the loyalty input blocked the page)', () => {
	const n = 3 * COLUMN_SLICE_ROWS + 17;
	const text = Array.from({ length: n }, (_, i) =>
		i % 7 === 0 ? null : `m${i}:${'x'.repeat(i % 50)}`
	);
	const table = new Table({
		id: vectorFromArray(Float64Array.from({ length: n }, (_, i) => i * 0.5)),
		purchases: vectorFromArray(text, new Utf8())
	});

	it('gives exactly the rows of the one-pass conversion, nulls included', async () => {
		const whole = tableToResult(table, 0).rows;
		const sliced = await tableToRowsSliced(table, 0);
		expect(sliced).toHaveLength(n);
		expect(sliced).toEqual(whole);
		expect(sliced[7]).toEqual({ id: 3.5, purchases: null });
	});

	it('yields to the page between the slices of one column', async () => {
		yields.count = 0;
		// sliceMs 0: every pause yields, so the count is the number of slices and row blocks.
		await tableToRowsSliced(table, 0);
		const slices = Math.ceil(n / COLUMN_SLICE_ROWS);
		// The text column's slices end at COLUMN_SLICE_ROWS rows or COLUMN_SLICE_BYTES bytes.
		const purchases = table.getChild('purchases')!;
		let textSlices = 0;
		for (let at = 0; at < n; textSlices++) {
			at = textSliceEnd(purchases, at, COLUMN_SLICE_ROWS, COLUMN_SLICE_BYTES);
		}
		expect(textSlices).toBeGreaterThan(slices);
		const rowBlocks = Math.floor(n / 1024);
		expect(yields.count).toBe(slices + textSlices + rowBlocks);
	});

	it('converts a short result in one piece per column', async () => {
		const small = tableFromArrays({ a: Int32Array.from([1, 2, 3]) });
		yields.count = 0;
		expect(await tableToRowsSliced(small, 0)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
		expect(yields.count).toBe(1);
	});
});
