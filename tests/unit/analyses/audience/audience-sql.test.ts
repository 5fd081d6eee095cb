// The audience builder's SQL (issue 19): every condition kind and nested AND/OR groups against a
// plain-TS filter of the per-customer table (audience_base) on seeded random data, and hostile
// values that must reach DuckDB only as parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { scopeAt } from '../../../helpers/fixtures';
import { seededRandom } from '../../../helpers/random-orders';
import type { Engine } from '../../../../src/db/engine';
import type { Scope } from '../../../../src/core/scope';
import { sql, type Sql } from '../../../../src/core/sql';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { ANALYSES } from '../../../../src/analyses';
import { prepareContext } from '../../../../src/analyses/registry-tools';
import {
	audienceBaseCtes,
	type AudienceField,
	type DerivedInput
} from '../../../../src/analyses/audience/fields';
import {
	buildCountQuery,
	buildMembersQuery,
	fieldsOf,
	withFieldTables,
	type AudienceSettings
} from '../../../../src/analyses/audience/sql';
import { FieldTables } from '../../../../src/analyses/customer/read';
import { groupSql } from '../../../../src/analyses/audience/where';
import {
	COMPARISONS,
	type Condition,
	type Group,
	type Node
} from '../../../../src/analyses/audience/model';

type Row = Record<string, string | number | boolean | null>;

const REGIONS = ['East', 'West', 'North', 'South', ''];

/** Orders and customers of ~80 customers over 2023–2024, seeded. */
function files(seed: number): { orders: string; customers: string } {
	const r = seededRandom(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
	const orders = ['order_id,order_date,customer_id,amount'];
	const customers = ['customer_id,region,birth_year,signup_date'];
	let id = 1000;
	for (let c = 1; c <= 80; c++) {
		const cid = `c${String(c).padStart(3, '0')}`;
		const birth = r() < 0.15 ? '' : String(1950 + Math.floor(r() * 55));
		const signup = r() < 0.2 ? '' : `2022-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`;
		customers.push(`${cid},${pick(REGIONS)},${birth},${signup}`);
		const n = c > 72 ? 0 : Math.floor(r() * r() * 8) + 1; // some prospects
		for (let i = 0; i < n; i++) {
			const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 700) * 86_400_000);
			const amount = (Math.floor(r() * 400) + 1) / 4 - (r() < 0.05 ? 60 : 0);
			orders.push(`${id++},${day.toISOString().slice(0, 10)},${cid},${amount.toFixed(2)}`);
		}
	}
	return { orders: orders.join('\n') + '\n', customers: customers.join('\n') + '\n' };
}

async function load(db: Engine, f: { orders: string; customers: string }): Promise<Scope> {
	const enc = (s: string) => new TextEncoder().encode(s);
	const set = await loadDataSet(
		db,
		[
			{ name: 'orders.csv', data: enc(f.orders) },
			{ name: 'customers.csv', data: enc(f.customers) }
		],
		{ build: 'complete' }
	);
	expect(set.summary).not.toBeNull();
	const cols = await db.query<{ column_name: string }>(
		sql`SELECT column_name FROM (DESCRIBE customers) WHERE column_name <> 'customer_id'`
	);
	return scopeAt(set.summary!.as_of, {
		hasCustomers: true,
		customerColumns: cols.map((c) => c.column_name)
	});
}

/** The derived fields that run without another section's run first (not the forecast's). */
const DERIVED = [
	'rfm_segment',
	'rfm_r_score',
	'rfm_f_score',
	'rfm_m_score',
	'lifecycle_stage',
	'abc_tier',
	'due_status'
];

function derivedOf(scope: Scope): DerivedInput[] {
	const ctx = prepareContext(ANALYSES, scope, (m) => ({ ...m.defaults }));
	return DERIVED.map((key) => ({ key, sql: ctx.derivedSql(key)! }));
}

// ---- the plain-TS reference -------------------------------------------------------------------

const text = (v: Row[string]) => (v === null || v === undefined ? null : String(v));
const num = (v: Row[string]) => {
	if (v === null || v === undefined || v === '') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
};
const date = (v: Row[string]) =>
	typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;

function holds(c: Condition, row: Row, fields: AudienceField[]): boolean {
	const f = fields.find((x) => x.key === c.field)!;
	const v = row[f.column] ?? null;
	switch (c.kind) {
		case 'equals':
			return text(v) === c.value;
		case 'in':
			return text(v) !== null && c.values.includes(text(v)!);
		case 'not_in':
			return !(text(v) !== null && c.values.includes(text(v)!));
		case 'compare': {
			const n = num(v);
			if (n === null) return false;
			return c.op === 'gt'
				? n > c.value
				: c.op === 'ge'
					? n >= c.value
					: c.op === 'lt'
						? n < c.value
						: n <= c.value;
		}
		case 'between': {
			const n = num(v);
			return n !== null && n >= c.low && n <= c.high;
		}
		case 'before':
			return date(v) !== null && date(v)! < c.date;
		case 'after':
			return date(v) !== null && date(v)! > c.date;
		case 'missing':
			return v === null || String(v).trim() === '';
	}
}

function matches(g: Group, row: Row, fields: AudienceField[]): boolean {
	const r = g.items.map((n) =>
		n.kind === 'group' ? matches(n, row, fields) : holds(n, row, fields)
	);
	if (r.length === 0) return true;
	return g.op === 'and' ? r.every(Boolean) : r.some(Boolean);
}

/** The field keys a tree's conditions name (sql.ts usedFields). */
function usedKeys(g: Group): Set<string> {
	return new Set(g.items.flatMap((n) => (n.kind === 'group' ? [...usedKeys(n)] : [n.field])));
}

// ---- random conditions ------------------------------------------------------------------------

function randomTree(r: () => number, rows: Row[], fields: AudienceField[], depth = 1): Group {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
	const n = Math.floor(r() * 4);
	const items: Node[] = [];
	for (let i = 0; i < n; i++) {
		if (depth < 3 && r() < 0.3) {
			items.push(randomTree(r, rows, fields, depth + 1));
			continue;
		}
		items.push(randomCondition(r, rows, fields, pick));
	}
	return { kind: 'group', op: r() < 0.5 ? 'and' : 'or', items };
}

function randomCondition(
	r: () => number,
	rows: Row[],
	fields: AudienceField[],
	pick: <T>(xs: readonly T[]) => T
): Condition {
	const sample = (f: AudienceField) => pick(rows)[f.column] ?? null;
	const textFields = fields.filter((f) => f.type === 'text' && f.name !== 'birth_year');
	const numFields = fields.filter((f) => f.type === 'number' || f.name === 'birth_year');
	const dateFields = fields.filter((f) => f.type === 'date');
	const kind = pick([
		'equals',
		'in',
		'not_in',
		'compare',
		'between',
		'before',
		'after',
		'missing'
	] as const);
	if (kind === 'equals' || kind === 'in' || kind === 'not_in') {
		const f = pick(textFields);
		const values = Array.from({ length: Math.floor(r() * 3) }, () => text(sample(f)) ?? 'nothing');
		if (kind === 'equals') return { kind, field: f.key, value: values[0] ?? text(sample(f)) ?? '' };
		return { kind, field: f.key, values };
	}
	if (kind === 'compare' || kind === 'between') {
		const f = pick(numFields);
		const a = num(sample(f)) ?? r() * 100;
		const b = num(sample(f)) ?? r() * 100;
		if (kind === 'between')
			return { kind, field: f.key, low: Math.min(a, b), high: Math.max(a, b) };
		return { kind, field: f.key, op: pick(COMPARISONS), value: a };
	}
	if (kind === 'before' || kind === 'after') {
		const f = pick(dateFields);
		return { kind, field: f.key, date: date(sample(f)) ?? '2024-01-01' };
	}
	return { kind, field: pick(fields).key };
}

// ---- tests ------------------------------------------------------------------------------------

let db: Engine;
let scope: Scope;
let settings: AudienceSettings;
let fields: AudienceField[];
let rows: Row[];

beforeAll(async () => {
	db = await createNodeEngine();
	scope = await load(db, files(19));
	settings = {
		root: { kind: 'group', op: 'and', items: [] },
		compare: null,
		derived: derivedOf(scope)
	};
	fields = fieldsOf(scope, settings);
	const all = new Set(fields.map((f) => f.key));
	rows = await db.query<Row>(
		sql`WITH ${audienceBaseCtes(scope, settings.derived, all)} SELECT * FROM audience_base`
	);
});
afterAll(async () => {
	await db?.close();
});

async function members(root: Group): Promise<string[]> {
	const got = await db.query<{ customer_id: string }>(buildMembersQuery(scope, settings, root));
	return got.map((x) => x.customer_id).sort();
}

function expected(root: Group): string[] {
	return rows
		.filter((row) => matches(root, row, fields))
		.map((row) => String(row.customer_id))
		.sort();
}

describe('audience SQL', () => {
	it('the per-customer table has every customer in scope, prospects and derived fields included', () => {
		expect(rows.length).toBe(80);
		expect(fields.map((f) => f.key)).toEqual(
			expect.arrayContaining([
				'fact:revenue',
				'customers:region',
				...DERIVED.map((k) => `derived:${k}`)
			])
		);
		// Every derived field has values here (else a condition on it could not select anyone).
		for (const k of DERIVED)
			expect(
				rows.some((r) => r[k] !== null),
				k
			).toBe(true);
		// The purchase cycle gives every customer a status, prospects included.
		expect(rows.every((r) => r.due_status !== null)).toBe(true);
		expect(rows.some((r) => r.rfm_segment !== null)).toBe(true);
		expect(rows.some((r) => r.orders === 0)).toBe(true);
	});

	it.each([
		['equals', { kind: 'equals', field: 'customers:region', value: 'East' }],
		['in', { kind: 'in', field: 'derived:rfm_segment', values: ['champions', 'loyal_customers'] }],
		[
			'not in (missing counts as not in)',
			{ kind: 'not_in', field: 'customers:region', values: ['East', 'West'] }
		],
		['>', { kind: 'compare', field: 'fact:revenue', op: 'gt', value: 100 }],
		['≥', { kind: 'compare', field: 'fact:orders', op: 'ge', value: 3 }],
		['<', { kind: 'compare', field: 'fact:recency_days', op: 'lt', value: 90 }],
		[
			'≤ on a customers column',
			{ kind: 'compare', field: 'customers:birth_year', op: 'le', value: 1980 }
		],
		['between', { kind: 'between', field: 'fact:aov', low: 20, high: 60 }],
		['date before', { kind: 'before', field: 'fact:first_order', date: '2023-06-01' }],
		['date after', { kind: 'after', field: 'customers:signup_date', date: '2022-06-15' }],
		['missing', { kind: 'missing', field: 'customers:birth_year' }],
		[
			'missing (derived: prospects have no segment)',
			{ kind: 'missing', field: 'derived:rfm_segment' }
		],
		['cohort', { kind: 'in', field: 'fact:cohort', values: ['2023-01', '2023-02'] }],
		['RFM recency score', { kind: 'in', field: 'derived:rfm_r_score', values: ['4', '5'] }],
		['RFM frequency score', { kind: 'equals', field: 'derived:rfm_f_score', value: '1' }],
		['RFM monetary score', { kind: 'not_in', field: 'derived:rfm_m_score', values: ['1', '2'] }],
		['ABC tier', { kind: 'equals', field: 'derived:abc_tier', value: 'A' }],
		['ABC tier missing (not ranked)', { kind: 'missing', field: 'derived:abc_tier' }],
		['due for repurchase', { kind: 'in', field: 'derived:due_status', values: ['due', 'overdue'] }],
		['no cycle', { kind: 'in', field: 'derived:due_status', values: ['one_time', 'no_purchase'] }]
	] as [string, Condition][])('%s matches the plain filter', async (_name, c) => {
		const root: Group = { kind: 'group', op: 'and', items: [c] };
		const want = expected(root);
		expect(await members(root)).toEqual(want);
		expect(want.length, 'the case selects somebody and not everybody').toBeGreaterThan(0);
		expect(want.length).toBeLessThan(80);
	});

	it('an empty "in" list matches nobody, an empty "not in" list everybody', async () => {
		const one = (c: Condition): Group => ({ kind: 'group', op: 'and', items: [c] });
		const none = one({ kind: 'in', field: 'customers:region', values: [] });
		const all = one({ kind: 'not_in', field: 'customers:region', values: [] });
		expect(await members(none)).toEqual([]);
		expect(expected(none)).toEqual([]);
		expect(await members(all)).toHaveLength(80);
		expect(expected(all)).toHaveLength(80);
	});

	it('nested AND/OR groups: "(Champions or Loyal) and revenue > X and (region East or birth year missing)"', async () => {
		const root: Group = {
			kind: 'group',
			op: 'and',
			items: [
				{
					kind: 'in',
					field: 'derived:rfm_segment',
					values: ['champions', 'loyal_customers', 'potential_loyalists']
				},
				{ kind: 'compare', field: 'fact:revenue', op: 'gt', value: 50 },
				{
					kind: 'group',
					op: 'or',
					items: [
						{ kind: 'equals', field: 'customers:region', value: 'East' },
						{ kind: 'missing', field: 'customers:birth_year' }
					]
				}
			]
		};
		expect(await members(root)).toEqual(expected(root));
	});

	it("200 seeded random trees (every kind, groups three deep) give the plain filter's customers", async () => {
		const r = seededRandom(1919);
		let nonTrivial = 0;
		for (let i = 0; i < 200; i++) {
			const root = randomTree(r, rows, fields);
			const want = expected(root);
			if (want.length > 0 && want.length < rows.length) nonTrivial++;
			expect(await members(root), JSON.stringify(root)).toEqual(want);
		}
		expect(nonTrivial).toBeGreaterThan(60);
		// 200 statements, each computing the derived fields its tree names (seven may be named).
	}, 180_000);

	it('the export list with two or more extra fields is one valid statement with their columns', async () => {
		const root: Group = {
			kind: 'group',
			op: 'and',
			items: [{ kind: 'compare', field: 'fact:orders', op: 'ge', value: 2 }]
		};
		const extra = [
			'derived:rfm_segment',
			'derived:lifecycle_stage',
			'fact:revenue',
			'customers:region'
		];
		const got = await db.query<Row>(buildMembersQuery(scope, settings, root, extra));
		const want = rows.filter((row) => matches(root, row, fields));
		expect(got).toHaveLength(want.length);
		expect(Object.keys(got[0]!)).toEqual([
			'customer_id',
			'rfm_segment',
			'lifecycle_stage',
			'revenue',
			'customer.region'
		]);
		for (const g of got) {
			const w = want.find((x) => x.customer_id === g.customer_id)!;
			expect([g.rfm_segment, g.lifecycle_stage, g.revenue, g['customer.region']]).toEqual([
				w.rfm_segment,
				w.lifecycle_stage,
				w.revenue,
				w['customer.region']
			]);
		}
	});

	it('the one-pass count gives the rows of the former four-subquery count, empty audience included', async () => {
		// The statement before issue 19's rewrite: four scalar subqueries over an `audience` CTE,
		// which DuckDB expanded — every derived field's statement — once per read.
		const former = (
			root: Group
		) => sql`WITH ${audienceBaseCtes(scope, settings.derived, usedKeys(root))},
audience AS (
	SELECT b.customer_id, b.revenue
	FROM audience_base b
	WHERE ${groupSql(root, fields)}
)
SELECT
	CAST((SELECT count(*) FROM audience) AS INTEGER) AS customers,
	CAST((SELECT coalesce(sum(revenue), 0) FROM audience) AS DOUBLE) AS revenue,
	CAST((SELECT count(*) FROM audience_base) AS INTEGER) AS all_customers,
	CAST((SELECT sum(revenue) FROM audience) / NULLIF((SELECT sum(revenue) FROM audience_base), 0) AS DOUBLE) AS revenue_share`;
		const nobody: Group = {
			kind: 'group',
			op: 'and',
			items: [{ kind: 'compare', field: 'fact:orders', op: 'lt', value: -1 }]
		};
		const r = seededRandom(1919);
		const roots = [nobody, ...Array.from({ length: 30 }, () => randomTree(r, rows, fields))];
		for (const root of roots) {
			const [got] = await db.query<Row>(buildCountQuery(scope, settings, root));
			const [want] = await db.query<Row>(former(root));
			expect(got!.customers).toBe(want!.customers);
			expect(got!.all_customers).toBe(want!.all_customers);
			expect(got!.revenue).toBeCloseTo(Number(want!.revenue), 6);
			if (want!.revenue_share === null) expect(got!.revenue_share).toBeNull();
			else expect(got!.revenue_share).toBeCloseTo(Number(want!.revenue_share), 9);
		}
		expect((await db.query<Row>(buildCountQuery(scope, settings, nobody)))[0]).toMatchObject({
			customers: 0,
			revenue: 0,
			revenue_share: null
		});
	});

	it("the count over the fields' tables (kept per identity) gives the rows of the count with the statements inline, on 30 random trees", async () => {
		// Issue 19: the page's count reads each derived field from a table built once per identity;
		// the statements inline are the definition it must equal.
		const ctx = prepareContext(ANALYSES, scope, (m) => ({ ...m.defaults }), undefined, true, 'k');
		const withIds: AudienceSettings = {
			...settings,
			derived: DERIVED.map((key) => ({
				key,
				sql: ctx.derivedSql(key)!,
				identity: ctx.derivedIdentity(key)
			}))
		};
		const tables = new FieldTables();
		const query = <T>(q: Sql) => db.query<T>(q);
		const r = seededRandom(2019);
		let read = 0;
		for (let i = 0; i < 30; i++) {
			const root = randomTree(r, rows, fields);
			const viaTables = await withFieldTables(query, withIds, [root], tables);
			if (viaTables.derived.some((d, j) => d.sql.text !== withIds.derived[j]!.sql.text)) read++;
			const [got] = await db.query<Row>(buildCountQuery(scope, viaTables, root));
			const [want] = await db.query<Row>(buildCountQuery(scope, withIds, root));
			expect(got, JSON.stringify(root)).toEqual(want);
			expect(await db.query(buildMembersQuery(scope, viaTables, root))).toEqual(
				await db.query(buildMembersQuery(scope, withIds, root))
			);
		}
		expect(read).toBeGreaterThan(10);
	});

	it('count and revenue share equal the sums over the plain filter', async () => {
		const root: Group = {
			kind: 'group',
			op: 'or',
			items: [{ kind: 'compare', field: 'fact:orders', op: 'ge', value: 2 }]
		};
		const [c] = await db.query<Row>(buildCountQuery(scope, settings, root));
		const inRows = rows.filter((row) => matches(root, row, fields));
		const sum = (xs: Row[]) => xs.reduce((s, x) => s + Number(x.revenue), 0);
		expect(c!.customers).toBe(inRows.length);
		expect(c!.all_customers).toBe(80);
		expect(c!.revenue).toBeCloseTo(sum(inRows), 6);
		expect(c!.revenue_share).toBeCloseTo(sum(inRows) / sum(rows), 9);
	});
});
