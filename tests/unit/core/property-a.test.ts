import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import type { QueryFn } from '../../../src/core/analysis';
import { loadOrdersSql, ordersCsv, randomDataset, seededRandom } from '../../helpers/random-orders';
import { rfmAnalysis, defaultRfmSettings, type RfmSettings } from '../../../src/analyses/rfm/sql';
import {
	concentrationAnalysis,
	defaultConcentrationSettings,
	type ConcentrationSettings
} from '../../../src/analyses/concentration/sql';
import {
	cycleAnalysis,
	defaultCycleSettings,
	type CycleSettings
} from '../../../src/analyses/cycle/sql';
import { referenceRfm } from '../../helpers/reference/rfm';
import { referenceConcentration } from '../../helpers/reference/concentration';
import { referenceCycle } from '../../helpers/reference/cycle';
import { userFilePath } from '../../../src/db/session';

// SQL (DuckDB) versus the plain-TypeScript references on seeded random order logs.
const DATASETS = 50;

let db: Engine;
// Even seeds bind parameters; odd seeds run the notebook text (parameters inlined by toString),
// which also checks that the displayed SQL means the same, and is quicker to plan.
const bound: QueryFn = (q) => db.query(q);
const inlined: QueryFn = (q) => db.query(q.toString());
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(async () => {
	await db.close();
});

/** Deep equality where numbers may differ by 1e-9 relative; reports the first difference's path. */
function diff(actual: unknown, expected: unknown, path = '$'): string | null {
	if (typeof actual === 'number' && typeof expected === 'number') {
		const tol = 1e-9 * Math.max(1, Math.abs(expected));
		return Math.abs(actual - expected) <= tol ? null : `${path}: ${actual} ≠ ${expected}`;
	}
	if (Array.isArray(actual) && Array.isArray(expected)) {
		if (actual.length !== expected.length) {
			return `${path}: length ${actual.length} ≠ ${expected.length}`;
		}
		for (let i = 0; i < actual.length; i++) {
			const d = diff(actual[i], expected[i], `${path}[${i}]`);
			if (d) return d;
		}
		return null;
	}
	if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
		const a = actual as Record<string, unknown>;
		const e = expected as Record<string, unknown>;
		const keys = Object.keys(e);
		if (Object.keys(a).join() !== keys.join()) {
			return `${path}: keys ${Object.keys(a).join()} ≠ ${keys.join()}`;
		}
		for (const k of keys) {
			const d = diff(a[k], e[k], `${path}.${k}`);
			if (d) return d;
		}
		return null;
	}
	return Object.is(actual, expected)
		? null
		: `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
}

function settingsFor(seed: number) {
	const rnd = seededRandom(seed * 7919 + 1);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	const variants: RfmSettings[] = [
		defaultRfmSettings,
		{
			...defaultRfmSettings,
			scoring: 'thresholds',
			thresholds: {
				recency: [7, 30, 31, 200],
				frequency: [2, 3, 4, 6],
				monetary: [20, 25, 50.25, 300]
			}
		},
		{ ...defaultRfmSettings, segmentMap: 'rfm-package' }
	];
	const rfm = variants[seed % 3]!;
	const concentration: ConcentrationSettings = {
		...defaultConcentrationSettings,
		maxPoints: pick([200, 2, 5, 11]),
		topPercents: pick([
			[1, 5, 10, 20],
			[33, 50, 100]
		])
	};
	const cycle: CycleSettings = {
		...defaultCycleSettings,
		binDays: pick([null, null, 1, 7, 14]),
		capPercentile: pick([0.95, 0.5, 1, 0.8]),
		horizonDays: pick([30, 0, 90]),
		graceDays: pick([null, null, 0, 10])
	};
	return { rfm, concentration, cycle };
}

describe('property: SQL equals the reference implementations on random data', () => {
	it(`agrees on ${DATASETS} seeded datasets (RFM, concentration, purchase cycle)`, async () => {
		const seen = { oneCustomer: 0, filtered: 0, returns: 0, sameDay: 0, emptyScope: 0 };
		for (let seed = 1; seed <= DATASETS; seed++) {
			const data = randomDataset(seed);
			const { scope, orders } = data;
			const s = settingsFor(seed);
			const query = seed % 2 === 0 ? bound : inlined;
			await db.registerBuffer(userFilePath(`orders-${seed}.csv`), ordersCsv(orders));
			await db.exec(loadOrdersSql(userFilePath(`orders-${seed}.csv`)));
			await db.dropFile(userFilePath(`orders-${seed}.csv`));
			const checks: [string, unknown, unknown][] = [
				['rfm', await rfmAnalysis.run(query, scope, s.rfm), referenceRfm(orders, scope, s.rfm)],
				[
					'concentration',
					await concentrationAnalysis.run(query, scope, s.concentration),
					referenceConcentration(orders, scope, s.concentration)
				],
				[
					'cycle',
					await cycleAnalysis.run(query, scope, s.cycle),
					referenceCycle(orders, scope, s.cycle)
				]
			];
			for (const [name, actual, expected] of checks) {
				const d = diff(actual, expected);
				expect(d, `seed ${seed} ${name} ${JSON.stringify({ scope, settings: s })}`).toBeNull();
			}
			const ids = new Set(orders.map((o) => o.customer_id));
			seen.oneCustomer += ids.size === 1 ? 1 : 0;
			seen.filtered += scope.from ? 1 : 0;
			seen.returns += orders.some((o) => o.revenue < 0) ? 1 : 0;
			const keys = orders.map((o) => `${o.customer_id}|${o.order_date}`);
			seen.sameDay += new Set(keys).size < keys.length ? 1 : 0;
			seen.emptyScope += orders.every((o) => o.order_date >= scope.asOf) ? 1 : 0;
		}
		// The generator really produced the edge cases the property is meant to cover.
		expect(seen.oneCustomer).toBeGreaterThan(0);
		expect(seen.filtered).toBeGreaterThan(5);
		expect(seen.returns).toBeGreaterThan(15);
		expect(seen.sameDay).toBeGreaterThan(15);
	}, 120_000);

	it('the comparison itself detects a difference', () => {
		expect(diff({ a: [1, 2] }, { a: [1, 2.000001] })).toMatch(/\$\.a\[1\]/);
		expect(diff({ a: 1 }, { a: 1 + 1e-12 })).toBeNull();
		expect(diff({ a: null }, { a: 0 })).not.toBeNull();
	});
});
