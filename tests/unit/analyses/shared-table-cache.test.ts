// The dashboard's shared intermediates (analyses/work-tables.ts SharedTableCache): a table per key,
// named by intermediate and slot so the same names come back load after load, and every drop of
// a previous table runs before a build that reuses its name (memory.spec's five loads).
import { describe, expect, it } from 'vitest';
import { SharedTableCache } from '../../../src/analyses/work-tables';
import type { QueryFn } from '../../../src/core/analysis';
import type { Intermediate } from '../../../src/core/intermediate';
import { sql, type Sql } from '../../../src/core/sql';

/** A query function that logs each statement's first words and table, answering after a delay. */
function recorder() {
	const log: string[] = [];
	const query = (async (q: Sql) => {
		const m = /^(CREATE OR REPLACE TEMP TABLE|DROP TABLE IF EXISTS) "?([\w]+)"?/.exec(q.text);
		const what = m ? `${m[1]!.startsWith('DROP') ? 'drop' : 'build'} ${m[2]}` : q.text;
		log.push(`start ${what}`);
		await new Promise((r) => setTimeout(r, 5));
		log.push(`end ${what}`);
		return [];
	}) as QueryFn;
	return { log, query };
}

const scored = (key: string): Intermediate => ({
	name: 'rfm_scored',
	key,
	rows: sql`SELECT 1 AS customer_id`
});

describe('SharedTableCache', () => {
	it('builds a key once; a second reader waits for the same build', async () => {
		const { log, query } = recorder();
		const c = new SharedTableCache();
		const [a, b] = await Promise.all([
			c.tableOf(query, scored('k')),
			c.tableOf(query, scored('k'))
		]);
		expect(a).toBe('__shared_rfm_scored_0');
		expect(b).toBe(a);
		expect(log.filter((l) => l.startsWith('start'))).toEqual(['start build __shared_rfm_scored_0']);
	});

	it('after clear, the same names again, each dropped before it is built anew', async () => {
		const { log, query } = recorder();
		const c = new SharedTableCache();
		await c.tableOf(query, scored('all'));
		await c.tableOf(query, scored('spring'));
		expect(c.names).toEqual(['__shared_rfm_scored_0', '__shared_rfm_scored_1']);
		log.length = 0;
		// The next data's run asks at once, without waiting for the drop (as the dashboard does).
		void c.clear(async () => query);
		expect(c.size).toBe(0);
		expect(await c.tableOf(query, scored('all'))).toBe('__shared_rfm_scored_0');
		expect(log).toEqual([
			'start drop __shared_rfm_scored_0',
			'end drop __shared_rfm_scored_0',
			'start drop __shared_rfm_scored_1',
			'end drop __shared_rfm_scored_1',
			'start build __shared_rfm_scored_0',
			'end build __shared_rfm_scored_0'
		]);
	});

	it('keeps the last keys; an evicted table is dropped before its slot is built again', async () => {
		const { log, query } = recorder();
		const c = new SharedTableCache(2);
		await c.tableOf(query, scored('a'));
		await c.tableOf(query, scored('b'));
		await c.tableOf(query, scored('a')); // 'a' is now the most recent
		log.length = 0;
		expect(await c.tableOf(query, scored('c'))).toBe('__shared_rfm_scored_1');
		expect(log).toEqual([
			'start drop __shared_rfm_scored_1',
			'end drop __shared_rfm_scored_1',
			'start build __shared_rfm_scored_1',
			'end build __shared_rfm_scored_1'
		]);
		expect(c.names).toEqual(['__shared_rfm_scored_0', '__shared_rfm_scored_1']);
	});

	it('a failed build is not kept: the next reader builds again', async () => {
		const c = new SharedTableCache();
		let fail = true;
		const query = (async () => {
			if (fail) throw new Error('out of memory');
			return [];
		}) as QueryFn;
		await expect(c.tableOf(query, scored('k'))).rejects.toThrow('out of memory');
		expect(c.size).toBe(0);
		fail = false;
		expect(await c.tableOf(query, scored('k'))).toBe('__shared_rfm_scored_0');
	});
});
