/**
 * The fields an audience's conditions may name, and `audience_base`: one row per customer in scope
 * with every one of them as a column. The column names come from this list only (facts: fixed
 * names; customers-file attributes: the canonical table's columns as the scope lists them;
 * derived fields: the registry's keys) — never from a condition's text.
 */
import { ident, join, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';

export type FieldType = 'number' | 'text' | 'date';

export interface AudienceField {
	/** The key conditions use: 'fact:orders', 'customers:region', 'derived:rfm_segment'. */
	key: string;
	source: 'fact' | 'customers' | 'derived';
	/** The fact's name, the canonical customers column, or the derived field's key. */
	name: string;
	/** Facts and derived fields are typed here; customers columns are typed by the page. */
	type: FieldType;
	/** Its column in audience_base (quoted). */
	column: string;
}

/** The per-customer facts of scoped_customers (core/scope.ts), as the sections count them. */
export const FACTS: readonly { name: string; type: FieldType; expr: string }[] = [
	{ name: 'orders', type: 'number', expr: 'sc.orders' },
	{ name: 'revenue', type: 'number', expr: 'sc.revenue' },
	{ name: 'aov', type: 'number', expr: 'CAST(sc.revenue / NULLIF(sc.orders, 0) AS DOUBLE)' },
	{ name: 'recency_days', type: 'number', expr: 'sc.recency_days' },
	{ name: 'first_order', type: 'date', expr: 'sc.first_order' },
	{ name: 'last_order', type: 'date', expr: 'sc.last_order' },
	{ name: 'cohort', type: 'text', expr: "strftime(sc.first_order, '%Y-%m')" }
];

/** A derived field's statement (customer_id, value), with its owner's settings. */
export interface DerivedInput {
	key: string;
	sql: Sql;
	/**
	 * What the statement computes (PrepareContext.derivedIdentity): the run keeps its rows in a
	 * table per identity and reads that. Null or absent: the statement is read each time.
	 */
	identity?: string | null;
}

/** Every field of the scope: facts, the customers file's columns, the derived fields. */
export function audienceFields(scope: Scope, derivedKeys: readonly string[]): AudienceField[] {
	const out: AudienceField[] = FACTS.map((f) => ({
		key: `fact:${f.name}`,
		source: 'fact',
		name: f.name,
		type: f.type,
		column: f.name
	}));
	if (scope.hasCustomers) {
		for (const c of scope.customerColumns) {
			out.push({
				key: `customers:${c}`,
				source: 'customers',
				name: c,
				type: c === 'signup_date' ? 'date' : 'text',
				column: `customer.${c}`
			});
		}
	}
	for (const k of derivedKeys) {
		out.push({ key: `derived:${k}`, source: 'derived', name: k, type: 'text', column: k });
	}
	return out;
}

/**
 * CTEs (after the scope's) `audience_field_<i>` for the derived fields in `used`, then
 * `audience_base` with every fact, every customers column and those derived fields. A derived
 * field not in `used` is not computed (a forecast field costs a fit's read).
 */
export function audienceBaseCtes(
	scope: Scope,
	derived: readonly DerivedInput[],
	used: ReadonlySet<string>
): Sql {
	const picked = derived.filter((d) => used.has(`derived:${d.key}`));
	const ctes = picked.map((d, i) => sql`${raw(`audience_field_${i}`)} AS (\n${d.sql}\n)`);
	const cols: Sql[] = [
		sql`sc.customer_id`,
		...FACTS.map((f) => sql`${raw(f.expr)} AS ${ident(f.name)}`)
	];
	if (scope.hasCustomers)
		for (const c of scope.customerColumns)
			cols.push(sql`sc.${ident(c)} AS ${ident(`customer.${c}`)}`);
	const joins: Sql[] = [];
	picked.forEach((d, i) => {
		const t = raw(`__f${i}`);
		cols.push(sql`CAST(${t}.value AS VARCHAR) AS ${ident(d.key)}`);
		joins.push(
			sql`\n\tLEFT JOIN ${raw(`audience_field_${i}`)} ${t} ON CAST(${t}.customer_id AS VARCHAR) = CAST(sc.customer_id AS VARCHAR)`
		);
	});
	return sql`${scopeCtes(scope)},${ctes.length ? sql`\n${join(ctes, ',\n')},` : sql``}
audience_base AS (
	SELECT
		${join(cols, ',\n\t\t')}
	FROM scoped_customers sc${join(joins, '')}
)`;
}
