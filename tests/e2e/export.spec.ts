// Exports of the overview chart in the running app, its data loaded through ?data= from a
// same-origin URL (the app refuses other origins; load.spec.ts tests the refusal).
// Hooks: ?data=URL, [data-testid="load-status"][data-state][data-rows-loaded],
// [data-testid="analysis-overview"], [data-testid="chart-overview"] (holds the figure),
// download-svg-overview, download-png-overview, download-csv-overview (DESIGN.md §5). Then a file
// with control characters in its categories (file-input, breakdown-dimension,
// download-svg-breakdown, download-png-breakdown).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	screenshot,
	waitForState,
	type BrowserSession
} from './helpers/browser';
import { hasUtf8Bom, pngSize } from './helpers/files';
import { inspectSvg } from './helpers/svg';
import { waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;
let dataUrl: string;

beforeAll(async () => {
	session = await launchBrowser();
	// tests/e2e/fixtures/orders-small.csv: 12 orders, 6 customers, one month each Jan–Jun 2024.
	dataUrl = `${inject('fixturesUrl')}orders-small.csv`;
	await session.page.goto(`${inject('appUrl')}?data=${encodeURIComponent(dataUrl)}`);
	const { page } = session;
	const states = ['ready', 'error', 'mapping'];
	expect(await waitForState(page, 'load-status', states, 40_000)).toBe('ready');
	expect(await page.getByTestId('load-status').getAttribute('data-rows-loaded')).toBe('12');
	await page.getByTestId('chart-overview').locator('figure').first().waitFor({ timeout: 15_000 });
});

afterAll(async () => {
	await session?.close();
});

describe('overview exports', () => {
	it('downloads a valid standalone SVG of the chart', async () => {
		const section = session.page.getByTestId('analysis-overview');
		const file = await download(session.page, section.getByTestId('download-svg-overview'));
		expect(file.filename).toMatch(/\.svg$/);
		const svg = await inspectSvg(session.page, file.bytes.toString('utf8'));
		expect(svg.error).toBe('');
		expect(svg.valid).toBe(true);
		expect(svg.background).toBe('white');
		const figureWidth = await section
			.getByTestId('chart-overview')
			.locator('figure')
			.evaluate((f) => f.getBoundingClientRect().width);
		expect(svg.width).toBe(Math.ceil(figureWidth));
		expect(svg.texts.length).toBeGreaterThan(5); // title, ticks, note
	});

	it('downloads a PNG at twice the size of the SVG', async () => {
		const section = session.page.getByTestId('analysis-overview');
		const svgFile = await download(session.page, section.getByTestId('download-svg-overview'));
		const svg = await inspectSvg(session.page, svgFile.bytes.toString('utf8'));
		const png = await download(session.page, section.getByTestId('download-png-overview'));
		expect(png.filename).toMatch(/\.png$/);
		expect(pngSize(png.bytes)).toEqual({ width: svg.width * 2, height: svg.height * 2 });
	});

	it('downloads a CSV with BOM, a header and one row per month shown', async () => {
		const section = session.page.getByTestId('analysis-overview');
		const file = await download(session.page, section.getByTestId('download-csv-overview'));
		expect(file.filename).toMatch(/\.csv$/);
		expect(hasUtf8Bom(file.bytes)).toBe(true);
		const lines = file.bytes.subarray(3).toString('utf8').split('\r\n');
		expect(lines.at(-1)).toBe(''); // ends with CRLF
		const [header, ...rows] = lines.slice(0, -1);
		expect(header?.split(',').length).toBeGreaterThanOrEqual(2);
		expect(rows).toHaveLength(6);
		await screenshot(session.page, 'export-overview-app');
	});

	// Issue 13 item 10: XML 1.0 forbids these characters even as &#…; references, so a category
	// holding one made the SVG unparsable and the PNG export (which parses and draws it) fail.
	it('exports SVG and PNG of a chart whose categories hold VT, ESC, SOH and U+FFFE', async () => {
		const { page } = session;
		const categories = ['tea\vcup', '\u001b[31mred', '\u0001start', 'mug\uFFFEbig'];
		const lines = ['customer_id,order_date,amount,category'];
		categories.forEach((c, i) => {
			lines.push(
				`C${i},2024-01-0${i + 1},${10 + i},${c}`,
				`D${i},2024-02-0${i + 1},${20 + i},${c}`
			);
		});
		// Ordinary rows keep the share of control characters under the loader's 2 % "not text" limit.
		for (let i = 10; i < 40; i++) lines.push(`E${i},2024-03-${i - 9},${i},plain`);
		await page.getByTestId('file-input').setInputFiles({
			name: 'control-characters.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(lines.join('\n') + '\n')
		});
		expect((await waitForLoad(page, { loaded: 38 })).state).toBe('ready');
		await page.getByTestId('breakdown-dimension').selectOption('orders:category');
		await waitForAnalyses(page);
		const section = page.getByTestId('analysis-breakdown');
		const svgFile = await download(page, section.getByTestId('download-svg-breakdown'));
		const xml = svgFile.bytes.toString('utf8');
		const svg = await inspectSvg(page, xml);
		expect(svg.error).toBe('');
		expect(svg.valid).toBe(true);
		// The labels are there, without the forbidden characters.
		for (const label of ['teacup', '[31mred', 'start', 'mugbig']) {
			expect(
				svg.texts.some((t) => t.startsWith(label)),
				label
			).toBe(true);
		}
		// eslint-disable-next-line no-control-regex -- the characters XML forbids
		expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
		const png = await download(page, section.getByTestId('download-png-breakdown'));
		expect(png.filename).toMatch(/\.png$/);
		expect(pngSize(png.bytes)).toEqual({ width: svg.width * 2, height: svg.height * 2 });
	});

	it('fetched nothing but the app and the ?data= file; no page errors', () => {
		assertSameOrigin(session.requests, inject('appOrigin'));
		expect(session.requests).toContain(dataUrl);
		assertNoPageErrors(session);
	});
});
