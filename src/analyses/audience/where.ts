/**
 * An audience's conditions as a WHERE clause over `audience_base` (fields.ts). Column names come
 * from the field list (a condition naming a field not in it is an error, never text spliced in);
 * every value is a `?` parameter of the `sql` tag — quotes, SQL fragments and long strings reach
 * DuckDB as data.
 *
 * Semantics (each condition is TRUE or FALSE, never NULL, so NOT and OR behave):
 * - equals / in: the value as text (CAST … AS VARCHAR) is one of the values; a missing value is in
 *   no list. An empty list matches nobody.
 * - not in: the opposite of in — a missing value is "not in" the list. An empty list matches all.
 * - compare (> ≥ < ≤) and between (both ends included): the value read as a number (TRY_CAST to
 *   DOUBLE); a missing or non-numeric value matches no comparison.
 * - before / after: the value read as a date (TRY_CAST to DATE) is strictly before / after the
 *   date; a missing or unreadable date matches neither.
 * - missing: NULL or blank text.
 * - A group is the AND or OR of its items; an empty group restricts nothing (TRUE).
 */
import { join, raw, sql, ident, type Sql } from '../../core/sql';
import type { AudienceField } from './fields';
import { isGroup, type Condition, type Group } from './model';

const OPS = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/** One condition over column `e` (already quoted), TRUE or FALSE. */
export function conditionSql(c: Condition, e: Sql): Sql {
	const text = sql`CAST(${e} AS VARCHAR)`;
	const num = sql`TRY_CAST(${e} AS DOUBLE)`;
	const date = sql`TRY_CAST(${e} AS DATE)`;
	const bool = (s: Sql) => sql`coalesce(${s}, FALSE)`;
	switch (c.kind) {
		case 'equals':
			return bool(sql`${text} = ${c.value}`);
		case 'in':
			return c.values.length === 0 ? sql`FALSE` : bool(sql`${text} IN (${c.values})`);
		case 'not_in':
			return c.values.length === 0 ? sql`TRUE` : sql`NOT ${bool(sql`${text} IN (${c.values})`)}`;
		case 'compare':
			return bool(sql`${num} ${raw(OPS[c.op])} CAST(${c.value} AS DOUBLE)`);
		case 'between':
			return bool(sql`${num} BETWEEN CAST(${c.low} AS DOUBLE) AND CAST(${c.high} AS DOUBLE)`);
		case 'before':
			return bool(sql`${date} < CAST(${c.date} AS DATE)`);
		case 'after':
			return bool(sql`${date} > CAST(${c.date} AS DATE)`);
		case 'missing':
			return sql`(${e} IS NULL OR trim(${text}) = '')`;
	}
}

/** The tree as one boolean expression over audience_base (alias `b`). */
export function groupSql(g: Group, fields: readonly AudienceField[]): Sql {
	const parts = g.items.map((n): Sql => {
		if (isGroup(n)) return groupSql(n, fields);
		const f = fields.find((x) => x.key === n.field);
		if (!f) throw new Error(`audience: unknown field ${JSON.stringify(n.field)}`);
		return conditionSql(n, sql`b.${ident(f.column)}`);
	});
	if (parts.length === 0) return sql`TRUE`;
	return sql`(${join(parts, g.op === 'and' ? ' AND ' : ' OR ')})`;
}
