import { ident, sql, type Sql } from './sql';

/** The most frequent values of a dimension column (for the filter picker), most common first. */
export function buildDimensionValuesQuery(
	table: 'orders' | 'customers',
	column: string,
	limit = 200
): Sql {
	return sql`SELECT
	CAST(${ident(column)} AS VARCHAR) AS value,
	CAST(count(*) AS INTEGER) AS n
FROM ${ident(table)}
WHERE ${ident(column)} IS NOT NULL
GROUP BY 1
ORDER BY n DESC, value
LIMIT ${limit}`;
}

export interface DimensionValue {
	value: string;
	n: number;
}
