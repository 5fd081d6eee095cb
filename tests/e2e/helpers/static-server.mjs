// A dependency-free static server for the built site (node:http), shared by the e2e global setup
// and scripts/screenshot.mjs. Serves dist/ under a sub-path, as GitHub Pages serves a project
// site, on 127.0.0.1 with a free port chosen by the OS.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// CLIENTELE_DIST serves another build (a second working copy's, or one built to a temp dir).
export const DIST_DIR = process.env.CLIENTELE_DIST
	? resolve(process.env.CLIENTELE_DIST)
	: join(REPO_ROOT, 'dist');
export const BASE_PATH = '/clientele/';

const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.cjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.tsv': 'text/tab-separated-values; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webmanifest': 'application/manifest+json',
	'.woff2': 'font/woff2'
};

/** @param {string} file */
export function mimeType(file) {
	return (
		MIME[/** @type {keyof typeof MIME} */ (extname(file).toLowerCase())] ??
		'application/octet-stream'
	);
}

/**
 * Start a server. `mounts` maps URL prefixes (ending in '/') to directories; the longest prefix
 * wins. A request for a directory serves its index.html; a prefix without its trailing slash
 * redirects to it (as GitHub Pages does).
 * @param {import('./static-server.d.mts').ServerOptions} options
 * @returns {Promise<import('./static-server.d.mts').RunningServer>}
 */
export async function startStaticServer({ mounts, headers = {}, files = {} }) {
	const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
	const server = createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = decodeURIComponent(url.pathname);
			const send = (status, body, type, extra = {}) => {
				res.writeHead(status, {
					'Content-Type': type,
					'Cache-Control': 'no-store',
					...headers,
					...extra
				});
				res.end(req.method === 'HEAD' ? undefined : body);
			};
			if (req.method !== 'GET' && req.method !== 'HEAD')
				return send(405, 'method not allowed', 'text/plain');
			const inMemory = files[path];
			if (inMemory !== undefined) return send(200, inMemory.body, inMemory.type);
			const slashless = prefixes.find((p) => p === `${path}/`);
			if (slashless) return send(301, '', 'text/plain', { Location: `${slashless}${url.search}` });
			const prefix = prefixes.find((p) => path.startsWith(p));
			if (!prefix) return send(404, 'not found', 'text/plain');
			const dir = resolve(mounts[prefix]);
			let file = normalize(join(dir, path.slice(prefix.length)));
			if (file !== dir && !file.startsWith(dir + sep)) return send(403, 'forbidden', 'text/plain');
			const info = await stat(file).catch(() => null);
			if (info?.isDirectory()) file = join(file, 'index.html');
			const body = await readFile(file).catch(() => null);
			if (body === null) return send(404, 'not found', 'text/plain');
			return send(200, body, mimeType(file));
		} catch (err) {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(String(err));
		}
	});
	await new Promise((ok, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => ok(undefined));
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('server has no port');
	const origin = `http://127.0.0.1:${address.port}`;
	return {
		origin,
		close: () =>
			new Promise((ok) => {
				server.closeAllConnections();
				server.close(() => ok(undefined));
			})
	};
}

/** tests/e2e/fixtures/, served same-origin beside the app when asked for. */
export const FIXTURES_DIR = join(REPO_ROOT, 'tests/e2e/fixtures');
export const FIXTURES_PATH = `${BASE_PATH}fixtures/`;

/**
 * The built app under /clientele/ (plus the repo's sample-data/ if the build did not copy it).
 * With `fixtures`, tests/e2e/fixtures/ is served under /clientele/fixtures/ too, so `?data=` tests
 * load same-origin files (the app refuses other origins: its CSP is connect-src 'self').
 * Fails with a clear message when dist/ has not been built.
 * @param {{ fixtures?: boolean }} [options]
 * @returns {Promise<import('./static-server.d.mts').RunningServer & { appUrl: string }>}
 */
export async function startAppServer({ fixtures = false } = {}) {
	if (!existsSync(join(DIST_DIR, 'index.html'))) {
		throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests.');
	}
	/** @type {Record<string, string>} */
	const mounts = { [BASE_PATH]: DIST_DIR };
	if (fixtures) mounts[FIXTURES_PATH] = FIXTURES_DIR;
	const sample = join(REPO_ROOT, 'sample-data');
	if (!existsSync(join(DIST_DIR, 'sample-data')) && existsSync(sample)) {
		mounts[`${BASE_PATH}sample-data/`] = sample;
	}
	const server = await startStaticServer({ mounts });
	return { ...server, appUrl: `${server.origin}${BASE_PATH}` };
}
