/**
 * The session's state as runes: the data set (SessionData: files, sets, mappings, summary,
 * checks), the engine's and the page's loading state, and what is derived from them. Session
 * (session.svelte.ts) extends it with the steps that change it; the plain parts
 * (session-data.ts, session-reread.ts) compute those changes as patches, applied here.
 */
import type { LoadInput, LoadReport } from '../core/ingest/types';
import type { RoleDetection } from '../core/columns';
import type { FormatMisfit } from '../core/formats-fit';
import type { DataWarning } from '../core/data-warnings';
import type {
	CustomerRole,
	CustomersMapping,
	OrderRole,
	OrdersMapping,
	ReturnsPolicy
} from '../core/types';
import type { BasketsSummary } from '../db/pipeline/baskets';
import type { FeedbackSummary } from '../db/pipeline/feedback';
export type { FeedbackReject, FeedbackSummary } from '../db/pipeline/feedback';
import type { LoadSummary } from '../db/pipeline/build';
import { customerColumnLabels, type CustomerColumn } from '../db/pipeline/customer-columns';
import { DuplicateSearch } from '../db/pipeline/duplicate-search';
import type { DataSetFile } from '../db/pipeline/file-kinds';
import type { LoadedFile } from '../db/pipeline/files';
import type { SetFiles } from '../db/pipeline/sets';
import type { WarmState } from './engine-warm-up';
import type { Problem } from './problems';
import {
	rowsLoadedOf,
	rowsRejectedOf,
	type Built,
	type Patch,
	type Phase,
	type SessionData
} from './session-data';
import type { Workbook } from './sets';

export interface Progress {
	file: string;
	stage: string;
	fraction: number | null;
	startedAt: number;
}

export class SessionState implements SessionData {
	engineState = $state<'starting' | 'ready' | 'error'>('starting');
	engineError = $state<string | null>(null);
	phase = $state<Phase>('empty');
	progress = $state<Progress | null>(null);
	problem = $state<Problem | null>(null);
	notices = $state<string[]>([]);

	ordersReport = $state.raw<LoadReport | null>(null);
	/**
	 * The orders set's files as given, in the order of its parts: reading it again (another
	 * encoding, another sheet, a file taken out) reads each of them again.
	 */
	ordersFiles = $state.raw<SetFiles>({ inputs: [] });
	customersReport = $state.raw<LoadReport | null>(null);
	/** The customers set's files as given, in the order of its parts. */
	customersFiles = $state.raw<SetFiles>({ inputs: [] });
	detection = $state.raw<RoleDetection<OrderRole> | null>(null);
	customersDetection = $state.raw<RoleDetection<CustomerRole> | null>(null);
	/** The mapping being confirmed or in force (editable on the mapping screen). */
	mapping = $state<OrdersMapping | null>(null);
	customersMapping = $state<CustomersMapping | null>(null);
	returns = $state<ReturnsPolicy>('net');
	summary = $state.raw<LoadSummary | null>(null);
	/**
	 * The basket files' baskets (db/pipeline/baskets: the `baskets` table's counts, top items and
	 * sizes), null when none is loaded: what the market-basket analysis starts from.
	 */
	basketsSummary = $state.raw<BasketsSummary | null>(null);
	/**
	 * The feedback files' responses (db/pipeline/feedback: the `feedback` table's counts, dates
	 * and rows set aside), null when none is loaded; a new object per load (issue 21).
	 */
	feedbackSummary = $state.raw<FeedbackSummary | null>(null);
	/** Files of the last load left unused because their columns differ from their kind's set. */
	differing = $state.raw<LoadedFile[]>([]);
	/** The basket files' load reports, in load order, with their rows that gave no item. */
	basketReports = $state.raw<{ report: LoadReport; basketless: number }[]>([]);
	/** The data set's files with their kind and its reason (the person can change a kind). */
	files = $state.raw<DataSetFile[]>([]);
	/** The orders set's workbooks with several sheets with data (a sheet picker each). */
	workbooks = $state.raw<Workbook[]>([]);
	/** What the last build was made of: Cancel on the mapping screen goes back to it. */
	built: Built | null = null;
	/** Loaded rows worth a word (future dates, duplicates…), from the data checks. */
	warnings = $state.raw<DataWarning[]>([]);
	/**
	 * The data checks behind `warnings`. They cost a pass over the file (the exact-duplicate
	 * search is ½ s at a million lines), so a build leaves them 'pending' and the dashboard runs
	 * them once its analyses are drawn (checkData): the analyses come first.
	 */
	checks = $state<'idle' | 'pending' | 'checking' | 'done' | 'failed'>('idle');
	checksError = $state<string | null>(null);
	/** The user's choice to remove exact duplicate rows of the orders file (off by default). */
	removeDuplicates = $state(false);
	/** Increments every time the canonical tables are rebuilt: analyses re-run on change. */
	dataVersion = $state(0);

	/**
	 * The data set's tables are kept compressed in memory (a large file for the memory limit:
	 * db/memory.ts prefersCompressed). Slower to load, several times smaller.
	 */
	compressed = $state(false);

	/** Whole-file column counts could not be computed (shown instead of the counts). */
	countFailed = $state(false);

	/**
	 * The engine's warm-up while the page waits for a file (db/warm-up.ts; hook `data-warm` on
	 * engine-status). 'stopped': a file (or anything else) needed the engine first.
	 */
	warmState = $state<WarmState>('idle');

	/** A remembered mapping is in force for the orders file (its roles need no confirming). */
	remembered = false;
	/** Remembered formats that did not fit the orders file (the file's own are used instead). */
	formatMisfits = $state.raw<FormatMisfit[]>([]);

	/** raw_duplicates, searched once per raw orders table. */
	protected readonly duplicates = new DuplicateSearch();

	/** Set the patch's fields; a new orders table (another report) is searched for duplicates anew. */
	protected apply(patch: Patch): void {
		if ('ordersReport' in patch) this.duplicates.newTable();
		Object.assign(this, patch);
	}

	/** The orders set's first file (the mapping screen previews it in another encoding). */
	get ordersInput(): LoadInput | null {
		return this.ordersFiles.inputs[0] ?? null;
	}

	/** The first orders workbook's sheets with data, when it has several. */
	get sheets(): string[] {
		return this.workbooks[0]?.sheets ?? [];
	}

	/** Rows accepted into tables across files (orders lines typed into tx, customers rows). */
	get rowsLoaded(): number {
		return rowsLoadedOf(this);
	}

	/** Rows rejected across files: unreadable CSV records plus lines whose values could not be typed. */
	get rowsRejected(): number {
		return rowsRejectedOf(this);
	}

	/** Exact duplicate rows left out because the user chose so (0 unless removeDuplicates). */
	get duplicatesRemoved(): number {
		if (!this.removeDuplicates) return 0;
		return this.warnings.find((w) => w.kind === 'duplicate')?.count ?? 0;
	}

	/** Columns of the canonical `customers` table besides customer_id, with display labels. */
	get customerColumns(): CustomerColumn[] {
		return customerColumnLabels(this.customersMapping, this.summary);
	}
}
