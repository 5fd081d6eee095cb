// Issue 22: the breakdown by RFM segment (its default dimension) scored every customer a second
// time through the derived field's statement, right after the RFM run had scored them and dropped
// its table (0.52 s of the page's 1 M-line run). The scored customers are now one shared table
// per data, scope and RFM settings, built by whichever of the two runs first.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../src/state/dashboard.svelte';
import { ANALYSES } from '../../src/analyses';
import { rfm } from '../../src/analyses/rfm';
import { breakdown } from '../../src/analyses/breakdown';
import { SHARED_TABLE_PREFIX } from '../../src/analyses/work-tables';
import type { Engine } from '../../src/db/engine';
import type { Sql } from '../../src/core/sql';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';

vi.mock('../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

const ORDERS = `
	('a', 'a1', DATE '2024-01-05', 100.0, true),
	('a', 'a2', DATE '2024-03-05', 40.0, true),
	('b', 'b1', DATE '2024-02-10', 25.0, true),
	('b', 'b2', DATE '2024-05-20', 60.0, true),
	('c', 'c1', DATE '2024-04-01', 10.0, true),
	('d', 'd1', DATE '2024-05-15', 80.0, true),
	('e', 'e1', DATE '2024-06-20', 80.0, true)`;

const ALL = scopeAt('2024-07-01');
const SPRING = scopeAt('2024-07-01', { from: '2024-03-01' });

let db: Engine;
/** The statements sent to DuckDB that score the customers (RFM's rfm_base CTE). */
let scorings = 0;
let counting: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
	const scores = (q: unknown) =>
		(typeof q === 'string' ? q : (q as Sql).text).includes('rfm_base AS (');
	counting = new Proxy(db, {
		get(target, key) {
			const value: unknown = Reflect.get(target, key);
			if ((key === 'exec' || key === 'query') && typeof value === 'function') {
				return (q: unknown, ...rest: unknown[]) => {
					if (scores(q)) scorings++;
					return (value as (...a: unknown[]) => unknown).apply(target, [q, ...rest]);
				};
			}
			return value;
		}
	});
});
afterAll(async () => {
	await db?.close();
});

/** Scoring statements sent during `fn`. */
async function scoringsDuring(fn: () => Promise<unknown>): Promise<number> {
	const before = scorings;
	await fn();
	return scorings - before;
}

function dashboard(): Dashboard {
	const d = new Dashboard(ANALYSES, () => Promise.resolve(counting));
	d.useData(1);
	return d;
}

function expectDone(d: Dashboard) {
	expect(d.stateOf(rfm)).toMatchObject({ status: 'done', error: null });
	expect(d.stateOf(breakdown)).toMatchObject({ status: 'done', error: null });
	expect(d.stateOf(breakdown).data!.rows.length).toBeGreaterThan(0);
}

async function sharedTables(): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, '${SHARED_TABLE_PREFIX}')`
	);
	return row!.n;
}

describe('the breakdown by RFM segment reads the scores the RFM run stored (issue 22)', () => {
	it('the whole dashboard scores the customers once, RFM and the breakdown both run', async () => {
		const d = dashboard();
		expect(await scoringsDuring(() => d.runAll(ALL))).toBe(1);
		expectDone(d);
	});

	it('the breakdown run first builds the table, and RFM reads it', async () => {
		const d = dashboard();
		expect(
			await scoringsDuring(async () => {
				await d.rerun(breakdown.id, SPRING);
				await d.rerun(rfm.id, SPRING);
			})
		).toBe(1);
		expectDone(d);
	});

	it('other RFM settings score once more, for both; settings seen before none', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		expect(await scoringsDuring(() => d.change(rfm, { segmentMap: 'rfm-package' }, ALL))).toBe(1);
		expectDone(d);
		expect(await scoringsDuring(() => d.change(rfm, { segmentMap: 'rf-grid' }, ALL))).toBe(0);
		expect(await scoringsDuring(() => d.runAll(SPRING))).toBe(1);
		expectDone(d);
	});

	it('new data scores again, and the previous data’s tables are dropped', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		const before = await sharedTables();
		d.useData(2);
		await vi.waitFor(async () => expect(await sharedTables()).toBe(before - 1));
		expect(await scoringsDuring(() => d.runAll(ALL))).toBe(1);
		expectDone(d);
	});
});
