// Serves the chart/export modules in a page of their own under the app's real CSP, without
// touching the app build: Vite bundles export-harness-entry.ts in memory into one IIFE script.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { REPO_ROOT, startStaticServer, type RunningServer } from './static-server.mjs';

export type Harness = typeof import('./export-harness-entry');
export const HARNESS_GLOBAL = 'clienteleExportHarness';

async function bundle(): Promise<string> {
	const result = await build({
		configFile: false,
		logLevel: 'silent',
		root: REPO_ROOT,
		build: {
			write: false,
			minify: false,
			target: 'es2022',
			lib: {
				entry: join(REPO_ROOT, 'tests/e2e/helpers/export-harness-entry.ts'),
				formats: ['iife'],
				name: HARNESS_GLOBAL,
				fileName: () => 'harness.js'
			}
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
	const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
	if (!chunk || chunk.type !== 'chunk') throw new Error('harness bundle produced no chunk');
	return chunk.code;
}

/** The Content-Security-Policy of the app's index.html, so the harness runs under the same rules. */
async function appCsp(): Promise<string> {
	const html = await readFile(join(REPO_ROOT, 'index.html'), 'utf8');
	const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
	if (!csp) throw new Error('index.html has no Content-Security-Policy meta tag');
	return csp;
}

export async function startHarness(): Promise<RunningServer & { url: string }> {
	const [code, csp] = await Promise.all([bundle(), appCsp()]);
	const html = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,"><title>export harness</title>
<script src="harness.js"></script></head>
<body style="margin:0;background:#f6f8fa"></body></html>`;
	const server = await startStaticServer({
		mounts: {},
		files: {
			'/harness/': { body: html, type: 'text/html; charset=utf-8' },
			'/harness/harness.js': { body: code, type: 'text/javascript; charset=utf-8' }
		}
	});
	return { ...server, url: `${server.origin}/harness/` };
}
