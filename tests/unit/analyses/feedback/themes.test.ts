// Complaint themes (src/analyses/feedback/themes-sql.ts) on hand-made comments in English and
// Chinese: substring matching in any case, a comment counted once per theme however many of its
// keywords it holds and once in every theme it matches, keywords that are SQL only as parameters,
// the comments matching no theme and their frequent terms, and hostile comments kept as text and
// neutralised in the per-customer export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/db/engine';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { buildCustomersQuery, feedbackAnalysis } from '../../../../src/analyses/feedback/sql';
import {
	parseThemes,
	themeKeywords,
	formatThemes,
	DEFAULT_THEMES
} from '../../../../src/analyses/feedback/settings';
import { CUSTOMER_CSV_COLUMNS } from '../../../../src/analyses/feedback/view';
import { COMMENT_PREVIEW } from '../../../../src/analyses/feedback/themes-sql';
import { toCsv } from '../../../../src/export/csv';
import { createFeedback, loadedSettings, type Response } from './helpers';

const scope = scopeAt('2024-07-01');
const run = (db: Engine, patch = {}) =>
	feedbackAnalysis.run((q) => db.query(q), scope, loadedSettings(scope, patch));

describe('theme matching in English and Chinese', () => {
	let db: Engine;
	// Rows 1–8. Delivery: 1 (two of its keywords: once), 2 (快递 and 物流), 5; price: 3, 5;
	// quality: 4 and 6 (商品质量 is also product); product: 6, 7 (PRODUCT in capitals); none: 8.
	const rows: Response[] = [
		['a', '2024-05-01', 2, 'Delivery was slow, the courier lost it'],
		['a', '2024-05-02', 3, '快递太慢了，物流信息也不更新'],
		['b', '2024-05-03', 9, 'Price is fair'],
		['b', '2024-06-01', 5, '质量一般'],
		['c', '2024-06-02', 1, '价格太贵，送货还慢'],
		['c', '2024-06-03', 10, '商品质量很好'],
		[null, null, 8, 'Great PRODUCT'],
		['zz', '2024-06-04', 4, 'Nothing to say really, nothing at all, slow']
	];
	beforeAll(async () => {
		db = await createNodeEngine();
		await createOrders(
			db,
			`('a', 'a1', DATE '2024-01-05', 100.0, true), ('b', 'b1', DATE '2024-01-06', 50.0, true),
			('c', 'c1', DATE '2024-01-07', 10.0, true)`
		);
		await createFeedback(db, rows);
	});
	afterAll(async () => db?.close());

	it('counts each comment once per theme it matches, in any case, Chinese without segmentation', async () => {
		const r = await run(db);
		const byTheme = Object.fromEntries(
			r.themes.map((t) => [t.theme, [t.responses, t.scored, t.detractors]])
		);
		expect(byTheme).toEqual({
			delivery: [3, 3, 3],
			price: [2, 2, 1],
			quality: [2, 2, 1],
			service: [0, 0, 0],
			refund: [0, 0, 0],
			product: [2, 2, 0]
		});
		expect(r.themes.find((t) => t.theme === 'delivery')!.share).toBeCloseTo(3 / 8, 12);
		expect(r.themes.find((t) => t.theme === 'price')!.detractor_share).toBe(0.5);
		expect(r.uncategorised_total).toBe(1);
		expect(r.uncategorised.map((u) => [u.row_no, u.comment])).toEqual([[8, rows[7]![3]]]);
		// Examples: detractors first, then the latest; at most three per theme.
		expect(r.theme_examples.filter((e) => e.theme === 'delivery').map((e) => e.row_no)).toEqual([
			5, 2, 1
		]);
		// Months: May has rows 1–3 (comments), June 4–6 and 8; row 7 is undated.
		expect(
			r.theme_monthly
				.filter((m) => m.theme === 'delivery')
				.map((m) => [m.month, m.responses, m.share])
		).toEqual([
			['2024-05-01', 2, 2 / 3],
			['2024-06-01', 1, 1 / 4]
		]);
	});

	it('an edited dictionary: a user theme, overlapping keywords (慢 inside 太慢) counted once', async () => {
		const themes = parseThemes('slow: slow, 慢, 太慢\n物流：物流，快递、送货\nempty:\n: nameless');
		expect(themes).toEqual([
			{ name: 'slow', keywords: ['slow', '慢', '太慢'] },
			{ name: '物流', keywords: ['物流', '快递', '送货'] }
		]);
		const r = await run(db, { themes });
		// slow: rows 1, 2 (太慢 holds 慢 too: once), 5 (还慢), 8; 物流: 2 (two keywords: once), 5.
		expect(r.themes.map((t) => [t.theme, t.responses])).toEqual([
			['slow', 4],
			['物流', 2]
		]);
		expect(r.uncategorised_total).toBe(4);
	});

	it('keywords holding quotes or SQL are parameters: matched literally, nothing else runs', async () => {
		const themes = [
			{
				name: "it's'); DROP TABLE feedback; --",
				keywords: ["'); DROP TABLE feedback; --", '" OR 1=1 --', 'lost it']
			}
		];
		const r = await run(db, { themes });
		expect(r.themes).toEqual([expect.objectContaining({ theme: themes[0]!.name, responses: 1 })]);
		const [count] = await db.query<{ n: number }>(
			'SELECT CAST(count(*) AS INTEGER) AS n FROM feedback'
		);
		expect(count!.n).toBe(rows.length);
	});

	it('frequent terms among the uncategorised comments: English words without stop words, Chinese bigrams', async () => {
		const r = await run(db, { themes: [{ name: 'x', keywords: ['no comment has this'] }] });
		const terms = Object.fromEntries(r.terms.map((t) => [`${t.kind}:${t.term}`, t.responses]));
		// 质量 in rows 4 and 6, 'slow' in rows 1 and 8; 太慢 in row 2 only; 'nothing' twice in row 8
		// (one comment); 慢了 holds the particle 了.
		expect(terms['bigram:质量']).toBe(2);
		expect(terms['word:slow']).toBe(2);
		expect(terms['bigram:太慢']).toBeUndefined();
		expect(terms['word:nothing']).toBeUndefined();
		expect(Object.keys(terms).some((k) => k.includes('的') || k === 'word:the')).toBe(false);
	});

	it('the dictionary’s text form reads back as the same themes', () => {
		expect(parseThemes(formatThemes(DEFAULT_THEMES))).toEqual(DEFAULT_THEMES);
		expect(themeKeywords([{ name: 't', keywords: [' a ', 'A', '', 'b'] }])).toEqual([
			[1, 't', 'a'],
			[1, 't', 'b']
		]);
	});
});

describe('hostile comments', () => {
	let db: Engine;
	const html = '<img src=x onerror="alert(1)"><b>refund</b>';
	const formula = '=HYPERLINK("http://evil.example","price")';
	const big = `delivery ${'x'.repeat(1_000_000)}`;
	beforeAll(async () => {
		db = await createNodeEngine();
		await createOrders(
			db,
			`('a', 'a1', DATE '2024-01-05', 100.0, true), ('b', 'b1', DATE '2024-01-06', 50.0, true),
			('c', 'c1', DATE '2024-01-07', 10.0, true)`
		);
		await createFeedback(db, [
			['a', '2024-05-01', 2, html],
			['b', '2024-05-02', 3, formula],
			['c', '2024-05-03', 1, big]
		]);
	});
	afterAll(async () => db?.close());

	it('are matched and listed as the text they are; a 1 MB comment is listed by its start and length', async () => {
		const r = await run(db);
		const examples = Object.fromEntries(r.theme_examples.map((e) => [e.theme, e]));
		expect(examples['refund']!.comment).toBe(html);
		expect(examples['price']!.comment).toBe(formula);
		expect(examples['delivery']!.comment).toBe(big.slice(0, COMMENT_PREVIEW));
		expect(examples['delivery']!.length).toBe(big.length);
	});

	it('are written whole to the per-customer export, with the formula neutralised', async () => {
		const rows = await db.query<Record<string, unknown>>(
			buildCustomersQuery(scope, loadedSettings(scope, { scale: 'nps' }))
		);
		// On NPS (scores 2, 3, 1 alone would read as CSAT 1–5) all are detractors: by ABC tier
		// (revenue 100, 50, 10: a and b before 80 % of 160, A; c, B), then id.
		expect(rows.map((r) => [r['customer_id'], r['nps_group'], r['abc_tier'], r['themes']])).toEqual(
			[
				['a', 'detractor', 'A', 'refund'],
				['b', 'detractor', 'A', 'price'],
				['c', 'detractor', 'B', 'delivery']
			]
		);
		const csv = toCsv(
			CUSTOMER_CSV_COLUMNS.map((key) => ({ key, label: key })),
			rows
		);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(CUSTOMER_CSV_COLUMNS.join(','));
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""price"")"`);
		expect(csv).not.toMatch(/,=HYPERLINK/);
		expect(csv).toContain(`"${html.replaceAll('"', '""')}"`);
		expect(csv).toContain(big);
	});
});
