// Hostile values in audience conditions (issue 19): quotes, SQL fragments, a 10,000-character
// string and unicode reach DuckDB only as parameters — the statement's text never holds them, a
// customer whose region is that very text is found by it, and the tables survive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { scopeAt } from '../../../helpers/fixtures';
import type { Engine } from '../../../../src/db/engine';
import type { Scope } from '../../../../src/core/scope';
import { sql } from '../../../../src/core/sql';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import {
	buildCountQuery,
	buildMembersQuery,
	type AudienceSettings
} from '../../../../src/analyses/audience/sql';
import type { Condition, Group } from '../../../../src/analyses/audience/model';

const HOSTILE = [
	"O'Brien",
	'say "hi"',
	"'; DROP TABLE orders; --",
	"x' OR '1'='1",
	'"; DROP TABLE customers; --',
	'Ünïcödé 客户 🙂 \u202e',
	'a?b?c',
	'-- comment',
	'L'.repeat(10_000)
];

let db: Engine;
let scope: Scope;
const settings: AudienceSettings = {
	root: { kind: 'group', op: 'and', items: [] },
	compare: null,
	derived: []
};

/** Customer i has the i-th hostile text as their region (CSV-quoted). */
function customersCsv(): string {
	const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
	return (
		'customer_id,region\n' + HOSTILE.map((h, i) => `h${i},${q(h)}`).join('\n') + '\nplain,East\n'
	);
}

function ordersCsv(): string {
	const lines = ['order_id,order_date,customer_id,amount'];
	HOSTILE.forEach((_, i) => lines.push(`${i + 1},2024-03-0${(i % 9) + 1},h${i},${10 + i}.00`));
	lines.push('99,2024-03-10,plain,5.00');
	return lines.join('\n') + '\n';
}

async function tableCounts(): Promise<number[]> {
	const [r] = await db.query<{ o: number; c: number }>(
		sql`SELECT CAST((SELECT count(*) FROM orders) AS INTEGER) AS o, CAST((SELECT count(*) FROM customers) AS INTEGER) AS c`
	);
	return [r!.o, r!.c];
}

beforeAll(async () => {
	db = await createNodeEngine();
	const enc = (s: string) => new TextEncoder().encode(s);
	const set = await loadDataSet(
		db,
		[
			{ name: 'orders.csv', data: enc(ordersCsv()) },
			{ name: 'customers.csv', data: enc(customersCsv()) }
		],
		{ build: 'complete' }
	);
	expect(set.summary).not.toBeNull();
	scope = scopeAt(set.summary!.as_of, { hasCustomers: true, customerColumns: ['region'] });
});
afterAll(async () => {
	await db?.close();
});

const one = (c: Condition): Group => ({ kind: 'group', op: 'and', items: [c] });

describe('hostile values in audience conditions', () => {
	it.each(HOSTILE.map((h, i) => [h.length > 40 ? `${h.slice(0, 10)}… (${h.length} chars)` : h, i]))(
		'%s: a parameter, never SQL text; finds exactly its customer; the tables survive',
		async (_label, i) => {
			const value = HOSTILE[i as number]!;
			const before = await tableCounts();
			for (const c of [
				{ kind: 'equals', field: 'customers:region', value },
				{ kind: 'in', field: 'customers:region', values: [value, 'nobody'] }
			] as Condition[]) {
				const q = buildMembersQuery(scope, settings, one(c));
				expect(q.text).not.toContain(value);
				expect(q.params).toContain(value);
				const got = await db.query<{ customer_id: string }>(q);
				expect(got.map((r) => r.customer_id)).toEqual([`h${i}`]);
			}
			const notIn = buildCountQuery(
				scope,
				settings,
				one({ kind: 'not_in', field: 'customers:region', values: [value] })
			);
			expect(notIn.text).not.toContain(value);
			const [n] = await db.query<{ customers: number }>(notIn);
			expect(n!.customers).toBe(HOSTILE.length);
			expect(await tableCounts()).toEqual(before);
		}
	);

	it('a condition naming a field outside the field list is refused before any SQL is built', () => {
		const bad = one({
			kind: 'equals',
			field: 'customers:region" ; DROP TABLE orders; --',
			value: 'x'
		});
		expect(() => buildMembersQuery(scope, settings, bad)).toThrow(/unknown field/);
		const raw = one({ kind: 'missing', field: 'orders' });
		expect(() => buildMembersQuery(scope, settings, raw)).toThrow(/unknown field/);
	});
});
