import { sql, type Sql } from './sql';

/** Lines of the orders file whose values could not be typed (tx_rejects), in file order. */
export function buildTypingRejectsQuery(limit = 100_000): Sql {
	return sql`SELECT
	CAST(__row AS BIGINT) AS row,
	column_name,
	value,
	reason
FROM tx_rejects
ORDER BY __row, column_name
LIMIT ${limit}`;
}

export interface TypingReject {
	row: number;
	column_name: string;
	value: string | null;
	reason: string;
}
