// The progressive dashboard's queue (issue 22, registry-tools nextToRun) on the real registry:
// display order when nothing is on screen (the same order runOrder gives), the sections on
// screen first, then those scrolled past while they waited, and never a reader of a derived field before the
// analysis that owns it — whatever the user scrolls to.
import { describe, expect, it } from 'vitest';
import { ANALYSES } from '../../../src/analyses';
import { needsOf, nextToRun, runOrder } from '../../../src/analyses/registry-tools';
import type { AnalysisModule } from '../../../src/analyses/types';
import { breakdown } from '../../../src/analyses/breakdown';
import { seededRandom } from '../../helpers/random-orders';

const ids = (list: readonly AnalysisModule[]) => list.map((a) => a.id);
const without = (...gone: string[]) => ANALYSES.filter((a) => !gone.includes(a.id));

type Scroll = (ran: string[]) => { visible: Set<string>; asked: string[] };

/**
 * Runs the whole queue; `scroll(ran)` gives what is on screen and asked before each pick;
 * `settingsOf`, the settings each analysis runs with (nextToRun).
 */
function drain(scroll: Scroll, settingsOf?: (m: AnalysisModule) => object): string[] {
	let pending = [...ANALYSES];
	const ran: string[] = [];
	for (;;) {
		const { visible, asked } = scroll(ran);
		const next = nextToRun(ANALYSES, pending, visible, asked, [], settingsOf);
		if (!next) return ran;
		ran.push(next.id);
		pending = pending.filter((a) => a !== next);
	}
}

/** A person scrolling at random: three sections on screen, now and then one asked for. */
function randomScroll(rnd: () => number): Scroll {
	const all = ids(ANALYSES);
	const asked: string[] = [];
	return () => {
		if (rnd() < 0.5) asked.push(all[Math.floor(rnd() * all.length)]!);
		const start = Math.floor(rnd() * all.length);
		return { visible: new Set(all.slice(start, start + 3)), asked };
	};
}

describe('nextToRun', () => {
	it('with nothing on screen runs in the order runOrder gives (display order, owners first)', () => {
		expect(drain(() => ({ visible: new Set(), asked: [] }))).toEqual(ids(runOrder(ANALYSES)));
	});

	it('runs a section on screen before the ones above it', () => {
		expect(nextToRun(ANALYSES, ANALYSES, new Set(['cohort']), [])?.id).toBe('cohort');
		expect(nextToRun(ANALYSES, ANALYSES, new Set(['concentration', 'cohort']), [])?.id).toBe(
			'cohort'
		);
	});

	it('a section on screen runs first; then the ones seen while they waited, the last seen first', () => {
		const visible = new Set(['cohort']);
		expect(nextToRun(ANALYSES, ANALYSES, visible, ['loyalty'])?.id).toBe('cohort');
		expect(nextToRun(ANALYSES, without('cohort'), visible, ['loyalty', 'clv'])?.id).toBe('clv');
		expect(nextToRun(ANALYSES, without('cohort', 'clv'), visible, ['loyalty', 'clv'])?.id).toBe(
			'loyalty'
		);
		// Seen, then already run: no longer pending, so display order applies.
		expect(nextToRun(ANALYSES, without('loyalty'), new Set(), ['loyalty'])?.id).toBe('overview');
	});

	it('a reader asked for before its owner ran gets the owner run first (cycle reads lifecycle)', () => {
		expect(nextToRun(ANALYSES, ANALYSES, new Set(), ['cycle'])?.id).toBe('lifecycle');
		expect(nextToRun(ANALYSES, without('lifecycle'), new Set(), ['cycle'])?.id).toBe('cycle');
		// The breakdown reads every derived field: their owners first, in display order.
		expect(nextToRun(ANALYSES, ANALYSES, new Set(['breakdown']), [])?.id).toBe('rfm');
	});

	it('never runs an analysis before one it reads, whatever is scrolled to (200 random sessions)', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const order = drain(randomScroll(seededRandom(seed)));
			expect(new Set(order).size, `seed ${seed}`).toBe(ANALYSES.length);
			for (const a of ANALYSES)
				for (const need of needsOf(ANALYSES, a))
					expect(order.indexOf(need), `seed ${seed}: ${need} before ${a.id}`).toBeLessThan(
						order.indexOf(a.id)
					);
		}
	});

	it('nothing pending: null', () => {
		expect(nextToRun(ANALYSES, [], new Set(['rfm']), ['rfm'])).toBeNull();
	});

	it('while an owner runs (its worker busy), its readers wait and the others run', () => {
		// The forecast running: the breakdown (every derived field) waits, the basket runs.
		const rest = without('overview', 'rfm', 'cohort', 'lifecycle', 'concentration', 'cycle', 'clv');
		expect(nextToRun(ANALYSES, rest, new Set(['breakdown']), [], ['clv'])?.id).not.toBe(
			'breakdown'
		);
		expect(nextToRun(ANALYSES, rest, new Set(), [], ['clv'])?.id).toBe('basket');
		// Lifecycle running: the cycle (its stages) waits; with only readers pending, none runs.
		const readers = ANALYSES.filter((a) => needsOf(ANALYSES, a).includes('lifecycle'));
		expect(readers.length).toBeGreaterThan(0);
		expect(nextToRun(ANALYSES, readers, new Set(), [], ['lifecycle'])).toBeNull();
		expect(nextToRun(ANALYSES, readers, new Set(), [], [])).not.toBeNull();
	});
});

// Issue 22: the breakdown by RFM segment (its default), fifth on the page, ran last — after the
// forecast's fit, the basket's mining and the loyalty simulation — because it waited for every
// analysis deriving a field. Given the settings it runs with, it waits for the owners of the
// fields it reads.
describe('the breakdown waited for every derived field’s owner', () => {
	const defaults = (m: AnalysisModule) => ({ ...m.defaults });
	const by =
		(column: string, cross: string | null = null) =>
		(m: AnalysisModule) =>
			m === breakdown
				? {
						...breakdown.defaults,
						dimension: { table: 'derived' as const, column },
						cross: cross ? { table: 'derived' as const, column: cross } : null
					}
				: { ...m.defaults };

	it('by RFM segment (the default) it reads RFM alone, and runs right after it', () => {
		expect(needsOf(ANALYSES, breakdown, defaults)).toEqual(['rfm']);
		// Without the settings: every owner, as before.
		expect(needsOf(ANALYSES, breakdown).length).toBeGreaterThan(4);
		const order = drain(() => ({ visible: new Set(), asked: [] }), defaults);
		// Display order: the breakdown right after lifecycle, before the forecast.
		expect(order.indexOf('breakdown')).toBe(ANALYSES.indexOf(breakdown));
		expect(order.indexOf('breakdown')).toBeLessThan(order.indexOf('clv'));
		// On screen first, it gets RFM run first, then itself, the forecast still pending.
		expect(nextToRun(ANALYSES, ANALYSES, new Set(['breakdown']), [], [], defaults)?.id).toBe('rfm');
		expect(nextToRun(ANALYSES, without('rfm'), new Set(['breakdown']), [], [], defaults)?.id).toBe(
			'breakdown'
		);
		// RFM running (its worker busy): the breakdown waits, the forecast running does not hold it.
		expect(
			nextToRun(ANALYSES, without('rfm'), new Set(['breakdown']), [], ['rfm'], defaults)?.id
		).not.toBe('breakdown');
		expect(
			nextToRun(ANALYSES, without('rfm', 'clv'), new Set(['breakdown']), [], ['clv'], defaults)?.id
		).toBe('breakdown');
	});

	it('by a field of the forecast (or crossed with one) it waits for the forecast', () => {
		const clvField = ANALYSES.find((a) => a.id === 'clv')!.derives![0]!.key;
		expect(needsOf(ANALYSES, breakdown, by(clvField))).toEqual(['clv']);
		expect(needsOf(ANALYSES, breakdown, by('rfm_segment', clvField)).sort()).toEqual([
			'clv',
			'rfm'
		]);
		expect(
			nextToRun(ANALYSES, without('rfm'), new Set(['breakdown']), [], ['clv'], by(clvField))?.id
		).not.toBe('breakdown');
		expect(
			nextToRun(ANALYSES, without('rfm'), new Set(['breakdown']), [], [], by(clvField))?.id
		).toBe('clv');
	});

	it('never runs it before the owner of a field it reads, whatever it reads and is scrolled to', () => {
		const fields = ANALYSES.flatMap((a) => (a.derives ?? []).map((f) => f.key));
		for (let seed = 1; seed <= 200; seed++) {
			const rnd = seededRandom(seed);
			const pick = () => fields[Math.floor(rnd() * fields.length)]!;
			const settingsOf = by(pick(), rnd() < 0.5 ? pick() : null);
			const order = drain(randomScroll(rnd), settingsOf);
			expect(new Set(order).size, `seed ${seed}`).toBe(ANALYSES.length);
			for (const need of needsOf(ANALYSES, breakdown, settingsOf))
				expect(order.indexOf(need), `seed ${seed}: ${need} before breakdown`).toBeLessThan(
					order.indexOf('breakdown')
				);
		}
	});
});
