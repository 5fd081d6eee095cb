// Issue 5: every file of the hostile corpus (tests/fixtures/hostile/README.md) through the app's
// own path — loadCsv → detectOrderRoles → sniffed formats → buildOrdersTables, as Session
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
import { loadCsv } from '../../../src/db/load-csv';
import { LoadError, type LoadReport } from '../../../src/core/ingest/types';
import { csvRejectReasonText } from '../../../src/core/reject-reason';
import { detectOrderRoles } from '../../../src/core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../../../src/core/formats';
import { buildLoadSummaryQuery } from '../../../src/core/canonical';
import { buildOrdersTables } from '../../../src/db/build-orders';
import type { OrdersMapping } from '../../../src/core/types';
import { CASES, DEFAULT_LIMIT_MS, LIMIT_MS, type Loads } from '../../fixtures/hostile/cases';
import { ANALYSES } from '../../../src/analyses';
import { runEveryAnalysis } from '../../../src/db/warm-up';

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
	await buildOrdersTables(db, mapping, { returns: 'net' });
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
				expect(r.replacedChars, 'replaced characters').toBe(want.replaced ?? 0);
				expect(r.replacedLines, 'replaced on lines').toEqual(want.replacedLines ?? []);
				const samples = r.columns.flatMap((c) => c.samples);
				for (const t of want.texts ?? []) expect(samples, 'decoded values').toContain(t);
				expect(r.rejects.map((x) => x.line)).toEqual((want.rejects ?? []).map(([l]) => l));
				(want.rejects ?? []).forEach(([, reason, lastLine], i) => {
					expect(csvRejectReasonText(r.rejects[i]!.reason)).toMatch(reason);
					expect(r.rejects[i]?.lastLine ?? null, 'last line').toBe(lastLine ?? null);
				});
				// Counted by the loader itself, not by DuckDB: nothing unaccounted for.
				expect(r.unaccounted, 'unaccounted').toBe(0);
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
			expect(performance.now() - t0, 'time').toBeLessThan(LIMIT_MS[name] ?? DEFAULT_LIMIT_MS);
		}, 60_000);
	}
});

// Issue 13: a 9999-12-31 placeholder made every analysis fail on its as-of date ("+010000-01"),
// two 1e308 amounts made revenue ∞. Every analysis runs on these files as the dashboard runs it
// after a load (default settings, the materialised default scope), and no number it returns is
// infinite or NaN.
describe('every analysis runs on the value cases', () => {
	const names = [
		'dates-placeholder.csv',
		'dates-future.csv',
		'amounts-huge.csv',
		'ids-invisible.csv'
	];
	for (const name of names) {
		it(
			name,
			async () => {
				await db.exec('DROP TABLE IF EXISTS raw_orders');
				const report = await loadCsv(db, { name, data: files.get(name)!() }, 'raw_orders');
				expect(await build(report, CASES[name] as Loads)).not.toBeNull();
				const [summary] = await db.query<{ as_of: string }>(buildLoadSummaryQuery());
				const ran: string[] = [];
				for (const { id, result } of await runEveryAnalysis(db, summary!.as_of)) {
					const infinite: string[] = [];
					JSON.stringify(result, (key, v: unknown) => {
						if (typeof v === 'number' && !Number.isFinite(v)) infinite.push(`${key}: ${v}`);
						return v;
					});
					expect(infinite, `${id}: non-finite numbers`).toEqual([]);
					ran.push(id);
				}
				expect(ran).toEqual(ANALYSES.map((a) => a.def.id));
			},
			60_000
		);
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
		await buildOrdersTables(db, mapping, { returns: 'net' });
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
