// The feedback manifest (src/analyses/feedback/index.ts): what prepare takes from the loaded data
// and the other analyses, the report's takeaway in both languages, and the chart specs' shape.
import { describe, expect, it } from 'vitest';
import { ANALYSES } from '../../../../src/analyses';
import { feedback } from '../../../../src/analyses/feedback';
import { defaultPreparedSettings } from '../../../../src/analyses/registry-tools';
import type { TakeawayFormat } from '../../../../src/analyses/types';
import type { FeedbackKey } from '../../../../src/analyses/feedback/messages';
import type { FeedbackResult } from '../../../../src/analyses/feedback/result';
import {
	feedbackThemeTrendSpec,
	feedbackTrendSpec,
	monthTicks
} from '../../../../src/analyses/feedback/chart';
import { interpolate } from '../../../../src/i18n/i18n.svelte';
import { scopeAt } from '../../../helpers/fixtures';
import { loadedSettings } from './helpers';

const scope = scopeAt('2024-07-01');

function fmt(lang: 'en' | 'zh'): TakeawayFormat<FeedbackKey> {
	const m = feedback.messages[lang] as Record<string, string>;
	return {
		t: (key, params) => interpolate(m[key] ?? key, params),
		tn: (key, count, params) =>
			interpolate((lang === 'en' && count === 1 ? m[`${key}.one`] : undefined) ?? m[key]!, params),
		num: (n, digits = 0) => (n === null || n === undefined ? '–' : n.toFixed(digits)),
		pct: (s, digits = 1) =>
			s === null || s === undefined ? '–' : `${(s * 100).toFixed(digits)} %`,
		money: (n) => String(n),
		date: (iso) => iso ?? '–',
		derivedValue: () => null
	};
}

const result = {
	loaded: true,
	summary: { scale: 'nps', n: 102, score: 100 / 3, low: 18.87, high: 47.8 },
	themes: [
		{ theme: 'price', responses: 3, share: 0.1 },
		{ theme: 'delivery', responses: 9, share: 0.3 }
	]
} as unknown as FeedbackResult;

describe('the feedback manifest', () => {
	it('prepares from the loaded data: no feedback table read unless a file is loaded', () => {
		const plain = defaultPreparedSettings(ANALYSES, feedback, scope) as typeof feedback.defaults;
		expect(plain.hasFeedback).toBe(false);
		const loaded = loadedSettings(scope);
		expect(loaded.hasFeedback).toBe(true);
		for (const q of [loaded.segmentSql, loaded.stageSql, loaded.tierSql]) {
			expect(q?.text).toMatch(/SELECT customer_id/);
		}
		expect(feedback.derives?.[0]?.sql(scope, plain).text).not.toMatch(/"feedback"/);
		expect(feedback.derives?.[0]?.sql(scope, loaded).text).toMatch(/FROM "feedback"/);
	});

	it('words the takeaway from the score and the most frequent theme, in English and Chinese', () => {
		expect(feedback.takeaway!(result, fmt('en'), loadedSettings(scope))).toBe(
			'NPS is 33.3 from 102 scored responses (95 % interval 18.9 to 47.8). Most comments are about Delivery (30.0 % of comments).'
		);
		expect(feedback.takeaway!(result, fmt('zh'), loadedSettings(scope))).toBe(
			'NPS为 33.3，基于 102 条有效评分（95% 区间 18.9 至 47.8）。 留言最多提到物流配送（占留言的 30.0 %）。'
		);
		const none = { ...result, loaded: false } as FeedbackResult;
		expect(feedback.takeaway!(none, fmt('en'), loadedSettings(scope))).toBeNull();
	});
});

describe('the feedback charts', () => {
	const opts = { width: 600, labels: {}, format: String };

	it('the monthly trend: band, line, dots, and n under the points only while they fit', () => {
		const month = (m: string, n: number) => ({
			month: m,
			n,
			score: 10,
			low: 0,
			high: 20,
			small: n < 30
		});
		const few = feedbackTrendSpec([month('2024-01-01', 40), month('2024-02-01', 3)], {
			...opts,
			nps: true
		});
		const types = (few.marks ?? []).map((m) => (m as { ariaLabel?: string }).ariaLabel);
		expect(types).toEqual(['area', 'line', 'dot', 'text', 'rule']);
		const text = (spec: typeof few) => (spec.marks![3] as unknown as { data: unknown[] }).data;
		expect(text(few)).toHaveLength(2);
		const many = Array.from({ length: 36 }, (_, i) =>
			month(`20${22 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, 40)
		);
		expect(text(feedbackTrendSpec(many, { ...opts, nps: true }))).toEqual([]);
	});

	it('ticks months, not days, over a few months; fewer of them over years', () => {
		expect(monthTicks(6, 1300)).toBe('month');
		expect(monthTicks(36, 1300)).toBe('2 months');
		expect(monthTicks(36, 600)).toBe('6 months');
		expect(monthTicks(200, 600)).toBe('12 months');
		const spec = feedbackTrendSpec(
			[{ month: '2024-01-01', n: 40, score: 1, low: 0, high: 2, small: false }],
			{ ...opts, nps: true }
		);
		expect(spec.x?.ticks).toBe('month');
	});

	it('the themes by month: a month without a theme’s comment is drawn as 0, themes in dictionary order', () => {
		const spec = feedbackThemeTrendSpec(
			[
				{ label: 'Price', month: '2024-01-01', responses: 2 },
				{ label: 'Delivery', month: '2024-02-01', responses: 5 }
			],
			{ ...opts, themes: ['Delivery', 'Price'] }
		);
		const line = (
			spec.marks![0] as unknown as { data: { label: string; month: string; responses: number }[] }
		).data;
		expect(line.map((p) => [p.label, p.month, p.responses])).toEqual([
			['Delivery', '2024-01-01', 0],
			['Delivery', '2024-02-01', 5],
			['Price', '2024-01-01', 2],
			['Price', '2024-02-01', 0]
		]);
		expect(spec.color?.domain).toEqual(['Delivery', 'Price']);
	});
});
