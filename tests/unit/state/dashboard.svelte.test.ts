// The dashboard's result cache and stale-run handling, against the Node engine with the real
// analyses: results are cached by data version and complete SQL (two scopes' worth), a newer
// runAll makes an older one stop and leave the results alone, and rerun reads the cache.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../../src/state/dashboard.svelte';
import { ANALYSES } from '../../../src/analyses';
import { rfm } from '../../../src/analyses/rfm';
import { cycle } from '../../../src/analyses/cycle';
import { breakdown } from '../../../src/analyses/breakdown';
import { audience } from '../../../src/analyses/audience';
import { loyalty } from '../../../src/analyses/loyalty';
import { clv } from '../../../src/analyses/clv';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';

// The page's engine starts when its module is imported, which needs a browser; the dashboards
// here are given the Node engine instead, so the page's one must never be asked for.
vi.mock('../../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

const ORDERS = `
	('a', 'a1', DATE '2024-01-05', 100.0, true),
	('a', 'a2', DATE '2024-03-05', 40.0, true),
	('b', 'b1', DATE '2024-02-10', 25.0, true),
	('b', 'b2', DATE '2024-05-20', 60.0, true),
	('c', 'c1', DATE '2024-04-01', 10.0, true),
	('d', 'd1', DATE '2024-05-15', 80.0, true),
	('d', 'd2', DATE '2024-06-01', 0.0, false)`;

const ALL = scopeAt('2024-07-01');
/** Leaves out a's and b's first orders: a different overview. */
const SPRING = scopeAt('2024-07-01', { from: '2024-03-01' });
const SUMMER = scopeAt('2024-07-01', { from: '2024-05-01' });

let db: Engine;
/** Statements and queries the dashboard sent to DuckDB. */
let calls = 0;
/** The Node engine, counting exec and query calls. */
let counting: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
	counting = new Proxy(db, {
		get(target, key) {
			const value: unknown = Reflect.get(target, key);
			if ((key === 'exec' || key === 'query') && typeof value === 'function') {
				return (...args: unknown[]) => {
					calls++;
					return (value as (...a: unknown[]) => unknown).apply(target, args);
				};
			}
			return value;
		}
	});
});
afterAll(async () => {
	await db?.close();
});

function dashboard(): Dashboard {
	const d = new Dashboard(ANALYSES, () => Promise.resolve(counting));
	d.useData(1);
	return d;
}

/** Data of every analysis; fails the test on any status but done. */
function dataOf(d: Dashboard): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [id, r] of Object.entries(d.results)) {
		expect(r, id).toMatchObject({ status: 'done', error: null });
		out[id] = r.data;
	}
	return out;
}

/** Number of engine calls made by `fn`. */
async function callsDuring(fn: () => Promise<unknown>): Promise<number> {
	const before = calls;
	await fn();
	return calls - before;
}

describe('Dashboard cache', () => {
	it('a second runAll on the same scope runs no query and shows the same results', async () => {
		const d = dashboard();
		expect(await callsDuring(() => d.runAll(ALL))).toBeGreaterThan(ANALYSES.length);
		const first = dataOf(d);
		let finished: boolean | undefined;
		expect(await callsDuring(async () => (finished = await d.runAll(ALL)))).toBe(0);
		expect(finished).toBe(true);
		expect(dataOf(d)).toEqual(first);
	});

	it('new data (another data version) forgets the cached results; the same version keeps them', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		d.useData(1);
		expect(await callsDuring(() => d.runAll(ALL))).toBe(0);
		d.useData(2);
		expect(await callsDuring(() => d.runAll(ALL))).toBeGreaterThan(ANALYSES.length);
	});

	it('keeps two scopes’ worth: the two scopes last run are cached, the one before is not', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		await d.runAll(SPRING);
		expect(await callsDuring(() => d.runAll(ALL))).toBe(0);
		await d.runAll(SUMMER);
		// SPRING and SUMMER are cached; ALL, run first (a cache hit does not renew it), was dropped.
		expect(await callsDuring(() => d.runAll(SPRING))).toBe(0);
		expect(await callsDuring(() => d.runAll(SUMMER))).toBe(0);
		expect(await callsDuring(() => d.runAll(ALL))).toBeGreaterThan(ANALYSES.length);
	});

	it('rerun of one analysis reads the cache when its SQL was run before, and queries when not', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		const rfm = d.results.rfm?.data;
		expect(await callsDuring(() => d.rerun('rfm', ALL))).toBe(0);
		expect(d.results.rfm).toMatchObject({ status: 'done', data: rfm });

		expect(d.settingsOf(cycle).horizonDays).toBe(30);
		d.update(cycle, { horizonDays: 60 });
		expect(await callsDuring(() => d.rerun('cycle', ALL))).toBeGreaterThan(0);
		expect(d.stateOf(cycle).status).toBe('done');
		d.update(cycle, { horizonDays: 30 });
		expect(await callsDuring(() => d.rerun('cycle', ALL))).toBe(0);
	});
});

describe('Dashboard re-run chain (registry dependsOn / derives)', () => {
	it('a change of RFM settings re-runs the breakdown by RFM segment, which then shows the new segments', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		// The breakdown's default dimension is the registry's first derived field: RFM segment.
		const before = d.stateOf(breakdown).data!.rows.map((r) => r.value);
		await d.change(rfm, { segmentMap: 'rfm-package' }, ALL);
		const after = d.stateOf(breakdown).data!.rows.map((r) => r.value);
		expect(d.stateOf(rfm).data!.segments.map((s) => s.segment)).toEqual(
			expect.arrayContaining(after.filter((v) => v !== 'Other'))
		);
		expect(after).not.toEqual(before);
	});

	it('a change of cycle settings leaves every analysis but the audience builder (whose fields include the due status) as it was', async () => {
		const d = dashboard();
		await d.runAll(ALL);
		// The breakdown (by RFM segment) reads no field of the cycle's: its SQL is unchanged, and it
		// keeps its state object (nothing redrawn) rather than getting the cached result again.
		const others = () =>
			ANALYSES.filter((a) => a.id !== 'cycle' && a.id !== 'audience').map((a) => d.stateOf(a));
		const kept = others();
		await d.change(cycle, { horizonDays: 90 }, ALL);
		expect(others()).toEqual(kept);
		expect(others().every((s, i) => s === kept[i])).toBe(true);
		// The audience builder's prepared settings hold every derived field's statement (its field
		// list): it runs again, and is done.
		expect(d.stateOf(audience).status).toBe('done');
	});

	it('another analysis’ settings change keeps every section’s settings object (the breakdown chart redrew, 117 ms, at each loyalty what-if edit)', () => {
		const d = dashboard();
		const before = ANALYSES.map((a) => d.settingsOf(a));
		d.update(loyalty, { whatIf: { ...loyalty.defaults.whatIf!, redeemShare: 0.9 } });
		ANALYSES.forEach((a, i) => {
			if (a.id === 'loyalty') expect(d.settingsOf(a)).not.toBe(before[i]);
			else expect(d.settingsOf(a), a.id).toBe(before[i]);
		});
		expect(d.settingsOf(loyalty).whatIf!.redeemShare).toBe(0.9);
		d.update(breakdown, { topN: 3 });
		expect(d.settingsOf(breakdown)).not.toBe(before[ANALYSES.indexOf(breakdown)]);
	});

	it('prepares the breakdown by a derived field with its owner’s current settings', async () => {
		const d = dashboard();
		d.update(rfm, { segmentMap: 'rfm-package' });
		const q = d.queriesOf('breakdown', ALL).breakdown!;
		const field = rfm.derives![0]!;
		const own = field.sql(ALL, d.settingsOf(rfm)).toString();
		const stale = field.sql(ALL, rfm.defaults).toString();
		expect(own).not.toBe(stale);
		expect(q.toString()).toContain(own);
		expect(q.toString()).not.toContain(stale);
	});
});

describe('Dashboard stale runs', () => {
	it('a newer runAll makes the older one return false and not overwrite its results', async () => {
		const all = dataOf(await ranOn(ALL));
		const d = dashboard();
		await d.runAll(SPRING);
		const spring = dataOf(d);
		expect(all.overview).not.toEqual(spring.overview);

		// The older run has to query; the newer one is all cached and done at once, so anything the
		// older run wrote afterwards would be what is left on screen.
		const older = d.runAll(ALL);
		const newer = d.runAll(SPRING);
		expect(await newer).toBe(true);
		expect(await older).toBe(false);
		await new Promise((r) => setTimeout(r, 20));
		expect(dataOf(d)).toEqual(spring);
	});
});

async function ranOn(scope: typeof ALL): Promise<Dashboard> {
	const d = dashboard();
	await d.runAll(scope);
	return d;
}

describe('Dashboard progressive order (issue 22)', () => {
	/** The registry's analyses, each noting in `order` when its run starts. */
	function recording(order: string[]) {
		return ANALYSES.map((a) => ({
			...a,
			def: {
				...a.def,
				run: ((...args: Parameters<typeof a.def.run>) => {
					order.push(a.id);
					return a.def.run(...args);
				}) as typeof a.def.run
			}
		}));
	}

	it('runs the sections on screen first, one scrolled to while another ran among them', async () => {
		const order: string[] = [];
		const d = new Dashboard(recording(order), () => Promise.resolve(counting));
		d.useData(1);
		d.see('cohort', true);
		const run = d.runAll(ALL);
		// Scrolled down to the loyalty section while the first one computes.
		d.see('loyalty', true);
		expect(await run).toBe(true);
		expect(order.slice(0, 2)).toEqual(['cohort', 'loyalty']);
		expect([...order].sort()).toEqual(ANALYSES.map((a) => a.id).sort());
		// Every result as a run in display order gives (but the forecast fit's own time, `ms`).
		const untimed = (x: unknown) =>
			JSON.stringify(x, (k, v: unknown) =>
				k === 'ms' ? undefined : typeof v === 'bigint' ? `${v}n` : v
			);
		expect(untimed(dataOf(d))).toBe(untimed(dataOf(await ranOn(ALL))));
	});

	it('a section that left the screen no longer runs first', async () => {
		const order: string[] = [];
		const d = new Dashboard(recording(order), () => Promise.resolve(counting));
		d.useData(1);
		d.see('cohort', true);
		d.see('cohort', false);
		await d.runAll(ALL);
		expect(order[0]).toBe('overview');
	});

	/**
	 * The registry's analyses with each one's statements logged by id in `events`, and the
	 * forecast's worker job held until `release()`.
	 */
	function heldForecast() {
		const events: string[] = [];
		let release = (): void => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const clvModule = ANALYSES.find((a) => a.id === 'clv')!;
		const logged = ANALYSES.map((a) => ({
			...a,
			def: {
				...a.def,
				run: ((query, ...rest: unknown[]) =>
					(a.def.run as (...x: unknown[]) => Promise<unknown>)(
						((q: Parameters<typeof query>[0]) => {
							events.push(a.id);
							return query(q);
						}) as typeof query,
						...rest
					)) as typeof a.def.run
			},
			...(a.id === 'clv'
				? {
						compute: async () => {
							const own = (await clvModule.compute!()).default;
							return {
								default: async (input: unknown) => {
									events.push('clv fit');
									await held;
									events.push('clv fit done');
									return own(input);
								}
							};
						}
					}
				: {})
		}));
		return { events, release, analyses: logged };
	}

	it('while a section waits for its worker the next one runs its SQL, never between another’s statements; a reader of its field waits for it', async () => {
		const { events, release, analyses: logged } = heldForecast();
		const d = new Dashboard(logged, () => Promise.resolve(counting));
		d.useData(1);
		const run = d.runAll(ALL);
		// The sections after the forecast run while its fit waits — but not the audience builder,
		// which reads the forecast's fields. The breakdown by RFM segment (its default) reads none
		// of them: it ran in its place on the page, before the forecast (it waited for every
		// field's owner before: the fifth section came last).
		await vi.waitUntil(() => events.includes('basket'), { timeout: 20_000 });
		expect(events).not.toContain('clv fit done');
		const waiting = events.slice(events.indexOf('clv fit'));
		expect(waiting).not.toContain('audience');
		expect(waiting).not.toContain('clv');
		expect(events.indexOf('breakdown')).toBeGreaterThan(events.lastIndexOf('rfm'));
		expect(events.indexOf('breakdown')).toBeLessThan(events.indexOf('clv fit'));
		release();
		expect(await run).toBe(true);
		dataOf(d);
		// One section's statements at a time: after the fit, the forecast's rest as one block.
		const after = events.slice(events.indexOf('clv fit done') + 1);
		const clvFrom = after.indexOf('clv');
		const clvTo = after.lastIndexOf('clv');
		expect(clvFrom).toBeGreaterThanOrEqual(0);
		expect(after.slice(clvFrom, clvTo + 1).every((e) => e === 'clv')).toBe(true);
		// Every id's statements form one block, but the forecast's two (before and after its fit).
		const blocks = events.filter((e, i) => e !== events[i - 1] && !e.startsWith('clv fit'));
		const clvBlocks = blocks.filter((e) => e === 'clv').length;
		expect(clvBlocks).toBe(2);
		expect(new Set(blocks).size).toBe(blocks.length - 1);
		expect(events.indexOf('audience')).toBeGreaterThan(events.lastIndexOf('clv'));
	});

	it('a change of the forecast’s settings before the dashboard’s run of it ends (each run waited for the other: the page hung)', async () => {
		const { events, release, analyses } = heldForecast();
		const d = new Dashboard(analyses, () => Promise.resolve(counting));
		d.useData(1);
		const run = d.runAll(ALL);
		// The person changes the unit at once: that run's fit starts first and is held; the
		// dashboard's own run of the forecast comes after the purchase cycle meanwhile.
		const change = d.change(clv, { unit: 'week' }, ALL);
		await vi.waitUntil(() => events.includes('clv fit') && events.includes('cycle'), {
			timeout: 20_000
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		release();
		const hung = new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 20_000));
		expect(await Promise.race([Promise.all([run, change]).then(() => 'done'), hung])).toBe('done');
		expect(d.results.clv).toMatchObject({ status: 'done', error: null });
		expect(d.settingsOf(clv).unit).toBe('week');
	}, 60_000);
});
