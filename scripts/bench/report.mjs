// The printed tables (each repetition; medians with ranges), the issue-22 targets (met / not met)
// and the JSON results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './reps.mjs';

const s = (ms) => (ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(2));
const x = (r) => (r === null || r === undefined ? '–' : `${r.toFixed(2)}×`);
const ratio = (wasm, native) => (native > 0 && wasm !== undefined ? wasm / native : null);

/** wasm/native ratio per stage (load, each analysis, the sum of analyses, filter re-run). */
export function ratios(b, n) {
	if (!b || !n) return null;
	const per = {};
	for (const id of Object.keys(b.analyses)) per[id] = ratio(b.analyses[id], n.analyses[id]);
	const filtered = {};
	for (const id of Object.keys(b.filtered)) filtered[id] = ratio(b.filtered[id], n.filtered[id]);
	// The SQL alone: the page's time in DuckDB per analysis (browser.sqlAnalyses) against the
	// native statements' time, the same work on both sides (no rows drawn).
	const sum = (o) => Object.values(o).reduce((t, v) => t + v, 0);
	const sqlPer = {};
	for (const id of Object.keys(b.sqlAnalyses ?? {}))
		sqlPer[id] = ratio(b.sqlAnalyses[id], n.analyses[id]);
	return {
		load: ratio(b.loadMs, n.loadMs),
		analyses: ratio(b.analysesMs, n.analysesMs),
		filter: ratio(b.filterMs, n.filterMs),
		perAnalysis: per,
		perFilteredAnalysis: filtered,
		sqlPerAnalysis: sqlPer,
		sqlAnalyses: b.sqlAnalyses ? ratio(sum(b.sqlAnalyses), n.analysesMs) : null,
		sqlFilter: b.sqlFiltered ? ratio(sum(b.sqlFiltered), n.filterMs) : null
	};
}

/** `median (min–max)` of a figure in seconds, from a result's median run and its range. */
function medRange(med, range) {
	if (med === null || med === undefined) return '–';
	const r = Array.isArray(range) ? ` (${s(range[0])}–${s(range[1])})` : '';
	return `${s(med)}${r}`;
}

/** The first screen (file given → KPI tiles and overview chart drawn) of `mode`'s runs, in ms. */
export function firstScreenMs(r, mode) {
	const xs = (r?.repetitions ?? [])
		.map((x) => x.page[mode]?.firstScreenMs)
		.filter((v) => v != null);
	return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null;
}

function firstScreen(r, mode) {
	const f = firstScreenMs(r, mode);
	return f ? `${s(f.median)} (${s(f.min)}–${s(f.max)})` : '–';
}

/**
 * Every repetition (load average at its start, `*` above BUSY_LOAD: the machine was busy), then
 * per size the medians with their ranges: native on 1 thread (the reference), 2 threads, the page
 * warm and cold.
 */
export function printReps(results) {
	for (const r of results) {
		if (!r.repetitions) continue;
		console.log(
			`\n${r.name}: ${r.reps} repetition(s), interleaved${r.busyReps ? `; * = load average > 1.5 at its start (${r.busyReps} of ${r.reps})` : ''}`
		);
		for (const rep of r.repetitions) {
			const parts = [];
			for (const [t, x] of Object.entries(rep.native))
				if (x)
					parts.push(`native ${t}t ${s(x.loadMs)}+${s(x.analysesMs)} s, filter ${s(x.filterMs)}`);
			for (const [m, x] of Object.entries(rep.page))
				parts.push(
					x
						? `page ${m} ${s(x.loadMs)}+${s(x.analysesMs)} s, first screen ${s(x.firstScreenMs)}, filter ${s(x.filterMs)}`
						: `page ${m} failed`
				);
			console.log(
				`  ${String(rep.rep).padStart(2)}${rep.busy ? '*' : ' '} load ${rep.loadAverage.toFixed(2)}  ${parts.join(' · ')}`
			);
		}
		const line = (label, med, range, mode) =>
			med
				? `  ${label.padEnd(18)} load ${medRange(med.loadMs, range?.loadMs)} · analyses ${medRange(med.analysesMs, range?.analysesMs)} · filter ${medRange(med.filterMs, range?.filterMs)}` +
					(mode ? ` · first screen ${firstScreen(r, mode)}` : '') +
					(med.totalMs !== undefined
						? ` · file → dashboard ${medRange(med.totalMs, range?.totalMs)}`
						: '') +
					(med.peakRendererMB !== undefined ? ` · peak ${Math.round(med.peakRendererMB)} MiB` : '')
				: null;
		const t = r.nativeThreads ?? [];
		const lines = [
			t[0] !== undefined && line(`native ${t[0]} thread`, r.native, r.range?.native),
			t[1] !== undefined && line(`native ${t[1]} threads`, r.native2, r.range?.native2),
			line(`page ${r.pageModes[0]}`, r.browser, r.range?.browser, r.pageModes[0]),
			line('page cold', r.cold, r.range?.cold, 'cold')
		].filter(Boolean);
		console.log(`  medians (min–max), s:\n${lines.join('\n')}`);
	}
}

function pad(cells, widths) {
	return cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
}

export function printTable(results) {
	const head = [
		'size',
		'rows',
		'load s',
		'analyses s',
		'total s',
		'filter s',
		'peak MB',
		'longest ms',
		'nat load s',
		'nat anal. s',
		'nat filt. s',
		'load ×',
		'anal. ×',
		'filter ×'
	];
	const rows = results.map((r) => [
		r.name,
		r.native?.rows ?? '?',
		s(r.browser?.loadMs),
		s(r.browser?.analysesMs),
		s(r.browser?.totalMs),
		s(r.browser?.filterMs),
		r.browser ? Math.round(r.browser.peakRendererMB) : '–',
		r.browser
			? Math.max(r.browser.longestTaskMs.load ?? 0, r.browser.longestTaskMs.filter ?? 0)
			: '–',
		s(r.native?.loadMs),
		s(r.native?.analysesMs),
		s(r.native?.filterMs),
		x(r.ratios?.load),
		x(r.ratios?.analyses),
		x(r.ratios?.filter)
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const lines = [pad(head, widths), widths.map((w) => '-'.repeat(w)).join('  ')];
	for (const r of rows) lines.push(pad(r, widths));
	console.log(lines.join('\n'));
	for (const r of results) {
		if (!r.browser) continue;
		const per = Object.keys(r.browser.analyses)
			.map((id) => {
				const n = r.native
					? ` / ${s(r.native.analyses[id])} native (${x(r.ratios.perAnalysis[id])})`
					: '';
				return `${id} ${s(r.browser.analyses[id])}${n}`;
			})
			.join(' · ');
		console.log(`\n${r.name} per analysis, wasm s: ${per}`);
		if (r.browser.sqlAnalyses && r.native)
			console.log(
				`${r.name} per analysis, SQL only (the page's time in DuckDB / native): ${Object.keys(
					r.browser.sqlAnalyses
				)
					.map(
						(id) =>
							`${id} ${s(r.browser.sqlAnalyses[id])}/${s(r.native.analyses[id])} (${x(r.ratios.sqlPerAnalysis[id])})`
					)
					.join(' · ')}; all ${x(r.ratios.sqlAnalyses)}, filter re-run ${x(r.ratios.sqlFilter)}`
			);
		if (r.browser.loadStages)
			console.log(
				`${r.name} load stages (page${r.native ? ' / native' : ''}, s): ${Object.keys(
					r.browser.loadStages
				)
					.map(
						(k) =>
							`${k} ${s(r.browser.loadStages[k])}${r.native?.loadStages ? `/${s(r.native.loadStages[k])}` : ''}`
					)
					.join(' · ')}`
			);
		const pf = Object.keys(r.browser.filtered)
			.map(
				(id) =>
					`${id} ${s(r.browser.filtered[id])}${r.native ? `/${s(r.native.filtered[id])}` : ''}`
			)
			.join(' · ');
		console.log(`${r.name} filter re-run, wasm/native s: ${pf}`);
		if (r.browser.checksAfterMs !== undefined)
			console.log(
				`${r.name} data checks (duplicates, future dates…) done ${s(r.browser.checksAfterMs)} s after the dashboard`
			);
		const lt = r.browser.longTasksOver100At ?? [];
		if (lt.length)
			console.log(
				`${r.name} long tasks > 100 ms: ${lt.map((t) => `${t.ms} ms (${t.phase}, ${t.stage})`).join(' · ')}`
			);
		if (r.native)
			console.log(
				`${r.name} native load: read+profile ${s(r.native.readCsvMs)} s, canonical tables ${s(r.native.canonicalMs)} s; slowest native statements: ${r.native.slowest
					.slice(0, 4)
					.map((q) => `${q.stage} ${s(q.ms)}`)
					.join(' · ')}`
			);
	}
}

/** The largest of a size's per-analysis ratios and its filter re-run ratio (missing ones: 0). */
function worstRatio(perAnalysis, filter) {
	return Math.max(filter ?? 0, ...Object.values(perAnalysis).map((v) => v ?? 0));
}

/**
 * Each issue-22 target on the medians: met true/false, or null when this run did not measure it.
 * The SQL ratio is against the reference native run (1 thread unless --native-threads said else).
 */
export function targets(results, js) {
	const by = (name) => results.find((r) => r.name === name);
	const one = by('1m');
	const ten = by('10m')?.browser;
	const tenFailed = by('10m')?.failure ?? null;
	const sqlRatios = one?.ratios
		? Object.values(one.ratios.sqlPerAnalysis).filter((v) => v !== null && v !== undefined)
		: [];
	const threads = one?.nativeThreads?.[0] ?? 1;
	const browsers = results.map((r) => r.browser).filter(Boolean);
	// The page's own start-up, before any file, is a separate figure (printed under the targets).
	const longest = browsers.length
		? Math.max(
				...browsers.map((b) => Math.max(b.longestTaskMs.load ?? 0, b.longestTaskMs.filter ?? 0))
			)
		: null;
	const fcp = browsers.length ? Math.max(...browsers.map((b) => b.fcpMs ?? Infinity)) : null;
	const t = (name, value, limit, unit, failure = null) => ({
		name,
		value,
		limit,
		unit,
		failure,
		met: failure ? false : value === null || value === undefined ? null : value <= limit
	});
	return [
		t(
			'1M lines: first screen (KPI tiles + overview chart drawn) from the file given',
			firstScreenMs(one, one?.pageModes?.[0] ?? 'warm')?.median,
			1500,
			'ms'
		),
		t('1M lines: every section done from the file given', one?.browser?.totalMs, 3000, 'ms'),
		t('1M lines: filter change → every section done', one?.browser?.filterMs, 500, 'ms'),
		t(
			`1M lines: every analysis's SQL within 1.3× native on ${threads} thread(s) (worst analysis)`,
			sqlRatios.length ? Math.max(...sqlRatios) : null,
			1.3,
			'×'
		),
		t('10M lines: every section done from the file given', ten?.totalMs, 30000, 'ms', tenFailed),
		t('10M lines: peak renderer memory', ten?.peakRendererMB, 3072, 'MiB', tenFailed),
		t(
			'main thread never blocked > 100 ms during load or analysis (longest task, median run)',
			longest,
			100,
			'ms'
		),
		// The empty page: what it fetches until its engine is up (issue 6). The warm-up's chunks
		// (fetched after that, before any file), and all the JS, are printed under the targets.
		t(
			'JS the empty page loads until its engine is up, excluding wasm, gzipped (app + DuckDB worker)',
			js.firstLoadGzipKB,
			300,
			'KB'
		),
		t('first contentful paint (median run, worst size)', fcp, 1000, 'ms')
	];
}

export function printTargets(list, js, results = []) {
	console.log('\nissue-22 targets (medians of the repetitions):');
	for (const t of list) {
		const mark = t.met === null ? 'not measured' : t.met ? 'met' : 'NOT MET';
		const v = t.failure
			? `failed (${t.failure.slice(0, 160)})`
			: t.value === null || t.value === undefined
				? '–'
				: `${Math.round(t.value * 100) / 100} ${t.unit}`;
		console.log(`  ${mark.padEnd(12)} ${t.name}: ${v} (target ≤ ${t.limit} ${t.unit})`);
	}
	const pageRatios = results
		.filter((r) => r.ratios)
		.map((r) => worstRatio(r.ratios.perAnalysis, r.ratios.filter));
	if (pageRatios.length)
		console.log(
			`  (the page's time per analysis, rows drawn included, against the native SQL: worst ${Math.max(...pageRatios).toFixed(2)}×)`
		);
	const startup = results.map((r) => r.browser?.longestTaskMs.startup).filter((v) => v != null);
	if (startup.length)
		console.log(
			`  (longest main-thread task while the empty page starts, before any file: ${startup.join(' / ')} ms per run)`
		);
	const warm = results.map((r) => r.browser?.warmUp).filter(Boolean);
	if (warm.length)
		console.log(
			`  (engine warm-up while the page waits for a file, before the timings above: ${warm.map((w) => (w.ms == null ? w.state : `${(w.ms / 1000).toFixed(1)} s`)).join(' / ')} per run)`
		);
	else console.log('  (no engine warm-up: --cold, the page opened with ?nowarm)');
	console.log(
		`  (all JS: ${js.totalGzipKB.toFixed(1)} KB gzipped, app ${js.appGzipKB.toFixed(1)} KB + DuckDB worker ${js.duckdbWorkerGzipKB.toFixed(1)} KB;` +
			` the empty page loads ${js.firstLoadGzipKB.toFixed(1)} KB of it until the engine is up` +
			(js.warmUpGzipKB != null
				? `, then ${js.warmUpGzipKB.toFixed(1)} KB while it waits for a file (the engine's warm-up: analyses, CSV sniffer; then Plot, charts and the dashboard's sections, prefetched)`
				: '') +
			`; ${js.lazyGzipKB.toFixed(1)} KB come later (the notebook's editor; without a warm-up, the charts and sections with the first file))`
	);
}

export function writeResults(root, run) {
	const dir = join(root, 'bench/results');
	mkdirSync(dir, { recursive: true });
	const date = run.startedAt.slice(0, 10);
	for (const r of run.results) {
		writeFileSync(
			join(dir, `${date}-${r.name}.json`),
			JSON.stringify({ ...run, results: [r] }, null, '\t') + '\n'
		);
	}
	writeFileSync(join(dir, 'latest.json'), JSON.stringify(run, null, '\t') + '\n');
	return dir;
}
