#!/usr/bin/env node
// Guarantee 7 of issue 5, measured: load a file N times in a row in ONE page session (through the
// file input, each load replacing the data), and after each load (every analysis done) record
// the renderer processes' memory (VmRSS from /proc, summed over Chromium's renderers, as
// scripts/bench/browser.mjs reads it) and DuckDB's own accounting (duckdb_memory(), through the
// documented ?probe hook), plus the list of DuckDB tables and views. Run `npm run build` first.
//   node scripts/measure-memory.mjs [--loads 20] [--file sample-data/orders.csv] [--json out.json]
// A measurement, not a test: tests/e2e/memory.spec.ts asserts the bound over 5 loads.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startAppServer } from '../tests/e2e/helpers/static-server.mjs';

const { values } = parseArgs({
	options: {
		loads: { type: 'string', default: '20' },
		file: { type: 'string', default: 'sample-data/orders.csv' },
		json: { type: 'string' },
		timeout: { type: 'string', default: '120000' }
	}
});
const loads = Number(values.loads);
const timeout = Number(values.timeout);
if (!(loads > 0 && timeout > 0)) {
	console.error('usage: node scripts/measure-memory.mjs [--loads 20] [--file path.csv]');
	process.exit(2);
}
const path = resolve(values.file);
const bytes = await readFile(path);
const name = basename(path);
const MIB = 1024 * 1024;

/** Renderer processes of the Chromium started with `profile` (walks the process tree). */
function rendererPids(profile) {
	const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
		.split('\n')
		.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
		.filter(Boolean)
		.map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
	const root = rows.find((r) => r.args.includes(profile) && !r.args.includes('--type='));
	if (!root) return [];
	const tree = new Set([root.pid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const r of rows)
			if (tree.has(r.ppid) && !tree.has(r.pid)) {
				tree.add(r.pid);
				grew = true;
			}
	}
	return rows
		.filter((r) => tree.has(r.pid) && r.args.includes('--type=renderer'))
		.map((r) => r.pid);
}

/** Sum of VmRSS over the renderers, MiB. */
function rendererRssMiB(profile) {
	let kb = 0;
	for (const pid of rendererPids(profile)) {
		try {
			const text = readFileSync(`/proc/${pid}/status`, 'utf8');
			kb += Number(/VmRSS:\s+(\d+) kB/.exec(text)?.[1] ?? 0);
		} catch {
			// the process ended
		}
	}
	return kb / 1024;
}

const SECTIONS = ['overview', 'rfm', 'cohort', 'lifecycle', 'breakdown', 'concentration', 'cycle'];

const server = await startAppServer();
const profile = await mkdtemp(join(tmpdir(), 'clientele-memory-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	headless: true,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--js-flags=--expose-gc'
	],
	viewport: { width: 1440, height: 900 }
});
const rows = [];
try {
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
	await page.goto(`${server.appUrl}?probe`);
	for (let i = 1; i <= loads; i++) {
		const t0 = Date.now();
		// Alternate the file name so each load is a new File for the page, as a user's would be;
		// playwright passes at most 50 MB as a buffer, bigger files go by path.
		await page
			.getByTestId('file-input')
			.setInputFiles(
				bytes.length < 50e6
					? { name: `${i % 2 ? 'a' : 'b'}-${name}`, mimeType: 'text/csv', buffer: bytes }
					: path
			);
		// Wait for this load's state (the previous load left 'ready' behind): loading, then settled.
		await page.waitForFunction(
			(ids) => {
				const s = document.querySelector('[data-testid="load-status"]')?.getAttribute('data-state');
				if (s === 'error' || s === 'mapping') return true;
				if (s !== 'ready') return false;
				return ids.every(
					(id) =>
						document
							.querySelector(`[data-testid="analysis-${id}"]`)
							?.getAttribute('data-status') === 'done'
				);
			},
			SECTIONS,
			{ timeout, polling: 100 }
		);
		const state = await page.getByTestId('load-status').getAttribute('data-state');
		if (state !== 'ready') throw new Error(`load ${i}: load-status is ${state}`);
		// Let the page settle and collect garbage, so RSS shows what is kept, not what is pending.
		await page.evaluate(() => (globalThis.gc ? globalThis.gc() : undefined));
		await page.waitForTimeout(500);
		const stats = await page.evaluate(() => globalThis.__clientele.engineStats());
		const row = {
			load: i,
			ms: Date.now() - t0,
			rendererMiB: rendererRssMiB(profile),
			duckdbMiB: stats.memoryBytes / MIB,
			tablesMiB: stats.tableBytes / MIB,
			objects: stats.objects
		};
		rows.push(row);
		console.log(
			`load ${String(i).padStart(2)}: ${String(row.ms).padStart(6)} ms · renderer ${row.rendererMiB.toFixed(0).padStart(5)} MiB · duckdb ${row.duckdbMiB.toFixed(1).padStart(6)} MiB (tables ${row.tablesMiB.toFixed(1)}) · ${row.objects.length} tables/views`
		);
	}
	const first = rows[0];
	const last = rows.at(-1);
	const sameObjects = rows.every((r) => r.objects.join() === first.objects.join());
	console.log(
		`\n${name} (${(bytes.length / MIB).toFixed(1)} MiB) × ${loads}: renderer ${first.rendererMiB.toFixed(0)} → ${last.rendererMiB.toFixed(0)} MiB (max ${Math.max(...rows.map((r) => r.rendererMiB)).toFixed(0)}), duckdb ${first.duckdbMiB.toFixed(1)} → ${last.duckdbMiB.toFixed(1)} MiB (max ${Math.max(...rows.map((r) => r.duckdbMiB)).toFixed(1)}); tables/views ${sameObjects ? 'the same after every load' : 'CHANGED'}: ${first.objects.join(', ')}`
	);
	if (values.json) await writeFile(values.json, JSON.stringify({ file: name, rows }, null, '\t'));
} finally {
	await context.close();
	await server.close();
	await rm(profile, { recursive: true, force: true });
}
