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
