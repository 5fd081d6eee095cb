import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import { gunzipSync } from 'node:zlib';
import { createNodeEngine } from '../../helpers/node-engine';
import { ident, sql } from '../../../src/core/sql';
import { buildLoadSummaryQuery, buildOrdersStatements } from '../../../src/core/canonical';
import { detectOrderRoles, requiredSatisfied } from '../../../src/core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../../../src/core/formats';
import type { ColumnProfile, OrdersMapping } from '../../../src/core/types';
import { userFilePath } from '../../../src/db/session';

// The full UCI Online Retail log (541,909 lines), kept outside the repo (SOURCE.md beside it).
const FILE = datasetPath('online_retail/online_retail.csv.gz');

/** A simple profile (what the loader would report): kind from the samples, distinct by SQL. */
function kindOf(samples: string[]): ColumnProfile['kind'] {
	if (samples.length === 0) return 'empty';
	if (samples.every((s) => /^-?\d+$/.test(s))) return 'integer';
	if (samples.every((s) => /^-?\d*\.?\d+$/.test(s))) return 'decimal';
	if (samples.every((s) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s))) return 'timestamp';
	return 'text';
}

describe.skipIf(!datasetPresent(FILE))('online retail (full file)', () => {
	it("reproduces the published clean figures with 'exclude' and reports 'net'", async () => {
		const db = await createNodeEngine();
		await db.registerBuffer(
			userFilePath('online_retail.csv'),
			new Uint8Array(gunzipSync(readFileSync(FILE)))
		);
		await db.exec(`CREATE TABLE raw_orders AS
			SELECT CAST(row_number() OVER () AS BIGINT) AS __row, *
			FROM read_csv('/clientele/online_retail.csv', all_varchar = true, header = true)`);
		const names = (
			await db.query<{ column_name: string }>(
				`SELECT column_name FROM (DESCRIBE raw_orders) WHERE column_name <> '__row'`
			)
		).map((r) => r.column_name);
		const profiles: ColumnProfile[] = [];
		for (const name of names) {
			const [stats] = await db.query<{ nulls: number; distinct: number }>(
				sql`SELECT count(*) FILTER (WHERE ${ident(name)} IS NULL)::INTEGER AS nulls, approx_count_distinct(${ident(name)})::INTEGER AS distinct FROM raw_orders`
			);
			const samples = (
				await db.query<{ v: string }>(
					sql`SELECT DISTINCT ${ident(name)} AS v FROM (SELECT ${ident(name)} FROM raw_orders WHERE ${ident(name)} IS NOT NULL LIMIT 200) ORDER BY v LIMIT 20`
				)
			).map((r) => r.v);
			profiles.push({
				name,
				kind: kindOf(samples),
				counted: true,
				nulls: stats!.nulls,
				distinct: stats!.distinct,
				samples
			});
		}
		const det = detectOrderRoles(profiles);
		expect(requiredSatisfied(det, true)).toBe(true);
		const sample = (role: 'order_date' | 'unit_price') =>
			profiles.find((p) => p.name === det.roles[role])!.samples;
		const dateFormat = sniffDateFormat(sample('order_date'));
		expect(dateFormat).toEqual({ format: '%Y-%m-%d %H:%M:%S' });
		const mapping: OrdersMapping = {
			table: 'raw_orders',
			roles: det.roles,
			dateFormat: dateFormat!,
			numberFormat: sniffNumberFormat(sample('unit_price')),
			dimensions: det.dimensions
		};
		const run = async (returns: 'net' | 'exclude') => {
			const t0 = performance.now();
			for (const s of buildOrdersStatements(mapping, { returns })) await db.exec(s);
			const ms = Math.round(performance.now() - t0);
			const [s] = await db.query(buildLoadSummaryQuery());
			console.log(`online retail, returns '${returns}' (${ms} ms):`, s);
			return s!;
		};
		const ex = await run('exclude');
		// SOURCE.md: CustomerID present, not C, Quantity > 0, UnitPrice > 0
		expect(ex.customers).toBe(4338);
		expect(ex.orders).toBe(18532);
		expect(ex.revenue as number).toBeCloseTo(8911407.9, 2);
		expect(ex.tx_rows).toBe(541909); // nothing rejected
		expect(ex.rejected_rows).toBe(0);
		expect(ex.missing_customer_rows).toBe(135080);
		expect(ex.returns_lines).toBeGreaterThanOrEqual(9288); // every C line, plus other negatives
		const net = await run('net');
		expect(net.customers).toBe(4372);
		expect(net.revenue as number).toBeLessThan(8911407.9);
	}, 180_000);
});
