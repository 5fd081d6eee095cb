import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { ident, literal } from '../../../src/core/sql';
import { profileStatsOf } from '../../../src/db/load-csv';
import {
	buildSampleQuery,
	classifyKind,
	parseProfile,
	type SampleRow
} from '../../../src/core/ingest/profile';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

/** Profile one column holding `values` (rows numbered 1..n, as a raw table's __row). */
async function profile(values: (string | null)[], name = 'v') {
	const rows = values.map((v, i) => `(${i + 1}, ${v === null ? 'NULL' : literal(v)})`).join(', ');
	await db.exec(
		`CREATE OR REPLACE TABLE p AS SELECT * FROM (VALUES ${rows}) t(__row, ${ident(name).text})`
	);
	const stats = await profileStatsOf(db, 'p', [name]);
	const samples = await db.query<SampleRow>(buildSampleQuery('p', [name]));
	// Whole-table counts and the sample window's (which holds every row here) must agree.
	const counted = parseProfile([name], Number(stats.total), samples, { whole: false, stats })[0]!;
	const fromWindow = parseProfile([name], Number(stats.total), samples, { whole: true })[0]!;
	expect(fromWindow).toEqual(counted);
	const { counted: flag, ...rest } = counted;
	expect(flag).toBe(true);
	return rest;
}

describe('column kinds', () => {
	it.each([
		['integer', ['1', '-20', '1,234', '+7', '¥1,000', '(15)']],
		[
			'decimal',
			[
				'1.5',
				'-0.25',
				'1,234.50',
				'$12.00',
				'€ 3,5',
				'1.234,56',
				'(123.00)',
				'12,50 €',
				'￥88.8',
				'£1e3'
			]
		],
		['date', ['2024-01-05', '2024/1/5', '05.01.2024', '1/5/2024', '20240105', '2024年1月5日']],
		['timestamp', ['2024-01-05 10:30:00', '2024-01-05T10:30', '1/5/2024 9:05 PM', '2024-01-06']],
		['boolean', ['true', 'FALSE', 'Yes', 'n', '是', '否']],
		['text', ['C001', 'C002', '12']],
		['text', ['2024-01-05', 'soon']]
	])('%s: %j', async (kind, values) => {
		expect((await profile(values)).kind).toBe(kind);
	});

	it('is empty when no cell has a value, and counts whitespace-only cells as nulls', async () => {
		expect(await profile([null, '', '   '])).toEqual({
			name: 'v',
			kind: 'empty',
			nulls: 3,
			distinct: 0,
			samples: []
		});
	});
});

describe('profile counts and samples', () => {
	it('counts nulls and distinct values; samples in first-appearance order, trimmed', async () => {
		expect(await profile(['b', ' a', null, 'b', '  ', 'c', 'a'], 'x"; DROP TABLE p; --')).toEqual({
			name: 'x"; DROP TABLE p; --',
			kind: 'text',
			nulls: 2,
			distinct: 3,
			samples: ['b', 'a', 'c']
		});
	});

	it('keeps at most 20 samples', async () => {
		const values = Array.from({ length: 30 }, (_, i) => `v${i + 1}`);
		const p = await profile(values);
		expect(p.samples).toEqual(values.slice(0, 20));
		expect(p.distinct).toBe(30);
	});
});

describe('classifyKind', () => {
	const none = { boolean: 0, integer: 0, decimal: 0, date: 0, timestamp: 0 };
	it('prefers the most specific kind every value matches', () => {
		expect(classifyKind(0, 0, none)).toBe('empty');
		expect(classifyKind(5, 0, none)).toBe('text');
		expect(classifyKind(3, 3, { ...none, integer: 3, decimal: 3, date: 3 })).toBe('date');
		expect(classifyKind(3, 3, { ...none, integer: 3, decimal: 3 })).toBe('integer');
		expect(classifyKind(3, 3, { ...none, integer: 2, decimal: 3 })).toBe('decimal');
		expect(classifyKind(3, 3, { ...none, date: 1, timestamp: 2 })).toBe('timestamp');
		expect(classifyKind(3, 3, { ...none, date: 3 - 1 })).toBe('text');
	});
});

describe('whole-table stats: the cheap counts against a plain count', () => {
	it('agrees on 40 random columns of NULLs, empty, padded and repeated values', async () => {
		const pool = [null, '', ' ', '  ', 'a', ' a', 'a ', 'b', 'b', 'c', ' c ', '中', '中 ', 'x y'];
		let seed = 7;
		const rnd = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const columns = Array.from({ length: 40 }, (_, j) =>
			// Half the columns never hold a padded value: the cheap path; the rest need exact stats.
			Array.from({ length: 30 }, () => {
				const v = pool[Math.floor(rnd() * pool.length)]!;
				return j % 2 === 0 && v !== null && v.trim() !== v ? v.trim() : v;
			})
		);
		const names = columns.map((_, j) => `c${j}`);
		const values = columns[0]!.map(
			(_, r) =>
				`(${r + 1}, ${columns.map((col) => (col[r] === null ? 'NULL' : literal(col[r]!))).join(', ')})`
		);
		await db.exec(
			`CREATE OR REPLACE TABLE p AS SELECT * FROM (VALUES ${values.join(', ')}) t(__row, ${names.join(', ')})`
		);
		const stats = await profileStatsOf(db, 'p', names);
		columns.forEach((col, i) => {
			// DuckDB's trim() removes spaces only.
			const trimmed = col.map((v) => (v === null ? null : v.replace(/^ +| +$/g, '')));
			const blank = trimmed.filter((v) => v === null || v === '').length;
			const distinct = new Set(trimmed.filter((v) => v !== null && v !== '')).size;
			expect([i, stats[`nulls_${i}`], stats[`distinct_${i}`]]).toEqual([i, blank, distinct]);
		});
		expect(stats.total).toBe(30);
	});
});
