import { toCsv } from './csv';
import type { RejectedRow } from '../core/ingest/types';

const COLUMNS = ['row', 'line', 'column', 'reason', 'message', 'raw'].map((key) => ({
	key,
	label: key
}));

/**
 * Rejected records as CSV for download: the same rules as every export (UTF-8 with BOM so Excel
 * reads transcoded GBK text, formula-looking cells neutralised — a raw line may start with '=').
 * `messages` (one per reject, e.g. from formatRejectMessage) name file, line, column and what
 * was expected, in the page's language.
 */
export function rejectsToCsv(
	rejects: readonly RejectedRow[],
	messages: readonly string[] = []
): string {
	return toCsv(
		COLUMNS,
		rejects.map((r, i) => ({ ...r, message: messages[i] ?? '' }))
	);
}
