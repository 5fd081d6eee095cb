// Issue 5, guarantee 3 and 4 in the browser: a file whose customer ids, product, category and
// region values and one header name are HTML/script/formula payloads (tests/fixtures/hostile/
// xss.csv). Every analysis runs; no dialog opens, no element or event-handler attribute is
// injected, the payloads show as text, a downloaded SVG holds them only escaped, and CSV exports
// neutralise formula cells. Then an empty file and a renamed workbook are refused and the app
// recovers. Hooks: load-status, file-input, load-summary, problem, analysis-*, download-*.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { SECTIONS, parseCsv, waitForAnalyses, waitForLoad } from './helpers/app';
import { REPO_ROOT } from './helpers/static-server.mjs';
import { XSS } from '../fixtures/hostile/make.mjs';

const HOSTILE = join(REPO_ROOT, 'tests/fixtures/hostile');

let session: BrowserSession;
const dialogs: string[] = [];

beforeAll(async () => {
	session = await launchBrowser();
	session.page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
});

afterAll(async () => {
	await session?.close();
});

/** Elements that could run script: inline scripts, on* attributes, javascript: links, iframes. */
function injected(page: BrowserSession['page']): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('*')]
			.filter(
				(el) =>
					(el.tagName === 'SCRIPT' && !el.hasAttribute('src')) ||
					['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) ||
					[...el.attributes].some(
						(a) =>
							/^on/i.test(a.name) ||
							(/^(href|src|xlink:href|action)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
					)
			)
			.map((el) => el.outerHTML.slice(0, 120))
	);
}

/** True if `xml` has a tag named script/img/iframe or any on* attribute (i.e. live markup). */
function liveMarkup(xml: string): boolean {
	return /<(script|img|iframe|foreignObject)\b/i.test(xml) || /<[^>]*\son\w+\s*=/i.test(xml);
}

describe('hostile values in the browser', () => {
	it('loads xss.csv: every analysis runs, nothing runs or is injected, payloads show as text', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		expect(await injected(page)).toEqual([]);
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'xss.csv'));
		expect(await waitForLoad(page, { loaded: 8 })).toEqual({
			state: 'ready',
			loaded: 8,
			rejected: 0
		});
		await waitForAnalyses(page);
		await page.waitForTimeout(300); // an onerror/onload would fire by now
		expect(dialogs).toEqual([]);
		expect(await injected(page)).toEqual([]);
		// The hostile header is listed as text in the load summary; values show in the page text.
		expect(await page.getByTestId('load-summary').textContent()).toContain(`region ${XSS.img}`);
		const text = await page.evaluate(() => document.body.innerText);
		expect(text).toContain(XSS.script);
	});

	it('downloads charts as SVG with the payloads only as escaped text', async () => {
		const { page } = session;
		// Break down by the region column, whose header is a payload: it becomes the chart title.
		await page
			.getByTestId('breakdown-dimension')
			.selectOption('orders:region_img_src_x_onerror_alert_1');
		await waitForAnalyses(page);
		const ids = SECTIONS.map((id) => `download-svg-${id}`);
		let escaped = 0;
		for (const id of ids) {
			const file = await download(page, page.getByTestId(id));
			const xml = file.bytes.toString('utf8');
			expect(liveMarkup(xml), id).toBe(false);
			if (xml.includes('&lt;script&gt;') || xml.includes('&lt;img')) escaped++;
		}
		// The breakdown's title names the hostile header, escaped.
		expect(escaped).toBeGreaterThan(0);

		// Category values are payloads: as axis tick labels they must be text as well.
		await page.getByTestId('breakdown-dimension').selectOption('orders:category');
		await waitForAnalyses(page);
		expect(await injected(page)).toEqual([]);
		const xml = (await download(page, page.getByTestId('download-svg-breakdown'))).bytes.toString(
			'utf8'
		);
		expect(liveMarkup(xml)).toBe(false);
		expect(xml).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
		expect(xml).toContain('&lt;svg onload=alert(4)&gt;');
		expect(dialogs).toEqual([]);
	});

	it('neutralises formula cells in CSV exports and keeps them UTF-8 with BOM', async () => {
		const { page } = session;
		const formulaStart = (cells: string[]) => cells.filter((c) => /^[=+\-@\t\r]/.test(c));
		// The channel column holds =HYPERLINK(…), +cmd|…, @SUM(…): the breakdown lists them.
		await page.getByTestId('breakdown-dimension').selectOption('orders:channel');
		await waitForAnalyses(page);
		const breakdown = parseCsv(
			(await download(page, page.getByTestId('download-csv-breakdown').first())).bytes
		);
		expect(breakdown.bom).toBe(true);
		const cells = [...breakdown.header, ...breakdown.rows.flat()];
		expect(formulaStart(cells)).toEqual([]);
		for (const payload of [XSS.hyperlink, XSS.plus, XSS.at]) expect(cells).toContain(`'${payload}`);

		// Customer ids are payloads too (the list of the first RFM segment).
		const customers = parseCsv(
			(await download(page, page.getByTestId('download-customers-rfm'))).bytes
		);
		expect(customers.bom).toBe(true);
		expect(customers.rows.length).toBeGreaterThan(0);
		expect(formulaStart(customers.rows.flat())).toEqual([]);
	});

	it('hover tips, axis labels and legends show the payloads as text', async () => {
		const { page } = session;
		// Break down by category: its bars are labelled with payload values.
		await page.getByTestId('breakdown-dimension').selectOption('orders:category');
		await waitForAnalyses(page);
		const chart = page.getByTestId('chart-breakdown');
		const tips: string[] = [];
		// Hover the marks of every chart (bars, cells, dots, areas): Plot draws its tip then.
		for (const id of SECTIONS) {
			const marks = page.locator(
				`[data-testid="chart-${id}"] svg g:is([aria-label="bar"], [aria-label="cell"], [aria-label="dot"], [aria-label="area"]) > :is(rect, circle, path)`
			);
			const n = Math.min(await marks.count(), 5);
			for (let i = 0; i < n; i++) {
				await marks
					.nth(i)
					.hover({ timeout: 2000 })
					.catch(() => undefined);
				const tip = page.locator(`[data-testid="chart-${id}"] g[aria-label="tip"]`);
				tips.push(...(await tip.allTextContents()));
			}
		}
		await page.waitForTimeout(200);
		expect(await injected(page)).toEqual([]);
		expect(dialogs).toEqual([]);
		// At least one tip showed a payload, literally (as text, not as an element).
		const shown = tips.join('\n');
		expect(shown).toContain(XSS.script);
		expect(shown).toContain(XSS.img);
		expect(shown).not.toContain('fillOpacity');
		const ticks = await chart.locator('svg [aria-label$="tick label"] text').allTextContents();
		expect(ticks.join('\n')).toContain(XSS.script);
		// Legends (swatches and ramps) are ours or the data's text, never markup.
		const legendHtml = await page.evaluate(() =>
			[...document.querySelectorAll('[class*="-swatches"], [class*="-ramp"]')]
				.map((el) => el.innerHTML)
				.join('\n')
		);
		expect(liveMarkup(legendHtml)).toBe(false);
	});

	it('serialises the PNG export from an SVG without live elements', async () => {
		const { page } = session;
		// svgToPng draws the SVG text through a blob: URL: record what goes into it.
		await page.evaluate(() => {
			const w = window as unknown as { __svgBlobs: Promise<string>[] };
			w.__svgBlobs = [];
			const create = URL.createObjectURL.bind(URL);
			URL.createObjectURL = (obj: Blob | MediaSource) => {
				if (obj instanceof Blob && obj.type.startsWith('image/svg')) w.__svgBlobs.push(obj.text());
				return create(obj);
			};
		});
		const png = await download(page, page.getByTestId('download-png-breakdown'));
		expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		const svgs = await page.evaluate(() =>
			Promise.all((window as unknown as { __svgBlobs: Promise<string>[] }).__svgBlobs)
		);
		expect(svgs.length).toBeGreaterThan(0);
		for (const xml of svgs) expect(liveMarkup(xml)).toBe(false);
		expect(svgs.join('')).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
		expect(dialogs).toEqual([]);
	});

	it('shows payloads as text in the data profile and on the mapping screen', async () => {
		const { page } = session;
		const profile = (await page.getByTestId('load-summary').textContent()) ?? '';
		for (const p of [XSS.img, XSS.script, XSS.svg, XSS.js, XSS.emoji]) expect(profile).toContain(p);
		await page.getByTestId('edit-mapping').click();
		const mapping = page.getByTestId('mapping-panel');
		await mapping.waitFor();
		const text = (await mapping.textContent()) ?? '';
		expect(text).toContain(`region ${XSS.img}`);
		expect(text).toContain(XSS.script);
		// Column names are <option> labels: text too.
		const options = await page.getByTestId('map-customer_id').locator('option').allTextContents();
		expect(options.join('\n')).toContain(`region ${XSS.img}`);
		expect(await injected(page)).toEqual([]);
		await page.getByTestId('confirm-mapping').click();
		await waitForAnalyses(page);
		expect(dialogs).toEqual([]);
	});

	it('lists and downloads rejected rows holding payloads as inert text', async () => {
		const { page } = session;
		// Line 3: a payload as order date (not a date); line 4: a ragged record with payloads.
		const bad = [
			'customer_id,order_date,amount,product',
			`C1,2024-01-05,10,${XSS.emoji}`,
			`C2,"${XSS.img}",20,x`,
			`C3,2024-01-07,30,"${XSS.script}",${XSS.svg},"=HYPERLINK(""http://evil.example"")"`,
			'C4,2024-01-08,40,tea'
		].join('\n');
		await page.getByTestId('file-input').setInputFiles({
			name: 'rejects.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(bad)
		});
		expect(await waitForLoad(page, { loaded: 2 })).toEqual({
			state: 'ready',
			loaded: 2,
			rejected: 2
		});
		const summary = (await page.getByTestId('load-summary').textContent()) ?? '';
		expect(summary).toContain(XSS.script);
		expect(await injected(page)).toEqual([]);
		const ragged = parseCsv(
			(await download(page, page.getByTestId('download-rejects-orders'))).bytes
		);
		expect(ragged.bom).toBe(true);
		const rawCell = ragged.rows[0]![ragged.header.indexOf('raw')]!;
		expect(rawCell).toContain(XSS.script);
		expect(ragged.rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
		const typed = parseCsv(
			(await download(page, page.getByTestId('typing-rejects').getByRole('button'))).bytes
		);
		expect(typed.rows.flat().join('\n')).toContain(XSS.img);
		expect(dialogs).toEqual([]);
	});

	it('names a hostile file name in a problem message as text', async () => {
		const { page } = session;
		await page.getByTestId('file-input').setInputFiles({
			name: `${XSS.img}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.alloc(0)
		});
		await waitForLoad(page, { states: ['error'] });
		const problem = page.getByTestId('problem');
		await expect.poll(() => problem.textContent()).toContain(`${XSS.img}.csv`);
		expect(await problem.locator('img').count()).toBe(0);
		expect(await injected(page)).toEqual([]);
		expect(dialogs).toEqual([]);
	});

	it('keeps the layout with very long, RTL and emoji values', async () => {
		const { page } = session;
		const long = `${'W'.repeat(3000)}${XSS.rtl}${XSS.emoji}`;
		const lines = ['customer_id,order_date,amount,category,region'];
		for (let i = 0; i < 12; i++) {
			lines.push(`"${long}${i}",2024-0${1 + (i % 6)}-10,${10 + i},"${long}",${XSS.rtl}`);
		}
		await page.getByTestId('file-input').setInputFiles({
			name: `${'long-name-'.repeat(30)}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.from(lines.join('\n'))
		});
		await waitForLoad(page, { loaded: 12 });
		await page.getByTestId('breakdown-dimension').selectOption('orders:category');
		await waitForAnalyses(page);
		expect(await injected(page)).toEqual([]);
		// Nothing is wider than the window: long values wrap or are cut, they do not stretch the page.
		const overflow = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			wide: [...document.querySelectorAll('main *')]
				.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.filter((el) => !el.closest('.table-wrap, [class*="scroll"], svg'))
				.slice(0, 5)
				.map((el) => `${el.tagName}.${el.className}`)
		}));
		await screenshot(page, 'hostile-long-values');
		expect(overflow).toEqual({ page: 0, wide: [] });
	});

	it('refuses an empty file and a renamed workbook with a message, then loads again', async () => {
		const { page } = session;
		const input = page.getByTestId('file-input');
		const problem = page.getByTestId('problem');
		await input.setInputFiles(join(HOSTILE, 'empty.csv'));
		expect((await waitForLoad(page, { states: ['error'] })).state).toBe('error');
		await expect.poll(() => problem.textContent()).toContain('empty.csv');

		await input.setInputFiles(join(HOSTILE, 'xlsx-renamed.csv'));
		await expect.poll(() => problem.textContent()).toMatch(/xlsx-renamed\.csv.*Excel/);

		await input.setInputFiles({
			name: 'again.csv',
			mimeType: 'text/csv',
			buffer: await readFile(join(HOSTILE, 'xss.csv'))
		});
		expect((await waitForLoad(page, { loaded: 8 })).state).toBe('ready');
		await waitForAnalyses(page);
		expect(await problem.count()).toBe(0);
		expect(await injected(page)).toEqual([]);
	});

	it('stayed on its origin, without dialogs or page errors', () => {
		expect(dialogs).toEqual([]);
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
