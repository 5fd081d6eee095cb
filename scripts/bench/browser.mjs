// The browser column: the built app in headless Chromium, one fresh profile per file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, processMemory, rendererPids } from '../lib/chromium.mjs';
import { loyaltyPage } from './loyalty.mjs';
import { stagesSince } from './stages.mjs';

export const SECTIONS = [
	'overview',
	'rfm',
	'cohort',
	'lifecycle',
	'breakdown',
	'concentration',
	'cycle'
];
const PROBE = readFileSync(new URL('./page-probe.js', import.meta.url), 'utf8');

export function chromiumVersion() {
	try {
		return execFileSync(CHROMIUM, ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		return 'unknown';
	}
}

/** Samples renderer memory until stopped; peak = the largest VmHWM of one renderer, in MiB. */
function memorySampler(profile) {
	let peakHwm = 0;
	let peakSumRss = 0;
	const sample = () => {
		let sum = 0;
		for (const pid of rendererPids(profile)) {
			const s = processMemory(pid);
			if (!s) continue;
			peakHwm = Math.max(peakHwm, s.hwm);
			sum += s.rss;
		}
		peakSumRss = Math.max(peakSumRss, sum);
	};
	const timer = setInterval(sample, 500);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { peakRendererMB: peakHwm / 1024, peakRenderersRssMB: peakSumRss / 1024 };
		}
	};
}

/** Waits in the page until every section reached 'done' after `since` and stays so for 400 ms. */
async function settled(page, since, timeout) {
	await page.waitForFunction(
		({ since, sections }) => {
			const p = window.__bench;
			const last = {};
			let running = false;
			for (const e of p.events) if (e.t >= since) last[e.id] = e;
			// Every section on the page (clv, basket, loyalty… after the first seven), not only
			// those listed: otherwise the last listed one (the breakdown, which waits for every
			// derived field) was given the time of all the unlisted ones.
			const present = [...document.querySelectorAll('[data-testid^=analysis-]')].map((el) =>
				el.getAttribute('data-testid').slice('analysis-'.length)
			);
			p.sections = [...new Set([...sections, ...present])];
			for (const id of p.sections) {
				const el = document.querySelector(`[data-testid=analysis-${id}]`);
				const s = el?.getAttribute('data-status');
				if (s === 'error') throw new Error(`analysis ${id} failed`);
				if (s !== 'done' || !last[id]) running = true;
			}
			const ls = document.querySelector('[data-testid=load-status]')?.getAttribute('data-state');
			if (ls === 'error' || ls === 'mapping') {
				const why = [...document.querySelectorAll('[role=alert]')]
					.map((e) => e.textContent.trim())
					.join(' | ');
				throw new Error(`load-status is ${ls}${why ? `: ${why}` : ''}`);
			}
			if (running || ls !== 'ready') {
				p.quietSince = null;
				return false;
			}
			p.quietSince ??= performance.now();
			return performance.now() - p.quietSince > 400;
		},
		{ since, sections: SECTIONS },
		{ polling: 100, timeout }
	);
	return page.evaluate(() => ({
		events: window.__bench.events,
		sections: window.__bench.sections
	}));
}

/**
 * Per-section time: sections run one after the other, so each ends where the one finished before
 * it ended — in the order they finished (the dashboard runs the owners of derived fields before
 * their readers, and the sections on screen first: not the page's order). A section is done when
 * its status is 'done' and its charts drawn after that (the last chart drawn counts: a chart that
 * renders a frame later, once its width is known, is waited for).
 */
function stageTimes({ events, sections }, start) {
	const doneAt = {};
	for (const e of events) if (e.t >= start && e.state === 'done') doneAt[e.id] = e.t;
	for (const e of events)
		if (e.t >= start && e.state === 'chart' && doneAt[e.id] !== undefined && e.t > doneAt[e.id])
			doneAt[e.id] = e.t;
	const per = {};
	let prev = start;
	for (const id of [...sections].sort((a, b) => doneAt[a] - doneAt[b])) {
		per[id] = Math.max(0, doneAt[id] - prev);
		prev = Math.max(prev, doneAt[id]);
	}
	return { per, end: Math.max(...sections.map((id) => doneAt[id])) };
}

const longest = (tasks, from, to = Infinity) =>
	tasks === null
		? null
		: Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.ms));

/**
 * Open the app, let the engine warm up (unless `warm` is false), give it `file`, time load →
 * every analysis → filter re-run.
 * @returns times in ms, memory in MiB
 */
export async function runBrowser(
	appUrl,
	file,
	{
		filterFrom,
		timeout = 600_000,
		warm = true,
		crmIds = null,
		crmRevenue = null,
		loyaltyReps = 0
	} = {}
) {
	const profile = await mkdtemp(join(tmpdir(), 'clientele-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 }
	});
	const memory = memorySampler(profile);
	try {
		await context.addInitScript(PROBE);
		const page = context.pages()[0] ?? (await context.newPage());
		const pageErrors = [];
		page.on('pageerror', (e) => pageErrors.push(String(e)));
		await page.goto(warm ? appUrl : `${appUrl}?nowarm`);
		await page.waitForSelector('[data-testid=engine-status][data-state=ready]', {
			state: 'attached',
			timeout: 60_000
		});
		const startup = await page.evaluate(() => ({
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
			engineReady: performance.now(),
			// The JS files the empty page fetched (file names) until its engine was up, for the
			// page-weight figure; the warm-up's chunks come after that mark.
			scripts: performance
				.getEntriesByType('resource')
				.filter(
					(e) =>
						e.startTime <=
						(performance.getEntriesByName('clientele: engine ready')[0]?.startTime ?? Infinity)
				)
				.map((e) => new URL(e.name).pathname.split('/').pop())
				.filter((n) => /\.m?js$/.test(n))
		}));
		// The engine's warm-up (src/db/warm-up.ts) runs while a person picks a file; the bench waits
		// for it as that person would (it takes a few seconds), unless `warm` is false (?nowarm).
		let warmUp = null;
		if (warm) {
			await page.waitForSelector(
				'[data-testid=engine-status]:is([data-warm=done], [data-warm=stopped], [data-warm=failed])',
				{ state: 'attached', timeout: 120_000 }
			);
			warmUp = await page.evaluate((before) => {
				const m = performance.getEntriesByType('measure').find((e) => e.name.includes('warm-up'));
				const scripts = performance
					.getEntriesByType('resource')
					.map((e) => new URL(e.name).pathname.split('/').pop())
					.filter((n) => /\.m?js$/.test(n) && !before.includes(n));
				return {
					state: document.querySelector('[data-testid=engine-status]')?.getAttribute('data-warm'),
					ms: m?.duration ?? null,
					scripts
				};
			}, startup.scripts);
		}
		await page.getByTestId('file-input').setInputFiles(file);
		const settledLoad = await settled(page, 0, timeout);
		const events = settledLoad.events;
		const probe = await page.evaluate(() => ({
			t0: window.__bench.fileGivenAt,
			tasks: window.__bench.longTasks
		}));
		const t0 = probe.t0;
		const ready = events.filter((e) => e.id === 'load-status' && e.state === 'ready').at(-1).t;
		const load = stageTimes(settledLoad, ready);
		// The data checks (duplicates, future dates…) run after the analyses; let them finish before
		// the filter change so its time is the analyses' alone, and report when they finished.
		const checksDoneAt = await (
			await page.waitForFunction(
				() => {
					const s = document.querySelector('[data-testid=data-checks]')?.getAttribute('data-state');
					return s === 'done' || s === 'failed' ? performance.now() : false;
				},
				undefined,
				{ timeout, polling: 50 }
			)
		).jsonValue();

		// Filter change: set date-from inside the range, as a person picking a date does.
		const asOf = await page.getByTestId('as-of').inputValue();
		const from = filterFrom ?? shiftYear(asOf);
		const t1 = await page.evaluate((value) => {
			const el = document.querySelector('[data-testid=date-from]');
			const t = performance.now();
			el.value = value;
			el.dispatchEvent(new Event('change', { bubbles: true }));
			return t;
		}, from);
		const events2 = await settled(page, t1, timeout);
		const filter = stageTimes(events2, t1);
		const tasks = await page.evaluate(() => window.__bench.longTasks);
		// The page's time in DuckDB per analysis (statements, transfer, rows; the scope's
		// materialisation included, as natively): `clientele: sql <id>` entries of the dashboard.
		const sql = await page.evaluate(
			({ t0, t1 }) => {
				const load = {};
				const filtered = {};
				for (const e of performance.getEntriesByType('measure')) {
					const m = /^clientele: sql (.+)$/.exec(e.name);
					if (!m || e.startTime < t0) continue;
					(e.startTime >= t1 ? filtered : load)[m[1]] = e.duration;
				}
				return { load, filtered };
			},
			{ t0, t1 }
		);
		// The load's stages, from the same timing marks as natively (stages.mjs).
		const marks = await page.evaluate(() =>
			performance
				.getEntriesByType('measure')
				.map((e) => ({ name: e.name, startTime: e.startTime, duration: e.duration }))
		);
		const loadStages = stagesSince(
			marks.filter((e) => e.startTime < ready),
			t0
		);
		const crm = crmIds ? await openProfiles(page, crmIds) : null;
		const audience = crmRevenue !== null ? await audienceCounts(page, crmRevenue) : null;
		const loyalty = loyaltyReps > 0 ? await loyaltyPage(page, loyaltyReps) : null;
		return {
			crm,
			audience,
			loyalty,
			fcpMs: startup.fcp,
			startupScripts: startup.scripts,
			warmUp,
			engineReadyMs: startup.engineReady,
			loadMs: ready - t0,
			loadStages,
			analyses: load.per,
			analysesMs: load.end - ready,
			totalMs: load.end - t0,
			checksAfterMs: Math.max(0, checksDoneAt - load.end),
			filterDate: from,
			filtered: filter.per,
			filterMs: filter.end - t1,
			sqlAnalyses: sql.load,
			sqlFiltered: sql.filtered,
			longestTaskMs: {
				startup: longest(tasks, 0, t0),
				load: longest(tasks, t0, t1),
				filter: longest(tasks, t1)
			},
			longTasksOver100: tasks?.filter((t) => t.ms > 100).length ?? null,
			longTasksOver100At: attribute(tasks, [...events, ...events2.events], t0, ready, t1),
			pageErrors,
			...memory.stop()
		};
	} finally {
		memory.stop();
		await context.close();
		await rm(profile, { recursive: true, force: true });
	}
}

/**
 * Issue 19: open the profile of each of `ids` through the customer search, as a person does —
 * focus (the search builds the derived fields' tables), type the id, click its option — and read
 * the page's own `clientele: customer profile` measure (readProfile: thresholds, statements, field
 * reads) and the click → dialog done time. The first id's profile waits for the focus's tables.
 */
async function openProfiles(page, ids) {
	const search = page.getByTestId('customer-search');
	await search.focus();
	const runs = [];
	for (const id of ids) {
		await search.fill(id);
		const option = page.locator(
			`[data-testid=customer-search-results] li[data-customer-id="${id}"]`
		);
		await option.waitFor({ timeout: 60_000 });
		const t0 = await page.evaluate(() => performance.now());
		await option.click();
		await page.waitForSelector(
			`[data-testid=customer-profile][data-customer-id="${id}"][data-status=done]`,
			{ timeout: 120_000 }
		);
		const r = await page.evaluate((t0) => {
			const m = performance
				.getEntriesByName('clientele: customer profile')
				.filter((e) => e.startTime >= t0)
				.at(-1);
			return { profileMs: m?.duration ?? null, clickToDoneMs: performance.now() - t0 };
		}, t0);
		runs.push({ id, ...r });
		await page.keyboard.press('Escape');
		await page
			.waitForSelector('[data-testid=customer-profile][open]', {
				state: 'detached',
				timeout: 10_000
			})
			.catch(() => {});
		await search.focus();
	}
	return runs;
}

/**
 * The audience builder as a person edits it (issue 19): "RFM segment in (Champions, Loyal
 * Customers) and revenue > X and due for repurchase = due" built with the section's controls,
 * then the revenue threshold edited `reps` times. Each edit's count: the dashboard's measure of
 * the audience run (`clientele: analysis audience`, the fields read from their tables) and the
 * time from the edit to the count shown (the section's 250 ms pause after typing included).
 */
async function audienceCounts(page, revenueOver, reps = 5) {
	const section = page.getByTestId('analysis-audience');
	await section.scrollIntoViewIfNeeded();
	const root = page.getByTestId('audience-group-root');
	const add = async (path) => {
		await root.getByTestId('audience-add-condition').first().click();
		const c = page.getByTestId(`audience-condition-${path}`);
		await c.waitFor();
		return c;
	};
	const seg = await add('1');
	await seg.getByTestId('audience-field').selectOption('derived:rfm_segment');
	await seg.getByTestId('audience-kind').selectOption('in');
	await seg.getByLabel('Champions', { exact: true }).check();
	await seg.getByLabel('Loyal Customers', { exact: true }).check();
	const rev = await add('2');
	await rev.getByTestId('audience-field').selectOption('fact:revenue');
	await rev.getByTestId('audience-kind').selectOption('gt');
	await rev.getByTestId('audience-number').fill(String(revenueOver));
	const due = await add('3');
	await due.getByTestId('audience-field').selectOption('derived:due_status');
	await due.getByTestId('audience-kind').selectOption('in');
	const t0 = await page.evaluate(() => performance.now());
	await due.getByLabel('Due (on the due list)', { exact: true }).check();
	const first = await audienceRun(page, t0);
	const runs = [];
	for (let r = 1; r <= reps; r++) {
		const t = await page.evaluate(() => performance.now());
		await rev.getByTestId('audience-number').fill(String(revenueOver + r));
		runs.push(await audienceRun(page, t));
	}
	return { first, runs };
}

/** The first audience run that started after `t0`, once the section shows it. */
async function audienceRun(page, t0) {
	const handle = await page.waitForFunction(
		(t0) => {
			const e = performance
				.getEntriesByName('clientele: analysis audience')
				.find((x) => x.startTime >= t0);
			const s = document.querySelector('[data-testid=analysis-audience]');
			if (!e || s?.getAttribute('data-status') !== 'done') return null;
			const customers = document
				.querySelector('[data-testid=audience-count]')
				?.getAttribute('data-customers');
			return { analysisMs: e.duration, editToCountMs: performance.now() - t0, customers };
		},
		t0,
		{ timeout: 120_000, polling: 20 }
	);
	return handle.jsonValue();
}

/** Long tasks over 100 ms with the stage that was running then (the next section to finish). */
function attribute(tasks, events, t0, ready, t1) {
	if (!tasks) return null;
	return tasks
		.filter((t) => t.ms > 100 && t.start >= t0)
		.map((t) => {
			const phase = t.start >= t1 ? 'filter' : 'load';
			let stage = 'load';
			if (t.start >= ready) {
				const next = events
					.filter((e) => e.state === 'done' && e.id !== 'load-status' && e.t >= t.start)
					.filter((e) => (phase === 'filter' ? e.t >= t1 : e.t < t1))
					.sort((a, b) => a.t - b.t)[0];
				stage = next?.id ?? 'after analyses';
			}
			return { phase, stage, ms: Math.round(t.ms) };
		});
}

function shiftYear(asOf) {
	const d = new Date(`${asOf}T00:00:00Z`);
	d.setUTCFullYear(d.getUTCFullYear() - 1);
	return d.toISOString().slice(0, 10);
}

export async function readText(path) {
	return readFile(path, 'utf8');
}
