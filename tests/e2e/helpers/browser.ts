// Chromium for the e2e specs: a fresh profile per launch, every request recorded at context level
// (so requests from DuckDB's worker are seen too), console errors and uncaught page errors kept.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/lib/chromium.mjs';
import { REPO_ROOT } from './static-server.mjs';
import { pngPixels } from './files';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests/e2e/screenshots');

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	/** Every URL requested by any page or worker of the context, in order. */
	requests: string[];
	/** Text of console messages of type 'error'. */
	consoleErrors: string[];
	/** Uncaught exceptions and unhandled rejections in the pages. */
	pageErrors: Error[];
	close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
	const profile = await mkdtemp(join(tmpdir(), 'clientele-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: [...CHROMIUM_ARGS],
		acceptDownloads: true,
		viewport: { width: 1440, height: 900 }
	});
	const requests: string[] = [];
	const consoleErrors: string[] = [];
	const pageErrors: Error[] = [];
	context.on('request', (req) => requests.push(req.url()));
	const watch = (page: Page) => {
		page.on('console', (msg) => {
			if (msg.type() === 'error') consoleErrors.push(msg.text());
		});
		page.on('pageerror', (err) => pageErrors.push(err));
	};
	context.pages().forEach(watch);
	context.on('page', watch);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		requests,
		consoleErrors,
		pageErrors,
		async close() {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	};
}

/**
 * Throws unless every request stayed on `origin` (blob: URLs of that origin and data: URLs are
 * local by construction). This is the "customer data never leaves the browser" check.
 */
export function assertSameOrigin(requests: readonly string[], origin: string): void {
	const foreign = requests.filter((url) => {
		if (url.startsWith('data:') || url === 'about:blank') return false;
		const target = url.startsWith('blob:') ? url.slice('blob:'.length) : url;
		try {
			return new URL(target).origin !== origin;
		} catch {
			return true;
		}
	});
	if (foreign.length > 0) {
		throw new Error(`requests left ${origin}:\n  ${foreign.join('\n  ')}`);
	}
}

/** Throws with the messages if the page had uncaught errors. */
export function assertNoPageErrors(session: BrowserSession): void {
	if (session.pageErrors.length > 0) {
		const text = session.pageErrors.map((e) => e.stack ?? e.message).join('\n---\n');
		throw new Error(`uncaught page errors:\n${text}`);
	}
}

/** Every chart queued to draw has been drawn (or skipped as stale): `data-charts-drawing`. */
export async function waitForCharts(page: Page, timeout = 30_000): Promise<void> {
	await page.waitForFunction(
		() => document.documentElement.dataset.chartsDrawing !== 'true',
		undefined,
		{ timeout, polling: 100 }
	);
}

/**
 * PNG in tests/e2e/screenshots/<name>.png (gitignored): the full page, or only `element` when
 * given (e.g. one analysis section). Returns its path.
 */
export async function screenshot(page: Page, name: string, element?: Locator): Promise<string> {
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
	// The app's sticky header and controls would cover the top of an element scrolled into view.
	const style =
		'header:has([data-testid="lang-switch"]), [data-testid="global-controls"] { position: static !important; }';
	// Charts still queued to draw (after a resize or a language switch) change their sections'
	// heights, and an element screenshot waits for its element to hold still.
	if (element) {
		// Playwright captures an element that fits the window as the window shows it, scrolled only
		// "into view" — and the sections' scroll-margin-top (room for the sticky controls) leaves a
		// section 120–180 px down, so its bottom lay past the window's edge and came out as blank
		// page (the buttons under the concentration chart were missing). Its top goes to the
		// window's top first; the injected style unsticks the header and controls above it.
		await element.evaluate((e) => window.scrollBy(0, e.getBoundingClientRect().top));
		await waitForCharts(page);
		await element.screenshot({ path, animations: 'disabled', style });
		// One row may be background: a box of fractional height rounds up to a row it half covers.
		const cut = blankRowsAtBottom(await readFile(path));
		if (cut > 1)
			throw new Error(
				`screenshot ${name}: the last ${cut} rows are blank page — the element was not painted to its bottom`
			);
	} else {
		await waitForCharts(page);
		// Sections away from the window are not rendered until scrolled near (Section.svelte's
		// content-visibility), and a full-page capture does not scroll: it would show them blank.
		await page.screenshot({
			path,
			fullPage: true,
			style: 'section.analysis { content-visibility: visible !important; }'
		});
	}
	return path;
}

/** The page's background (app.css: #f3f4f6), which no section's card paints. */
const PAGE_BACKGROUND = [243, 244, 246];

/**
 * How many rows at the bottom of a PNG are the page's background from edge to edge: 0 for a
 * section's card, whose bottom border is its last row.
 */
export function blankRowsAtBottom(png: Buffer): number {
	const image = pngPixels(png);
	const blank = (y: number) => {
		for (let x = 0; x < image.width; x++) {
			const i = (y * image.width + x) * 3;
			for (let c = 0; c < 3; c++) if (image.rgb[i + c] !== PAGE_BACKGROUND[c]) return false;
		}
		return true;
	};
	let rows = 0;
	while (rows < image.height && blank(image.height - 1 - rows)) rows++;
	return rows;
}

export interface DownloadedFile {
	filename: string;
	bytes: Buffer;
}

/**
 * Clicks `trigger` (or runs it) and returns the file the page downloads in response. When no
 * download comes, the error says what was clicked, what it looked like before and after, what
 * was under the pointer, and which page errors happened meanwhile: a CI flake must be readable.
 *
 * A button that gave no download in `timeout / 2` is clicked once more, as a person would, and
 * the first attempt's diagnosis is printed: a full suite on two busy cores lost about one click
 * in a few hundred runs (never reproduced alone); a button that never downloads still fails.
 */
export async function download(
	page: Page,
	trigger: Locator | (() => Promise<unknown>),
	timeout = 40_000
): Promise<DownloadedFile> {
	const errors: string[] = [];
	const onError = (e: Error) => errors.push(e.message);
	page.on('pageerror', onError);
	const attempts = typeof trigger === 'function' ? 1 : 2;
	const diagnoses: string[] = [];
	try {
		for (let attempt = 1; attempt <= attempts; attempt++) {
			const before = typeof trigger === 'function' ? null : await describeTarget(page, trigger);
			try {
				const act = typeof trigger === 'function' ? trigger() : trigger.click();
				const [file] = await Promise.all([
					page.waitForEvent('download', { timeout: timeout / attempts }),
					act
				]);
				const path = await file.path();
				if (diagnoses.length > 0) console.warn(`download retried:\n${diagnoses.join('\n')}`);
				return { filename: file.suggestedFilename(), bytes: await readFile(path) };
			} catch (e) {
				const after = typeof trigger === 'function' ? null : await describeTarget(page, trigger);
				diagnoses.push(
					[
						`attempt ${attempt}: no download after clicking ${typeof trigger === 'function' ? 'a function' : trigger.toString()}`,
						`before: ${JSON.stringify(before)}`,
						`after: ${JSON.stringify(after)}`,
						`page errors: ${JSON.stringify(errors)}`,
						`cause: ${e instanceof Error ? e.message : String(e)}`
					].join('\n')
				);
			}
		}
		throw new Error(diagnoses.join('\n'));
	} finally {
		page.off('pageerror', onError);
	}
}

/** State of a download button for the error of `download`. */
async function describeTarget(page: Page, target: Locator) {
	try {
		const box = await target.boundingBox({ timeout: 2_000 });
		const centre = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
		return {
			enabled: await target.isEnabled({ timeout: 2_000 }),
			box,
			atCentre: centre
				? await page.evaluate(({ x, y }) => {
						const el = document.elementFromPoint(x, y);
						return el
							? `${el.tagName} ${el.getAttribute('data-testid') ?? ''} ${el.textContent?.slice(0, 40) ?? ''}`
							: null;
					}, centre)
				: null,
			analyses: await page.evaluate(() =>
				[...document.querySelectorAll('[data-testid^="analysis-"]')]
					.map((el) => `${el.getAttribute('data-testid')}=${el.getAttribute('data-status')}`)
					.join(' ')
			)
		};
	} catch (e) {
		return { unreadable: e instanceof Error ? e.message : String(e) };
	}
}

/**
 * Waits until `[data-testid=<testid>]` has one of `states` in data-state and returns it; on
 * timeout, says whether the hook exists at all and which state it is stuck in.
 */
export async function waitForState(
	page: Page,
	testid: string,
	states: readonly string[],
	timeout: number
): Promise<string> {
	const selector = `[data-testid="${testid}"]:is(${states.map((s) => `[data-state="${s}"]`).join(', ')})`;
	try {
		await page.locator(selector).first().waitFor({ state: 'attached', timeout });
	} catch {
		const hook = page.getByTestId(testid).first();
		const present = (await hook.count()) > 0;
		const state = present ? await hook.getAttribute('data-state') : null;
		throw new Error(
			present
				? `[data-testid="${testid}"] stayed data-state="${state}" for ${timeout} ms (want ${states.join('|')})`
				: `no [data-testid="${testid}"] element after ${timeout} ms (hook not in the app?)`
		);
	}
	return (await page.locator(selector).first().getAttribute('data-state')) ?? '';
}
