#!/usr/bin/env node
// `npm run bench` (issue 6): the built app in headless Chromium against native DuckDB on the same
// files and SQL. Not part of `npm test`. See bench/README.md.
//
//   node scripts/bench.mjs [--sizes 100k,1m,5m,10m,retail] [--no-build] [--no-native]
//                          [--native-threads N] [--cold] [--no-clv] [--clv-only]
//                          [--no-basket] [--basket-only] [--no-crm] [--crm-only]
//                          [--loyalty-only]
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
import { printTable, printTargets, ratios, targets, writeResults } from './bench/report.mjs';
import { ensureBuilt, jsSizes, startupGzip } from './bench/site.mjs';
import { benchClv } from './bench/clv.mjs';
import { benchBasket } from './bench/basket.mjs';
import { browserAudienceStats, browserProfileStats, crmNative, printCrm } from './bench/crm.mjs';
import { loyaltyNative, printLoyalty } from './bench/loyalty.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100k,1m,5m,10m,retail' },
		'no-build': { type: 'boolean', default: false },
		'no-native': { type: 'boolean', default: false },
		'native-threads': { type: 'string' },
		cold: { type: 'boolean', default: false },
		'no-clv': { type: 'boolean', default: false },
		'clv-only': { type: 'boolean', default: false },
		'no-basket': { type: 'boolean', default: false },
		'basket-only': { type: 'boolean', default: false },
		'no-crm': { type: 'boolean', default: false },
		'crm-only': { type: 'boolean', default: false },
		'loyalty-only': { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help) {
	console.log(
		'usage: node scripts/bench.mjs [--sizes 100k,1m,5m,10m,retail] [--no-build] [--no-native] [--native-threads N] [--cold] [--no-clv] [--clv-only] [--no-basket] [--basket-only] [--no-crm] [--crm-only] [--loyalty-only]'
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
const threads = values['native-threads'] ? Number(values['native-threads']) : undefined;

const server = await startAppServer();
const results = [];
try {
	for (const input of inputs) {
		const mb = (input.bytes / 2 ** 20).toFixed(0);
		console.log(
			`\n${input.name}: ${input.file} (${mb} MiB), load average ${loadavg()[0].toFixed(2)}`
		);
		const crm = !loyaltyOnly && (crmOnly || crmInput(input.name));
		const native = api
			? await runNative(api, app, input.file, {
					threads,
					after: loyaltyOnly ? loyaltyNative(app) : crm ? crmNative(app) : undefined,
					filter: !crmOnly && !loyaltyOnly
				})
			: null;
		if (native)
			console.log(
				`  native: load ${(native.loadMs / 1000).toFixed(2)} s, analyses ${(native.analysesMs / 1000).toFixed(2)} s, filter ${(native.filterMs / 1000).toFixed(2)} s`
			);
		let browser = null;
		let failure = null;
		try {
			browser = await runBrowser(server.appUrl, input.file, {
				filterFrom: native?.filterDate,
				warm: !values.cold,
				// The last five customers the native side opened (ids spread over the file by hash).
				crmIds: crm ? (native?.extra?.ids.slice(-5) ?? null) : null,
				crmRevenue: crm ? (native?.extra?.revenueOver ?? null) : null,
				loyaltyReps: loyaltyOnly ? 5 : 0
			});
			console.log(
				`  wasm:   load ${(browser.loadMs / 1000).toFixed(2)} s, analyses ${(browser.analysesMs / 1000).toFixed(2)} s, filter ${(browser.filterMs / 1000).toFixed(2)} s, peak ${Math.round(browser.peakRendererMB)} MiB`
			);
		} catch (e) {
			// A failed size (e.g. out of memory at 10M) is a result: record why and go on.
			failure = String(e?.message ?? e).split('\n')[0];
			console.log(`  wasm:   FAILED: ${failure}`);
		}
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
			browser,
			failure,
			native,
			ratios: ratios(browser, native)
		});
	}
} finally {
	await server.close();
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
	nativeThreads: results.find((r) => r.native)?.native.threads ?? null,
	warmUp: !values.cold,
	js,
	targets: goals,
	results,
	clv,
	basket
});
console.log(`\nresults: ${dir.slice(ROOT.length)}/latest.json`);
