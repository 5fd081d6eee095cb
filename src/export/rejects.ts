import { toCsv } from './csv';
import type { RejectedRow } from '../core/ingest/types';
import { csvRejectReasonText } from '../core/reject-reason';
import type { TypingReject } from '../core/rejects';

const COLUMNS = ['row', 'line', 'column', 'reason', 'message', 'raw'].map((key) => ({
	key,
	label: key
}));

/**
 * Rejected records as CSV for download: the same rules as every export (UTF-8 with BOM so Excel
 * reads transcoded GBK text, formula-looking cells neutralised — a raw line may start with '=').
 * `reason` is a short English description in every language; `messages` (one per reject, e.g.
 * from formatRejectMessage) name file, line, column and what was expected, in the page's language.
 */
export function rejectsToCsv(
	rejects: readonly RejectedRow[],
	messages: readonly string[] = []
): string {
	return toCsv(
		COLUMNS,
		rejects.map((r, i) => ({
			...r,
			reason: csvRejectReasonText(r.reason),
			message: messages[i] ?? ''
		}))
	);
}

const TYPING_COLUMNS = [
	{ key: 'row', label: 'row' },
	{ key: 'column_name', label: 'column' },
	{ key: 'value', label: 'value' },
	{ key: 'reason', label: 'reason' },
	{ key: 'message', label: 'message' }
];

/**
 * Lines whose values could not be typed (tx_rejects) as CSV for download, under the same rules:
 * row, column, value, the reason in English words, and `messages` (one per reject) translated.
 */
export function typingRejectsToCsv(
	rejects: readonly TypingReject[],
	messages: readonly string[] = []
): string {
	return toCsv(
		TYPING_COLUMNS,
		rejects.map((r, i) => ({ ...r, message: messages[i] ?? '' }))
	);
}
