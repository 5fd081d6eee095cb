/**
 * Chart cells: how result columns are classified from their DuckDB types, and the default chart
 * for a result (a time column → line over time; a text column → bars; two numbers → dots).
 */
import type { ChartMark, ChartSettings } from './model';

export type ColumnClass = 'number' | 'time' | 'text';

export interface ResultColumn {
	name: string;
	type: string;
}

/**
 * A result column's class from its type as the result grid shows it: Arrow type names (Int64,
 * Float64, Decimal[18e+2], Date32<DAY>, Timestamp<MICROSECOND>, Utf8…); DuckDB's own names
 * (BIGINT, DOUBLE, DATE…) are understood too.
 */
export function columnClass(type: string): ColumnClass {
	const t = type.toUpperCase();
	if (/^(DATE|TIME|TIMESTAMP)/.test(t)) return 'time';
	if (
		/^(U?INT\d*|U?(TINY|SMALL|BIG|HUGE)INT|INTEGER|FLOAT\d*|DOUBLE|REAL|DECIMAL|NUMERIC)/.test(t)
	) {
		return 'number';
	}
	return 'text';
}

/**
 * Settings for a new chart of `columns` (the user's own choices in `current` kept where the
 * columns still exist).
 */
export function defaultChart(
	columns: readonly ResultColumn[],
	current: ChartSettings
): ChartSettings {
	const names = new Set(columns.map((c) => c.name));
	const keep = (v: string | null) => (v !== null && names.has(v) ? v : null);
	const kept = {
		...current,
		x: keep(current.x),
		y: keep(current.y),
		color: keep(current.color),
		facet: keep(current.facet)
	};
	if (kept.x !== null) return kept;
	const of = (cls: ColumnClass) => columns.filter((c) => columnClass(c.type) === cls);
	const time = of('time')[0];
	const text = of('text')[0];
	const numbers = of('number');
	const x = time ?? text ?? numbers[0];
	if (!x) return kept;
	const y = kept.y ?? numbers.find((c) => c.name !== x.name)?.name ?? null;
	const mark: ChartMark = time ? 'line' : text ? 'bar' : 'dot';
	return { ...kept, x: x.name, y, mark: current.x === null ? mark : kept.mark };
}
