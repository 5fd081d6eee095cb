// Chart cells of the notebook: the user's choice of mark and x / y / colour / facet columns over
// a SQL cell's result rows, as Plot options. Stays readable on any result: at most MAX_POINTS
// rows and MAX_CATEGORIES bars/cells per axis and MAX_FACETS panels are drawn (the caller shows
// what was left out), long category labels are rotated, and time columns become dates.
import * as Plot from '@observablehq/plot';
import { columnClass, type ColumnClass, type ResultColumn } from '../core/notebook/chart';
import type { ChartSettings } from '../core/notebook/model';

export const MAX_POINTS = 5000;
export const MAX_CATEGORIES = 60;
export const MAX_FACETS = 6;

export interface NotebookChartSpec {
	spec: Plot.PlotOptions;
	/** Rows drawn and rows in the result given. */
	shown: number;
	total: number;
	/** True when categories or facets beyond the caps were left out. */
	cut: boolean;
}

type Datum = Record<string, unknown>;

/**
 * Null when the settings do not name an x column of the result. `countLabel` is the y axis' title
 * of a bar chart counting rows (the page's language: 'count', '计数').
 */
export function notebookChartSpec(
	rows: readonly Datum[],
	columns: readonly ResultColumn[],
	s: ChartSettings,
	width: number,
	countLabel = 'count'
): NotebookChartSpec | null {
	const cls = new Map(columns.map((c) => [c.name, columnClass(c.type)]));
	const has = (v: string | null): v is string => v !== null && cls.has(v);
	if (!has(s.x)) return null;
	const x = s.x;
	const y = has(s.y) ? s.y : null;
	// A heatmap needs a value: without a colour column, the first other number column is used.
	const heat =
		s.mark === 'cell' && !has(s.color)
			? (columns.find((c) => cls.get(c.name) === 'number' && c.name !== s.x && c.name !== s.y)
					?.name ?? null)
			: null;
	const color = has(s.color) ? s.color : heat;
	const facet = has(s.facet) ? s.facet : null;
	const xClass = cls.get(x)!;
	const yClass = y ? cls.get(y)! : null;

	const banded = s.mark === 'bar' || s.mark === 'cell';
	// Dates on a band axis (bars per month, heatmap rows) or as colour/facet are labels: text.
	const asText = new Set([color, facet, ...(banded ? [x, y] : [])].filter((k) => k !== null));
	let data: Datum[] = rows.slice(0, MAX_POINTS).map((r) => toPlotRow(r, cls, asText));
	let cut = false;
	const limit = (key: string | null, max: number) => {
		if (key === null || cls.get(key) === 'number') return;
		if (cls.get(key) === 'time' && !asText.has(key)) return;
		const keepSet = firstDistinct(data, key, max);
		if (keepSet.size < distinctCount(data, key)) {
			cut = true;
			data = data.filter((d) => keepSet.has(String(d[key])));
		}
	};
	if (banded) limit(x, MAX_CATEGORIES);
	if (s.mark === 'cell' && y) limit(y, MAX_CATEGORIES);
	limit(facet, MAX_FACETS);

	const horizontal =
		s.mark === 'bar' && xClass === 'number' && yClass !== null && yClass !== 'number';
	const bandAxis = horizontal ? y! : x;
	const categories = banded ? distinctCount(data, bandAxis) : 0;
	const longest = banded
		? Math.max(0, ...firstDistinctList(data, bandAxis).map((v) => v.length))
		: 0;
	const rotate =
		!horizontal && banded && (categories > 12 || categories * Math.min(longest, 20) * 7 > width);
	const fill = color ?? '#4269d0';
	// Lines and areas join points in data order: sort them along a number or time x.
	if ((s.mark === 'line' || s.mark === 'area') && xClass !== 'text') {
		data = [...data].sort((a, b) => order(a[x], b[x]));
	}
	const common = { fx: facet ?? undefined, tip: true };

	let mark: Plot.Markish;
	switch (s.mark) {
		case 'bar':
			mark = horizontal
				? Plot.barX(data, { x, y: y!, fill, ...common })
				: y === null
					? Plot.barY(data, Plot.groupX({ y: 'count' }, { x, fill: color ?? fill, ...common }))
					: Plot.barY(data, { x, y, fill, ...common });
			break;
		case 'line':
			mark = Plot.lineY(data, {
				x,
				y: y ?? undefined,
				stroke: color ?? '#4269d0',
				...common
			});
			break;
		case 'area':
			mark = Plot.areaY(data, {
				x,
				y: y ?? undefined,
				fill,
				fillOpacity: 0.8,
				...common
			});
			break;
		case 'dot':
			mark = Plot.dot(data, { x, y: y ?? undefined, stroke: color ?? '#4269d0', ...common });
			break;
		case 'cell':
			mark = Plot.cell(data, {
				x,
				y: y ?? undefined,
				fill: color ?? '#4269d0',
				inset: 0.5,
				...common
			});
			break;
	}
	const colorClass: ColumnClass | null = color ? cls.get(color)! : null;
	return {
		spec: {
			width,
			height:
				s.mark === 'cell' && y
					? Math.min(720, Math.max(180, 70 + 28 * distinctCount(data, y)))
					: 360,
			// Room under the tick labels for the axis title, so the two never overlap.
			marginBottom: rotate ? Math.min(140, 30 + 6 * Math.min(longest, 20)) : 45,
			marginRight: facet ? 20 : undefined,
			// Explicit scale types: text that looks like dates or numbers (years, ids) is meant as
			// categories here, and Plot then draws no warning sign.
			x: {
				type: banded && !horizontal ? 'band' : xClass === 'text' ? 'point' : undefined,
				label: x,
				tickRotate: rotate ? -45 : undefined,
				labelOffset: rotate ? undefined : 38,
				tickFormat: rotate ? (d: unknown) => shorten(String(d), 20) : undefined,
				grid: horizontal
			},
			y: {
				type:
					horizontal || (s.mark === 'cell' && y !== null)
						? 'band'
						: yClass === 'text'
							? 'point'
							: undefined,
				// Above the axis like a continuous one, not rotated over the category labels.
				labelAnchor: horizontal || s.mark === 'cell' ? 'top' : undefined,
				label: y ?? (s.mark === 'bar' ? countLabel : null),
				grid: !horizontal && s.mark !== 'cell'
			},
			color: color
				? colorClass === 'number'
					? { type: 'linear', legend: true, label: color, scheme: 'blues' }
					: { type: 'categorical', legend: true, label: color }
				: undefined,
			// Each panel says which value it shows ("year: 2024"); no separate axis title to collide.
			fx: facet ? { label: null, tickFormat: (d: unknown) => `${facet}: ${String(d)}` } : undefined,
			marks: [mark, ...(s.mark === 'bar' && !horizontal ? [Plot.ruleY([0])] : [])]
		},
		shown: data.length,
		total: rows.length,
		cut: cut || rows.length > MAX_POINTS
	};
}

/** Time columns come back as ISO text: Plot needs dates; big integers stay numbers. */
function toPlotRow(r: Datum, cls: Map<string, ColumnClass>, asText: Set<string>): Datum {
	const out: Datum = {};
	for (const [k, v] of Object.entries(r)) {
		const c = cls.get(k);
		if (c === 'time' && typeof v === 'string' && asText.has(k)) {
			// '2024-03-01 00:00:00' → '2024-03-01'; a time of day is kept to the minute.
			out[k] = v.replace(/ 00:00:00(\.0+)?$/, '').replace(/(\d\d:\d\d):\d\d(\.\d+)?$/, '$1');
		} else if (c === 'time' && typeof v === 'string') {
			const d = new Date(
				/^\d{4}-\d{2}-\d{2}$/.test(v)
					? `${v}T00:00:00Z`
					: v.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z')
			);
			out[k] = Number.isNaN(d.getTime()) ? null : d;
		} else if (c === 'text' && v !== null && typeof v === 'object') out[k] = JSON.stringify(v);
		else if (typeof v === 'boolean' && asText.has(k)) out[k] = String(v);
		else out[k] = v;
	}
	return out;
}

function order(a: unknown, b: unknown): number {
	if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
	if (b === null || b === undefined) return -1;
	return Number(a) - Number(b);
}

function firstDistinctList(data: readonly Datum[], key: string): string[] {
	return [...new Set(data.map((d) => String(d[key])))];
}

function firstDistinct(data: readonly Datum[], key: string, max: number): Set<string> {
	return new Set(firstDistinctList(data, key).slice(0, max));
}

function distinctCount(data: readonly Datum[], key: string): number {
	return new Set(data.map((d) => String(d[key]))).size;
}

function shorten(text: string, max: number): string {
	const chars = [...text];
	return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}
