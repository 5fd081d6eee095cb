// The customer value forecast's fit (issue 17: CDNOW master ≤ 1 s in the browser, 1 M customers
// ≤ 5 s), timed on the code its Web Worker runs (src/analyses/clv/job.ts, bundled for Node by
// native-bundle.mjs): the fit of both models and every group's predictions.
// - CDNOW master (23,570 customers; ../shared/datasets): x, t_x, T in weeks with calibration end
//   1997-09-30, from the file by the section's definitions (one occasion per customer-day, sums
//   per day), grouped by (x, t_x days, T days) as its SQL groups them.
// - 1 M customers simulated from BG/NBD (r 0.243, α 4.414, a 0.793, b 2.426 per week), first
//   purchases spread over 13 weeks, observed to week 39, times on whole days (as the SQL has them).
// Repetitions are interleaved (CDNOW, 1 M, CDNOW, …); medians with their range.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86_400_000;

/** Groups of (x, t_x, T) in weeks, and spend groups, from CDNOW_master.txt. */
function cdnowInput(file) {
	const days = new Map();
	const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
	for (const line of lines) {
		const [id, date, , value] = line.trim().split(/\s+/);
		if (!id || !date) continue;
		const d = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / DAY;
		const own = days.get(id) ?? new Map();
		own.set(d, (own.get(d) ?? 0) + Number(value));
		days.set(id, own);
	}
	const end = Date.UTC(1997, 8, 30) / DAY;
	const customers = [];
	for (const own of days.values()) {
		const cal = [...own.entries()].filter(([d]) => d <= end).sort((a, b) => a[0] - b[0]);
		if (cal.length === 0) continue;
		const repeat = cal.slice(1).map(([, v]) => v);
		customers.push({
			x: cal.length - 1,
			txDays: cal.at(-1)[0] - cal[0][0],
			TDays: end - cal[0][0],
			m: repeat.length ? repeat.reduce((a, b) => a + b, 0) / repeat.length : 0
		});
	}
	return jobInput(customers, 273 / 7);
}

/** 1 M simulated customers (whole days), m drawn around 35. */
function syntheticInput(simulateBgnbd, n) {
	let seed = 7;
	const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	const sim = simulateBgnbd(
		{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
		n,
		17,
		(rnd) => Math.floor((39 - 13 * rnd()) * 7) / 7
	);
	const customers = sim.map((c) => ({
		x: c.x,
		txDays: Math.floor(c.tx * 7),
		TDays: Math.round(c.T * 7),
		m: c.x > 0 ? 10 + 50 * random() : 0
	}));
	return jobInput(customers, 39);
}

function jobInput(customers, holdout) {
	const groups = new Map();
	const spend = new Map();
	for (const c of customers) {
		const k = `${c.x}|${c.txDays}|${c.TDays}`;
		groups.set(k, (groups.get(k) ?? 0) + 1);
		if (c.x > 0 && c.m > 0) {
			const s = `${c.x}|${c.m}`;
			spend.set(s, (spend.get(s) ?? 0) + 1);
		}
	}
	const g = [...groups.entries()].map(([k, w]) => [...k.split('|').map(Number), w]);
	const s = [...spend.entries()].map(([k, w]) => [...k.split('|').map(Number), w]);
	return {
		customers: customers.length,
		input: {
			groups: {
				x: g.map((r) => r[0]),
				tx: g.map((r) => r[1] / 7),
				T: g.map((r) => r[2] / 7),
				weight: g.map((r) => r[3])
			},
			spend: { x: s.map((r) => r[0]), m: s.map((r) => r[1]), weight: s.map((r) => r[2]) },
			singleDay: false,
			penalizer: 0,
			horizon: 365.25 / 7,
			holdout,
			discount: Math.pow(1.1, 7 / 365.25) - 1,
			steps: 12,
			firstDays: { t: [0], customers: [customers.length] },
			grid: Array.from({ length: 79 }, (_, i) => i)
		}
	};
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Time the fit job `reps` times on each input, interleaved; returns one row per input. */
export async function benchClv(root, app, { reps = 5, customers = 1_000_000 } = {}) {
	const master = join(root, '../shared/datasets/cdnow/CDNOW_master.txt');
	const inputs = [];
	if (existsSync(master)) inputs.push({ name: 'CDNOW master', ...cdnowInput(master) });
	else console.log(`  clv: ${master} absent, CDNOW skipped`);
	inputs.push({
		name: `${customers / 1e6} M simulated`,
		...syntheticInput(app.simulateBgnbd, customers)
	});
	const times = inputs.map(() => []);
	const last = [];
	for (let rep = 0; rep < reps; rep++) {
		inputs.forEach((inp, i) => {
			const t0 = performance.now();
			last[i] = app.runFitJob(inp.input);
			times[i].push(performance.now() - t0);
		});
	}
	return inputs.map((inp, i) => ({
		name: inp.name,
		customers: inp.customers,
		groups: inp.input.groups.x.length,
		medianMs: median(times[i]),
		minMs: Math.min(...times[i]),
		maxMs: Math.max(...times[i]),
		reps,
		params: last[i].bg?.params ?? null,
		converged: last[i].bg?.converged ?? null,
		problems: last[i].problems
	}));
}
