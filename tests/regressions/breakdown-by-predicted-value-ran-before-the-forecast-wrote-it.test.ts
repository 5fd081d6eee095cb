// Issue 17: the dashboard ran the analyses in registry order, so the breakdown (which reads every
// derived field, the forecast's predicted-value decile among them) ran before the forecast had
// written its predictions for the new scope, and showed empty groups until the forecast re-ran.
// Since issue 22 a reader waits for the owners of the fields its settings read (`reads`): the
// breakdown by RFM segment after RFM, by predicted-value decile after the forecast.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../src/state/dashboard.svelte';
import { ANALYSES } from '../../src/analyses';
import { needsOf, runOrder } from '../../src/analyses/registry-tools';
import { breakdown } from '../../src/analyses/breakdown';
import { withDefaultSettings } from '../../src/state/default-runs';
import type { AnalysisModule } from '../../src/analyses/types';
import type { Engine } from '../../src/db/engine';
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
	('c', 'c1', DATE '2024-04-01', 10.0, true)`;

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
});
afterAll(async () => {
	await db?.close();
});

/** Each analysis' run that records its id, in the order the dashboard calls them. */
function recording(order: string[]): AnalysisModule[] {
	return ANALYSES.map((a) => ({
		...a,
		def: {
			...a.def,
			run: (...args: Parameters<typeof a.def.run>) => {
				order.push(a.id);
				return a.def.run(...args);
			}
		}
	}));
}

/** Ids of the analyses a derived field's reader must run after. */
const owners = ANALYSES.filter((a) => (a.derives?.length ?? 0) > 0).map((a) => a.id);
const readers = ANALYSES.filter((a) => a.dependsOn === 'derived').map((a) => a.id);

describe('the run order', () => {
	it('runs every reader of derived fields after the owners of the fields it reads', async () => {
		expect(owners.length).toBeGreaterThan(2);
		expect(readers.length).toBeGreaterThan(0);
		const order: string[] = [];
		const d = new Dashboard(recording(order), () => Promise.resolve(db));
		d.useData(1);
		await d.runAll(scopeAt('2024-07-01'));
		expect(order).toHaveLength(ANALYSES.length);
		for (const r of ANALYSES.filter((a) => readers.includes(a.id))) {
			const needs = needsOf(ANALYSES, r, (m) => d.settingsOf(m));
			expect(needs.length, r.id).toBeGreaterThan(0);
			for (const o of needs)
				expect(order.indexOf(o), `${o} before ${r.id}`).toBeLessThan(order.indexOf(r.id));
		}
		// The audience builder reads any field: after every owner.
		for (const o of owners)
			expect(order.indexOf(o), `${o} before audience`).toBeLessThan(order.indexOf('audience'));
	});

	it('runs the breakdown by predicted-value decile after the forecast', async () => {
		const decile = ANALYSES.find((a) => a.id === 'clv')!.derives![0]!.key;
		expect(decile).toBe('clv_decile');
		const order: string[] = [];
		const d = new Dashboard(recording(order), () => Promise.resolve(db));
		d.useData(1);
		d.update(breakdown, { dimension: { table: 'derived', column: decile } });
		await d.runAll(scopeAt('2024-07-01'));
		expect(order.indexOf('clv')).toBeGreaterThanOrEqual(0);
		expect(order.indexOf('clv'), 'clv before breakdown').toBeLessThan(order.indexOf('breakdown'));
	});

	it('runs an analysis after those it names in dependsOn, and the warm-up in the same order', () => {
		const order = runOrder(ANALYSES).map((a) => a.id);
		for (const a of ANALYSES) {
			if (a.dependsOn === undefined || a.dependsOn === 'derived') continue;
			for (const id of a.dependsOn) expect(order.indexOf(id)).toBeLessThan(order.indexOf(a.id));
		}
		expect(withDefaultSettings(ANALYSES).map((r) => r.id)).toEqual(order);
	});

	it('keeps registry order where nothing depends, and places a cycle instead of dropping it', () => {
		const m = (id: string, dependsOn?: string[]) => ({ ...ANALYSES[0]!, id, dependsOn });
		const ids = (xs: AnalysisModule[]) => runOrder(xs).map((a) => a.id);
		expect(ids([m('x'), m('y', ['z']), m('z')])).toEqual(['x', 'z', 'y']);
		expect(ids([m('p', ['q']), m('q', ['p'])])).toEqual(['p', 'q']);
	});
});
