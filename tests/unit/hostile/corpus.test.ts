// Issue 5: every file of the hostile corpus (tests/fixtures/hostile/README.md) through the app's
// own path — loadCsv → detectOrderRoles → sniffed formats → buildOrdersStatements, as Session
// does — with a time limit per file. Each file either loads with the expected counts or fails
// with a specific LoadError; either way nothing is lost: data rows = loaded + rejected by the CSV
// reader, and rows typed into tx + distinct rows of tx_rejects = loaded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, fixtureBytes } from '../../helpers/node-engine';
import { largeCases, smallCases } from '../../fixtures/hostile/make.mjs';
import type { Engine } from '../../../src/db/engine';
import { loadCsv, LoadError, type LoadReport } from '../../../src/db/load-csv';
import { detectOrderRoles } from '../../../src/core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../../../src/core/formats';
import { buildLoadSummaryQuery, buildOrdersStatements } from '../../../src/core/canonical';
import type { OrderRole, OrdersMapping } from '../../../src/core/types';

interface Loads {
	/** Records the CSV reader loaded / rejected. */
	loaded: number;
	rejected?: number;
	/** Editor line numbers of the rejected records, with a word of each reason. */
	rejects?: [line: number, reason: RegExp][];
	encoding?: string;
	/** Required roles not detected (the app asks on the mapping screen; no canonical build). */
	missing?: OrderRole[];
	/** Rows typed into tx, and rows set aside in tx_rejects (data rows 1-based). */
	tx?: number;
	typingRejects?: number[];
	ambiguousDates?: boolean;
	revenue?: number;
	/** First and last order date in `orders`. */
	dates?: [string, string];
	missingCustomers?: number;
}
type Expected = Loads | { error: string; message: RegExp };

const PLAIN: Loads = { loaded: 10, tx: 10, revenue: 250.99, dates: ['2024-01-05', '2024-04-20'] };
const ZH: Loads = { loaded: 3, tx: 3, revenue: 1334.8, dates: ['2024-01-05', '2024-02-01'] };

/** File → expected outcome (hand-derived from make.mjs; README.md says the same in words). */
const CASES: Record<string, Expected> = {
	'utf8.csv': { ...PLAIN, encoding: 'utf-8' },
	'utf8-bom.csv': { ...PLAIN, encoding: 'utf-8-bom' },
	'utf16le-bom.csv': { ...ZH, encoding: 'utf-16le' },
	'utf16be-bom.csv': { ...ZH, encoding: 'utf-16be' },
	'gbk.csv': { ...ZH, encoding: 'gb18030' },
	'gb18030.csv': {
		loaded: 4,
		tx: 4,
		encoding: 'gb18030',
		revenue: 1339.8,
		dates: ['2024-01-05', '2024-02-02']
	},
	// Traditional-Chinese headers 客戶編號, 訂單日期, 實付金額 match the simplified synonyms.
	'big5.csv': { loaded: 2, tx: 2, encoding: 'big5', revenue: 300 },
	'latin1.csv': { loaded: 2, tx: 2, encoding: 'windows-1252', revenue: 15.5 },
	'invalid-utf8.csv': {
		loaded: 3,
		rejected: 1,
		rejects: [[4, /invalid characters/]],
		encoding: 'utf-8',
		tx: 3,
		revenue: 70
	},
	'semicolon.csv': PLAIN,
	'tab.tsv': PLAIN,
	'pipe.csv': PLAIN,
	'crlf.csv': PLAIN,
	'mixed-delimiters.csv': {
		loaded: 8,
		rejected: 2,
		rejects: [
			[6, /too few fields/],
			[7, /too few fields/]
		],
		tx: 8,
		revenue: 231.24
	},
	'quoted.csv': { loaded: 3, tx: 3, revenue: 35.5 },
	'ragged.csv': {
		loaded: 7,
		rejected: 3,
		rejects: [
			[5, /too many fields/],
			[8, /too few fields/],
			[12, /quote|fields/]
		],
		tx: 7
	},
	'dup-headers.csv': { loaded: 2, tx: 2, revenue: 30 },
	'header-only.csv': { loaded: 0, tx: 0, revenue: 0 },
	'empty.csv': { error: 'empty', message: /empty\.csv.*empty/ },
	'blank-lines.csv': { error: 'empty', message: /blank-lines\.csv.*no content/ },
	'sql-headers.csv': { loaded: 2, tx: 2, revenue: 30 },
	'binary.csv': { error: 'binary', message: /binary data/ },
	'xlsx-renamed.csv': { error: 'excel', message: /Excel workbook/ },
	'one-column.csv': { loaded: 3, missing: ['order_date', 'amount'] },
	// ¥1,234.50 + $ 5.00 − 123.00 − 12.5 + 0 + 1,000,000 + USD 7.25; 'two' is set aside.
	'amounts-point.csv': { loaded: 8, tx: 7, typingRejects: [8], revenue: 1_001_111.25 },
	// 1.234,50 € + 12,5 − 3,25 + 0,99 €
	'amounts-comma.csv': { loaded: 4, tx: 4, revenue: 1244.74 },
	'dates-iso.csv': { loaded: 4, tx: 3, typingRejects: [4], dates: ['2024-01-05', '2024-01-07'] },
	'dates-slash.csv': { loaded: 3, tx: 3, dates: ['2024-01-05', '2024-12-31'] },
	'dates-dotted.csv': { loaded: 3, tx: 3, dates: ['2024-01-05', '2024-12-31'] },
	'dates-ambiguous.csv': { loaded: 3, ambiguousDates: true },
	'dates-dmy.csv': { loaded: 3, tx: 3, dates: ['2024-02-01', '2024-06-05'] },
	'dates-excel.csv': { loaded: 3, tx: 3, dates: ['2024-01-05', '2025-01-01'] },
	'dates-chinese.csv': { loaded: 3, tx: 3, dates: ['2024-01-05', '2024-12-31'] },
	// Zones are dropped, the wall-clock time kept: 23:30+08:00 stays on Jan 5.
	'dates-zones.csv': { loaded: 3, tx: 3, dates: ['2024-01-05', '2024-01-06'] },
	'dates-future.csv': { loaded: 2, tx: 2, dates: ['2024-01-05', '2099-12-31'] },
	'missing-ids.csv': { loaded: 4, tx: 4, missingCustomers: 2, revenue: 50 },
	'negative-zero.csv': { loaded: 4, tx: 4, revenue: -5 },
	'duplicates.csv': { loaded: 4, tx: 4, revenue: 51.5 },
	'xss.csv': { loaded: 8, tx: 8, revenue: 360 },
	'long-cell.csv': { loaded: 2, tx: 2, revenue: 30 },
	'columns-500.csv': { loaded: 20, tx: 20, revenue: 210 },
	'single-line-10mb.csv': { error: 'line', message: /line 1 is longer than 64 KB/ },
	'long-line-10mb.csv': { loaded: 2, rejected: 1, rejects: [[3, /line too long/]], tx: 2 }
};

/** Per-file limit: small files load in well under a second; the big ones get more. */
const LIMIT_MS: Record<string, number> = {
	'columns-500.csv': 20_000,
	'long-line-10mb.csv': 15_000,
	'single-line-10mb.csv': 5_000
};

let db: Engine;
let bigDir: string;
const files = new Map<string, () => Uint8Array>();

beforeAll(async () => {
	db = await createNodeEngine();
	for (const name of Object.keys(smallCases())) {
		files.set(name, () => fixtureBytes(`hostile/${name}`));
	}
	bigDir = mkdtempSync(join(tmpdir(), 'clientele-hostile-'));
	for (const [name, bytes] of Object.entries(largeCases())) {
		writeFileSync(join(bigDir, name), bytes);
		files.set(name, () => new Uint8Array(readFileSync(join(bigDir, name))));
	}
});

afterAll(() => {
	if (bigDir) rmSync(bigDir, { recursive: true, force: true });
});

it('the committed small files are what make.mjs writes, and every file has a case', () => {
	for (const [name, bytes] of Object.entries(smallCases())) {
		expect(fixtureBytes(`hostile/${name}`), name).toEqual(bytes);
	}
	const names = [...Object.keys(smallCases()), ...Object.keys(largeCases())].sort();
	expect(Object.keys(CASES).sort()).toEqual(names);
});

async function build(report: LoadReport, want: Loads) {
	const det = detectOrderRoles(report.columns);
	expect(det.missing, 'missing roles').toEqual(want.missing ?? []);
	if (det.missing.length > 0) return null;
	const col = (name: string | undefined) => report.columns.find((c) => c.name === name);
	const dateFormat = sniffDateFormat(col(det.roles.order_date)?.samples ?? []) ?? {
		format: '%Y-%m-%d'
	};
	expect(dateFormat.ambiguous ?? false, 'ambiguous dates').toBe(want.ambiguousDates ?? false);
	if (dateFormat.ambiguous) return null; // the app stops at the mapping screen and asks
	const amountCol = col(det.roles.amount ?? det.roles.unit_price);
	const mapping: OrdersMapping = {
		table: 'raw_orders',
		roles: det.roles,
		dateFormat,
		numberFormat: sniffNumberFormat(amountCol?.samples ?? []),
		dimensions: det.dimensions
	};
	for (const stmt of buildOrdersStatements(mapping, { returns: 'net' })) await db.exec(stmt);
	const [summary] = await db.query(buildLoadSummaryQuery());
	const typing = await db.query<{ r: number }>(
		'SELECT DISTINCT __row::INTEGER AS r FROM tx_rejects ORDER BY r'
	);
	return { summary: summary!, typing: typing.map((t) => t.r) };
}

describe('hostile corpus', () => {
	for (const [name, want] of Object.entries(CASES)) {
		it(`${name}: ${'error' in want ? `refused (${want.error})` : `${want.loaded} rows`}`, async () => {
			const data = files.get(name)!();
			await db.exec('DROP TABLE IF EXISTS raw_orders');
			const t0 = performance.now();
			let report: LoadReport | null = null;
			let error: unknown = null;
			try {
				report = await loadCsv(db, { name, data }, 'raw_orders');
			} catch (e) {
				error = e;
			}
			if ('error' in want) {
				expect(error).toBeInstanceOf(LoadError);
				expect((error as LoadError).code).toBe(want.error);
				expect((error as LoadError).file).toBe(name);
				expect((error as LoadError).message).toMatch(want.message);
				// Nothing half-loaded stays behind.
				const left = await db.query(
					"SELECT 1 FROM duckdb_tables() WHERE table_name = 'raw_orders'"
				);
				expect(left).toEqual([]);
			} else {
				if (error) throw error;
				const r = report!;
				expect(r.rowsLoaded, 'loaded').toBe(want.loaded);
				expect(r.rowsRejected, 'rejected').toBe(want.rejected ?? 0);
				expect(r.dataRows).toBe(r.rowsLoaded + r.rowsRejected);
				if (want.encoding) expect(r.encoding).toBe(want.encoding);
				expect(r.rejects.map((x) => x.line)).toEqual((want.rejects ?? []).map(([l]) => l));
				(want.rejects ?? []).forEach(([, reason], i) =>
					expect(r.rejects[i]?.reason).toMatch(reason)
				);
				const built = await build(r, want);
				if (built) {
					const { summary, typing } = built;
					expect(summary.tx_rows, 'tx rows').toBe(want.tx);
					expect(typing, 'typing rejects').toEqual(want.typingRejects ?? []);
					expect(Number(summary.tx_rows) + typing.length).toBe(r.rowsLoaded);
					if (want.revenue !== undefined) expect(summary.revenue).toBeCloseTo(want.revenue, 6);
					if (want.dates) expect([summary.first_date, summary.last_date]).toEqual(want.dates);
					expect(summary.missing_customer_rows).toBe(want.missingCustomers ?? 0);
				}
			}
			expect(performance.now() - t0, 'time').toBeLessThan(LIMIT_MS[name] ?? 3_000);
		}, 60_000);
	}
});

describe('hostile header names stay column names', () => {
	it('loads a"b, x; DROP TABLE tx and a quote-breaking name as columns; no table is dropped', async () => {
		const report = await loadCsv(
			db,
			{ name: 'sql-headers.csv', data: fixtureBytes('hostile/sql-headers.csv') },
			'raw_orders'
		);
		const hostile = ['a"b', 'x; DROP TABLE tx', "'); DROP TABLE raw_orders; --"];
		expect(report.columns.map((c) => c.name)).toEqual([
			'customer_id',
			'order_date',
			...hostile,
			'amount'
		]);
		const det = detectOrderRoles(report.columns);
		const mapping: OrdersMapping = {
			table: 'raw_orders',
			roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' },
			// Every hostile column as a dimension: its name reaches SQL only through ident().
			dimensions: det.dimensions.length > 0 ? det.dimensions : []
		};
		for (const stmt of buildOrdersStatements(mapping, { returns: 'net' })) await db.exec(stmt);
		const tables = await db.query<{ t: string }>(
			'SELECT table_name AS t FROM duckdb_tables() ORDER BY t'
		);
		expect(tables.map((t) => t.t)).toEqual(
			expect.arrayContaining(['customer_facts', 'orders', 'raw_orders', 'tx', 'tx_rejects'])
		);
		const raw = await db.query(`SELECT "a""b" AS v FROM raw_orders ORDER BY __row`);
		expect(raw).toEqual([{ v: 'p' }, { v: 'p2' }]);
		const dims = mapping.dimensions.map((d) => d.source);
		expect(dims).toEqual(expect.arrayContaining(['a"b', 'x; DROP TABLE tx']));
		const txCols = await db.query<{ c: string }>(
			"SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'tx'"
		);
		for (const d of mapping.dimensions) expect(txCols.map((c) => c.c)).toContain(d.column);
	});
});
