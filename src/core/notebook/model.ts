/**
 * The notebook's document model (issue 4): an ordered list of cells. A SQL cell's result is a
 * view named after the cell, so later cells can query it. Only text is kept here, never data:
 * the document is what Save/Open and the autosave store.
 */

import type { Audience, AudienceProblem } from '../../analyses/audience/model';
import type { LoyaltyProgramme } from '../../analyses/loyalty/programme';

export const NOTEBOOK_FORMAT = 'clientele-notebook';
/** Version 2 added chart cells and the column mapping; version 1 files are still read. */
export const NOTEBOOK_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** Limits a notebook file (and the autosaved copy) must respect. */
export const LIMITS = {
	/** Bytes of the JSON text (UTF-8). */
	fileBytes: 1024 * 1024,
	cells: 200,
	/** Characters of one cell's source. */
	sourceChars: 100_000,
	/** Rows of a result kept in the page (the row count is always exact). */
	maxRowLimit: 1_000_000
} as const;

export const DEFAULT_ROW_LIMIT = 100_000;

export interface SqlCell {
	id: string;
	kind: 'sql';
	/** View name of the result (an identifier, see names.ts). */
	name: string;
	source: string;
}

export interface TextCell {
	id: string;
	kind: 'text';
	source: string;
}

export const CHART_MARKS = ['bar', 'line', 'area', 'dot', 'cell'] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

/** What a chart cell draws. Column names are result columns of its source cell; null = none. */
export interface ChartSettings {
	/** Id of the SQL cell whose result is drawn; null = the nearest SQL cell above. */
	from: string | null;
	mark: ChartMark;
	x: string | null;
	y: string | null;
	color: string | null;
	facet: string | null;
	title: string;
}

export interface ChartCell {
	id: string;
	kind: 'chart';
	/** Unused by charts (kept so every cell has text); always ''. */
	source: string;
	chart: ChartSettings;
}

export type Cell = SqlCell | TextCell | ChartCell;
export type CellKind = Cell['kind'];
export const CELL_KINDS: readonly CellKind[] = ['sql', 'text', 'chart'];

export function emptyChart(): ChartSettings {
	return { from: null, mark: 'bar', x: null, y: null, color: null, facet: null, title: '' };
}

/**
 * The column mapping the notebook's SQL was written against: for each file its name, header
 * signature (columns.ts headerSignature) and which column plays which role. Never any data.
 */
export interface FileMapping {
	file: string;
	signature: string;
	roles: Record<string, string>;
}

export interface OrdersFileMapping extends FileMapping {
	dateFormat: string;
	decimal: '.' | ',';
}

export interface NotebookMapping {
	orders: OrdersFileMapping;
	customers: FileMapping | null;
	returns: 'net' | 'exclude';
}

export interface NotebookSettings {
	/** Rows of each result fetched into the page. */
	rowLimit: number;
}

export interface NotebookDoc {
	cells: Cell[];
	settings: NotebookSettings;
	/** The data the SQL expects; null when the notebook was saved with no data loaded. */
	mapping: NotebookMapping | null;
	/** Named audiences (issue 19): conditions only, never data (analyses/audience/model.ts). */
	audiences?: Audience[];
	/** What was dropped from the file's audiences while reading them, condition by condition. */
	audienceProblems?: AudienceProblem[];
	/** The loyalty programme's rules and what-if (issue 21): rules only, never data. */
	loyalty?: LoyaltyProgramme;
	/** Why the file's loyalty rules were not read (the notebook opened without them). */
	loyaltyProblem?: string;
}

export function emptyNotebook(): NotebookDoc {
	return { cells: [], settings: { rowLimit: DEFAULT_ROW_LIMIT }, mapping: null };
}

/** The id of the SQL cell a chart cell draws (its own choice, or the nearest SQL cell above). */
export function chartSourceId(cells: readonly Cell[], chartId: string): string | null {
	const i = cells.findIndex((c) => c.id === chartId);
	const cell = cells[i];
	if (!cell || cell.kind !== 'chart') return null;
	if (cell.chart.from !== null) {
		return cells.some((c) => c.id === cell.chart.from && c.kind === 'sql') ? cell.chart.from : null;
	}
	for (let j = i - 1; j >= 0; j--) if (cells[j]?.kind === 'sql') return cells[j]!.id;
	return null;
}

/** A fresh cell id, unique among `taken`. Ids are internal (keys, results), never SQL. */
export function newCellId(taken: Iterable<string>): string {
	const used = new Set(taken);
	let n = used.size + 1;
	while (used.has(`c${n}`)) n++;
	return `c${n}`;
}
