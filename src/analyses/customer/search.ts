/**
 * Customer search (issue 19): find a customer by id, or by any column of the customers file (a
 * name, an e-mail address, a phone number), as the person types.
 *
 * Method: the typed text, trimmed, matched as a case-insensitive prefix (`starts_with` on
 * `lower()`, so `%` and `_` are plain characters, not wildcards) against
 * - every customer id known to the data set (`customer_facts`: buyers and the customers file's
 *   prospects), and
 * - every column of the customers file's raw table but its id column, read as text the way the
 *   customer lists read them (core/contacts.ts: trimmed, blank = NULL).
 * A customer matched several ways is listed once, by its best match: an exact id first, then id
 * prefixes (shorter ids first), then the customers file's columns in file order, then the matched
 * value and the id. At most `limit` rows leave DuckDB: the page never holds every customer.
 * The text reaches SQL only as a parameter; column names only through ident().
 */
import { ident, int, join, sql, type Sql } from '../../core/sql';
import { customerIdExpr, textExpr } from '../../core/canonical';
import type { ContactSource } from '../../core/contacts';

/** How many matches the search list shows. */
export const SEARCH_LIMIT = 10;

/** One match: the customer, and the column and value that matched (null field: the id). */
export interface CustomerMatch {
	customer_id: string;
	/** The customers file's column that matched, or null when the id did. */
	field: string | null;
	value: string;
}

/**
 * The matches for `text` (trimmed; the caller sends no query for an empty text), best first.
 * `customers`: the customers file's raw table and columns (contactSources().customers), or null.
 */
export function buildCustomerSearchQuery(
	text: string,
	customers: ContactSource | null,
	limit = SEARCH_LIMIT
): Sql {
	const q = text.trim();
	const parts: Sql[] = [
		sql`SELECT customer_id, CAST(NULL AS VARCHAR) AS field, customer_id AS value, 0 AS rank
	FROM customer_facts
	WHERE starts_with(lower(customer_id), lower(${q}))`
	];
	(customers?.columns ?? []).forEach((column, i) => {
		const value = textExpr(column);
		parts.push(sql`SELECT ${customerIdExpr(customers!.customerId)} AS customer_id, ${column} AS field, ${value} AS value, ${int(i + 1)} AS rank
	FROM ${ident(customers!.table)}
	WHERE starts_with(lower(${value}), lower(${q}))`);
	});
	return sql`WITH matches AS (
	${join(parts, '\n\tUNION ALL\n\t')}
),
best AS (
	SELECT
		customer_id,
		min(rank) AS rank,
		arg_min(field, (rank, value)) AS field,
		arg_min(value, (rank, value)) AS value
	FROM matches
	WHERE customer_id IS NOT NULL AND value IS NOT NULL
	GROUP BY customer_id
)
SELECT customer_id, field, value
FROM best
ORDER BY lower(customer_id) = lower(${q}) DESC, rank, length(value), value, customer_id
LIMIT ${int(limit)}`;
}
