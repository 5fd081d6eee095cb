import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	migrationHeatmapSpec,
	stageBarsSpec,
	stagesOverTimeSpec,
	thresholdNote
} from '../../../src/analyses/lifecycle/chart';
import { LIFECYCLE_STAGES, type LifecycleResult } from '../../../src/analyses/lifecycle/sql';

type AnyMark = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };
const marks = (spec: Plot.PlotOptions) => (spec.marks ?? []) as unknown as AnyMark[];

const result: LifecycleResult = {
	thresholds: {
		churn_after: 30,
		risk_after: 29,
		loyal_orders: 4,
		median_gap: 20,
		p90_gap: 30,
		p80_orders: 4,
		gaps: 11,
		repeat_customers: 7,
		fallback: false
	},
	stages: LIFECYCLE_STAGES.map((stage, i) => ({
		stage,
		customers: i,
		share: i / 21,
		revenue: 10 * i
	})),
	overTime: [
		{ month_end: '2024-01-31', stage: 'new', customers: 2, share: 1 },
		{ month_end: '2024-02-29', stage: 'new', customers: 1, share: 0.5 },
		{ month_end: '2024-02-29', stage: 'active', customers: 1, share: 0.5 }
	],
	migration: [
		{ from_stage: 'not_yet', to_stage: 'new', customers: 3 },
		{ from_stage: 'churned', to_stage: 'reactivated', customers: 1 }
	],
	compareFrom: '2024-01-01',
	returnsOnly: { customers: 0, revenue: 0 }
};
const opts = {
	width: 600,
	labels: {
		churned: 'Abgewandert',
		not_yet: 'Noch nicht',
		churn_after: 'churn after',
		risk_after: 'at risk after',
		loyal_orders: 'loyal from',
		days: 'days'
	},
	format: (n: number) => String(n)
};

describe('stageBarsSpec', () => {
	const spec = stageBarsSpec(result, opts);
	it('draws bars in evaluation order with translated stage names', () => {
		const m = marks(spec);
		expect(m.map((x) => x.constructor.name)).toEqual(['BarX', 'Text', 'RuleX', 'Text']);
		expect(spec.y?.domain).toEqual([...LIFECYCLE_STAGES]);
		expect((spec.y?.tickFormat as (s: string) => string)('churned')).toBe('Abgewandert');
		expect(spec.color?.domain).toEqual([...LIFECYCLE_STAGES]);
	});
	it('keeps room right of the longest bar for its count label ("3,512" was cut to "3,51")', () => {
		// The label starts 4 px after the bar's end, the longest bar ends at the plot's right edge:
		// what is right of it is marginRight. Digits and the comma of 11 px text are under 7 px.
		const big = { ...result, stages: result.stages.map((s, i) => ({ ...s, customers: 3512 - i })) };
		const format = (n: number) => n.toLocaleString('en-US');
		const s = stageBarsSpec(big, { ...opts, format });
		expect(format(3512)).toBe('3,512');
		expect(s.marginRight ?? 0).toBeGreaterThanOrEqual(4 + 7 * format(3512).length);
	});
	it('shows the thresholds', () => {
		expect(marks(spec)[3]!.data).toEqual([
			'churn after: 30 days · at risk after: 29 days · loyal from: 4'
		]);
		expect(thresholdNote(result.thresholds, opts)).toContain('30 days');
	});
});

describe('stagesOverTimeSpec', () => {
	it('stacks areas per stage over UTC month ends', () => {
		const spec = stagesOverTimeSpec(result.overTime, opts);
		const m = marks(spec);
		expect(m[0]).toBeInstanceOf(Plot.Area);
		expect(spec.x?.type).toBe('utc');
		expect((m[0]!.data as { date: Date }[]).map((d) => d.date.toISOString().slice(0, 10))).toEqual([
			'2024-01-31',
			'2024-02-29',
			'2024-02-29'
		]);
		expect(spec.color?.legend).toBe(true);
	});
});

describe('migrationHeatmapSpec', () => {
	it('puts from stages (not_yet first) on y, to stages on x, with counts', () => {
		const spec = migrationHeatmapSpec(result.migration, opts);
		// The top axis is a mark of its own (so long names wrap), before the cells and counts.
		const m = marks(spec).filter((x) => ['Cell', 'Text'].includes(x.constructor.name));
		expect(m.map((x) => x.constructor.name)).toEqual(['Cell', 'Text']);
		expect(spec.y?.domain).toEqual(['not_yet', ...LIFECYCLE_STAGES]);
		expect(spec.x?.domain).toEqual([...LIFECYCLE_STAGES]);
		expect(spec.x?.axis).toBeNull();
		const text = m[1]!.channels.text!.value as (d: unknown) => string;
		expect(m[1]!.data.map((d) => text(d))).toEqual(['3', '1']);
		expect((spec.y?.tickFormat as (s: string) => string)('not_yet')).toBe('Noch nicht');
	});
});
