// The report's one-sentence takeaways (issue 20): each analysis words its own from its result,
// with the numbers a reader checks against the section — worked out by hand on small results.
import { describe, expect, it } from 'vitest';
import { ANALYSES } from '../../../src/analyses';
import type { AnalysisModule, TakeawayFormat } from '../../../src/analyses/types';
import { interpolate } from '../../../src/i18n/i18n.svelte';
import { overview } from '../../../src/analyses/overview';
import { concentration } from '../../../src/analyses/concentration';
import { cohort } from '../../../src/analyses/cohort';
import { rfm } from '../../../src/analyses/rfm';
import { lifecycle } from '../../../src/analyses/lifecycle';
import { breakdown } from '../../../src/analyses/breakdown';
import { cycle } from '../../../src/analyses/cycle';
import { clv } from '../../../src/analyses/clv';

function fmt<K extends string>(m: AnalysisModule<never, never, K>, lang: 'en' | 'zh' = 'en') {
	const f: TakeawayFormat<K> = {
		t: (key, params) =>
			interpolate((m.messages[lang] as Record<string, string>)[key] ?? key, params),
		tn: (key, count, params) => {
			const c = m.messages[lang] as Record<string, string>;
			const one = lang === 'en' && count === 1 ? c[`${key}.one`] : undefined;
			return interpolate(one ?? c[key] ?? key, params);
		},
		num: (n, digits = 0) => (n === null || n === undefined ? '–' : n.toFixed(digits)),
		pct: (s, digits = 1) =>
			s === null || s === undefined ? '–' : `${(s * 100).toFixed(digits)} %`,
		money: (n) => (n === null || n === undefined ? '–' : n.toFixed(2)),
		date: (iso) => iso ?? '–',
		derivedValue: (key, value) =>
			key === 'rfm_segment' && value === 'champions' ? 'Champions' : null
	};
	return f;
}
// The manifests' result types differ; the tests give each the fields its takeaway reads.
const take = (m: AnalysisModule, result: unknown, lang: 'en' | 'zh' = 'en', settings = {}) =>
	m.takeaway!(result, fmt(m as AnalysisModule<never, never, string>, lang), settings);

describe('takeaways', () => {
	it('each of these analyses has a takeaway and a method line', () => {
		const mine = [overview, rfm, cohort, lifecycle, breakdown, concentration, cycle, clv];
		// All are registered (the report shows what the registry lists).
		for (const m of mine) expect(ANALYSES).toContain(m);
		for (const m of mine as AnalysisModule[]) {
			expect(m.takeaway, m.id).toBeTypeOf('function');
			expect(m.method, m.id).toBeTruthy();
			expect(m.messages.en[m.method!], m.id).toBeTruthy();
		}
	});

	it('overview: customers, orders, revenue and the repeat rate', () => {
		const kpis = { customers: 3, orders: 7, revenue: 120.5, repeat_rate: 2 / 3 };
		expect(take(overview, { kpis, months: [] })).toBe(
			'3 customers placed 7 orders worth 120.50; 66.7 % of them bought more than once.'
		);
		expect(take(overview, { kpis: { ...kpis, customers: 0 }, months: [] })).toBeNull();
	});

	it('concentration: the top 20 % share (the 80/20 reading) and the Gini', () => {
		const result = {
			summary: { customers: 10, gini: 0.4567 },
			top_shares: [
				{ top_percent: 1, share_revenue: 0.2 },
				{ top_percent: 20, share_revenue: 0.735 },
				{ top_percent: 50, share_revenue: 0.9 }
			]
		};
		expect(take(concentration, result)).toBe(
			'The top 20 % of customers bring 73.5 % of revenue (Gini 0.457).'
		);
		expect(take(concentration, result, 'zh')).toBe(
			'前 20% 的客户贡献了 73.5 % 的收入（基尼系数 0.457）。'
		);
	});

	it('cohort: the size-weighted period-1 average and the best finished cohort', () => {
		// Splits a (10 customers, 3 back) and b (30, 6 back): (3 + 6) / 40 = 22.5 %.
		const average = [
			{ split: null, k: 1, cohort_size: 10, customers: 3 },
			{ split: null, k: 1, cohort_size: 30, customers: 6 },
			{ split: null, k: 2, cohort_size: 40, customers: 1 }
		];
		const row = (cohort: string, retention: number, complete = true, censored = false) => ({
			split: null,
			cohort,
			k: 1,
			retention,
			complete,
			censored
		});
		const rows = [
			row('2011-01-01', 0.2),
			row('2011-03-01', 0.3),
			row('2010-12-01', 0.5, true, true), // left-censored: not a finding
			row('2011-04-01', 0.9, false) // unfinished
		];
		expect(take(cohort, { rows, average, firstCohort: null })).toBe(
			'Retention one period after the first purchase is 22.5 % on average, highest for the 2011-03-01 cohort (30.0 %).'
		);
		expect(take(cohort, { rows: [], average: [], firstCohort: null })).toBeNull();
	});

	it('rfm: the segment with the most revenue, by its name', () => {
		const segments = [
			{
				segment: 'champions',
				customers: 5,
				revenue: 900,
				share_revenue: 0.6,
				share_customers: 0.1
			},
			{
				segment: 'hibernating',
				customers: 40,
				revenue: 100,
				share_revenue: 0.07,
				share_customers: 0.8
			}
		];
		expect(take(rfm, { segments })).toBe(
			'Champions is the segment with the most revenue: 60.0 % of revenue from 10.0 % of customers.'
		);
	});

	it('lifecycle: the largest stage', () => {
		const stages = [
			{ stage: 'active', customers: 10, share: 0.25 },
			{ stage: 'churned', customers: 30, share: 0.75 }
		];
		expect(take(lifecycle, { stages })).toBe(
			'The largest stage is Churned: 30 customers, 75.0 % of all.'
		);
	});

	it('says "1 customer", not "1 customers" (takeaways count with the singular form)', () => {
		const stages = [{ stage: 'churned', customers: 1, share: 1 }];
		expect(take(lifecycle, { stages })).toBe(
			'The largest stage is Churned: 1 customer, 100.0 % of all.'
		);
	});

	it('breakdown: the named group with the most revenue, never Other or unknown', () => {
		const rows = [
			{
				value: 'Other',
				is_other: true,
				is_unknown: false,
				revenue: 999,
				customers: 9,
				revenue_share: 0.5
			},
			{
				value: 'unknown',
				is_other: false,
				is_unknown: true,
				revenue: 500,
				customers: 5,
				revenue_share: 0.25
			},
			{
				value: '<b>North</b>',
				is_other: false,
				is_unknown: false,
				revenue: 300,
				customers: 3,
				revenue_share: 0.15
			}
		];
		expect(take(breakdown, { rows, cross: [] })).toBe(
			'<b>North</b> brings the most revenue: 15.0 % of revenue from 3 customers.'
		);
	});

	it('breakdown by a derived field names the value as the table does, not by its key', () => {
		const rows = [
			{
				value: 'champions',
				is_other: false,
				is_unknown: false,
				revenue: 9,
				customers: 2,
				revenue_share: 0.5
			}
		];
		const settings = { dimension: { table: 'derived', column: 'rfm_segment' } };
		expect(take(breakdown, { rows, cross: [] }, 'en', settings)).toBe(
			'Champions brings the most revenue: 50.0 % of revenue from 2 customers.'
		);
	});

	it('cycle: median and quartile gaps, customers due', () => {
		const summary = { median_gap: 30, p25_gap: 14, p75_gap: 61, due_customers: 12 };
		expect(take(cycle, { summary })).toBe(
			'Half of repeat purchases come within 30 days of the previous one (middle half 14–61 days); 12 customers are due now.'
		);
		expect(take(cycle, { summary: { ...summary, median_gap: null } })).toBeNull();
	});

	it('cycle: a median gap of one day said "within 1 days"', () => {
		const summary = { median_gap: 1, p25_gap: 1, p75_gap: 3, due_customers: 1 };
		expect(take(cycle, { summary })).toBe(
			'Half of repeat purchases come within 1 day of the previous one (middle half 1–3 days); 1 customer is due now.'
		);
		expect(take(cycle, { summary }, 'zh')).toBe(
			'一半的复购发生在上次购买后 1 天内（中间一半为 1–3 天）；目前有 1 位客户到期应复购。'
		);
	});

	it('clv: expected purchases and value, customers slipping away', () => {
		const totals = { customers: 100, expected_purchases: 42.4, clv: 1234.5, slipping: 7 };
		expect(take(clv, { totals })).toBe(
			'The forecast expects 42 purchases worth 1234.50 from 100 customers; valuable customers slipping away: 7.'
		);
		expect(take(clv, { totals: null })).toBeNull();
	});
});
