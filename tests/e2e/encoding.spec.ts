// Issue 13, item 7 in the browser: the text encoding is shown and can be chosen on the mapping
// screen. Choosing one previews the first lines in it and reads the file again in it; the load
// status and summary say which encoding was used and how many characters could not be read.
// Hooks: file-input, load-status (data-encoding, data-chars-replaced), edit-mapping,
// encoding-select, encoding-preview (data-encoding, data-replaced, data-state), replaced-chars-orders,
// map-product, confirm-mapping.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { waitForLoad } from './helpers/app';
import { REPO_ROOT } from './helpers/static-server.mjs';
import { largeCases } from '../fixtures/hostile/make.mjs';

const HOSTILE = join(REPO_ROOT, 'tests/fixtures/hostile');

let session: BrowserSession;
beforeAll(async () => {
	session = await launchBrowser();
});
afterAll(async () => {
	await session?.close();
});

const status = (page: Page, name: string) => page.getByTestId('load-status').getAttribute(name);

/**
 * Wait until the preview holds the file's first lines: it reads them asynchronously and says
 * "Reading the first lines…" (data-state="reading") until then. Read at once, the preview lost that
 * race on a busy CI machine ("Nothing to show." before the reading state existed).
 */
async function previewRead(page: Page): Promise<void> {
	await page.waitForSelector('[data-testid=encoding-preview][data-state=ready]', {
		timeout: 30_000
	});
}

/** Pick `encoding` on the mapping screen and wait until the file is read again in it. */
async function choose(page: Page, encoding: string): Promise<void> {
	await page.getByTestId('encoding-select').selectOption(encoding);
	await page.waitForFunction(
		(encoding) => {
			const el = document.querySelector('[data-testid=load-status]');
			return (
				el?.getAttribute('data-state') === 'mapping' &&
				el.getAttribute('data-encoding') === encoding &&
				document.querySelector('[data-testid=encoding-preview]')?.getAttribute('data-encoding') ===
					encoding &&
				// The screen is drawn again after the re-read; its preview lines come a moment later.
				document.querySelector('[data-testid=encoding-preview]')?.getAttribute('data-state') ===
					'ready' &&
				document.querySelector('[data-testid=encoding-preview] li:not(.muted)') !== null
			);
		},
		encoding,
		{ timeout: 30_000, polling: 100 }
	);
}

describe('the text encoding on the mapping screen', () => {
	it('reads Portuguese windows-1252 right, and reads it again in the encoding chosen', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'windows-1252-pt.csv'));
		expect((await waitForLoad(page, { loaded: 4 })).state).toBe('ready');
		expect(await status(page, 'data-encoding')).toBe('windows-1252');
		expect(await status(page, 'data-chars-replaced')).toBe('0');

		await page.getByTestId('edit-mapping').click();
		const select = page.getByTestId('encoding-select');
		const preview = page.getByTestId('encoding-preview');
		expect(await select.inputValue()).toBe('windows-1252');
		// A labelled control (keyboard users reach it by its name).
		expect(await page.getByLabel('Text encoding').getAttribute('data-testid')).toBe(
			'encoding-select'
		);
		await previewRead(page);
		expect(await preview.textContent()).toContain('Promoção');
		const examples = page.locator('tr', { has: page.getByTestId('map-product') });
		expect(await examples.textContent()).toContain('Açúcar');

		// The same bytes in GB18030: what the app used to do without a word.
		await choose(page, 'gb18030');
		expect(await preview.textContent()).toContain('Promo玢o');
		expect(await preview.textContent()).not.toContain('Promoção');
		expect(await examples.textContent()).toContain('Promo玢o');

		// And back: the data is read as it was written, and the mapping is confirmed as usual.
		await choose(page, 'windows-1252');
		expect(await preview.textContent()).toContain('Promoção');
		expect(await examples.textContent()).toContain('Açúcar');
		await page.getByTestId('confirm-mapping').click();
		expect((await waitForLoad(page, { loaded: 4 })).state).toBe('ready');
		assertNoPageErrors(session);
	});

	// Regression: the preview said "Nothing to show." while it was still reading the file's first
	// bytes (and the test above read it then, on a busy CI machine). The reading is slowed here on
	// purpose, so the in-between state is seen every time.
	it('preview-said-nothing-to-show-while-reading: it says it is reading, then shows the lines', async () => {
		const { page } = session;
		await page.addInitScript(() => {
			const read = Blob.prototype.arrayBuffer;
			Blob.prototype.arrayBuffer = function (this: Blob) {
				const slow = (window as unknown as { __slowReads?: boolean }).__slowReads;
				const out = read.call(this);
				return slow ? out.then((b) => new Promise((r) => setTimeout(() => r(b), 1500))) : out;
			};
		});
		await page.goto(inject('appUrl'));
		await page.getByTestId('file-input').setInputFiles(join(HOSTILE, 'windows-1252-pt.csv'));
		expect((await waitForLoad(page, { loaded: 4 })).state).toBe('ready');
		await page.evaluate(
			() => ((window as unknown as { __slowReads?: boolean }).__slowReads = true)
		);
		await page.getByTestId('edit-mapping').click();
		const preview = page.getByTestId('encoding-preview');
		expect(await preview.getAttribute('data-state')).toBe('reading');
		expect(await preview.getAttribute('aria-busy')).toBe('true');
		expect(await preview.textContent()).toContain('Reading the first lines of the file');
		expect(await preview.textContent()).not.toContain('Nothing to show');
		// The status line is no line of the file: no list number before it (it read "1. Reading…").
		const marker = () =>
			preview
				.locator('li')
				.first()
				.evaluate((li) => getComputedStyle(li).listStyleType);
		expect(await marker()).toBe('none');
		await previewRead(page);
		expect(await marker()).toBe('decimal');
		expect(await preview.textContent()).toContain('Promoção');
		expect(await preview.getAttribute('aria-busy')).toBe('false');
		assertNoPageErrors(session);
	});

	it('a close call between encodings stops at the mapping screen and says so', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		// One accented letter: windows-1252 leads GB18030 ("Cr鑝e") by too little to go on alone.
		const text =
			'customer_id,order_date,amount,product\nC1,2024-01-05,10,Crème\nC2,2024-01-06,20,Tea\n';
		await page.getByTestId('file-input').setInputFiles({
			name: 'one-accent.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([...text].map((c) => c.charCodeAt(0)))
		});
		expect((await waitForLoad(page, { states: ['mapping'], loaded: 2 })).state).toBe('mapping');
		expect(await page.getByTestId('encoding-uncertain').textContent()).toContain('Windows-1252');
		await previewRead(page);
		expect(await page.getByTestId('encoding-preview').textContent()).toContain('Crème');
		await page.getByTestId('confirm-mapping').click();
		expect((await waitForLoad(page, { loaded: 2 })).state).toBe('ready');
		expect(await status(page, 'data-encoding')).toBe('windows-1252');
	});

	it('a stray byte in a GBK file: loaded, with 1 replaced character on line 501 reported', async () => {
		const { page } = session;
		await page.goto(inject('appUrl'));
		await page.getByTestId('file-input').setInputFiles({
			name: 'gbk-stray-byte.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(largeCases()['gbk-stray-byte.csv']!)
		});
		expect((await waitForLoad(page, { loaded: 1000 })).state).toBe('ready');
		expect(await status(page, 'data-encoding')).toBe('gb18030');
		expect(await status(page, 'data-chars-replaced')).toBe('1');
		const note = page.getByTestId('replaced-chars-orders');
		expect(await note.getAttribute('data-count')).toBe('1');
		expect(await note.textContent()).toMatch(/could not be read in GB18030.*: 1 \(lines 501\)/);

		// Read as Shift-JIS instead, the preview shows what that gives: half-width kana and “�”.
		await page.getByTestId('edit-mapping').click();
		const preview = page.getByTestId('encoding-preview');
		await previewRead(page);
		expect(await preview.textContent()).toContain('客户ID');
		expect(await preview.getAttribute('data-replaced')).toBe('0');
		await choose(page, 'shift_jis');
		// The mapping screen comes back after the re-read; its preview reads the file's first
		// bytes again (asynchronously), so the count is polled.
		await expect
			.poll(async () => Number(await preview.getAttribute('data-replaced')), { timeout: 10_000 })
			.toBeGreaterThan(0);
		expect(await preview.textContent()).not.toContain('客户ID');
		expect(Number(await status(page, 'data-chars-replaced'))).toBeGreaterThan(1);
		assertNoPageErrors(session);
	});
});
