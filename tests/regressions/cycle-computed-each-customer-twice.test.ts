// Regression (issue 22): the purchase cycle's run computed its per-customer part — the median of
// each customer's gaps and the lifecycle stage — in the summary statement and again in the due
// list's (0.78 s of SQL natively at 1 M lines). Now a run stores `customer_window` once in a table
// of its own and its statements read it. Proven here: the run's result equals the self-contained
// statements' rows (what "Open in notebook" runs, and what the run ran before), through the load
// path a person's file takes, with the lifecycle stages the page prepares — on the generated log
// (clean and dirty), a changed horizon and grace, the lists on and off, and the Online Retail log.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadBytes, type LoadedText } from '../helpers/load-text';
import { generatedLogs } from '../helpers/generated-logs';
import { datasetPath, datasetPresent } from '../helpers/datasets';
import { ANALYSES } from '../../src/analyses';
import { cycle } from '../../src/analyses/cycle';
import { defaultPreparedSettings } from '../../src/analyses/registry-tools';
import {
	buildCycleDuePreviewQuery,
	buildCycleQueries,
	cycleAnalysis,
	DUE_PREVIEW_ROWS,
	type CycleCustomerRow,
	type CycleSettings
} from '../../src/analyses/cycle/sql';
import type { Scope } from '../../src/core/scope';

/** The result as the self-contained statements give it (the former run, statement by statement). */
async function former(loaded: LoadedText, scope: Scope, s: CycleSettings) {
	const q = buildCycleQueries(scope, s);
	const [row] = await loaded.db.query<Record<string, unknown>>(q.summary);
	const due = await loaded.db.query<CycleCustomerRow>(q.due);
	const preview = await loaded.db.query<CycleCustomerRow & { due_total: number }>(
		buildCycleDuePreviewQuery(scope, s)
	);
	return {
		row,
		due,
		preview: preview.map(({ due_total: _, ...r }) => r),
		total: preview[0]?.due_total ?? 0,
		histogram: await loaded.db.query(q.histogram),
		customers: await loaded.db.query<CycleCustomerRow>(q.customers)
	};
}

async function check(loaded: LoadedText, change: Partial<CycleSettings> = {}): Promise<number> {
	const prepared = defaultPreparedSettings(ANALYSES, cycle, loaded.scope) as CycleSettings;
	expect(prepared.stageSql).not.toBeNull();
	const s = { ...prepared, ...change };
	const was = await former(loaded, loaded.scope, s);
	const query = <T>(q: Parameters<LoadedText['db']['query']>[0]) => loaded.db.query<T>(q);
	for (const customerLists of [true, false]) {
		const r = await cycleAnalysis.run(query, loaded.scope, s, { customerLists });
		const { due_customers: dueCount, churned_left_out: leftOut, ...summary } = r.summary;
		const { churned_left_out: wasLeftOut, ...wasSummary } = was.row as {
			churned_left_out: number;
		};
		expect(summary).toEqual(wasSummary);
		expect(leftOut).toBe(wasLeftOut);
		expect(dueCount).toBe(was.due.length);
		expect(r.histogram).toEqual(was.histogram);
		expect(r.due_preview).toEqual(was.due.slice(0, DUE_PREVIEW_ROWS));
		expect(r.due_preview).toEqual(was.preview);
		expect(was.total).toBe(was.due.length);
		expect(r.due).toEqual(customerLists ? was.due : null);
		expect(r.customers).toEqual(customerLists ? was.customers : null);
	}
	// The run's own table is dropped afterwards.
	const left = await loaded.db.query<{ n: number }>(
		"SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_tables() WHERE table_name LIKE '__cycle_%'"
	);
	expect(left[0]!.n).toBe(0);
	return was.due.length;
}

const logs = generatedLogs();

describe("the purchase cycle's per-customer part computed once per run", () => {
	it('the generated log: the same summary, histogram, lists and preview as the statements', async () => {
		const loaded = await logs.load(false, 30_000);
		expect(await check(loaded)).toBeGreaterThan(0);
		expect(await check(loaded, { horizonDays: 90, graceDays: 10, binDays: 14 })).toBeGreaterThan(0);
	});

	it('the generated log with its dirty lines: the same', async () => {
		const loaded = await logs.load(true, 30_000);
		expect(await check(loaded)).toBeGreaterThan(0);
		expect(await check(loaded, { stageSql: null })).toBeGreaterThan(0);
	});

	const RETAIL = datasetPath('online_retail/online_retail.csv.gz');
	it.skipIf(!datasetPresent(RETAIL))(
		'the Online Retail log: the same (its 1,131 due customers)',
		async () => {
			const data = gunzipSync(readFileSync(RETAIL));
			const loaded = logs.keep(await loadBytes(new Uint8Array(data), 'online_retail.csv'));
			expect(await check(loaded)).toBe(1256 - 125);
		},
		120_000
	);
});
