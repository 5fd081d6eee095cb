// What the app specs share: the analysis sections, waiting on the load-status and section hooks
// (DESIGN.md §5), the bundled sample's counts, and a strict reader for downloaded CSV files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './static-server.mjs';

/** Every analysis section, in page order: `analysis-<id>`, main chart `chart-<id>`. */
export const SECTIONS = [
	'overview',
	'rfm',
	'cohort',
	'lifecycle',
	'breakdown',
	'concentration',
	'cycle'
] as const;
export type SectionId = (typeof SECTIONS)[number];

/** sample-data/README.md: data rows of orders.csv and customers.csv, 4940 ordering customers. */
export const SAMPLE = {
	orderRows: 57_352,
	customerRows: 5_533,
	loaded: 62_881,
	/** 1 ragged line + 2 bad dates + 1 bad quantity. */
	rejected: 4,
	customers: '4,940'
} as const;

export const FIXTURES = join(REPO_ROOT, 'tests/e2e/fixtures');
export const SAMPLE_DATA = join(REPO_ROOT, 'sample-data');

export function fixture(name: string): Promise<Buffer> {
	return readFile(join(FIXTURES, name));
}

export interface LoadStatus {
	state: string;
	loaded: number;
	rejected: number;
}

export async function loadStatus(page: Page): Promise<LoadStatus> {
	const el = page.getByTestId('load-status');
	return {
		state: (await el.getAttribute('data-state')) ?? '',
		loaded: Number(await el.getAttribute('data-rows-loaded')),
		rejected: Number(await el.getAttribute('data-rows-rejected'))
	};
}

/**
 * Waits until load-status settles in one of `states` (and, with `loaded`, with that row count, so
 * a previous data set's 'ready' is not taken for the new one). Fails with the state it ended in
 * and the problem text, if any.
 */
export async function waitForLoad(
	page: Page,
	want: { states?: readonly string[]; loaded?: number; timeout?: number } = {}
): Promise<LoadStatus> {
	const { states = ['ready'], loaded, timeout = 45_000 } = want;
	try {
		await page.waitForFunction(
			({ states, loaded }) => {
				const el = document.querySelector('[data-testid="load-status"]');
				if (!el || !states.includes(el.getAttribute('data-state') ?? '')) return false;
				return loaded === undefined || el.getAttribute('data-rows-loaded') === String(loaded);
			},
			{ states, loaded },
			{ timeout, polling: 100 }
		);
	} catch {
		const now = await loadStatus(page);
		const problem = await page
			.getByTestId('problem')
			.textContent({ timeout: 100 })
			.catch(() => null);
		throw new Error(
			`load-status is ${JSON.stringify(now)}, want state ${states.join('|')}` +
				(loaded === undefined ? '' : ` with ${loaded} rows loaded`) +
				(problem ? `; problem: ${problem}` : '')
		);
	}
	return loadStatus(page);
}

/**
 * Waits until the data checks behind the warnings (duplicates, future dates…) have run: they start
 * after the analyses, so a warning read right after waitForLoad may not be there yet.
 */
export async function waitForChecks(page: Page, timeout = 60_000): Promise<string> {
	const hook = page.getByTestId('data-checks');
	try {
		await page.waitForFunction(
			() =>
				['done', 'failed'].includes(
					document.querySelector('[data-testid="data-checks"]')?.getAttribute('data-state') ?? ''
				),
			undefined,
			{ timeout, polling: 100 }
		);
	} catch {
		const state = await hook.getAttribute('data-state', { timeout: 100 }).catch(() => null);
		throw new Error(`data-checks is ${state ?? 'missing'} after ${timeout} ms, want done`);
	}
	return (await hook.getAttribute('data-state')) ?? '';
}

/** Waits until every analysis section is rendered with data-status 'done'; names any that is not. */
export async function waitForAnalyses(page: Page, timeout = 60_000): Promise<void> {
	try {
		await page.waitForFunction(
			(ids) =>
				ids.every(
					(id) =>
						document
							.querySelector(`[data-testid="analysis-${id}"]`)
							?.getAttribute('data-status') === 'done'
				),
			[...SECTIONS],
			{ timeout, polling: 100 }
		);
	} catch {
		const statuses = await page.evaluate(
			(ids) =>
				ids.map((id) => {
					const el = document.querySelector(`[data-testid="analysis-${id}"]`);
					const err = el?.querySelector('[role="alert"]')?.textContent ?? '';
					return `${id}=${el?.getAttribute('data-status') ?? 'missing'}${err ? ` (${err})` : ''}`;
				}),
			[...SECTIONS]
		);
		throw new Error(`analyses not all done after ${timeout} ms: ${statuses.join(', ')}`);
	}
}

/** Text of `[data-testid=<testid>] .value` (a KPI tile's figure). */
export async function kpi(page: Page, key: string): Promise<string> {
	return ((await page.getByTestId(`kpi-${key}`).locator('.value').textContent()) ?? '').trim();
}

export interface Csv {
	bom: boolean;
	header: string[];
	rows: string[][];
}

/**
 * Parses RFC 4180 CSV (quotes doubled, CRLF or LF line ends, a final line end) and checks every
 * record has the header's width. Throws on anything else, so a broken export fails loudly.
 */
export function parseCsv(bytes: Uint8Array): Csv {
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	let at = 0;
	while (at < text.length) {
		const ch = text[at];
		if (quoted) {
			if (ch === '"' && text[at + 1] === '"') {
				cell += '"';
				at += 2;
				continue;
			}
			if (ch === '"') quoted = false;
			else cell += ch;
			at++;
			continue;
		}
		if (ch === '"' && cell === '') quoted = true;
		else if (ch === ',') {
			record.push(cell);
			cell = '';
		} else if (ch === '\n' || (ch === '\r' && text[at + 1] === '\n')) {
			record.push(cell);
			records.push(record);
			record = [];
			cell = '';
			if (ch === '\r') at++;
		} else if (ch === '"' || ch === '\r') throw new Error(`stray ${JSON.stringify(ch)} at ${at}`);
		else cell += ch;
		at++;
	}
	if (quoted) throw new Error('unterminated quoted cell');
	if (cell !== '' || record.length > 0) throw new Error('CSV does not end with a line end');
	const [header, ...rows] = records;
	if (!header) throw new Error('CSV without a header');
	rows.forEach((r, i) => {
		if (r.length !== header.length) {
			throw new Error(`record ${i + 1} has ${r.length} cells, header ${header.length}`);
		}
	});
	return { bom, header, rows };
}
