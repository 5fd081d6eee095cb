// Feedback files in the Session (issue 21): the summary set per load (a new object each time),
// matched to the orders once they are built, feedback alone waiting for orders, and a file's kind
// changed to feedback and back by hand — on a Node engine standing in for the page's worker.
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../../src/state/session.svelte';
import type { SessionEngine, SessionEngineSource } from '../../../../src/state/session-engine';
import { loadedData } from '../../../../src/state/scope';
import { createNodeEngine } from '../../../helpers/node-engine';
import { file } from './fixtures';

vi.mock('../../../../src/db/engine-instance', () => {
	const refuse = () => Promise.reject(new Error('the page engine is not used in these tests'));
	return { getEngine: refuse, restartEngine: refuse, pageMemoryLimit: () => '1GB' };
});

/** A buys twice, B once. */
const ORDERS = `order_id,order_date,customer_id,amount
1,2024-02-01,A,20.00
2,2024-02-15,B,5.00
3,2024-03-10,A,15.50
`;
/** A and B have orders, Z does not; one row's score is unreadable. */
const FEEDBACK = `customer_id,date,score,comment
A,2024-02-05,9,great
B,2024-02-20,abc,unreadable score
Z,2024-03-01,2,late delivery
`;
/** Headers that name no score or comment: unused until chosen as feedback. */
const SURVEY = `who,when,points,said
A,2024-02-06,8,fine
B,2024-02-21,6,meh
`;

function session(): Session {
	const engine = createNodeEngine().then((node) => {
		let database = 'memory';
		return Object.assign(node, {
			crashed: false,
			defaultDatabase: 'memory',
			get database() {
				return database;
			},
			async useDatabase(name: string) {
				await node.exec(`USE ${name}`);
				database = name;
			},
			warmUp: async () => ({ state: 'stopped' as const })
		}) as unknown as SessionEngine;
	});
	const source: SessionEngineSource = {
		get: () => engine,
		restart: () => engine,
		memoryLimit: () => '1GB'
	};
	return new Session(source);
}

describe('Session: feedback files', () => {
	it('a feedback file with orders: listed as feedback, summarised, matched, its bad row counted', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS), file('fb.csv', FEEDBACK)]);
		expect(s.phase).toBe('ready');
		expect(s.files.map((f) => [f.kind, f.reason])).toEqual([
			['orders', 'dates-amounts'],
			['feedback', 'scores-comments']
		]);
		expect(s.feedbackSummary).toMatchObject({ responses: 2, matched: 1, rejected: 1 });
		expect(s.feedbackSummary!.rejects[0]).toMatchObject({ row: 2, column_name: 'score' });
		expect(loadedData(s).feedback).toBe(true);
		expect(s.rowsRejected).toBe(1);
		expect(s.notices).toEqual([]);
	});

	it('a feedback file added alone is a new summary and a new build of the data', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS)]);
		expect(s.feedbackSummary).toBeNull();
		expect(loadedData(s).feedback).toBe(false);
		const version = s.dataVersion;
		await s.load([file('fb.csv', FEEDBACK)], 'add');
		const first = s.feedbackSummary;
		expect(first).toMatchObject({ responses: 2, matched: 1 });
		expect(s.dataVersion).toBeGreaterThan(version);
		await s.load([file('fb2.csv', 'score,comment\n7,ok\n')], 'add');
		expect(s.feedbackSummary).not.toBe(first);
		expect(s.feedbackSummary!.responses).toBe(3);
	});

	it('feedback alone: the page says orders are needed and keeps the responses; orders then build', async () => {
		const s = session();
		await s.load([file('fb.csv', FEEDBACK)]);
		expect(s.phase).toBe('empty');
		expect(s.problem).toMatchObject({ file: 'fb.csv', key: 'notice.feedbackOnly' });
		expect(s.feedbackSummary).toMatchObject({ responses: 2, matched: null });
		// The orders file dropped next joins the feedback (as it joins a customers file alone).
		await s.load([file('orders.csv', ORDERS)]);
		expect(s.phase).toBe('ready');
		expect(s.files.map((f) => f.kind)).toEqual(['feedback', 'orders']);
		expect(s.feedbackSummary).toMatchObject({ responses: 2, matched: 1 });
	});

	it('a file chosen as feedback by hand is read again into feedback; set back to unused, its rows go', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS), file('survey.csv', SURVEY)]);
		expect(s.files[1]!.kind).toBe('unused');
		await s.setFileKind(1, 'feedback');
		expect([s.files[1]!.kind, s.files[1]!.reason]).toEqual(['feedback', 'chosen']);
		expect(s.feedbackSummary).toMatchObject({ responses: 2, withScore: 2, withComment: 2 });
		await s.setFileKind(1, 'unused');
		expect(s.files[1]!.kind).toBe('unused');
		expect(s.feedbackSummary).toBeNull();
	});
});
