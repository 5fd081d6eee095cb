// Regression (issue 22): at 1 M lines the CLV section spent 1.5 s of its 2 s of SQL (natively) in
// 30 statements `INSERT INTO __clv_predictions VALUES (…), (…)` of 1,000 rows each: DuckDB binds a
// VALUES list literal by literal. Now each chunk of rows is one text parameter split and cast in
// SQL (6 statements, about 50 ms). Proven here: the stored doubles are the fit's own, bit for bit
// — the former literals were within one unit in the last place (DuckDB read some as DECIMALs) —
// on edge values and on a fit run through the load path a person's file takes (the generated
// log, clean and dirty).
import { describe, expect, it } from 'vitest';
import { generatedLogs } from '../helpers/generated-logs';
import { createNodeEngine } from '../helpers/node-engine';
import { writeFitStatements } from '../../src/analyses/clv/write-fit';
import { PREDICTIONS_TABLE } from '../../src/analyses/clv/queries';
import { runFitJob, type FitJobInput, type FitJobOutput } from '../../src/analyses/clv/job';
import { clvAnalysis, defaultClvSettings } from '../../src/analyses/clv/sql';
import { numberLiteral as num } from '../../src/analyses/work-tables';
import type { Engine } from '../../src/db/engine';

const logs = generatedLogs();

type Groups = { x: number; tx_days: number; T_days: number }[];

/** The former statements' rows: one VALUES list of 1,000 rows per statement (as before). */
function formerInserts(key: string, run: number, out: FitJobOutput, groups: Groups): string[] {
	const statements: string[] = [];
	for (let i = 0; i < groups.length; i += 1000) {
		let values = '';
		for (let j = i; j < Math.min(groups.length, i + 1000); j++) {
			const g = groups[j]!;
			values += `${j > i ? ',\n' : ''}('${key}', ${run}, ${g.x | 0}, ${g.tx_days | 0}, ${g.T_days | 0}, ${num(out.pAlive[j])}, ${num(out.expHorizon[j])}, ${num(out.expHoldout[j])}, ${num(out.discounted[j])})`;
		}
		statements.push(`INSERT INTO ${PREDICTIONS_TABLE} VALUES ${values}`);
	}
	return statements;
}

const COLUMNS = ['p_alive', 'exp_horizon', 'exp_holdout', 'discounted'] as const;
const FIELDS = ['pAlive', 'expHorizon', 'expHoldout', 'discounted'] as const;

/** A fit's output with the given prediction columns (the parameters are not what is tested). */
function output(cols: Record<(typeof FIELDS)[number], number[]>): FitJobOutput {
	return {
		bg: { params: { r: 0.25, alpha: 4.4, a: 0.79, b: 2.4 }, ll: -1, iterations: 1 },
		gg: null,
		...cols,
		tracking: [],
		matrix: null,
		problems: [],
		ms: 0
	} as unknown as FitJobOutput;
}

async function stored(db: Engine, key: string) {
	return db.query<Record<string, number | null>>(
		`SELECT x, tx_days, T_days, ${COLUMNS.join(', ')} FROM ${PREDICTIONS_TABLE} WHERE fit_key = '${key}' ORDER BY x, tx_days, T_days`
	);
}

describe('the forecast rows reach DuckDB as text split in SQL, not as VALUES literals', () => {
	it('edge values: every double bit for bit, non-finite as NULL, the same table as the literals gave', async () => {
		const db = await createNodeEngine();
		try {
			// 2,500 groups (three chunks of the former 1,000): doubles of 1 to 17 significant
			// digits from 1e-300 to 1e15, integers, zero, and ∞/NaN/missing values.
			let seed = 7;
			const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) as number;
			const n = 2500;
			// Distinct groups in the order the table is read back (x, then tx_days).
			const groups: Groups = Array.from({ length: n }, (_, i) => ({
				x: Math.floor(i / 50),
				tx_days: i % 50,
				T_days: 60 + (i % 7)
			}));
			const special = [0, 1, 5e-324, 1e-300, 0.1 + 0.2, 1 / 3, 2 ** 53 + 2, 123456789.12345679];
			const value = (i: number, c: number): number => {
				if (i < special.length) return special[(i + c) % special.length]!;
				if (i % 97 === c) return [Infinity, -Infinity, NaN][i % 3]!;
				const digits = 1 + (i % 17);
				return Number((rand() * 10 ** ((i % 40) - 20)).toPrecision(digits));
			};
			const cols = Object.fromEntries(
				FIELDS.map((f, c) => [f, Array.from({ length: n }, (_, i) => value(i, c))])
			) as Record<(typeof FIELDS)[number], number[]>;
			const out = output(cols);
			for (const stmt of writeFitStatements('0000000a', out, groups)) await db.query(stmt);
			const rows = await stored(db, '0000000a');
			expect(rows).toHaveLength(n);
			rows.forEach((row, i) => {
				FIELDS.forEach((f, c) => {
					const v = cols[f][i]!;
					expect(row[COLUMNS[c]!], `${f}[${i}]`).toBe(Number.isFinite(v) ? v : null);
				});
			});
			// The former literals: DuckDB reads a literal such as 901581.1080586077 as a DECIMAL, then
			// casts it, which can land one unit in the last place away (…076). The text cast does not:
			// the new rows are the fit's numbers exactly, the former within that rounding.
			for (const stmt of formerInserts('0000000b', 1, out, groups)) await db.exec(stmt);
			const former = await stored(db, '0000000b');
			expect(former).toHaveLength(n);
			let off = 0;
			former.forEach((row, i) => {
				FIELDS.forEach((f, c) => {
					const v = cols[f][i]!;
					const got = row[COLUMNS[c]!]!;
					if (!Number.isFinite(v)) return expect(got).toBeNull();
					if (got !== v) off++;
					expect(Math.abs(got - v)).toBeLessThanOrEqual(Number.EPSILON * Math.abs(v));
				});
			});
			expect(off).toBeLessThan(n / 100);
		} finally {
			await db.close();
		}
	});

	for (const dirty of [false, true]) {
		it(`a fit on the generated log${dirty ? ' with its dirty lines' : ''}: the stored rows are the fit's numbers`, async () => {
			const loaded = await logs.load(dirty, 30_000);
			let fit: FitJobOutput | null = null;
			const r = await clvAnalysis.run((q) => loaded.db.query(q), loaded.scope, defaultClvSettings, {
				customerLists: false,
				compute: async (input) => (fit = runFitJob(input as FitJobInput))
			});
			expect(fit).not.toBeNull();
			expect(r.bg).not.toBeNull();
			const rows = await stored(loaded.db, r.key);
			expect(rows.length).toBe(fit!.pAlive.length);
			expect(rows.length).toBeGreaterThan(1000);
			// Row order is the table's, not the groups': each column's values as a sorted list.
			const sorted = (a: (number | null)[]) =>
				[...a].sort((p, q) => (p ?? -Infinity) - (q ?? -Infinity));
			FIELDS.forEach((f, c) => {
				const want = Array.from(fit![f], (v) => (Number.isFinite(v) ? v : null));
				expect(sorted(rows.map((row) => row[COLUMNS[c]!]!)), f).toEqual(sorted(want));
			});
		});
	}
});
