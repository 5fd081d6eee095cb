// Feedback files through the load path (loadDataSet on the Node engine, issue 21): the feedback
// table, ids cleaned as the orders' are, rows set aside with their file and row, files appended,
// the summary and the next step, and the sample's two feedback files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { file, ORDERS } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

interface Row {
	row_no: number;
	source_file: string;
	customer_id: string | null;
	response_date: string | null;
	score: number | null;
	comment: string | null;
}
const rows = () =>
	db.query<Row>(
		`SELECT row_no, source_file, customer_id, CAST(response_date AS VARCHAR) AS response_date,
			score, comment FROM feedback ORDER BY source_file, row_no`
	);

/**
 * Five responses: A (padded with spaces) and B match ORDERS' customers; `17850.0` is read as
 * 17850 (as an orders id is); row 4 is anonymous with a comment and no score; row 5 has `4/5`.
 */
const FEEDBACK = `customer_id,date,score,comment
  A ,2024-02-01,9,"Fast delivery, thanks"
B,2024-02-03,3.0,  Refund still missing  
17850.0,2024-02-04,7,
,2024-02-05,,No score here
B,2024-03-01,4/5,ok
`;

describe('feedback files', () => {
	it('load into feedback with ids cleaned like the orders, scores as numbers, comments trimmed', async () => {
		const set = await loadDataSet(db, [file('orders.csv', ORDERS), file('fb.csv', FEEDBACK)]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([
			['orders', 'dates-amounts'],
			['feedback', 'scores-comments']
		]);
		expect(set.next).toBe('build');
		expect(await rows()).toEqual([
			{
				row_no: 1,
				source_file: 'fb.csv',
				customer_id: 'A',
				response_date: '2024-02-01',
				score: 9,
				comment: 'Fast delivery, thanks'
			},
			{
				row_no: 2,
				source_file: 'fb.csv',
				customer_id: 'B',
				response_date: '2024-02-03',
				score: 3,
				comment: 'Refund still missing'
			},
			{
				row_no: 3,
				source_file: 'fb.csv',
				customer_id: '17850',
				response_date: '2024-02-04',
				score: 7,
				comment: null
			},
			{
				row_no: 4,
				source_file: 'fb.csv',
				customer_id: null,
				response_date: '2024-02-05',
				score: null,
				comment: 'No score here'
			},
			{
				row_no: 5,
				source_file: 'fb.csv',
				customer_id: 'B',
				response_date: '2024-03-01',
				score: 4,
				comment: 'ok'
			}
		]);
		// A and B ×2 have orders; 17850 does not; row 4 has no id.
		expect(set.feedback).toEqual({
			responses: 5,
			withScore: 4,
			withComment: 4,
			withCustomer: 4,
			matched: 3,
			firstDate: '2024-02-01',
			lastDate: '2024-03-01',
			rejected: 0,
			rejects: []
		});
	});

	it('an unreadable score or date sets its row aside with file, row, column and code; the rest loads', async () => {
		const text = `customer_id,date,score,comment
A,2024-02-01,9,good
B,2024-02-02,abc,bad score
C,not a date,5,bad date
D,1850-01-01,5,too early
E,2024-02-05,,comment only
`;
		const set = await loadDataSet(db, [file('orders.csv', ORDERS), file('fb.csv', text)]);
		expect((await rows()).map((r) => r.customer_id)).toEqual(['A', 'E']);
		// The reader read all five; three were set aside while typing.
		expect(set.files[1]!.report.rowsLoaded).toBe(5);
		expect(set.files[1]!.feedbackRejected).toBe(3);
		expect(set.feedback!.rejected).toBe(3);
		expect(set.feedback!.responses).toBe(2);
		expect(set.feedback!.rejects).toEqual([
			{
				file: 'fb.csv',
				row: 2,
				column_name: 'score',
				value: 'abc',
				code: 'bad-number',
				format: null
			},
			{
				file: 'fb.csv',
				row: 3,
				column_name: 'date',
				value: 'not a date',
				code: 'bad-date',
				format: '%Y-%m-%d'
			},
			{
				file: 'fb.csv',
				row: 4,
				column_name: 'date',
				value: '1850-01-01',
				code: 'date-range',
				format: '%Y-%m-%d'
			}
		]);
	});

	it('several feedback files append, each row with its file, and another load adds to them', async () => {
		const second = `Rating,Review\n2,Quality poor\n5,\n`;
		const set = await loadDataSet(db, [
			file('orders.csv', ORDERS),
			file('a.csv', FEEDBACK),
			file('b.csv', second)
		]);
		expect(set.feedback!.responses).toBe(7);
		const third = await loadDataSet(db, [file('c.csv', 'comment\nhello\n')], { current: set });
		expect(third.files.map((f) => f.kind)).toEqual(['feedback']);
		expect(third.feedback!.responses).toBe(8);
		expect(third.feedback).not.toBe(set.feedback);
		const by = await db.query<{ f: string; n: number }>(
			'SELECT source_file AS f, CAST(count(*) AS INTEGER) AS n FROM feedback GROUP BY 1 ORDER BY 1'
		);
		expect(by).toEqual([
			{ f: 'a.csv', n: 5 },
			{ f: 'b.csv', n: 2 },
			{ f: 'c.csv', n: 1 }
		]);
	});

	it('feedback alone: the next step says orders are needed, the responses stay loaded', async () => {
		const set = await loadDataSet(db, [file('fb.csv', FEEDBACK)]);
		expect(set.next).toBe('feedback-only');
		expect(set.summary).toBeNull();
		expect(set.feedback).toMatchObject({ responses: 5, matched: null });
	});

	it('a 1 MB comment loads whole', async () => {
		const long = 'x'.repeat(1024 * 1024);
		await loadDataSet(db, [file('fb.csv', `score,comment\n8,"${long}"\n9,short\n`)]);
		const [r] = await db.query<{ n: number }>(
			'SELECT CAST(max(length(comment)) AS INTEGER) AS n FROM feedback'
		);
		expect(r!.n).toBe(1024 * 1024);
	});
});

describe('the sample feedback files', () => {
	const sample = (name: string) => ({
		name,
		data: new Uint8Array(readFileSync(join(__dirname, '../../../../sample-data', name)))
	});

	it('feedback.csv loads beside orders.csv: every response, most matched to a customer', async () => {
		const set = await loadDataSet(db, [sample('orders.csv'), sample('feedback.csv')]);
		const lines = readFileSync(join(__dirname, '../../../../sample-data/feedback.csv'), 'utf8')
			.trimEnd()
			.split('\n').length;
		expect(set.files[1]!.kind).toBe('feedback');
		expect(set.feedback!.responses).toBe(lines - 1);
		expect(set.feedback!.rejected).toBe(0);
		expect(set.feedback!.matched).toBe(set.feedback!.withCustomer);
	}, 60_000);

	it('feedback-zh-gbk.csv loads with its Chinese comments intact and 1–5 ratings', async () => {
		const set = await loadDataSet(db, [sample('orders-zh-gbk.csv'), sample('feedback-zh-gbk.csv')]);
		expect(set.files[1]!.kind).toBe('feedback');
		expect(set.feedback!.rejected).toBe(0);
		const [s] = await db.query<{ lo: number; hi: number; wuliu: number; dated: number }>(
			`SELECT min(score) AS lo, max(score) AS hi,
				CAST(count(*) FILTER (WHERE comment LIKE '%物流%') AS INTEGER) AS wuliu,
				CAST(count(response_date) AS INTEGER) AS dated FROM feedback`
		);
		expect(s).toMatchObject({ lo: 1, hi: 5 });
		expect(s!.wuliu).toBeGreaterThan(3);
		expect(s!.dated).toBe(set.feedback!.responses);
		expect(set.feedback!.matched).toBe(set.feedback!.withCustomer);
	}, 60_000);
});
