/**
 * Audience builder (issue 19): customers chosen by conditions over every per-customer field the
 * app knows, counted, exported for a campaign and compared.
 *
 * Method and assumptions:
 * - The customers are those of the scope (scoped_customers, core/scope.ts: as-of, date range,
 *   filter), prospects and customers with returns only included; each has the facts (orders =
 *   purchase orders, revenue = net revenue, aov = revenue / orders, days since the last purchase,
 *   first and last purchase, cohort = month of the first purchase 'YYYY-MM'), the customers
 *   file's columns, and the other analyses' derived fields (RFM segment, lifecycle stage,
 *   forecast decile and band, …) read from their owners' statements with their current settings.
 * - Conditions and groups: where.ts (each condition TRUE or FALSE; missing values match no
 *   comparison and are "not in" any list; an empty group restricts nothing).
 * - Count and revenue share: customers in the audience, their net revenue, and that revenue over
 *   the net revenue of every customer in scope (null when that is 0).
 * - Comparison of two audiences A and B: customers in both, only in A, only in B; and each one's
 *   KPIs by the breakdown's own statement (breakdown/sql.ts buildBreakdownQuery) with membership as
 *   the dimension — so the figures are defined as there (customers with returns only are in no
 *   group; revenue share is the audience's share of the revenue of all groups).
 * - Every value of a condition is a parameter; column names come from the field list (fields.ts).
 */
import { ident, int, join, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn } from '../../core/analysis';
import { buildBreakdownQuery, defaultBreakdownSettings, type BreakdownRow } from '../breakdown/sql';
import { audienceBaseCtes, audienceFields, type AudienceField, type DerivedInput } from './fields';
import { groupSql } from './where';
import { conditionsOf, emptyGroup, type Audience, type Group } from './model';
import { FieldTables } from '../customer/read';

export interface AudienceSettings {
	/** The audience being edited. */
	root: Group;
	/** Two audiences side by side, or null. */
	compare: { a: Audience; b: Audience } | null;
	/** The derived fields' statements, registry order (the manifest's prepare fills them in). */
	derived: DerivedInput[];
}

export const defaultAudienceSettings: AudienceSettings = {
	root: emptyGroup('and'),
	compare: null,
	derived: []
};

export interface AudienceCount {
	customers: number;
	revenue: number;
	all_customers: number;
	revenue_share: number | null;
}

export interface AudienceOverlap {
	both: number;
	only_a: number;
	only_b: number;
}

export type AudienceKpis = Omit<
	BreakdownRow,
	'value' | 'position' | 'is_other' | 'is_unknown' | 'small_group'
>;

export interface AudienceResult {
	count: AudienceCount;
	compare: { overlap: AudienceOverlap; a: AudienceKpis; b: AudienceKpis } | null;
}

/** The fields of the scope with the settings' derived fields. */
export function fieldsOf(scope: Scope, s: AudienceSettings): AudienceField[] {
	return audienceFields(
		scope,
		s.derived.map((d) => d.key)
	);
}

function usedFields(...groups: Group[]): Set<string> {
	return new Set(groups.flatMap((g) => conditionsOf(g).map((c) => c.field)));
}

/** `customer_id` of the audience's customers, with `extra` fields of audience_base. */
export function buildMembersQuery(
	scope: Scope,
	s: AudienceSettings,
	root: Group,
	extra: readonly string[] = []
): Sql {
	const fields = fieldsOf(scope, s);
	const picked = extra
		.map((k) => fields.find((f) => f.key === k))
		.filter((f): f is AudienceField => f !== undefined);
	const cols = picked.map((f) => sql`, b.${ident(f.column)}`);
	return sql`WITH ${audienceBaseCtes(scope, s.derived, usedFields(root, groupOf(extra)))}
SELECT b.customer_id${join(cols, '')}
FROM audience_base b
WHERE ${groupSql(root, fields)}
ORDER BY b.revenue DESC, b.customer_id`;
}

// A group listing fields (no conditions kept): only its fields are read, for usedFields.
function groupOf(keys: readonly string[]): Group {
	return {
		kind: 'group',
		op: 'and',
		items: keys.map((field) => ({ kind: 'missing' as const, field }))
	};
}

/**
 * Customers, revenue and revenue share of the audience: one pass over audience_base, the audience
 * counted with FILTER. (A CTE `audience` read by four scalar subqueries made DuckDB inline
 * audience_base — every derived field's statement — once per read: 5.7 s instead of 1.8 s for
 * two derived fields on a 1 M-line file, issue 19.) Same values: a sum over no customer is NULL.
 */
export function buildCountQuery(scope: Scope, s: AudienceSettings, root: Group): Sql {
	const fields = fieldsOf(scope, s);
	return sql`WITH ${audienceBaseCtes(scope, s.derived, usedFields(root))},
marked AS (
	SELECT b.revenue, ${groupSql(root, fields)} AS in_audience
	FROM audience_base b
)
SELECT
	CAST(count(*) FILTER (WHERE in_audience) AS INTEGER) AS customers,
	CAST(coalesce(sum(revenue) FILTER (WHERE in_audience), 0) AS DOUBLE) AS revenue,
	CAST(count(*) AS INTEGER) AS all_customers,
	CAST(sum(revenue) FILTER (WHERE in_audience) / NULLIF(sum(revenue), 0) AS DOUBLE) AS revenue_share
FROM marked`;
}

/** Customers in both audiences, only in A, only in B. */
export function buildOverlapQuery(scope: Scope, s: AudienceSettings, a: Group, b: Group): Sql {
	const fields = fieldsOf(scope, s);
	return sql`WITH ${audienceBaseCtes(scope, s.derived, usedFields(a, b))},
in_a AS (SELECT b.customer_id FROM audience_base b WHERE ${groupSql(a, fields)}),
in_b AS (SELECT b.customer_id FROM audience_base b WHERE ${groupSql(b, fields)})
SELECT
	CAST(count(*) FILTER (WHERE in_a.customer_id IS NOT NULL AND in_b.customer_id IS NOT NULL) AS INTEGER) AS both,
	CAST(count(*) FILTER (WHERE in_b.customer_id IS NULL) AS INTEGER) AS only_a,
	CAST(count(*) FILTER (WHERE in_a.customer_id IS NULL) AS INTEGER) AS only_b
FROM in_a
FULL OUTER JOIN in_b ON in_a.customer_id = in_b.customer_id`;
}

/** The breakdown's KPIs with membership of `root` as the dimension: the 'in' row is the audience. */
export function buildKpiQuery(scope: Scope, s: AudienceSettings, root: Group): Sql {
	const fields = fieldsOf(scope, s);
	const membership = sql`WITH ${audienceBaseCtes(scope, s.derived, usedFields(root))}
SELECT b.customer_id, 'in' AS value
FROM audience_base b
WHERE ${groupSql(root, fields)}`;
	return buildBreakdownQuery(scope, {
		...defaultBreakdownSettings,
		dimension: { table: 'derived', column: 'audience' },
		derivedSql: membership
	});
}

const NO_KPIS: AudienceKpis = {
	customers: 0,
	orders: 0,
	revenue: 0,
	revenue_share: null,
	aov: null,
	orders_per_customer: null,
	repeat_rate: null,
	median_recency: null
};

function kpisOf(rows: BreakdownRow[]): AudienceKpis {
	const r = rows.find((x) => !x.is_unknown && !x.is_other);
	if (!r) return NO_KPIS;
	return {
		customers: r.customers,
		orders: r.orders,
		revenue: r.revenue,
		revenue_share: r.revenue_share,
		aov: r.aov,
		orders_per_customer: r.orders_per_customer,
		repeat_rate: r.repeat_rate,
		median_recency: r.median_recency
	};
}

/**
 * The derived fields' rows, one table per field, rebuilt when its identity changes (other data,
 * scope or owner's settings). A count re-runs at every edit of a condition, and a derived field's
 * statement ranks or fits over every customer each time (the due status ≈ 0.5 s on a 1 M-line
 * file, issue 19); read from its table, the field costs a join.
 */
const fieldTables = new FieldTables();

/**
 * `s` with each derived field the groups use and that names its identity read from its table
 * (built first when needed). Same rows: the table holds the statement's (customer_id, value) as
 * VARCHAR, as audience_base casts them. A field whose table cannot be built keeps its statement
 * (which then fails with its own message).
 */
export async function withFieldTables(
	query: QueryFn,
	s: AudienceSettings,
	groups: readonly Group[],
	tables: FieldTables = fieldTables
): Promise<AudienceSettings> {
	const used = usedFields(...groups);
	const inputs = s.derived.flatMap((d) =>
		d.identity && used.has(`derived:${d.key}`)
			? [{ key: d.key, sql: d.sql, identity: d.identity }]
			: []
	);
	if (inputs.length === 0) return s;
	await tables.ensure(query, inputs);
	return {
		...s,
		derived: s.derived.map((d) => {
			const t = d.identity ? tables.tableOf(d.key, d.identity) : null;
			return t ? { ...d, sql: sql`SELECT customer_id, value FROM ${t}` } : d;
		})
	};
}

export const audienceAnalysis: AnalysisDef<AudienceSettings, AudienceResult> = {
	id: 'audience',
	queries(scope, s) {
		const q: Record<string, Sql> = {
			audience_count: buildCountQuery(scope, s, s.root),
			audience_customers: buildMembersQuery(scope, s, s.root)
		};
		if (s.compare) {
			q.audience_overlap = buildOverlapQuery(scope, s, s.compare.a.root, s.compare.b.root);
			q.audience_kpis_a = buildKpiQuery(scope, s, s.compare.a.root);
			q.audience_kpis_b = buildKpiQuery(scope, s, s.compare.b.root);
		}
		return q;
	},
	async run(query: QueryFn, scope, settings) {
		const groups = [settings.root];
		if (settings.compare) groups.push(settings.compare.a.root, settings.compare.b.root);
		const s = await withFieldTables(query, settings, groups);
		const q = this.queries(scope, s);
		const [count] = await query<AudienceCount>(q.audience_count!);
		let compare: AudienceResult['compare'] = null;
		if (q.audience_overlap) {
			const [overlap] = await query<AudienceOverlap>(q.audience_overlap);
			compare = {
				overlap: overlap ?? { both: 0, only_a: 0, only_b: 0 },
				a: kpisOf(await query<BreakdownRow>(q.audience_kpis_a!)),
				b: kpisOf(await query<BreakdownRow>(q.audience_kpis_b!))
			};
		}
		return {
			count: count ?? { customers: 0, revenue: 0, all_customers: 0, revenue_share: null },
			compare
		};
	}
};

/** Values a text field's picker offers: the most common ones first. */
export const VALUE_LIMIT = 200;

/** The distinct non-blank values of field `key` in scope, with their customers (most first). */
export function buildValuesQuery(scope: Scope, s: AudienceSettings, key: string): Sql {
	const f = fieldsOf(scope, s).find((x) => x.key === key);
	if (!f) throw new Error(`audience: unknown field ${JSON.stringify(key)}`);
	const v = sql`CAST(b.${ident(f.column)} AS VARCHAR)`;
	return sql`WITH ${audienceBaseCtes(scope, s.derived, new Set([key]))}
SELECT ${v} AS value, CAST(count(*) AS INTEGER) AS customers
FROM audience_base b
WHERE ${v} IS NOT NULL AND trim(${v}) <> ''
GROUP BY 1
ORDER BY customers DESC, value
LIMIT ${int(VALUE_LIMIT)}`;
}
