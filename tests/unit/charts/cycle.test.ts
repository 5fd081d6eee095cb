import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { cycleHistogramSpec } from '../../../src/analyses/cycle/chart';
import type { CycleBinRow } from '../../../src/analyses/cycle/sql';

type MarkParts = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };

const rows: CycleBinRow[] = [
	{ bin_start: 0, bin_end: 30, gaps: 7, share: 7 / 11, is_overflow: false },
	{ bin_start: 30, bin_end: 60, gaps: 3, share: 3 / 11, is_overflow: false },
	{ bin_start: 60, bin_end: null, gaps: 1, share: 1 / 11, is_overflow: true }
];
const labels = { gap_days: 'Days between purchases', gaps: 'Gaps', median_gap: 'Median' };
const opts = { width: 700, labels, format: (n: number) => String(n) };

describe('cycleHistogramSpec', () => {
	const spec = cycleHistogramSpec(rows, { median_gap: 10, bin_days: 30 }, opts);
	const marks = spec.marks as unknown as MarkParts[];

	it('draws one bar per bin, the overflow bin one width wide and muted', () => {
		expect(marks[0]).toBeInstanceOf(Plot.Rect);
		const bars = marks[0]!.data as { x1: number; x2: number; overflow: boolean; range: string }[];
		expect(bars.map((b) => [b.x1, b.x2, b.range])).toEqual([
			[0, 30, '0–29'],
			[30, 60, '30–59'],
			[60, 90, '≥ 60']
		]);
		const fill = marks[0]!.channels.fill?.value as (d: unknown) => string;
		expect(fill(bars[2])).not.toBe(fill(bars[0]));
		expect(marks[1]!.data).toEqual([bars[2]]);
	});

	it('marks the median gap and uses translated titles', () => {
		expect(marks[2]).toBeInstanceOf(Plot.RuleX);
		expect(marks[2]!.data).toEqual([10]);
		const text = marks[3]!.channels.text?.value as (d: number) => string;
		expect(text(10)).toBe('Median: 10');
		expect(spec.x?.label).toBe('Days between purchases');
		expect(spec.y?.label).toBe('Gaps');
		const empty = cycleHistogramSpec([], { median_gap: null, bin_days: 7 }, opts);
		expect((empty.marks as unknown as MarkParts[])[2]!.data).toEqual([]);
	});
});
