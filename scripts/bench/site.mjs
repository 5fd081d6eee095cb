// The built site: rebuilt when dist/ is missing or older than its sources; JS size gzipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

function newest(path) {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let t = s.mtimeMs;
	for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
	return t;
}

/** Builds with `npm run build` unless dist/index.html is newer than src/, index.html and config. */
export function ensureBuilt(root, { build = true } = {}) {
	const index = join(root, 'dist/index.html');
	const sources = ['src', 'index.html', 'vite.config.ts', 'package-lock.json', 'public']
		.map((p) => join(root, p))
		.filter((p) => existsSync(p));
	const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(...sources.map(newest));
	if (!stale) return 'up to date';
	if (!build) {
		if (!existsSync(index)) throw new Error('dist/ is missing and --no-build was given');
		console.log('dist/ is older than src/ but --no-build was given: measuring it as it is');
		return 'stale (--no-build)';
	}
	console.log('building the site (dist/ missing or older than src/) …');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm run build failed');
	return 'rebuilt';
}

/**
 * The JS files of dist/ that the page's first script needs before it runs: index.html's scripts
 * and modulepreloads and the chunks they import statically (not `import("./x.js")`). `dist` is
 * another build's folder (the e2e tests' CLIENTELE_DIST).
 */
export function entryGraph(root, dist = join(root, 'dist')) {
	const dir = join(dist, 'assets');
	const html = readFileSync(join(dist, 'index.html'), 'utf8');
	const seen = new Set();
	const queue = [...html.matchAll(/assets\/([\w.-]+\.m?js)/g)].map((m) => m[1]);
	while (queue.length > 0) {
		const f = queue.pop();
		if (seen.has(f) || !existsSync(join(dir, f))) continue;
		seen.add(f);
		const text = readFileSync(join(dir, f), 'utf8');
		// Static imports only (`from"./x.js"` / `import"./x.js"`), not import("./x.js").
		for (const m of text.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.m?js)["']/g))
			queue.push(m[1]);
	}
	return [...seen];
}

/** Every dist/assets/*.js file with its gzipped size; the DuckDB worker is listed apart. */
export function jsSizes(root, dist = join(root, 'dist')) {
	const dir = join(dist, 'assets');
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))
		.map((f) => {
			const bytes = readFileSync(join(dir, f));
			return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
		});
	const total = (list) => list.reduce((t, f) => t + f.gzip, 0) / 1024;
	// The worker script itself (not the duckdb-browser chunk of the bindings the page imports).
	const worker = files.filter((f) => /^duckdb-.*\.worker[-.]/.test(f.file));
	// What the empty page loads, estimated from the files: the entry's static module graph plus
	// the DuckDB worker (started at once). The bench replaces it with what the browser actually
	// fetched (startupGzip below).
	const first = new Set([...worker.map((f) => f.file), ...entryGraph(root, dist)]);
	const firstLoad = files.filter((f) => first.has(f.file));
	return {
		files,
		totalGzipKB: total(files),
		appGzipKB: total(files.filter((f) => !worker.includes(f))),
		duckdbWorkerGzipKB: total(worker),
		firstLoadGzipKB: total(firstLoad),
		lazyGzipKB: total(files.filter((f) => !first.has(f.file)))
	};
}

/**
 * Gzipped KB of the JS files the empty page fetched in the browser (`names`, from resource
 * timing, before a file is given), plus the DuckDB worker, which the page's timing does not list.
 */
export function startupGzip(js, names) {
	const wanted = new Set(names);
	const list = js.files.filter((f) => wanted.has(f.file) || /^duckdb-.*\.worker[-.]/.test(f.file));
	return { files: list.map((f) => f.file), gzipKB: list.reduce((t, f) => t + f.gzip, 0) / 1024 };
}
