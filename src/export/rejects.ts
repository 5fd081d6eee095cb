import { toCsv } from './csv';
import type { RejectedRow } from '../db/load-csv';

const COLUMNS = ['row', 'line', 'column', 'reason', 'raw'].map((key) => ({ key, label: key }));

/**
 * Rejected records as CSV for download: the same rules as every export (UTF-8 with BOM so Excel
 * reads transcoded GBK text, formula-looking cells neutralised — a raw line may start with '=').
 */
export function rejectsToCsv(rejects: readonly RejectedRow[]): string {
	return toCsv(COLUMNS, rejects as unknown as Record<string, unknown>[]);
}
