// A DataTable cell's text: numbers in the column's kind and the page's language, dates named,
// NULL as an en dash. Plain TS (no component) so the formatting is tested on its own.
import type { I18n } from '../i18n/i18n.svelte';

export type CellKind = 'text' | 'int' | 'num' | 'money' | 'pct' | 'date';

/** `v` as the table shows it; `digits` are a 'num' column's decimals (default 2; whole numbers none). */
export function formatCell(
	i18n: Pick<I18n, 'num' | 'money' | 'pct' | 'date'>,
	v: unknown,
	kind: CellKind | undefined,
	digits?: number
): string {
	if (v === null || v === undefined) return '–';
	if (typeof v === 'number') {
		switch (kind) {
			case 'int':
				return i18n.num(v);
			case 'money':
				return i18n.money(v);
			case 'pct':
				return i18n.pct(v);
			default:
				return i18n.num(v, Number.isInteger(v) ? 0 : (digits ?? 2));
		}
	}
	if (kind === 'date' && typeof v === 'string') return i18n.date(v);
	return String(v);
}
