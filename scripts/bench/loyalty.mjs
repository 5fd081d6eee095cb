// The loyalty simulation (issue 21: a 1 M-line simulation ≤ 3 s) timed natively and in the page.
// Native: the analysis' run (src/analyses/loyalty/sql.ts: its statements in native DuckDB, its
// points and ledger job in Node, as the page's worker runs it) over the loaded file, `reps` times. Page:
// the section re-run by `reps` edits of the what-if (the members who redeem), each read from the
// dashboard's own measure `clientele: analysis loyalty` (statements, worker, rows). Both with the
// default rules and what-if (two rule sets simulated per run).
import { loadavg } from 'node:os';
import { stats } from './crm.mjs';

/** `after` hook of runNative: `reps` runs of the loyalty analysis; total, SQL and ledger times. */
export function loyaltyNative(app, reps = 5) {
	return async (engine, plainScope) => {
		const scope = { ...plainScope, materialized: true };
		const loyalty = app.ANALYSES.find((a) => a.id === 'loyalty');
		const settings = app.defaultPreparedSettings(app.ANALYSES, loyalty, scope);
		const total = [];
		const ledger = [];
		const load = [];
		let members = 0;
		for (let r = 0; r < reps; r++) {
			let ledgerMs = 0;
			const compute = async (input) => {
				const t = performance.now();
				const out = app.runLoyaltyJob(input);
				ledgerMs += performance.now() - t;
				return out;
			};
			load.push(loadavg()[0]);
			const t0 = performance.now();
			const result = await loyalty.def.run((q) => engine.query(q), scope, settings, {
				customerLists: false,
				compute
			});
			total.push(performance.now() - t0);
			ledger.push(ledgerMs);
			members = result.current.tiers.reduce((n, t) => n + t.members, 0);
			if (result.current.violations !== 0) throw new Error('loyalty: the ledger does not balance');
		}
		return { members, total: stats(total), ledger: stats(ledger), loadAverage: load };
	};
}

/** In the page: `reps` edits of the what-if's redeem share, each run's own measure. */
export async function loyaltyPage(page, reps = 5) {
	const section = page.getByTestId('analysis-loyalty');
	await section.scrollIntoViewIfNeeded();
	const input = page.getByTestId('loyalty-whatif-redeem-share');
	const runs = [];
	for (let r = 1; r <= reps; r++) {
		const t = await page.evaluate(() => performance.now());
		const load = loadavg()[0];
		await input.fill(String(50 + r));
		await input.dispatchEvent('change');
		const handle = await page.waitForFunction(
			(t) => {
				const e = performance
					.getEntriesByName('clientele: analysis loyalty')
					.find((x) => x.startTime >= t);
				const s = document.querySelector('[data-testid=analysis-loyalty]');
				if (!e || s?.getAttribute('data-status') !== 'done') return null;
				return { analysisMs: e.duration, editToShownMs: performance.now() - t };
			},
			t,
			{ timeout: 120_000, polling: 20 }
		);
		runs.push({ ...(await handle.jsonValue()), loadAverage: load });
	}
	return runs;
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const range = (st) => `${s(st.medianMs)} (${s(st.minMs)}–${s(st.maxMs)}, ${st.reps} runs)`;

/** Print the loyalty figures of one size. */
export function printLoyalty(native, pageRuns) {
	console.log('  loyalty simulation (current rules + what-if):');
	if (native) {
		console.log(`    native, ${native.members} members: run ${range(native.total)}`);
		console.log(`      of which the points and ledger job in Node: ${range(native.ledger)}`);
		console.log(
			`      load average per run: ${native.loadAverage.map((l) => l.toFixed(2)).join(', ')}`
		);
	}
	if (pageRuns?.length) {
		console.log(`    page: run ${range(stats(pageRuns.map((r) => r.analysisMs)))}`);
		console.log(`      edit → shown ${range(stats(pageRuns.map((r) => r.editToShownMs)))}`);
		console.log(
			`      load average per run: ${pageRuns.map((r) => r.loadAverage.toFixed(2)).join(', ')}`
		);
	}
}
