// The feedback analysis' scores (src/analyses/feedback/sql.ts) on hand-made responses, through the
// Node engine: NPS and its standard error, CSAT, the scale's detection, the counts of what is not
// scored or not matched, and the empty result without a feedback file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/db/engine';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { feedbackAnalysis } from '../../../../src/analyses/feedback/sql';
import { defaultFeedbackSettings } from '../../../../src/analyses/feedback/settings';
import { createFeedback, loadedSettings, times } from './helpers';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { file, ORDERS } from '../../db/pipeline/fixtures';

const scope = scopeAt('2024-07-01');

describe('NPS with shares ½ / ⅓ / ⅙', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
		// The reference figure, through the load path a user's files take (loadDataSet:
		// detection, mapping, the orders and feedback tables). ½ / ⅓ / ⅙ need n divisible by 6:
		// 51 promoters, 34 passives, 17 detractors (n = 102).
		const lines = [
			...times(51, ['A', '2024-03-01', 10, null]),
			...times(34, ['A', '2024-03-02', 8, null]),
			...times(17, ['A', '2024-03-03', 3, null])
		].map(([id, date, score]) => `${id},${date},${score}`);
		const feedbackCsv = ['customer_id,date,score', ...lines].join('\n') + '\n';
		const set = await loadDataSet(db, [file('orders.csv', ORDERS), file('nps.csv', feedbackCsv)], {
			build: 'complete'
		});
		expect(set.files.map((f) => f.kind)).toEqual(['orders', 'feedback']);
	});
	afterAll(async () => db?.close());

	it('is 33.3 with a standard error of 7.45 points scaled to n = 100', async () => {
		const r = await feedbackAnalysis.run((q) => db.query(q), scope, loadedSettings(scope));
		const s = r.summary;
		expect([s.scale, s.n, s.promoters, s.passives, s.detractors]).toEqual(['nps', 102, 51, 34, 17]);
		expect(s.score).toBeCloseTo(100 / 3, 10);
		// (p + d − (p − d)²) / n = (2/3 − 1/9) / 102 = (5/9) / 102.
		expect(s.se).toBeCloseTo(100 * Math.sqrt(5 / 9 / 102), 10);
		// The same shares at n = 100 (the figure): SE ∝ 1 / √n, 7.45 points.
		expect(s.se! * Math.sqrt(102 / 100)).toBeCloseTo(7.45, 2);
		expect(s.low).toBeCloseTo(100 / 3 - 1.96 * 100 * Math.sqrt(5 / 9 / 102), 10);
		expect(s.high).toBeCloseTo(100 / 3 + 1.96 * 100 * Math.sqrt(5 / 9 / 102), 10);
		expect(r.monthly).toEqual([
			expect.objectContaining({ month: '2024-03-01', n: 102, responses: 102, small: false })
		]);
	});
});

describe('CSAT on a hand-made 1–5 file', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
		await createOrders(
			db,
			`('a', 'a1', DATE '2024-01-05', 100.0, true), ('b', 'b1', DATE '2024-02-05', 50.0, true)`
		);
		// Scores 5, 4, 4, 3, 2, 1 and 5 in June; one empty score, one 7 (outside 1–5 once chosen),
		// one anonymous, one unknown id, one undated, one dated after the as-of date.
		await createFeedback(db, [
			['a', '2024-05-03', 5, 'fast'],
			['a', '2024-05-10', 4, null],
			['b', '2024-05-11', 4, 'ok'],
			[null, '2024-05-12', 3, 'meh'],
			['zz', '2024-05-13', 2, 'slow'],
			['b', null, 1, 'bad'],
			['a', '2024-06-01', 5, ''],
			['b', '2024-06-02', null, 'no score'],
			['a', '2024-08-01', 5, 'after the as-of date']
		]);
	});
	afterAll(async () => db?.close());

	it('detects 1–5 and counts the top two boxes: 4 of 7 scored = 57.1 %', async () => {
		const r = await feedbackAnalysis.run((q) => db.query(q), scope, loadedSettings(scope));
		const s = r.summary;
		expect([s.scale, s.detected, s.detected_scale]).toEqual(['csat5', true, 'csat5']);
		expect([s.top, s.bottom]).toEqual([4, 2]);
		// Satisfied: 5, 4, 4, 5 → 4 of 7; dissatisfied 2, 1; neutral 3.
		expect([s.n, s.promoters, s.passives, s.detractors]).toEqual([7, 4, 1, 2]);
		expect(s.score).toBeCloseTo((4 / 7) * 100, 10);
		expect(s.se).toBeCloseTo(100 * Math.sqrt(((4 / 7) * (3 / 7)) / 7), 10);
		expect(s.low).toBeCloseTo(
			Math.max(0, (4 / 7) * 100 - 196 * Math.sqrt(((4 / 7) * (3 / 7)) / 7)),
			10
		);
		expect(s).toMatchObject({
			responses: 8,
			outside_scope: 1,
			no_score: 1,
			out_of_range: 0,
			undated: 1,
			anonymous: 1,
			unmatched: 1,
			comments: 6
		});
		// May: 5, 4, 4, 3, 2 → 3 of 5; June: 5 → 1 of 1; the undated 1 is in neither.
		expect(r.monthly.map((m) => [m.month, m.n, m.score, m.small])).toEqual([
			['2024-05-01', 5, 60, true],
			['2024-06-01', 1, 100, true]
		]);
	});

	it('reads the same file as CSAT 1–10 when chosen, top boxes 9–10; with one top box only the 5s', async () => {
		const as10 = await feedbackAnalysis.run(
			(q) => db.query(q),
			scope,
			loadedSettings(scope, { scale: 'csat10' })
		);
		expect([as10.summary.scale, as10.summary.n, as10.summary.promoters]).toEqual(['csat10', 7, 0]);
		const one = await feedbackAnalysis.run(
			(q) => db.query(q),
			scope,
			loadedSettings(scope, { csatBoxes: 1 })
		);
		expect([
			one.summary.top,
			one.summary.bottom,
			one.summary.promoters,
			one.summary.detractors
		]).toEqual([5, 1, 2, 1]);
	});

	it('as NPS 0–10 a 1–5 file has only detractors', async () => {
		const r = await feedbackAnalysis.run(
			(q) => db.query(q),
			scope,
			loadedSettings(scope, { scale: 'nps' })
		);
		// The choice's label still says what 'auto' would read: CSAT 1–5.
		expect(r.summary.detected_scale).toBe('csat5');
		expect([r.summary.detected, r.summary.n, r.summary.detractors, r.summary.score]).toEqual([
			false,
			7,
			7,
			-100
		]);
	});
});

describe('without a feedback file', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
		await createOrders(db, `('a', 'a1', DATE '2024-01-05', 100.0, true)`);
	});
	afterAll(async () => db?.close());

	it('reads no feedback table, asks only the summary and says nothing is loaded', async () => {
		const settings = { ...loadedSettings(scope), hasFeedback: false };
		for (const q of Object.values(feedbackAnalysis.queries(scope, settings))) {
			expect(q.text).not.toMatch(/\bFROM "feedback"/);
		}
		// Only the summary is asked: with no response every list is empty.
		const asked: string[] = [];
		const r = await feedbackAnalysis.run(
			(q) => {
				asked.push(q.text);
				return db.query(q);
			},
			scope,
			settings
		);
		expect(asked).toEqual([feedbackAnalysis.queries(scope, settings)['summary']!.text]);
		expect(r.loaded).toBe(false);
		expect([r.summary.responses, r.summary.n, r.summary.score]).toEqual([0, 0, null]);
		expect(r.monthly).toEqual([]);
		expect([r.themes, r.by_dimension, r.churn, r.terms, r.uncategorised_total]).toEqual([
			[],
			[],
			[],
			[],
			0
		]);
		expect(defaultFeedbackSettings.hasFeedback).toBe(false);
	});

	it('does not compute the segments, stages and tiers it would join responses to', () => {
		const settings = { ...loadedSettings(scope), hasFeedback: false };
		const queries = feedbackAnalysis.queries(scope, settings);
		for (const field of [settings.segmentSql!, settings.stageSql!, settings.tierSql!]) {
			for (const q of Object.values(queries)) expect(q.text).not.toContain(field.text);
		}
	});
});
