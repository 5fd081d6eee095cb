#!/usr/bin/env node
// `npm run bench` (issue 6): the built app in headless Chromium against native DuckDB on the same
// files and SQL. Not part of `npm test`. See bench/README.md.
//
//   node scripts/bench.mjs [--sizes 100k,1m,5m,10m,retail] [--reps N] [--no-build] [--no-native]
//                          [--native-threads N] [--cold] [--no-cold] [--no-clv] [--clv-only]
//                          [--no-basket] [--basket-only] [--no-crm] [--crm-only]
//                          [--loyalty-only] [--statements]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startAppServer } from '../tests/e2e/helpers/static-server.mjs';
import { chromiumVersion, runBrowser } from './bench/browser.mjs';
import { ensureData } from './bench/data.mjs';
import { importAppModules } from './bench/native-bundle.mjs';
import { loadNodeApi, NODE_API_VERSION, runNative } from './bench/native.mjs';
import {
	printReps,
	printTable,
	printTargets,
	ratios,
	targets,
	writeResults
} from './bench/report.mjs';
import { BUSY_LOAD, medianRun, rangeRun } from './bench/reps.mjs';
import { ensureBuilt, jsSizes, startupGzip } from './bench/site.mjs';
import { benchClv } from './bench/clv.mjs';
import { benchBasket } from './bench/basket.mjs';
import { browserAudienceStats, browserProfileStats, crmNative, printCrm } from './bench/crm.mjs';
import { loyaltyNative, printLoyalty } from './bench/loyalty.mjs';
import { benchStatements } from './bench/statements.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100k,1m,5m,10m,retail' },
		'no-build': { type: 'boolean', default: false },
		'no-native': { type: 'boolean', default: false },
		'native-threads': { type: 'string' },
		cold: { type: 'boolean', default: false },
		'no-cold': { type: 'boolean', default: false },
		reps: { type: 'string', default: '5' },
		'no-clv': { type: 'boolean', default: false },
		'clv-only': { type: 'boolean', default: false },
		'no-basket': { type: 'boolean', default: false },
		'basket-only': { type: 'boolean', default: false },
		'no-crm': { type: 'boolean', default: false },
		'crm-only': { type: 'boolean', default: false },
		'loyalty-only': { type: 'boolean', default: false },
		statements: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help) {
	console.log(
		'usage: node scripts/bench.mjs [--sizes 100k,1m,5m,10m,retail] [--reps N] [--no-build] [--no-native] [--native-threads N] [--cold] [--no-cold] [--no-clv] [--clv-only] [--no-basket] [--basket-only] [--no-crm] [--crm-only] [--loyalty-only] [--statements]'
	);
	process.exit(0);
}
const names = values.sizes
	.split(',')
	.map((n) => n.trim().toLowerCase())
	.filter(Boolean);
const startedAt = new Date().toISOString();

/** The forecast's fit (scripts/bench/clv.mjs): medians of 5 interleaved runs, printed. */
async function clvBench() {
	console.log(
		'\ncustomer value forecast fit (src/analyses/clv/job.ts in Node, as its worker runs it):'
	);
	const rows = await benchClv(ROOT, await importAppModules(ROOT, 'scripts/bench/clv-entry.ts'));
	for (const r of rows) {
		console.log(
			`  ${r.name}: ${r.customers} customers, ${r.groups} groups: median ${(r.medianMs / 1000).toFixed(2)} s (${(r.minMs / 1000).toFixed(2)}–${(r.maxMs / 1000).toFixed(2)} s, ${r.reps} runs), converged ${r.converged}, r ${r.params?.r.toFixed(3)} α ${r.params?.alpha.toFixed(3)} a ${r.params?.a.toFixed(3)} b ${r.params?.b.toFixed(3)}`
		);
	}
	return rows;
}
/** The basket miner on Groceries (scripts/bench/basket.mjs): medians of 5 runs, printed. */
async function basketBench() {
	console.log(
		'\nbought together, mining (src/analyses/basket/job.ts in Node, as its worker runs it):'
	);
	const rows = await benchBasket(
		ROOT,
		await importAppModules(ROOT, 'scripts/bench/basket-entry.ts')
	);
	for (const r of rows) {
		console.log(
			`  ${r.name}: ${r.baskets} baskets, ${r.items} items → ${r.itemsets} itemsets, ${r.rules} rules: median ${(r.medianMs / 1000).toFixed(2)} s (${(r.minMs / 1000).toFixed(2)}–${(r.maxMs / 1000).toFixed(2)} s, ${r.reps} runs)`
		);
	}
	return rows;
}
// --statements (issue 22): the app's statements on the 1M-line file (or the first size given),
// replayed one by one on native DuckDB (1 thread) and DuckDB-WASM in Node: the floor per statement.
if (values.statements) {
	const loaded = loadNodeApi(ROOT);
	if (!loaded.api) {
		console.log(`--statements needs the native reference: ${loaded.reason}`);
		process.exit(1);
	}
	const [input] = await ensureData(ROOT, values.sizes === '100k,1m,5m,10m,retail' ? ['1m'] : names);
	console.log(`${input.name}: ${input.file}`);
	const out = await benchStatements(
		loaded.api,
		await importAppModules(ROOT, 'scripts/bench/crm-entry.ts'),
		input.file,
		Math.max(1, Number(values.reps) || 5)
	);
	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	const file = join(ROOT, 'bench/results/statements-latest.json');
	writeFileSync(
		file,
		JSON.stringify(
			{ startedAt, input: input.name, machine: { cpus: cpus().length }, ...out },
			null,
			'\t'
		) + '\n'
	);
	console.log(`\nwritten to ${file}`);
	process.exit(0);
}
if (values['basket-only']) {
	await basketBench();
	process.exit(0);
}
if (values['clv-only']) {
	await clvBench();
	process.exit(0);
}

// --crm-only (issue 19): the customer profile and audience counts on the 1M-line file, natively and
// (the profile) in the page; the CRM figures are also taken on that file in a full run.
const crmOnly = values['crm-only'];
// --loyalty-only (issue 21): the loyalty simulation on the 1M-line file, natively and in the page.
const loyaltyOnly = values['loyalty-only'];
const crmInput = (name) => !values['no-crm'] && name === '1m';
const build = ensureBuilt(ROOT, { build: !values['no-build'] });
const js = jsSizes(ROOT);
const inputs = await ensureData(ROOT, crmOnly || loyaltyOnly ? ['1m'] : names);

let api = null;
let app = null;
let nativeNote = 'skipped (--no-native)';
if (!values['no-native']) {
	const loaded = loadNodeApi(ROOT);
	api = loaded.api;
	nativeNote = api ? `@duckdb/node-api@${NODE_API_VERSION}` : `skipped: ${loaded.reason}`;
	if (api)
		app = await importAppModules(
			ROOT,
			loyaltyOnly ? 'scripts/bench/loyalty-entry.ts' : 'scripts/bench/crm-entry.ts'
		);
	else console.log(`native column ${nativeNote}`);
}
// Issue 22: the reference is native DuckDB on 1 thread (DuckDB-WASM has one); 2 threads are
// measured beside it. `--native-threads N` measures N alone. The CRM and loyalty modes keep one
// native run per repetition (their page side repeats its own measurements).
const nativeThreads = values['native-threads']
	? [Number(values['native-threads'])]
	: crmOnly || loyaltyOnly
		? [1]
		: [1, 2];
// Warm (the engine warmed up while the page waits for a file) and cold (?nowarm) page runs.
const modes = values.cold
	? ['cold']
	: values['no-cold'] || crmOnly || loyaltyOnly
		? ['warm']
		: ['warm', 'cold'];
const REPS = crmOnly || loyaltyOnly ? 1 : Math.max(1, Number(values.reps) || 5);
console.log(
	`${REPS} repetition(s) per size, interleaved: ${nativeThreads.map((t) => `native ${t} thread(s)`).join(', ')}; page ${modes.join(', ')}`
);

const server = await startAppServer();
const results = [];
const secs = (ms) => (ms == null ? '–' : (ms / 1000).toFixed(2));
try {
	for (const input of inputs) {
		const mb = (input.bytes / 2 ** 20).toFixed(0);
		console.log(
			`\n${input.name}: ${input.file} (${mb} MiB), load average ${loadavg()[0].toFixed(2)}`
		);
		const crm = !loyaltyOnly && (crmOnly || crmInput(input.name));
		const reps = [];
		for (let i = 0; i < REPS; i++) {
			const load = loadavg()[0];
			const rep = { rep: i + 1, loadAverage: load, busy: load > BUSY_LOAD, native: {}, page: {} };
			// Alternating: native (1 thread), page (warm), native (2 threads), page (cold).
			const steps = Math.max(nativeThreads.length, modes.length);
			for (let k = 0; k < steps; k++) {
				const t = nativeThreads[k];
				if (api && t !== undefined)
					rep.native[t] = await runNative(api, app, input.file, {
						threads: t,
						// The CRM and loyalty measurements once, with the reference run.
						after:
							i > 0 || k > 0
								? undefined
								: loyaltyOnly
									? loyaltyNative(app)
									: crm
										? crmNative(app)
										: undefined,
						filter: !crmOnly && !loyaltyOnly
					});
				const mode = modes[k];
				if (mode === undefined) continue;
				const ref = rep.native[nativeThreads[0]] ?? reps[0]?.native[nativeThreads[0]];
				const first = i === 0 && k === 0;
				try {
					rep.page[mode] = await runBrowser(server.appUrl, input.file, {
						filterFrom: ref?.filterDate,
						warm: mode === 'warm',
						// The last five customers the native side opened (ids spread over the file by hash).
						crmIds: first && crm ? (ref?.extra?.ids.slice(-5) ?? null) : null,
						crmRevenue: first && crm ? (ref?.extra?.revenueOver ?? null) : null,
						loyaltyReps: first && loyaltyOnly ? 5 : 0
					});
				} catch (e) {
					// A failed size (e.g. out of memory at 10M) is a result: record why and go on.
					rep.page[mode] = null;
					rep.failure = String(e?.message ?? e).split('\n')[0];
				}
			}
			console.log(
				`  rep ${rep.rep}${rep.busy ? '*' : ''} (load average ${load.toFixed(2)}): ` +
					nativeThreads
						.map((t) => {
							const r = rep.native[t];
							return r
								? `native ${t}t load ${secs(r.loadMs)} s, analyses ${secs(r.analysesMs)} s, filter ${secs(r.filterMs)} s`
								: `native ${t}t –`;
						})
						.join('; ') +
					'; ' +
					modes
						.map((m) => {
							const r = rep.page[m];
							return r
								? `page ${m} load ${secs(r.loadMs)} s, first screen ${secs(r.loadMs + (r.analyses.overview ?? 0))} s, analyses ${secs(r.analysesMs)} s, filter ${secs(r.filterMs)} s, peak ${Math.round(r.peakRendererMB)} MiB`
								: `page ${m} FAILED: ${rep.failure}`;
						})
						.join('; ')
			);
			reps.push(rep);
		}
		const nativeOf = (t) => medianRun(reps.map((r) => r.native[t]));
		const pageOf = (m) => medianRun(reps.map((r) => r.page[m]));
		const native = api ? nativeOf(nativeThreads[0]) : null;
		const browser = pageOf(modes[0]);
		const failures = reps.filter((r) => r.failure).map((r) => r.failure);
		if (crm) printCrm(native?.extra, browser?.crm, browser?.audience);
		if (loyaltyOnly) printLoyalty(native?.extra, browser?.loyalty);
		results.push({
			name: input.name,
			crm: crm
				? {
						native: native?.extra ?? null,
						browserProfile: browser?.crm ? browserProfileStats(browser.crm) : null,
						browserAudience: browser?.audience ? browserAudienceStats(browser.audience) : null
					}
				: undefined,
			file: input.file.slice(ROOT.length),
			bytes: input.bytes,
			loadAverage: loadavg(),
			reps: reps.length,
			busyReps: reps.filter((r) => r.busy).length,
			repetitions: reps.map((r) => ({
				rep: r.rep,
				loadAverage: r.loadAverage,
				busy: r.busy,
				failure: r.failure ?? null,
				native: Object.fromEntries(
					Object.entries(r.native).map(([t, x]) => [t, x && repFigures(x)])
				),
				page: Object.fromEntries(Object.entries(r.page).map(([m, x]) => [m, x && repFigures(x)]))
			})),
			// Medians over the repetitions (the reference: native on nativeThreads[0], page modes[0]).
			browser,
			failure: browser ? null : (failures[0] ?? null),
			native,
			native2: nativeThreads[1] !== undefined && api ? nativeOf(nativeThreads[1]) : null,
			nativeThreads,
			pageModes: modes,
			cold: modes[0] === 'warm' && modes.includes('cold') ? pageOf('cold') : null,
			range: {
				browser: rangeRun(reps.map((r) => r.page[modes[0]])),
				native: api ? rangeRun(reps.map((r) => r.native[nativeThreads[0]])) : null,
				native2:
					nativeThreads[1] !== undefined && api
						? rangeRun(reps.map((r) => r.native[nativeThreads[1]]))
						: null,
				cold: modes.includes('cold') ? rangeRun(reps.map((r) => r.page.cold)) : null
			},
			ratios: ratios(browser, native)
		});
	}
} finally {
	await server.close();
}

/** A repetition's headline figures (the full runs are folded into the medians). */
function repFigures(r) {
	return {
		loadMs: r.loadMs,
		analysesMs: r.analysesMs,
		filterMs: r.filterMs,
		firstScreenMs: r.analyses?.overview != null ? r.loadMs + r.analyses.overview : null,
		peakRendererMB: r.peakRendererMB ?? null
	};
}

if (loyaltyOnly) {
	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	const out = join(ROOT, `bench/results/${startedAt.slice(0, 10)}-loyalty.json`);
	const rows = results.map((r) => ({
		name: r.name,
		loadAverage: r.loadAverage,
		native: r.native?.extra ?? null,
		page: r.browser?.loyalty ?? null,
		failure: r.failure
	}));
	writeFileSync(
		out,
		JSON.stringify(
			{ startedAt, nproc: cpus().length, native: nativeNote, results: rows },
			null,
			'\t'
		) + '\n'
	);
	console.log(`\nresults: ${out.slice(ROOT.length)}`);
	process.exit(0);
}

if (crmOnly) {
	// Only the CRM figures: the full run's latest.json stays as it is.
	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	const out = join(ROOT, `bench/results/${startedAt.slice(0, 10)}-crm.json`);
	const crm = results.map((r) => ({ name: r.name, loadAverage: r.loadAverage, crm: r.crm }));
	writeFileSync(
		out,
		JSON.stringify(
			{
				startedAt,
				nproc: cpus().length,
				native: nativeNote,
				nativeThreads: results.find((r) => r.native)?.native.threads ?? null,
				results: crm
			},
			null,
			'\t'
		) + '\n'
	);
	console.log(`\nresults: ${out.slice(ROOT.length)}`);
	process.exit(0);
}

// Page weight as measured: the scripts the first browser run fetched before a file was given.
const fetched = results.find((r) => r.browser?.startupScripts)?.browser.startupScripts;
if (fetched) {
	const startup = startupGzip(js, fetched);
	js.firstLoadGzipKB = startup.gzipKB;
	js.firstLoadFiles = startup.files;
	js.lazyGzipKB = js.totalGzipKB - startup.gzipKB;
}
// What the page fetched after the engine was up, before any file: the warm-up's chunks (analyses,
// sniffer), then the prefetched charts and dashboard.
const warmScripts = results.find((r) => r.browser?.warmUp)?.browser.warmUp.scripts;
if (warmScripts) {
	const list = js.files.filter((f) => warmScripts.includes(f.file));
	js.warmUpGzipKB = list.reduce((t, f) => t + f.gzip, 0) / 1024;
	js.lazyGzipKB -= js.warmUpGzipKB;
}

const clv = values['no-clv'] || crmOnly ? null : await clvBench();
const basket = values['no-basket'] || crmOnly ? null : await basketBench();
console.log('');
printReps(results);
printTable(results);
const goals = targets(results, js);
printTargets(goals, js, results);
const dir = writeResults(ROOT, {
	startedAt,
	machine: {
		nproc: cpus().length,
		memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
		freeMemoryGiB: +(freemem() / 2 ** 30).toFixed(1),
		chromium: chromiumVersion(),
		node: process.version
	},
	site: build,
	native: nativeNote,
	nativeThreads,
	reps: REPS,
	warmUp: modes,
	js,
	targets: goals,
	results,
	clv,
	basket
});
console.log(`\nresults: ${dir.slice(ROOT.length)}/latest.json`);
