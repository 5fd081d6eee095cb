// Issue 20 in the browser: the report of the sample. The downloaded HTML opens in a fresh context
// with JavaScript off and every request refused: each section's heading, its charts as inline
// <svg> and its table are there, no request is made beyond the file, and the KPI numbers are the
// dashboard's. The report page prints to PDF (Chromium's page.pdf) and pdftotext finds every
// heading, at most two pages a section; pdftoppm pages are written for a look, in English and
// Chinese. Copy PNG puts an image on the clipboard (or downloads it), the notebook downloads its
// cells as a report, and a hostile file's report runs nothing.
// Hooks: open-report, report-view (data-state), report-include-<id>, report-title, report-note,
// download-report-html, print-report, copy-png-<name>, copy-status-<name>,
// download-notebook-report.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/lib/chromium.mjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	SCREENSHOT_DIR,
	assertNoPageErrors,
	download,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { SECTIONS, waitForAnalyses, waitForLoad } from './helpers/app';
import { REPO_ROOT } from './helpers/static-server.mjs';

const HOSTILE = join(REPO_ROOT, 'tests/fixtures/hostile');
let session: BrowserSession;
let page: Page;
/** A second, plain browser for opening the downloaded files in fresh contexts. */
let reader: Browser;
const dialogs: string[] = [];

function hasTool(tool: string): boolean {
	try {
		execFileSync(tool, ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}
const POPPLER = hasTool('pdftotext') && hasTool('pdftoppm');
if (!POPPLER && process.env['CI']) {
	throw new Error('pdftotext/pdftoppm (poppler-utils) missing under CI: run scripts/setup.sh');
}

beforeAll(async () => {
	session = await launchBrowser();
	reader = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [...CHROMIUM_ARGS]
	});
	page = session.page;
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: inject('appOrigin')
	});
	await page.goto(`${inject('appUrl')}?sample&lang=en`);
	await waitForLoad(page);
	await waitForAnalyses(page);
});

afterAll(async () => {
	await reader?.close();
	await session?.close();
});

/** Opens the report tab and waits until it has read the dashboard. */
async function openReport(): Promise<void> {
	await page.getByTestId('open-report').click();
	await page
		.locator('[data-testid="report-view"][data-state="ready"]')
		.waitFor({ timeout: 60_000 });
}

/** The report file opened in a fresh context: no JavaScript, every request refused and counted. */
async function openOffline(html: string) {
	const dir = await mkdtemp(join(tmpdir(), 'clientele-report-'));
	const file = join(dir, 'report.html');
	await writeFile(file, html);
	const context = await reader.newContext({ javaScriptEnabled: false });
	const requests: string[] = [];
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (url === `file://${file}`) return route.continue();
		requests.push(url);
		return route.abort();
	});
	const offline = await context.newPage();
	const errors: string[] = [];
	offline.on('pageerror', (e) => errors.push(e.message));
	offline.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await offline.goto(`file://${file}`);
	return { offline, requests, errors, file, close: () => context.close() };
}

/** The dashboard's KPI values, by tile key. */
async function dashboardKpis(): Promise<string[]> {
	return page.locator('[data-testid="kpi-tiles"] .tile .value').allTextContents();
}

function pdfText(pdf: string): string {
	return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

function pdfPages(pdf: string): number {
	const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
	return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** Prints the report view to PDF, checks headings and page count, writes page images. */
async function printAndCheck(lang: 'en' | 'zh'): Promise<void> {
	const titles = await page
		.locator('[data-testid="report-document"] .r-section > h2')
		.allTextContents();
	// Every section the dashboard shows (the helper's list, and any registered since).
	expect(titles.length).toBeGreaterThanOrEqual(SECTIONS.length);
	const pdf = join(SCREENSHOT_DIR, `report-${lang}.pdf`);
	await page.emulateMedia({ media: 'print' });
	await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	if (!POPPLER) {
		console.warn('report.spec: poppler-utils missing, the PDF is not read back (not under CI)');
		return;
	}
	// Each heading is a line of its own on the page its section starts (page 1 is the cover:
	// title, scope, contents); compared without spaces, which pdftotext may add or drop.
	const squeeze = (t: string) => t.replace(/\s+/g, '');
	const pages = pdfText(pdf)
		.split('\f')
		.map((p) => p.split('\n').map(squeeze));
	expect(pages.at(-1)?.join('')).toBe(''); // pdftotext ends with a form feed
	const count = pdfPages(pdf);
	expect(count).toBe(pages.length - 1);
	// Page numbers in the bottom margin ("2 / 12").
	expect(pages[1]!.join('')).toContain(`2/${count}`);
	const starts = titles.map((t) => {
		const page = pages.findIndex((lines, i) => i > 0 && lines.includes(squeeze(t)));
		expect(page, `heading "${t}" in the PDF`).toBeGreaterThan(0);
		return page;
	});
	// In order, and at most two pages a section.
	for (const [i, start] of starts.entries()) {
		const end = starts[i + 1] ?? count;
		expect(end - start, `pages of "${titles[i]}"`).toBeGreaterThan(0);
		expect(end - start, `pages of "${titles[i]}"`).toBeLessThanOrEqual(2);
	}
	execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(SCREENSHOT_DIR, `report-${lang}-page`)]);
}

describe('the report of the sample', () => {
	it('shows every section in the report view, with charts, tables and takeaways', async () => {
		const kpis = await dashboardKpis();
		await openReport();
		const doc = page.getByTestId('report-document');
		for (const id of SECTIONS) {
			const section = doc.locator(`.r-section[data-section="${id}"]`);
			expect(await section.count(), id).toBe(1);
			expect(await section.locator('svg').count(), `${id} chart`).toBeGreaterThan(0);
			expect(await section.locator('.r-takeaway').count(), `${id} takeaway`).toBe(1);
			expect(await section.locator('.r-method').count(), `${id} method`).toBe(1);
		}
		expect(await doc.locator('.r-kpis dd').allTextContents()).toEqual(kpis);
		// The breakdown's takeaway names its top group as the table does (a segment by its name).
		const breakdown = doc.locator('.r-section[data-section="breakdown"]');
		const top = /^(.+) brings the most revenue/.exec(
			(await breakdown.locator('.r-takeaway').textContent()) ?? ''
		)?.[1];
		expect(await breakdown.locator('tbody td:first-child').allTextContents()).toContain(top);
		expect(await doc.locator('.r-scope dd').first().textContent()).toContain('orders.csv');
		await screenshot(page, 'report-view-en');
	});

	it('downloads one HTML file that opens offline: no script, no request, the same numbers', async () => {
		await page.getByTestId('report-title').fill('Quarterly <b>review</b>');
		await page.getByTestId('report-note').fill('Shared with the <i>team</i>.\n\nSecond paragraph.');
		const kpis = await page.locator('[data-testid="report-document"] .r-kpis dd').allTextContents();
		const tables = await page.evaluate(
			(ids) =>
				Object.fromEntries(
					ids.map((id) => [id, document.querySelector(`#analysis-${id} table`) !== null])
				),
			[...SECTIONS]
		);
		const file = await download(page, page.getByTestId('download-report-html'));
		expect(file.filename).toBe('Quarterly _b_review_b_.html');
		const html = file.bytes.toString('utf8');
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
		expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:|\/\/)/i);
		const { offline, requests, errors, close } = await openOffline(html);
		try {
			expect(await offline.title()).toBe('Quarterly <b>review</b>');
			expect(await offline.locator('h1').textContent()).toBe('Quarterly <b>review</b>');
			expect(await offline.locator('.r-note p').count()).toBe(2);
			expect(await offline.locator('b, i').count()).toBe(0);
			for (const id of SECTIONS) {
				const section = offline.locator(`.r-section[data-section="${id}"]`);
				expect(await section.locator('h2').count(), id).toBe(1);
				expect(await section.locator('svg').count(), `${id} svg`).toBeGreaterThan(0);
				// A table wherever the dashboard's section has one (the cohort triangle is a chart).
				if (tables[id]) {
					expect(await section.locator('table tbody tr').count(), `${id} table`).toBeGreaterThan(0);
				}
			}
			expect(await offline.locator('.r-kpis dd').allTextContents()).toEqual(kpis);
			// Customer lists are attached only when asked for.
			expect(await offline.locator('a[download]').count()).toBe(0);
			// The charts are drawn: each svg has a size and marks.
			const sizes = await offline
				.locator('.r-chart > svg')
				.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
			expect(Math.min(...sizes)).toBeGreaterThan(200);
			expect(requests).toEqual([]);
			expect(errors).toEqual([]);
			await screenshot(offline, 'report-file-en');
		} finally {
			await close();
		}
	});

	it('attaches the customer lists as CSV data: URLs when asked, with a size note', async () => {
		await page.getByTestId('report-attach-lists').check();
		const note = page.getByTestId('report-attachments-size');
		await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/\d+ lists, .* MB/);
		const file = await download(page, page.getByTestId('download-report-html'));
		const { offline, requests, close } = await openOffline(file.bytes.toString('utf8'));
		try {
			const links = offline.locator('.r-attachments a[download]');
			expect(await links.count()).toBeGreaterThanOrEqual(3); // RFM, concentration, cycle, …
			const names = await links.evaluateAll((as) => as.map((a) => a.getAttribute('download')));
			expect(names).toContain('rfm-customers.csv');
			const href = (await links.first().getAttribute('href')) ?? '';
			expect(href).toMatch(/^data:text\/csv;charset=utf-8;base64,/);
			const csv = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64').toString('utf8');
			expect(csv.startsWith('\uFEFFcustomer_id,')).toBe(true);
			// Every customer of the sample with a purchase is in the RFM list.
			const rfm = await links.nth(names.indexOf('rfm-customers.csv')).getAttribute('href');
			const rows = Buffer.from(rfm!.slice(rfm!.indexOf(',') + 1), 'base64')
				.toString('utf8')
				.trim()
				.split('\r\n');
			expect(rows.length - 1).toBe(4940);
			expect(requests).toEqual([]);
		} finally {
			await close();
		}
		await page.getByTestId('report-attach-lists').uncheck();
	});

	it('unticked sections leave the report; the rest stay', async () => {
		await page.getByTestId('report-include-cohort').uncheck();
		expect(await page.locator('.r-section[data-section="cohort"]').count()).toBe(0);
		expect(await page.locator('.r-section[data-section="rfm"]').count()).toBe(1);
		await page.getByTestId('report-include-cohort').check();
		expect(await page.locator('.r-section[data-section="cohort"]').count()).toBe(1);
	});

	it('prints to PDF with every heading, at most two pages a section (English)', async () => {
		expect(await page.getByTestId('print-report').isEnabled()).toBe(true);
		await printAndCheck('en');
	});

	it('follows the language: the Chinese report, printed', async () => {
		await page.getByTestId('lang-switch').selectOption('zh');
		await page
			.locator('[data-testid="report-view"][data-state="ready"]')
			.waitFor({ timeout: 60_000 });
		await expect
			.poll(() => page.locator('[data-testid="report-document"] h2').first().textContent())
			.toBe('范围');
		const figureLangs = await page
			.locator('[data-testid="report-document"] .r-section')
			.first()
			.textContent();
		expect(figureLangs).toMatch(/[\u4e00-\u9fff]/);
		await screenshot(page, 'report-view-zh');
		await printAndCheck('zh');
		await page.getByTestId('lang-switch').selectOption('en');
	});

	it('copies a chart as PNG (or downloads it where refused)', async () => {
		await page.getByTestId('open-dashboard').click();
		const button = page.getByTestId('copy-png-rfm');
		await button.scrollIntoViewIfNeeded();
		await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
		await button.click();
		const status = page.getByTestId('copy-status-rfm');
		await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/\S/);
		const text = (await status.textContent()) ?? '';
		if (/copied/i.test(text)) {
			const png = await page.evaluate(async () => {
				const items = await navigator.clipboard.read();
				const blob = await items[0]!.getType('image/png');
				const bytes = new Uint8Array(await blob.arrayBuffer());
				return { size: blob.size, magic: Array.from(bytes.slice(1, 4)) };
			});
			expect(png.size).toBeGreaterThan(5_000);
			expect(String.fromCharCode(...png.magic)).toBe('PNG');
		} else {
			expect(text).toMatch(/downloaded/);
		}
	});

	it('copy falls back to a download when the clipboard refuses', async () => {
		await page.evaluate(() => {
			Object.defineProperty(navigator.clipboard, 'write', {
				configurable: true,
				value: () => Promise.reject(new DOMException('denied', 'NotAllowedError'))
			});
		});
		const file = await download(page, page.getByTestId('copy-png-rfm'));
		expect(file.filename).toMatch(/\.png$/);
		expect(file.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		await expect
			.poll(() => page.getByTestId('copy-status-rfm').textContent())
			.toMatch(/downloaded/);
	});

	it('downloads the notebook as a report', async () => {
		await page.getByTestId('open-in-notebook-concentration').click();
		await page.getByTestId('notebook').waitFor();
		await page.getByTestId('nb-run-all').click();
		await page
			.locator('[data-testid="notebook"] table tbody tr')
			.first()
			.waitFor({ timeout: 30_000 });
		const file = await download(page, page.getByTestId('download-notebook-report'));
		const html = file.bytes.toString('utf8');
		expect(html).not.toMatch(/<script/i);
		const { offline, requests, close } = await openOffline(html);
		try {
			expect(await offline.locator('.r-section').count()).toBeGreaterThan(0);
			expect(await offline.locator('pre.r-code').first().textContent()).toMatch(/SELECT/i);
			expect(await offline.locator('table tbody tr').count()).toBeGreaterThan(0);
			expect(requests).toEqual([]);
		} finally {
			await close();
		}
		await page.getByTestId('open-dashboard').click();
	});

	it('the report of a hostile file runs nothing and shows the payloads as text', async () => {
		// Payloads in the values, the headers and the file name.
		await page.getByTestId('file-input').setInputFiles({
			name: '<img src=x onerror=alert(5)>.csv',
			mimeType: 'text/csv',
			buffer: await readFile(join(HOSTILE, 'xss.csv'))
		});
		await waitForLoad(page, { loaded: 8 });
		await waitForAnalyses(page);
		// Broken down by category, whose values are payloads: the table and the takeaway name them.
		await page.getByTestId('breakdown-dimension').selectOption('orders:category');
		await waitForAnalyses(page);
		await openReport();
		const file = await download(page, page.getByTestId('download-report-html'));
		const html = file.bytes.toString('utf8');
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img/i);
		await writeFile(join(SCREENSHOT_DIR, 'report-hostile.html'), html);
		expect(html).toContain('&lt;img src=x onerror=alert(5)&gt;.csv');
		expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
		expect(file.filename).not.toMatch(/[<>]/);
		// A CSP-less context with JavaScript on: were anything live, it would run here.
		const dir = await mkdtemp(join(tmpdir(), 'clientele-hostile-'));
		const path = join(dir, 'report.html');
		await writeFile(path, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
		const liveContext = await reader.newContext();
		const live = await liveContext.newPage();
		live.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await live.goto(`file://${path}`);
		const active = await live.evaluate(
			() =>
				[...document.querySelectorAll('*')].filter(
					(el) =>
						['SCRIPT', 'IFRAME', 'IMG', 'OBJECT', 'EMBED'].includes(el.tagName) ||
						[...el.attributes].some((a) => /^on/i.test(a.name))
				).length
		);
		expect(active).toBe(0);
		expect(await live.locator('body').textContent()).toContain('<script>alert(2)</script>');
		await live.waitForTimeout(300);
		await liveContext.close();
		expect(dialogs).toEqual([]);
		expect(await readFile(path, 'utf8')).not.toContain('Content-Security-Policy');
		assertNoPageErrors(session);
	});
});
