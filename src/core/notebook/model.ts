/**
 * The notebook's document model (issue 4): an ordered list of cells. A SQL cell's result is a
 * view named after the cell, so later cells can query it. Only text is kept here, never data:
 * the document is what Save/Open and the autosave store.
 */

export const NOTEBOOK_FORMAT = 'clientele-notebook';
export const NOTEBOOK_VERSION = 1;

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

export type Cell = SqlCell | TextCell;
export type CellKind = Cell['kind'];
export const CELL_KINDS: readonly CellKind[] = ['sql', 'text'];

export interface NotebookSettings {
	/** Rows of each result fetched into the page. */
	rowLimit: number;
}

export interface NotebookDoc {
	cells: Cell[];
	settings: NotebookSettings;
}

export function emptyNotebook(): NotebookDoc {
	return { cells: [], settings: { rowLimit: DEFAULT_ROW_LIMIT } };
}

/** A fresh cell id, unique among `taken`. Ids are internal (keys, results), never SQL. */
export function newCellId(taken: Iterable<string>): string {
	const used = new Set(taken);
	let n = used.size + 1;
	while (used.has(`c${n}`)) n++;
	return `c${n}`;
}
