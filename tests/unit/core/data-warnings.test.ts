// Warnings that keep rows (issue 5, guarantee 2): each hostile fixture goes through the app's
// load path (loadCsv → detected roles → buildOrdersStatements) and the warnings are compared with
// counts and rows worked out by hand from the files (tests/fixtures/hostile/README.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, fixtureBytes } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { loadCsv } from '../../../src/db/load-csv';
import type { LoadReport } from '../../../src/core/ingest/types';
import { detectOrderRoles } from '../../../src/core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../../../src/core/formats';
import { buildLoadSummaryQuery, buildOrdersStatements } from '../../../src/core/canonical';
import {
	buildDataWarningsQuery,
	buildDuplicatesStatement,
	DUPLICATES_TABLE,
	localDate,
	toDataWarnings,
	type DataWarning,
	type WarningKind
} from '../../../src/core/data-warnings';
import type { OrdersMapping } from '../../../src/core/types';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

const TODAY = '2026-11-23';

async function load(
	name: string,
	opts: { remove?: boolean; today?: string; bytes?: Uint8Array } = {}
): Promise<{
	report: LoadReport;
	warnings: Record<WarningKind, DataWarning>;
	tx: number;
	rejected: number;
}> {
	await db.exec('DROP TABLE IF EXISTS raw_orders');
	const data = opts.bytes ?? fixtureBytes(`hostile/${name}`);
	const report = await loadCsv(db, { name, data }, 'raw_orders');
	const det = detectOrderRoles(report.columns);
	const col = (c: string | undefined) => report.columns.find((x) => x.name === c);
	const mapping: OrdersMapping = {
		table: 'raw_orders',
		roles: det.roles,
		dateFormat: sniffDateFormat(col(det.roles.order_date)?.samples ?? []) ?? {
			format: '%Y-%m-%d'
		},
		numberFormat: sniffNumberFormat(col(det.roles.amount)?.samples ?? []),
		dimensions: det.dimensions
	};
	await db.exec(
		buildDuplicatesStatement(
			'raw_orders',
			report.columns.map((c) => c.name)
		)
	);
	const stmts = buildOrdersStatements(mapping, {
		returns: 'net',
		...(opts.remove ? { removeDuplicatesFrom: DUPLICATES_TABLE } : {})
	});
	for (const s of stmts) await db.exec(s);
	const rows = await db.query<{ kind: string; count: number; examples: string }>(
		buildDataWarningsQuery(opts.today ?? TODAY)
	);
	const list = toDataWarnings(rows);
	const warnings = Object.fromEntries(list.map((w) => [w.kind, w])) as Record<
		WarningKind,
		DataWarning
	>;
	const [summary] = await db.query<{ tx_rows: number; rejected_rows: number }>(
		buildLoadSummaryQuery()
	);
	return { report, warnings, tx: summary!.tx_rows, rejected: summary!.rejected_rows };
}

const none = (kind: WarningKind) => ({ kind, count: 0, examples: [] });

describe('data warnings on the hostile fixtures', () => {
	it('dates-future.csv: the 2099 order (data row 2) is loaded and flagged', async () => {
		const r = await load('dates-future.csv');
		expect(r.tx).toBe(2);
		expect(r.warnings.future_date).toEqual({ kind: 'future_date', count: 1, examples: [2] });
		// "today" is the caller's date: on 2024-01-04 both orders are in the future.
		const early = await load('dates-future.csv', { today: '2024-01-04' });
		expect(early.warnings.future_date.examples).toEqual([1, 2]);
		expect(r.warnings.duplicate).toEqual(none('duplicate'));
	});

	it('duplicates.csv: rows 2 and 3 repeat row 1; kept unless the user removes them', async () => {
		const kept = await load('duplicates.csv');
		expect(kept.warnings.duplicate).toEqual({ kind: 'duplicate', count: 2, examples: [2, 3] });
		expect(
			await db.query(`SELECT __row::INT AS r, first_row::INT AS f FROM ${DUPLICATES_TABLE}`)
		).toEqual([
			{ r: 2, f: 1 },
			{ r: 3, f: 1 }
		]);
		expect(kept.tx).toBe(4);
		const [rev] = await db.query<{ v: number }>('SELECT sum(amount) AS v FROM tx');
		expect(rev!.v).toBeCloseTo(51.5);

		const removed = await load('duplicates.csv', { remove: true });
		// The warning still says what was found; tx holds rows 1 and 4 only.
		expect(removed.warnings.duplicate.count).toBe(2);
		expect(removed.tx).toBe(2);
		expect(await db.query('SELECT line_no::INT AS l FROM tx ORDER BY l')).toEqual([
			{ l: 1 },
			{ l: 4 }
		]);
		// Nothing lost: data rows = loaded + rejected + duplicates removed by choice.
		expect(removed.report.dataRows).toBe(
			removed.tx + removed.rejected + removed.report.rowsRejected + removed.warnings.duplicate.count
		);
	});

	it('negative-zero.csv: one zero amount (row 3), two negative (rows 2 and 4)', async () => {
		const r = await load('negative-zero.csv');
		expect(r.warnings.zero_amount).toEqual({ kind: 'zero_amount', count: 1, examples: [3] });
		expect(r.warnings.negative_amount).toEqual({
			kind: 'negative_amount',
			count: 2,
			examples: [2, 4]
		});
		expect(r.warnings.future_date).toEqual(none('future_date'));
	});

	it('missing-ids.csv: rows 2 and 3 (empty and blank id) are loaded without a customer', async () => {
		const r = await load('missing-ids.csv');
		expect(r.tx).toBe(4);
		expect(r.warnings.missing_customer).toEqual({
			kind: 'missing_customer',
			count: 2,
			examples: [2, 3]
		});
	});

	it('lists at most 5 examples, the first ones; an invalid duplicate removed is not also rejected', async () => {
		const lines = ['customer_id,order_date,amount'];
		for (let i = 0; i < 8; i++) lines.push('C1,2099-01-01,5');
		lines.push('C2,not a date,5', 'C2,not a date,5', 'C3,2024-01-01,7');
		const bytes = new TextEncoder().encode(lines.join('\n'));
		const kept = await load('gen.csv', { bytes });
		expect(kept.warnings.future_date).toEqual({
			kind: 'future_date',
			count: 8,
			examples: [1, 2, 3, 4, 5]
		});
		expect(kept.warnings.duplicate).toEqual({
			kind: 'duplicate',
			count: 8,
			examples: [2, 3, 4, 5, 6]
		});
		expect([kept.tx, kept.rejected]).toEqual([9, 2]);
		const removed = await load('gen.csv', { bytes, remove: true });
		// Row 10 (the second bad date) is a removed duplicate, not a second rejected row.
		expect([removed.tx, removed.rejected]).toEqual([2, 1]);
		expect(removed.tx + removed.rejected + removed.warnings.duplicate.count).toBe(11);
	});

	it('treats empty cells as equal when looking for duplicates', async () => {
		const bytes = new TextEncoder().encode(
			'customer_id,order_date,amount,note\nC1,2024-01-01,5,\nC1,2024-01-01,5,\nC1,2024-01-01,5,x\n'
		);
		const r = await load('empty-cells.csv', { bytes });
		expect(r.warnings.duplicate).toEqual({ kind: 'duplicate', count: 1, examples: [2] });
	});
});

describe('localDate', () => {
	it('is the local calendar date', () => {
		expect(localDate(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
		expect(localDate(new Date(2024, 11, 31, 0, 0))).toBe('2024-12-31');
	});
});
