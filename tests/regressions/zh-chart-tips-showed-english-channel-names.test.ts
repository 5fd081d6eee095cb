// @vitest-environment jsdom
// On a Chinese page the chart tips named channels in English: the basket's item bars read
// "item 23203", the loyalty tiers "tier 金卡". A channel whose scale has no title (a category axis
// drawn without one, a colour scale without a label, the z a stack derives from fill, a facet)
// falls back in Plot's tip to its field name. Every analysis chart's tips are hovered here in
// jsdom with marked labels ('译' + key, for every key a spec asks for): a tip name without the
// mark did not come from the chart's translated labels.
import * as Plot from '@observablehq/plot';
import { beforeAll, describe, expect, it } from 'vitest';
import { hoverTips, markedLabels, MARK, stubTipLayout } from '../helpers/plot-tips';
import { itemFrequencySpec, ruleScatterSpec } from '../../src/analyses/basket/chart';
import { breakdownBarsSpec, crossTabSpec } from '../../src/analyses/breakdown/chart';
import { clvDistributionSpec, clvHoldoutSpec, clvTrackingSpec } from '../../src/analyses/clv/chart';
import { cohortHeatmapSpec, retentionCurvesSpec } from '../../src/analyses/cohort/chart';
import { lorenzSpec } from '../../src/analyses/concentration/chart';
import { orderTimelineSpec } from '../../src/analyses/customer/chart';
import { cycleHistogramSpec } from '../../src/analyses/cycle/chart';
import {
	feedbackGroupSpec,
	feedbackThemeTrendSpec,
	feedbackThemesSpec,
	feedbackTrendSpec
} from '../../src/analyses/feedback/chart';
import {
	migrationHeatmapSpec,
	stageBarsSpec,
	stagesOverTimeSpec
} from '../../src/analyses/lifecycle/chart';
import {
	ledgerSpec,
	migrationSpec,
	outstandingSpec,
	tiersOverTimeSpec
} from '../../src/analyses/loyalty/chart';
import { revenueByMonthSpec } from '../../src/analyses/overview/chart';
import { rfmHeatmapSpec, rfmSegmentsSpec } from '../../src/analyses/rfm/chart';
import type { CohortResult, CohortRow } from '../../src/analyses/cohort/sql';
import type { LifecycleResult } from '../../src/analyses/lifecycle/sql';

const cohortRow = (split: string | null, k: number, complete: boolean): CohortRow => ({
	split,
	cohort: '2024-01-01',
	cohort_size: 3,
	k,
	customers: 3 - k,
	retention: 1 - k / 3,
	revenue: 10,
	revenue_retention: 1,
	cum_revenue_per_customer: 5 + k,
	complete,
	censored: false
});
const cohortResult = (split: string[] | null): CohortResult => ({
	rows: (split ?? [null]).flatMap((s) => [cohortRow(s, 0, true), cohortRow(s, 1, false)]),
	average: [
		{
			split: null,
			k: 0,
			cohorts: 1,
			cohort_size: 3,
			customers: 3,
			retention: 1,
			revenue: 10,
			revenue_retention: 1,
			cum_revenue_per_customer: 5
		}
	],
	firstCohort: null
});
const loyaltyMonths = ['2024-01', '2024-02'].map((month, i) => ({
	month,
	issued: 50,
	redeemed: 20,
	expired: 5,
	outstanding: 25 + 25 * i
}));
const lifecycle = {
	thresholds: { churn_after: 90, risk_after: 60, loyal_orders: 4 },
	stages: [{ stage: 'at_risk', customers: 3, share: 1, revenue: 10 }]
} as Pick<LifecycleResult, 'thresholds' | 'stages'> as LifecycleResult;
const scores = { score: 10, low: 5, high: 15, n: 30, small: false };
const tiers = ['普通', '金卡'];

/** Each chart with a tip, built from a few rows with the marked labels. */
const CHARTS: Record<string, (labels: Record<string, string>) => Plot.PlotOptions> = {
	'basket items': (labels) =>
		itemFrequencySpec([{ item: '23203', baskets: 5, support: 0.1 }], { ...opt, labels }),
	'basket rules': (labels) =>
		ruleScatterSpec(
			[
				{
					...{ lhs: ['23203'], rhs: '22386', count: 4, support: 0.1, confidence: 0.5 },
					...{ lift: 2, coverage: 0.2, leverage: 0.05, conviction: 1.5 }
				}
			],
			{ ...opt, labels }
		),
	'loyalty tiers over time': (labels) =>
		tiersOverTimeSpec(
			[1, 2].flatMap((tier) =>
				['2024-01-01', '2024-02-01'].map((date) => ({ date, tier, members: 3 * tier }))
			),
			{ ...opt, labels, tiers }
		),
	'loyalty ledger': (labels) => ledgerSpec(loyaltyMonths, { ...opt, labels }),
	'loyalty outstanding': (labels) => outstandingSpec(loyaltyMonths, 0.01, { ...opt, labels }),
	'loyalty migration': (labels) =>
		migrationSpec(
			[
				{ tier_from: 0, tier_to: 1, members: 3 },
				{ tier_from: 1, tier_to: 2, members: 2 }
			],
			{ ...opt, labels, tiers }
		),
	'breakdown bars': (labels) =>
		breakdownBarsSpec(
			[
				{
					...{ value: 'web', position: 1, is_other: false, is_unknown: false, customers: 3 },
					...{ orders: 4, revenue: 50, revenue_share: 1, aov: 12.5, orders_per_customer: 1.3 },
					...{ repeat_rate: 0.3, median_recency: 20, small_group: true }
				}
			],
			'revenue',
			{ ...opt, labels }
		),
	'breakdown cross-tab': (labels) =>
		crossTabSpec(
			[
				{
					...{ a: 'web', b: 'north', a_position: 1, b_position: 1, a_other: false },
					...{ a_unknown: false, b_other: false, b_unknown: false, customers: 3, revenue: 50 }
				}
			],
			'customers',
			{ ...opt, labels }
		),
	'clv tracking': (labels) =>
		clvTrackingSpec(
			[
				{ day: 0, actual: 1, expected: 1 },
				{ day: 30, actual: 4, expected: 5 }
			],
			15,
			(day) => new Date(Date.UTC(2024, 0, 1 + day)),
			{ ...opt, labels }
		),
	'clv holdout': (labels) =>
		clvHoldoutSpec(
			[0, 1].map((x_bucket) => ({ x_bucket, customers: 3, actual: 2, expected: 3 })),
			{ ...opt, labels }
		),
	'clv distribution': (labels) =>
		clvDistributionSpec([{ bin: 0, lo: 0, hi: 10, is_last: false, customers: 3 }], {
			...opt,
			labels
		}),
	'cohort triangle': (labels) => cohortHeatmapSpec(cohortResult(null), { ...opt, labels }),
	'cohort triangle, split': (labels) =>
		cohortHeatmapSpec(cohortResult(['shop', 'web']), { ...opt, labels }),
	'cohort retention curves': (labels) =>
		retentionCurvesSpec(cohortResult(null), { ...opt, labels }),
	'cohort retention curves, split': (labels) =>
		retentionCurvesSpec(cohortResult(['shop', 'web']), { ...opt, labels }),
	'concentration lorenz': (labels) =>
		lorenzSpec(
			[0, 1, 2].map((c) => ({ customers: c, share_customers: c / 2, share_revenue: c / 2 })),
			[],
			{ ...opt, labels }
		),
	'customer timeline': (labels) =>
		orderTimelineSpec(
			[
				{ order_id: 'A1', order_date: '2024-01-05', revenue: 10, items: 1, is_return: false },
				{ order_id: 'A2', order_date: '2024-03-05', revenue: -4, items: 1, is_return: true }
			].map((o) => ({ ...o, total: 2 })),
			{ ...opt, labels }
		),
	'cycle histogram': (labels) =>
		cycleHistogramSpec(
			[{ bin_start: 0, bin_end: 7, gaps: 3, share: 1, is_overflow: false }],
			{ median_gap: 3, bin_days: 7 },
			{ ...opt, labels }
		),
	'feedback trend': (labels) =>
		feedbackTrendSpec(
			['2024-01-01', '2024-02-01'].map((month) => ({ month, ...scores })),
			{ ...opt, labels, nps: true }
		),
	'feedback groups': (labels) =>
		feedbackGroupSpec([{ label: 'VIP', ...scores }], { ...opt, labels, nps: true }),
	'feedback themes': (labels) =>
		feedbackThemesSpec([{ label: '价格', responses: 4, detractor_share: 0.5 }], {
			...opt,
			labels
		}),
	'feedback themes by month': (labels) =>
		feedbackThemeTrendSpec(
			['2024-01-01', '2024-02-01'].map((month) => ({ label: '价格', month, responses: 3 })),
			{ ...opt, labels, themes: ['价格'] }
		),
	'lifecycle stages': (labels) => stageBarsSpec(lifecycle, { ...opt, labels }),
	'lifecycle stages over time': (labels) =>
		stagesOverTimeSpec(
			['2024-01-31', '2024-02-29'].map((month_end) => ({
				...{ month_end, stage: 'at_risk' as const, customers: 3, share: 1 }
			})),
			{ ...opt, labels }
		),
	'lifecycle migration': (labels) =>
		migrationHeatmapSpec([{ from_stage: 'not_yet', to_stage: 'new', customers: 3 }], {
			...opt,
			labels
		}),
	'overview revenue by month': (labels) =>
		revenueByMonthSpec([{ month: '2024-01-01', revenue: 30, orders: 2, customers: 1 }], {
			...opt,
			labels
		}),
	'rfm heatmap': (labels) =>
		rfmHeatmapSpec([{ r: 1, f: 1, customers: 3, avg_monetary: 20 }], { ...opt, labels }),
	'rfm segments': (labels) =>
		rfmSegmentsSpec(
			[
				{
					...{ segment: 'champions', customers: 3, orders: 9, revenue: 90 },
					...{ share_customers: 1, share_revenue: 1, aov: 10, median_recency: 5 },
					...{ median_frequency: 3, median_monetary: 30 }
				}
			],
			{ ...opt, labels }
		)
};
const opt = { width: 600, format: String };

beforeAll(stubTipLayout);

describe('zh chart tips showed English channel names', () => {
	it.each(Object.keys(CHARTS))('%s: every tip line is named from the labels', (name) => {
		const { labels, asked } = markedLabels();
		const lines = hoverTips(CHARTS[name]!(labels));
		expect(lines.length).toBeGreaterThan(0);
		const untranslated = lines.filter((l) => !l.label.startsWith(MARK));
		expect(untranslated).toEqual([]);
		// Nor does a tip show a key the chart translates elsewhere (a stage, the average row) raw.
		const rawKeys = lines.filter((l) => asked.has(l.value));
		expect(rawKeys).toEqual([]);
	});
});
