// renderChart, chartToSvg, chartToPng and downloadBlob in real Chromium, under the app's CSP, on a
// page of their own (see helpers/harness.ts), so export works before and apart from the app UI.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	SCREENSHOT_DIR,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { hasUtf8Bom, pngSize } from './helpers/files';
import { HARNESS_GLOBAL, startHarness, type Harness } from './helpers/harness';
import { inspectSvg } from './helpers/svg';

let session: BrowserSession;
let harness: Awaited<ReturnType<typeof startHarness>>;

declare global {
	interface Window {
		[HARNESS_GLOBAL]: Harness;
		/** The figure the last test rendered. */
		figure?: HTMLElement;
	}
}

beforeAll(async () => {
	[harness, session] = await Promise.all([startHarness(), launchBrowser()]);
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	await session.page.goto(harness.url);
	await session.page.waitForFunction((name) => name in window, HARNESS_GLOBAL);
});

afterAll(async () => {
	await session?.close();
	await harness?.close();
});

const TITLE = '月度收入 <b>& "Revenue"</b>';
const NOTE = 'Source: orders.csv · as of 2024-12-31';

/** Renders the overview chart of 6 months into the page; returns its on-screen size. */
async function renderOverview(width: number) {
	return session.page.evaluate(
		({ title, note, width }) => {
			const { renderChart, revenueByMonthSpec } = window.clienteleExportHarness;
			document.body.replaceChildren();
			const rows = ['01', '02', '03', '04', '05', '06'].map((m, i) => ({
				month: `2024-${m}-01`,
				revenue: 1000 * (i + 1) + 0.5,
				orders: 10 + i,
				customers: 5 + i
			}));
			const labels = { month: '月份', revenue: '收入', orders: '订单', customers: '客户' };
			const format = (n: number) => `¥${Math.round(n).toLocaleString('zh-CN')}`;
			const spec = revenueByMonthSpec(rows, { width, labels, format });
			const figure = renderChart(spec, { title, note, width, locale: 'zh-CN' });
			document.body.append(figure);
			window.figure = figure;
			const r = figure.getBoundingClientRect();
			return { width: r.width, height: r.height, html: figure.innerHTML };
		},
		{ title: TITLE, note: NOTE, width }
	);
}

describe('renderChart', () => {
	it('builds a figure with title, plot and note, all text as text', async () => {
		const shown = await renderOverview(720);
		expect(shown.width).toBe(720);
		const parts = await session.page.evaluate(() => {
			const f = window.figure!;
			return {
				title: f.querySelector('.chart-title')?.textContent,
				note: f.querySelector('.chart-note')?.textContent,
				injected: f.querySelectorAll('.chart-title b').length,
				plots: f.querySelectorAll('.chart-plot svg.clientele-plot').length,
				lang: f.lang
			};
		});
		expect(parts).toEqual({ title: TITLE, note: NOTE, injected: 0, plots: 1, lang: 'zh-CN' });
		await screenshot(session.page, 'export-modules-overview');
	});

	it('widens the left margin for long ordinal labels and shortens those beyond the cap', async () => {
		const result = await session.page.evaluate(() => {
			const { renderChart, Plot } = window.clienteleExportHarness;
			document.body.replaceChildren();
			const data = [
				{ segment: 'Champions', n: 120 },
				{ segment: 'Potential Loyalists', n: 80 },
				{ segment: 'Kunden, die wir nicht verlieren dürfen — und noch viel mehr Text dazu', n: 12 }
			];
			const spec = { marks: [Plot.barX(data, { x: 'n', y: 'segment' })] };
			const figure = renderChart(spec, { title: 'Segments', note: 'n', width: 800, locale: 'de' });
			document.body.append(figure);
			const svg = figure.querySelector('svg.clientele-plot')!;
			const left = svg.getBoundingClientRect().left;
			const labels = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map(
				(t) => ({ text: t.textContent ?? '', left: t.getBoundingClientRect().left - left })
			);
			return { labels };
		});
		expect(result.labels).toHaveLength(3);
		for (const label of result.labels) expect(label.left).toBeGreaterThanOrEqual(0);
		// Wider than Plot's default 40 px margin, so it would be clipped without the fix.
		expect(result.labels.map((l) => l.text)).toContain('Potential Loyalists');
		const longest = result.labels.find((l) => l.text.startsWith('Kunden'));
		expect(longest?.text.endsWith('…')).toBe(true);
	});
});

describe('chartToSvg', () => {
	it('writes one valid standalone SVG with background, title, axis labels and note', async () => {
		await renderOverview(720);
		const text = await session.page.evaluate(() =>
			window.clienteleExportHarness.chartToSvg(window.figure!)
		);
		expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(text).toContain('&lt;b&gt;&amp; "Revenue"&lt;/b&gt;');
		const svg = await inspectSvg(session.page, text);
		expect(svg.error).toBe('');
		expect(svg.valid).toBe(true);
		expect(svg.width).toBe(720);
		expect(svg.height).toBeGreaterThan(250);
		expect(svg.background).toBe('white');
		expect(svg.hasStyleElement).toBe(false);
		expect(svg.texts[0]).toBe(TITLE);
		expect(svg.texts.at(-1)).toBe(NOTE);
		expect(svg.texts).toContain('¥6,000'); // a y tick, in the caller's format
		expect(text).not.toContain('aria-label="tip"');
	});

	it('draws swatch legends as SVG rects and labels', async () => {
		const text = await session.page.evaluate(() => {
			const { renderChart, chartToSvg, Plot } = window.clienteleExportHarness;
			document.body.replaceChildren();
			const data = [
				{ stage: 'New', n: 5 },
				{ stage: 'Loyal', n: 9 },
				{ stage: 'Churned', n: 3 }
			];
			const spec = {
				color: { legend: true },
				marks: [Plot.barY(data, { x: 'stage', y: 'n', fill: 'stage' })]
			};
			const figure = renderChart(spec, { title: 'Stages', note: 'n', width: 600, locale: 'en' });
			document.body.append(figure);
			return chartToSvg(figure);
		});
		const svg = await inspectSvg(session.page, text);
		expect(svg.valid).toBe(true);
		const legendLabels = svg.texts.slice(1, 4);
		expect(legendLabels).toEqual(['Churned', 'Loyal', 'New']); // Plot sorts the domain
		// The swatch squares: nested <svg> with a filled rect each.
		expect(text.match(/<svg [^>]*overflow="visible"[^>]*><rect/g)?.length).toBe(3);
	});

	it('keeps a ramp legend (continuous colour) with its tick labels', async () => {
		const text = await session.page.evaluate(() => {
			const { renderChart, chartToSvg, Plot } = window.clienteleExportHarness;
			document.body.replaceChildren();
			const data = Array.from({ length: 25 }, (_, i) => ({
				r: 1 + (i % 5),
				f: 1 + Math.floor(i / 5),
				share: i / 24
			}));
			const spec = {
				color: { legend: true, scheme: 'blues' as const, label: 'Share' },
				marks: [Plot.cell(data, { x: 'f', y: 'r', fill: 'share' })]
			};
			const figure = renderChart(spec, { title: 'RFM', note: 'n', width: 500, locale: 'en' });
			return chartToSvg(figure); // detached: measured off-screen, then left detached
		});
		const svg = await inspectSvg(session.page, text);
		expect(svg.valid).toBe(true);
		expect(svg.texts).toContain('Share');
		expect(text).toContain('<image');
		expect(await session.page.evaluate(() => document.body.children.length)).toBe(0);
	});
});

describe('chartToPng', () => {
	it('rasterises the SVG at exactly twice its size, with the chart drawn', async () => {
		await renderOverview(720);
		const out = await session.page.evaluate(async () => {
			const { chartToPng, chartToSvg } = window.clienteleExportHarness;
			const figure = window.figure!;
			const svgText = chartToSvg(figure);
			const blob = await chartToPng(figure);
			const bytes = [...new Uint8Array(await blob.arrayBuffer())];
			// Count non-white pixels of the decoded PNG: the bars and text must be there.
			const bitmap = await createImageBitmap(blob);
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(bitmap, 0, 0);
			const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
			let ink = 0;
			let blue = 0;
			for (let i = 0; i < px.length; i += 4) {
				if (px[i]! < 240 || px[i + 1]! < 240 || px[i + 2]! < 240) ink++;
				if (px[i + 2]! > 150 && px[i]! < 120) blue++;
			}
			return { type: blob.type, bytes, ink, blue, svgText };
		});
		expect(out.type).toBe('image/png');
		const svg = await inspectSvg(session.page, out.svgText);
		const size = pngSize(new Uint8Array(out.bytes));
		expect(size).toEqual({ width: svg.width * 2, height: svg.height * 2 });
		expect(size.width).toBe(1440);
		expect(out.blue).toBeGreaterThan(10_000); // six bars in #4269d0
		expect(out.ink).toBeGreaterThan(out.blue);
		await writeFile(join(SCREENSHOT_DIR, 'export-overview.png'), new Uint8Array(out.bytes));
		await writeFile(join(SCREENSHOT_DIR, 'export-overview.svg'), out.svgText);
	});
});

describe('downloadBlob', () => {
	it('downloads a CSV with a sanitised name and the BOM', async () => {
		const file = await download(session.page, () =>
			session.page.evaluate(() => {
				const { downloadBlob, csvBlob, toCsv } = window.clienteleExportHarness;
				const csv = toCsv(
					[
						{ key: 'c', label: '客户' },
						{ key: 'v', label: 'value' }
					],
					[{ c: '=HYPERLINK("x")', v: -2.5 }]
				);
				downloadBlob(csvBlob(csv), 'rfm/segments: 2024.csv');
			})
		);
		expect(file.filename).toBe('rfm_segments_ 2024.csv');
		expect(hasUtf8Bom(file.bytes)).toBe(true);
		expect(file.bytes.subarray(3).toString('utf8')).toBe(
			'客户,value\r\n"\'=HYPERLINK(""x"")",-2.5\r\n'
		);
	});

	it('left no page errors and made no request off the harness origin', () => {
		assertNoPageErrors(session);
		expect(session.consoleErrors).toEqual([]);
		assertSameOrigin(session.requests, harness.origin);
	});
});
