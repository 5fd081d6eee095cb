/**
 * DuckDB's CSV rejects as reject reasons: the one place that reads the reader's own error types
 * and messages (its rejects table's `error_type` and `error_message`; DuckDB 1.4). They are
 * DuckDB's words, not ours, and DuckDB may word them differently in another version: anything
 * not recognised here keeps its type and text as an 'engine' reason, shown as it came.
 * Lines the loader itself keeps from DuckDB (too long) get their reason where they are found
 * (load-csv), not from here.
 */
import type { CsvRejectReason } from '../core/reject-reason';
import type { RawReject } from '../core/ingest/rejects';

/** "Expected Number of Columns: 3 Found: 4": the field counts of a ragged record. */
const COLUMNS = /Expected Number of Columns: (\d+) Found: (\d+)/;
/** "Maximum line size of 2098176 bytes exceeded. Actual Size:3000000 bytes." */
const MAX_SIZE = /Maximum line size of (\d+)/;
const ACTUAL_SIZE = /Actual Size:\s*(\d+)/;

/** The reason of one rejected record as DuckDB reported it. */
export function duckdbRejectReason(
	r: Pick<RawReject, 'error_type' | 'error_message'>
): CsvRejectReason {
	const fields = COLUMNS.exec(r.error_message);
	if (fields) {
		const [, expected, found] = fields;
		// For too many, DuckDB stops at the first extra field: its "Found" is not the record's count.
		return r.error_type === 'TOO MANY COLUMNS'
			? { code: 'too-many-fields', expected: Number(expected) }
			: { code: 'too-few-fields', expected: Number(expected), found: Number(found) };
	}
	if (r.error_type === 'UNQUOTED VALUE') return { code: 'quote' };
	if (r.error_type === 'INVALID ENCODING') return { code: 'encoding' };
	if (r.error_type === 'LINE SIZE OVER MAXIMUM') {
		const max = MAX_SIZE.exec(r.error_message)?.[1];
		const bytes = ACTUAL_SIZE.exec(r.error_message)?.[1];
		return max && bytes
			? { code: 'line-too-long', bytes: Number(bytes), max: Number(max) }
			: { code: 'line-too-long', bytes: null, max: null };
	}
	return { code: 'engine', type: r.error_type, message: r.error_message };
}
