import type { Engine } from '../db/engine';
import type { Sql } from '../core/sql';
import {
	DEFAULT_ROW_LIMIT,
	LIMITS,
	emptyChart,
	newCellId,
	type Cell,
	type CellKind,
	type ChartSettings,
	type NotebookDoc,
	type NotebookMapping,
	type SqlCell
} from '../core/notebook/model';
import {
	checkCellName,
	defaultCellName,
	uniqueCellName,
	type NameProblem
} from '../core/notebook/names';
import { dependenciesOf, runPlan } from '../core/notebook/deps';
import { statementKind } from '../core/notebook/scan';
import {
	RefusedStatementError,
	refusalOf,
	refusalOfEngineError,
	type Refusal
} from '../core/notebook/guard';
import { parseNotebook, serializeNotebook } from '../core/notebook/file';
import {
	VIEW_PREFIX_LINES,
	buildCellView,
	buildDropCellView,
	buildSchemaQuery,
	cellErrorMessage,
	userStatement
} from '../core/notebook/queries';
import type { NotebookStore } from './notebook-store';
import type { LoyaltyProgramme } from '../analyses/loyalty/programme';
import type { Audience, AudienceProblem } from '../analyses/audience/model';
import { ResultTooLargeError, type UserQueryOptions } from '../db/engine';
import {
	sourceLineShift,
	splitLastQuery,
	type PageRequest,
	type PageSort,
	type ResultPage,
	type RowSource
} from '../core/notebook/pages';
import {
	GUARD_BYTES,
	readAllRows,
	readFirstPage,
	readFullValue,
	readPage,
	type FirstPage,
	type FullValue,
	type UserQuery
} from './notebook-results';

export interface CellResult {
	status: 'idle' | 'running' | 'done' | 'error';
	columns: { name: string; type: string }[];
	rows: Record<string, unknown>[];
	/** All rows of the result (rows holds at most the row limit). */
	rowCount: number;
	ms: number;
	error: string | null;
	/**
	 * Why the cell did not finish: a circular reference, the user cancelled it, or its result is
	 * too large to show even in pages (one row over the page limit).
	 */
	reason: 'circular' | 'cancelled' | 'tooLarge' | null;
	/** Where the grid reads further pages (a view or a query); null when `rows` is the whole result. */
	source: RowSource | null;
	/** Per row of `rows`: the columns whose text was cut short in SQL (null: none). */
	cut: (number[] | null)[];
	/** The statement Clientele does not run (core/notebook/guard): the UI explains the kind. */
	refusal: Refusal | null;
}

export const IDLE: CellResult = {
	status: 'idle',
	columns: [],
	rows: [],
	rowCount: 0,
	ms: 0,
	error: null,
	reason: null,
	refusal: null,
	source: null,
	cut: []
};

/** Tables → columns of the database, for autocomplete. */
export type Schema = Record<string, string[]>;

const AUTOSAVE_MS = 400;

/**
 * The notebook: cells (text only, autosaved), their results (not saved), running SQL cells in
 * dependency order, and undo of deletions. The engine and the store are passed in so unit tests
 * run it against DuckDB in Node with an in-memory store.
 */
export class Notebook {
	cells = $state<Cell[]>([]);
	rowLimit = $state(DEFAULT_ROW_LIMIT);
	/** Replaced whole: result rows must not become deeply reactive. */
	results = $state.raw<Record<string, CellResult>>({});
	schema = $state.raw<Schema>({});
	/** Deleted cells with their position, newest last (Undo). */
	trash = $state<{ cell: Cell; index: number }[]>([]);
	/** The mapping of the file opened or restored (what its SQL was written against). */
	mapping = $state.raw<NotebookMapping | null>(null);
	/** True while cells run (Cancel is offered). */
	busy = $state(false);
	/** Named audiences (issue 19), saved with the cells: conditions only, never data. */
	audiences = $state.raw<Audience[]>([]);
	/** The loyalty programme's rules (issue 21), saved with the cells; null until changed. */
	loyalty = $state.raw<LoyaltyProgramme | null>(null);
	/** Why the opened file's or link's loyalty rules were not read. */
	loyaltyProblem = $state.raw<string | null>(null);
	/** What was dropped from the opened file's or link's audiences, condition by condition. */
	audienceProblems = $state.raw<AudienceProblem[]>([]);
	/** The loaded data's mapping, when there is data: saved with the notebook instead. */
	currentMapping: (() => NotebookMapping | null) | null = null;
	private cancelRequested = false;

	/** View created by each cell in this session (to drop it when the cell is renamed/removed). */
	private views = new Map<string, string>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly engine: () => Promise<Engine>,
		private readonly store: NotebookStore
	) {}

	/** Restore the autosaved notebook; a damaged copy is ignored (an empty notebook starts). */
	async restore(): Promise<void> {
		const text = await this.store.load().catch(() => null);
		if (!text) return;
		try {
			this.apply(parseNotebook(text));
		} catch {
			// The saved copy is unreadable (older format, edited by hand): start empty.
		}
	}

	get doc(): NotebookDoc {
		return {
			cells: $state.snapshot(this.cells),
			settings: { rowLimit: this.rowLimit },
			mapping: this.currentMapping?.() ?? this.mapping,
			...(this.audiences.length ? { audiences: this.audiences } : {}),
			...(this.loyalty ? { loyalty: this.loyalty } : {})
		};
	}

	/** Keep the loyalty rules (autosaved with the cells). */
	saveLoyalty(p: LoyaltyProgramme): void {
		this.loyalty = p;
		this.loyaltyProblem = null;
		this.changed();
	}

	/** Save `a` under its name (replacing one of that name); autosaved with the cells. */
	saveAudience(a: Audience): void {
		const rest = this.audiences.filter((x) => x.name !== a.name);
		this.audiences = [...rest, a];
		this.changed();
	}

	deleteAudience(name: string): void {
		this.audiences = this.audiences.filter((x) => x.name !== name);
		this.changed();
	}

	toJson(): string {
		return serializeNotebook(this.doc);
	}

	/** Replace the notebook with a file's content; throws NotebookFileError if it is not valid. */
	open(text: string): NotebookDoc {
		const doc = parseNotebook(text);
		this.apply(doc);
		this.changed();
		return doc;
	}

	/** Replace the notebook with an already validated document (a share link). */
	openDoc(doc: NotebookDoc): void {
		this.apply(doc);
		this.changed();
	}

	private apply(doc: NotebookDoc) {
		this.cells = doc.cells;
		this.rowLimit = doc.settings.rowLimit;
		this.mapping = doc.mapping;
		this.audiences = doc.audiences ?? [];
		this.audienceProblems = doc.audienceProblems ?? [];
		this.loyalty = doc.loyalty ?? null;
		this.loyaltyProblem = doc.loyaltyProblem ?? null;
		this.results = {};
		this.trash = [];
	}

	result(id: string): CellResult {
		return this.results[id] ?? IDLE;
	}

	add(kind: CellKind, after?: string, source = ''): string {
		if (this.cells.length >= LIMITS.cells) throw new Error(`at most ${LIMITS.cells} cells`);
		const id = newCellId(this.cells.map((c) => c.id));
		const cell: Cell =
			kind === 'sql'
				? { id, kind, name: defaultCellName(this.cells), source }
				: kind === 'chart'
					? { id, kind, source: '', chart: emptyChart() }
					: { id, kind, source };
		const at = after === undefined ? -1 : this.cells.findIndex((c) => c.id === after);
		if (at === -1) this.cells.push(cell);
		else this.cells.splice(at + 1, 0, cell);
		this.changed();
		return id;
	}

	/** Append one SQL cell per named query (Open in notebook); returns the new ids. */
	addQueries(prefix: string, queries: Record<string, Sql>): string[] {
		const ids: string[] = [];
		for (const [key, q] of Object.entries(queries)) {
			if (this.cells.length >= LIMITS.cells) break;
			const id = this.add('sql', undefined, q.toString());
			const cell = this.cells.find((c) => c.id === id) as SqlCell;
			cell.name = uniqueCellName(
				`${prefix}_${key}`,
				this.cells.filter((c) => c.id !== id)
			);
			ids.push(id);
		}
		this.changed();
		return ids;
	}

	setSource(id: string, source: string) {
		const cell = this.cells.find((c) => c.id === id);
		if (!cell || cell.source === source) return;
		cell.source = source.slice(0, LIMITS.sourceChars);
		this.changed();
	}

	/** Change a chart cell's settings. */
	setChart(id: string, patch: Partial<ChartSettings>) {
		const cell = this.cells.find((c) => c.id === id);
		if (!cell || cell.kind !== 'chart') return;
		cell.chart = { ...cell.chart, ...patch };
		this.changed();
	}

	/** Rename a SQL cell's view; returns why not, or null when done. */
	rename(id: string, name: string): NameProblem | null {
		const cell = this.cells.find((c) => c.id === id);
		if (!cell || cell.kind !== 'sql') return null;
		const problem = checkCellName(name, this.cells, id);
		if (problem) return problem;
		cell.name = name;
		this.changed();
		return null;
	}

	move(id: string, by: -1 | 1) {
		const i = this.cells.findIndex((c) => c.id === id);
		const j = i + by;
		if (i === -1 || j < 0 || j >= this.cells.length) return;
		const [cell] = this.cells.splice(i, 1);
		this.cells.splice(j, 0, cell!);
		this.changed();
	}

	remove(id: string) {
		const index = this.cells.findIndex((c) => c.id === id);
		if (index === -1) return;
		const [cell] = this.cells.splice(index, 1);
		this.trash.push({ cell: $state.snapshot(cell!), index });
		// Charts that read the deleted cell fall back to the nearest SQL cell above them.
		for (const c of this.cells) if (c.kind === 'chart' && c.chart.from === id) c.chart.from = null;
		if (this.trash.length > 20) this.trash.shift();
		this.changed();
		void this.dropView(id);
	}

	undoRemove(): string | null {
		const last = this.trash.pop();
		if (!last) return null;
		let cell = last.cell;
		if (this.cells.some((c) => c.id === cell.id)) {
			cell = { ...cell, id: newCellId(this.cells.map((c) => c.id)) };
		}
		if (cell.kind === 'sql' && checkCellName(cell.name, this.cells) !== null) {
			cell = { ...cell, name: defaultCellName(this.cells) };
		}
		this.cells.splice(Math.min(last.index, this.cells.length), 0, cell);
		this.changed();
		return cell.id;
	}

	/**
	 * Run a SQL cell, then every cell that reads its view (in dependency order). Cells it reads
	 * that have not run in this session (e.g. after a reload) run first.
	 */
	run(id: string): Promise<void> {
		const next = this.queue.then(() => this.runNow(id));
		this.queue = next.catch(() => undefined);
		return next;
	}

	runAll(): Promise<void> {
		const ids = this.cells.filter((c) => c.kind === 'sql').map((c) => c.id);
		const next = this.queue.then(() => this.runIds(ids));
		this.queue = next.catch(() => undefined);
		return next;
	}

	private async runNow(id: string): Promise<void> {
		const stale = [...dependenciesOf(this.cells, id)].filter(
			(d) => this.result(d).status !== 'done'
		);
		await this.runIds([...stale, id]);
	}

	/**
	 * Rows of a cell's result for the grid (texts cut in SQL, under the page's byte limit). Queued
	 * behind running cells: the notebook's connection runs one statement at a time.
	 */
	page(id: string, request: PageRequest): Promise<ResultPage> {
		return this.reading(id, (query, r, source) =>
			readPage(query, source, r.columns, request, Math.min(r.rowCount, this.rowLimit))
		);
	}

	/** One cell's whole value ("Show full value"), or why it is not shown. */
	fullValue(id: string, column: number, index: number, sort: PageSort | null): Promise<FullValue> {
		return this.reading(id, (query, r, source) =>
			readFullValue(query, source, r.columns, column, index, sort)
		);
	}

	/** Every row the grid reaches, values whole (Download CSV, Copy). */
	allRows(id: string, sort: PageSort | null): Promise<Record<string, unknown>[]> {
		return this.reading(id, (query, r, source) =>
			readAllRows(query, source, r.columns, this.rowLimit, sort)
		);
	}

	private reading<T>(
		id: string,
		read: (query: UserQuery, result: CellResult, source: RowSource) => Promise<T>
	): Promise<T> {
		const next = this.queue.then(async () => {
			const result = this.result(id);
			if (!result.source) throw new Error('this result has no pages');
			const engine = await this.engine();
			return read((q, options) => this.userQuery(engine, q, options), result, result.source);
		});
		this.queue = next.catch(() => undefined);
		return next;
	}

	/** Stop the running cell (and the cells queued after it). */
	async cancel(): Promise<void> {
		if (!this.busy) return;
		this.cancelRequested = true;
		const engine = await this.engine();
		await engine.interrupt().catch(() => false);
	}

	private async runIds(ids: string[]): Promise<void> {
		this.cancelRequested = false;
		this.busy = true;
		try {
			await this.runPlanned(ids);
		} finally {
			this.busy = false;
			this.cancelRequested = false;
		}
		await this.loadSchema();
	}

	private async runPlanned(ids: string[]): Promise<void> {
		const plan = runPlan(this.cells, ids);
		for (const c of plan.cyclic) {
			this.setResult(c, { ...IDLE, status: 'error', reason: 'circular' });
		}
		for (const c of plan.order) this.setResult(c, { ...this.result(c), status: 'running' });
		for (const c of plan.order) {
			const ok = await this.runCell(c);
			if (!ok) {
				// What depends on a failed cell would read a missing or stale view: leave it idle.
				for (const rest of plan.order.slice(plan.order.indexOf(c) + 1)) {
					if (this.result(rest).status === 'running') this.setResult(rest, IDLE);
				}
				break;
			}
		}
	}

	/** A user query that Cancel can interrupt. */
	private async userQuery(engine: Engine, q: Sql | string, options?: UserQueryOptions) {
		if (this.cancelRequested) throw new CancelledError();
		try {
			return await engine.queryCancellable(typeof q === 'string' ? q : q.toString(), options);
		} catch (e) {
			if (this.cancelRequested) throw new CancelledError();
			throw e;
		}
	}

	private async runCell(id: string): Promise<boolean> {
		const cell = this.cells.find((c): c is SqlCell => c.id === id && c.kind === 'sql');
		if (!cell) return true;
		const engine = await this.engine();
		const name = cell.name;
		const source = cell.source;
		const t0 = performance.now();
		try {
			// Before DuckDB sees it: a cell from a file or a share link is text from elsewhere.
			const refused = refusalOf(source);
			if (refused) throw new RefusedStatementError(refused);
			const kind = statementKind(source);
			if (kind === 'empty') {
				this.setResult(id, IDLE);
				return true;
			}
			const query: UserQuery = (q, options) => this.userQuery(engine, q, options);
			let rows: RowSource;
			let shift = 0;
			if (kind === 'statement') {
				const split = splitLastQuery(source);
				if (!split) {
					// Not a query at its end (PRAGMA, EXPLAIN, CREATE…): run as written, the result
					// refused before conversion when it is over the page limit.
					const r = await query(userStatement(source).text, { maxBytes: GUARD_BYTES });
					this.setResult(id, {
						...IDLE,
						status: 'done',
						columns: r.columns,
						rows: r.rows.slice(0, this.rowLimit),
						rowCount: r.rows.length,
						ms: performance.now() - t0
					});
					return true;
				}
				if (split.before.trim()) await query(split.before, { maxBytes: GUARD_BYTES });
				rows = { query: split.query };
				shift = sourceLineShift(split.startLine);
			} else {
				const previous = this.views.get(id);
				if (previous && previous.toLowerCase() !== name.toLowerCase()) await this.dropView(id);
				try {
					await engine.exec(buildCellView(name, source));
				} catch (e) {
					throw new Error(cellErrorMessage(message(e), VIEW_PREFIX_LINES));
				}
				this.views.set(id, name);
				rows = { view: name };
			}
			let first: FirstPage;
			try {
				first = await readFirstPage(query, rows, this.rowLimit);
			} catch (e) {
				if (e instanceof CancelledError || e instanceof ResultTooLargeError) throw e;
				throw new Error(cellErrorMessage(message(e), shift));
			}
			this.setResult(id, {
				...IDLE,
				status: 'done',
				columns: first.columns,
				rows: first.page.rows,
				cut: first.page.cut,
				rowCount: first.rowCount,
				source: rows,
				ms: performance.now() - t0
			});
			return true;
		} catch (e) {
			this.setResult(id, {
				...IDLE,
				status: 'error',
				reason:
					e instanceof CancelledError
						? 'cancelled'
						: e instanceof ResultTooLargeError
							? 'tooLarge'
							: null,
				refusal: e instanceof RefusedStatementError ? e.refusal : refusalOfEngineError(message(e)),
				error: message(e),
				ms: performance.now() - t0
			});
			return false;
		}
	}

	/** Tables, views and their columns, for autocomplete. */
	async loadSchema(): Promise<void> {
		try {
			const engine = await this.engine();
			const rows = await engine.query<{ table_name: string; column_name: string }>(
				buildSchemaQuery()
			);
			const schema: Schema = {};
			for (const r of rows) (schema[r.table_name] ??= []).push(r.column_name);
			this.schema = schema;
		} catch {
			// Autocomplete without a schema still offers keywords.
		}
	}

	private async dropView(id: string) {
		const view = this.views.get(id);
		if (!view) return;
		this.views.delete(id);
		const engine = await this.engine();
		await engine.exec(buildDropCellView(view)).catch(() => undefined);
	}

	private setResult(id: string, r: CellResult) {
		this.results = { ...this.results, [id]: r };
	}

	/** Schedule an autosave (debounced: typing saves once it pauses). */
	private changed() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
	}

	/** Save now (tests, page hide). */
	async flush(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		await this.store.save(this.toJson()).catch(() => undefined);
	}
}

class CancelledError extends Error {
	constructor() {
		super('Cancelled');
		this.name = 'CancelledError';
	}
}

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
