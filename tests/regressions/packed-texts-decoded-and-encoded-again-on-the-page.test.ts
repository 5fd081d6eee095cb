// Issue 22: DuckDB packs the loyalty members and the basket lists as a few long texts for the job
// workers, but the page still decoded each text from the result's UTF-8 to a string and then
// encoded it back to UTF-8 (loyalty) or joined the parts into one string cloned to the worker
// (basket): at 10 M lines 0.5 s of decoding and 0.5 s of encoding on the page's thread for
// loyalty, and a task of 0.18 s for the basket lists. The packed statements now go through
// Engine.queryUtf8, whose cells are views into the result, neither decoded nor copied; the jobs
// get the very same bytes as before, and the transfer list names the result's buffer once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createLoyaltyMembers, scopeAt } from '../helpers/fixtures';
import { loadText, type LoadedText } from '../helpers/load-text';
import { BASKET_LINES_CSV } from '../helpers/known-orders';
import type { Engine } from '../../src/db/engine';
import type { QueryFn, RunOptions, Row, Utf8QueryFn } from '../../src/core/analysis';
import type { Sql } from '../../src/core/sql';
import { loyaltyAnalysis } from '../../src/analyses/loyalty/sql';
import { defaultLoyaltySettings } from '../../src/analyses/loyalty/settings';
import { members, runLoyaltyJob, type LoyaltyJobInput } from '../../src/analyses/loyalty/job';
import { basketAnalysis, defaultBasketSettings } from '../../src/analyses/basket/sql';
import { runBasketJob, unpackLists, type BasketJobInput } from '../../src/analyses/basket/job';
import {
	PACKED_JSON_ROWS,
	packedBuffers,
	type PackedJson,
	type PackedLineParts
} from '../../src/analyses/packed';

const scope = scopeAt('2024-07-01');
const MEMBERS = PACKED_JSON_ROWS + 300;
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createLoyaltyMembers(db, MEMBERS);
});
afterAll(async () => {
	await db?.close();
});

/** A query function recording the statements it is given, and one for queryUtf8. */
function spies(engine: Engine) {
	const rows: string[] = [];
	const utf8: string[] = [];
	const query: QueryFn = async <T = Row>(q: Sql) => {
		rows.push(q.text);
		return engine.query<T>(q);
	};
	const queryUtf8: Utf8QueryFn = async <K extends string>(q: Sql) => {
		utf8.push(q.text);
		return engine.queryUtf8!<K>(q);
	};
	return { rows, utf8, query, queryUtf8 };
}

/** Chunks of one result: views into one buffer (not copies), named once in the transfer list. */
function expectViewsOfOneResult(chunks: Uint8Array[]) {
	const buffers = new Set(chunks.map((c) => c.buffer));
	expect(buffers.size).toBe(1);
	expect(packedBuffers({ json: chunks }, { lines: chunks })).toEqual([...buffers]);
	const [buffer] = buffers;
	expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBeLessThanOrEqual(buffer!.byteLength);
}

describe('Engine.queryUtf8: the cells as their UTF-8 bytes', () => {
	it('gives every text cell as TextEncoder writes it, NULL as null, across batches', async () => {
		const q = `SELECT CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN '' ELSE 'é客' || i END AS a,
			repeat('x', i % 7) AS b FROM range(5000) t(i) ORDER BY i`;
		const strings = await db.query<{ a: string | null; b: string }>(q);
		const bytes = await db.queryUtf8!<'a' | 'b'>(q);
		expect(bytes).toHaveLength(5000);
		const enc = new TextEncoder();
		expect(bytes.map((r) => (r.a ? Array.from(r.a) : r.a))).toEqual(
			strings.map((r) => (r.a === null ? null : Array.from(enc.encode(r.a))))
		);
		expect(bytes.map((r) => new TextDecoder().decode(r.b!))).toEqual(strings.map((r) => r.b));
		expectViewsOfOneResult(bytes.flatMap((r) => (r.a ? [r.a] : [])));
	});

	it('refuses a column that is not text', async () => {
		await expect(db.queryUtf8!('SELECT 1 AS n')).rejects.toThrow(/column n is .* not text/);
	});
});

describe('the packed texts reach the jobs as bytes, not decoded on the page', () => {
	it('loyalty: the packed statement goes through queryUtf8; the job gets the same bytes', async () => {
		const run = async (options: Partial<RunOptions>, query: QueryFn) => {
			let input: LoyaltyJobInput | null = null;
			await loyaltyAnalysis.run(query, scope, defaultLoyaltySettings, {
				customerLists: false,
				compute: (i) => {
					input = i as LoyaltyJobInput;
					return Promise.resolve(runLoyaltyJob(input));
				},
				...options
			});
			return input! as LoyaltyJobInput;
		};
		const s = spies(db);
		const viaBytes = await run({ queryUtf8: s.queryUtf8 }, s.query);
		expect(s.utf8).toHaveLength(1);
		expect(s.utf8[0]).toMatch(/^SELECT '\['/);
		expect(s.rows.filter((t) => t.startsWith("SELECT '['"))).toEqual([]);
		const viaStrings = await run({}, (q) => db.query(q));
		const ids = viaBytes.ids as PackedJson;
		const purchases = viaBytes.purchases as PackedJson;
		expect(ids.json).toHaveLength(2);
		expect(ids.json.map((c) => Array.from(c))).toEqual(
			(viaStrings.ids as PackedJson).json.map((c) => Array.from(c))
		);
		expect(purchases.json.map((c) => Array.from(c))).toEqual(
			(viaStrings.purchases as PackedJson).json.map((c) => Array.from(c))
		);
		expectViewsOfOneResult([...ids.json, ...purchases.json]);
		const read = members(viaBytes).ids;
		expect(read).toHaveLength(MEMBERS);
		expect(read.filter((id) => id.startsWith('mé客'))).toHaveLength(9);
		expect(read.filter((id) => id.includes('\n'))).toHaveLength(9);
	});

	it('basket: the lists statement goes through queryUtf8; the miner gets the same lists', async () => {
		const loaded: LoadedText = await loadText(BASKET_LINES_CSV);
		try {
			const settings = { ...defaultBasketSettings, minSupport: 0.25 };
			const run = async (options: Partial<RunOptions>, query: QueryFn) => {
				let input: BasketJobInput | null = null;
				const result = await basketAnalysis.run(query, loaded.scope, settings, {
					compute: (i) => {
						input = i as BasketJobInput;
						return runBasketJob(input);
					},
					...options
				});
				return { input: input! as BasketJobInput, result };
			};
			const s = spies(loaded.db);
			const viaBytes = await run({ queryUtf8: s.queryUtf8 }, s.query);
			expect(s.utf8).toHaveLength(1);
			expect(s.utf8[0]).toMatch(/^SELECT string_agg\(items/);
			expect(s.rows.filter((t) => t.startsWith('SELECT string_agg(items'))).toEqual([]);
			const viaStrings = await run({}, (q) => loaded.db.query(q));
			const parts = viaBytes.input.baskets as PackedLineParts;
			expect(parts.lines.map((c) => Array.from(c))).toEqual(
				(viaStrings.input.baskets as PackedLineParts).lines.map((c) => Array.from(c))
			);
			expectViewsOfOneResult(parts.lines);
			expect(unpackLists(parts)).toHaveLength(7);
			expect(viaBytes.result).toEqual(viaStrings.result);
		} finally {
			await loaded.db.close();
		}
	});
});
