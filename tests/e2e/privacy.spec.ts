// "Customer data never leaves the browser" (DESIGN.md §1) over a whole working session: open the
// page, load the sample, let every analysis run, switch language, change a control, download
// CSVs, charts and customer lists, then work in the notebook (run RFM's cells, a query of one's
// own, a chart cell and its SVG). Afterwards no request may have gone to another origin, the CSP
// must not have had to block anything (a blocked attempt is no request, but still a leak in
// waiting), and the page must have had no uncaught errors.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, SECTIONS, kpi, waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;

declare global {
	interface Window {
		/** Filled by the init script below: every CSP violation the page reported. */
		cspViolations?: string[];
	}
}

beforeAll(async () => {
	session = await launchBrowser();
	await session.context.addInitScript(() => {
		window.cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.cspViolations?.push(`${e.violatedDirective} ${e.blockedURI}`);
		});
	});
});

afterAll(async () => {
	await session?.close();
});

it('keeps a whole session on its own origin', async () => {
	const { page } = session;
	await page.goto(inject('appUrl'));
	await page.getByTestId('load-sample').click();
	await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(page);

	await page.getByTestId('lang-switch').selectOption('zh');
	await page.getByTestId('date-from').fill('2023-01-01');
	await expect.poll(() => kpi(page, 'customers'), { timeout: 20_000 }).not.toBe(SAMPLE.customers);
	await waitForAnalyses(page, 30_000);

	const downloads = [
		...SECTIONS.map((id) => `download-csv-${id}`),
		'download-svg-rfm',
		'download-png-cohort',
		'download-customers-rfm',
		'download-customers-concentration',
		'download-customers-cycle',
		'download-rejects-orders',
		'download-csv-loyalty',
		'download-csv-feedback'
	];
	for (const testid of downloads) {
		const file = await download(page, page.getByTestId(testid).first());
		expect(file.bytes.length, testid).toBeGreaterThan(0);
	}

	// The notebook too: the RFM analysis as cells, run, and one query of its own, charted and
	// exported (issue 5, guarantee 5: load, analyse, export, notebook).
	await page.getByTestId('open-in-notebook-rfm').click();
	await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
	await page.getByTestId('nb-run-all').click();
	await page
		.locator('[data-testid^="cell-"][data-name="rfm_segments"][data-status="done"]')
		.waitFor({ timeout: 30_000 });
	await page.getByTestId('nb-add-sql').click();
	const cell = page.locator('[data-testid^="cell-"][data-kind="sql"]').last();
	await cell.locator('.cm-content').click();
	await page.keyboard.type('SELECT segment, count(*) AS n FROM rfm_customers GROUP BY segment', {
		delay: 2
	});
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+Enter');
	await cell.and(page.locator('[data-status="done"]')).waitFor({ timeout: 30_000 });
	await page.getByTestId('nb-add-chart').click();
	const chart = page.locator('[data-testid^="chart-nb-"] svg').last();
	await chart.waitFor({ timeout: 30_000 });
	const svg = await download(page, page.locator('[data-testid^="download-svg-nb-"]').last());
	expect(svg.bytes.length).toBeGreaterThan(0);

	// The sample came from the page's own origin, and DuckDB's engine too.
	expect(session.requests.some((url) => /\/clientele\/.*\.wasm(\?|$)/.test(url))).toBe(true);
	assertSameOrigin(session.requests, inject('appOrigin'));
	expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
	assertNoPageErrors(session);
	expect(session.consoleErrors).toEqual([]);
	// The whole session in one test: the sample now also runs the loyalty simulation and the
	// feedback analysis, twice (load, then the date filter), and downloads both.
}, 150_000);
