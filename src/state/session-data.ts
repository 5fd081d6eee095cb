/**
 * The session's data set as plain state (what SessionState holds as runes) and the changes a
 * load, a cancel or a dismiss makes to it, as patches — plain, tested functions kept apart from
 * Session, which applies them (Object.assign on its state fields).
 */
import type { LoadReport } from '../core/ingest/types';
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
import type { LoadSummary } from '../db/pipeline/build';
import type { DataSetFile } from '../db/pipeline/file-kinds';
import type { LoadedFile } from '../db/pipeline/files';
import type { DataSet, LoadedDataSet } from '../db/pipeline/load-data-set';
import { placeInSet, type SetFiles } from '../db/pipeline/set-files';
import { mergeFiles, noOrdersProblem, reportKey } from './file-kinds';
import type { Problem } from './problems';
import { workbooksOf, type Workbook } from './sets';

/** 'baskets': basket files loaded and no orders file (the page says what they are for). */
export type Phase = 'empty' | 'loading' | 'mapping' | 'ready' | 'baskets' | 'error';

/** What the last build was made of: Cancel on the mapping screen goes back to it. */
export interface Built {
	key: string;
	mapping: OrdersMapping;
	customersMapping: CustomersMapping | null;
	returns: ReturnsPolicy;
}

/** The data set's state (documented where SessionState declares it). */
export interface SessionData {
	phase: Phase;
	problem: Problem | null;
	notices: string[];
	ordersReport: LoadReport | null;
	ordersFiles: SetFiles;
	customersReport: LoadReport | null;
	customersFiles: SetFiles;
	detection: RoleDetection<OrderRole> | null;
	customersDetection: RoleDetection<CustomerRole> | null;
	mapping: OrdersMapping | null;
	customersMapping: CustomersMapping | null;
	returns: ReturnsPolicy;
	summary: LoadSummary | null;
	basketsSummary: BasketsSummary | null;
	feedbackSummary: FeedbackSummary | null;
	differing: LoadedFile[];
	basketReports: { report: LoadReport; basketless: number }[];
	files: DataSetFile[];
	workbooks: Workbook[];
	built: Built | null;
	warnings: DataWarning[];
	checks: 'idle' | 'pending' | 'checking' | 'done' | 'failed';
	remembered: boolean;
	formatMisfits: FormatMisfit[];
}

/** A change to the data set's state: the fields it sets. */
export type Patch = Partial<SessionData>;

/** The loaded data is gone (a new data set, or the engine restarted): none of it is shown. */
export function forgotten(): Patch {
	return {
		ordersReport: null,
		customersReport: null,
		basketsSummary: null,
		feedbackSummary: null,
		basketReports: [],
		files: [],
		ordersFiles: { inputs: [] },
		customersFiles: { inputs: [] },
		workbooks: [],
		built: null,
		customersMapping: null,
		mapping: null,
		summary: null
	};
}

/** The orders set and everything built from it are gone. */
export function ordersDropped(): Patch {
	return {
		ordersReport: null,
		ordersFiles: { inputs: [] },
		detection: null,
		mapping: null,
		summary: null,
		workbooks: [],
		warnings: [],
		checks: 'idle'
	};
}

/** The customers set is gone. */
export function customersDropped(): Patch {
	return {
		customersReport: null,
		customersFiles: { inputs: [] },
		customersDetection: null,
		customersMapping: null
	};
}

/**
 * A file of a load was placed (before the next one is read: a later file's failure leaves the
 * earlier ones shown). A file appended to a set: the set's report, the file among its files.
 */
export function placed(s: Readonly<SessionData>, f: LoadedFile): Patch {
	if (f.kind === 'orders') {
		const ordersReport = f.set ?? f.report;
		const ordersFiles = placeInSet(s.ordersFiles, f);
		return {
			ordersReport,
			ordersFiles,
			workbooks: workbooksOf(ordersReport, ordersFiles, s.workbooks)
		};
	}
	if (f.kind === 'customers') {
		return {
			customersReport: f.set ?? f.report,
			customersFiles: placeInSet(s.customersFiles, f)
		};
	}
	if (f.kind === 'baskets') {
		const basket = { report: f.report, basketless: f.basketless ?? 0 };
		return { basketReports: [...s.basketReports, basket] };
	}
	// A feedback file is listed with the data set's files after the load (afterLoad).
	if (f.kind === 'feedback') return {};
	return { notices: [...s.notices, f.input.name] };
}

/**
 * The state after a load (`mode` as Session.load ran it): its files listed, the files whose
 * columns differ from their kind's set said apart (with the columns), the mappings proposed, and
 * the next step — `build` true when the tables are to be built at once.
 */
export function afterLoad(
	s: Readonly<SessionData>,
	loaded: LoadedDataSet,
	mode: 'replace' | 'add'
): { patch: Patch; build: boolean } {
	const patch: Patch = {
		files: mergeFiles(s.files, loaded.files, mode),
		differing: loaded.files.filter((f) => f.differ !== undefined),
		notices: loaded.files.filter((f) => f.kind === 'unused' && !f.differ).map((f) => f.input.name),
		basketsSummary: loaded.baskets,
		// A new object per load: the dashboard's data changes with a feedback file added alone.
		feedbackSummary: loaded.feedback
	};
	if (loaded.files.some((f) => f.kind === 'orders') && loaded.orders) {
		patch.detection = loaded.orders.detection;
		patch.remembered = loaded.orders.remembered;
		patch.formatMisfits = loaded.orders.misfits;
		patch.mapping = loaded.orders.mapping;
	}
	if (loaded.files.some((f) => f.kind === 'customers') && loaded.customers) {
		patch.customersDetection = loaded.customers.detection;
		patch.customersMapping = loaded.customers.mapping;
	}
	const customers = s.customersReport;
	if (loaded.next === 'baskets-only') patch.phase = 'baskets';
	else if (loaded.next === 'customers-only' && customers) {
		patch.phase = 'empty';
		patch.problem = { file: customers.file, key: 'notice.customersOnly', message: '' };
	} else if (loaded.next === 'feedback-only') {
		// The responses stay loaded; the analyses wait for orders.
		const file = loaded.files.find((f) => f.kind === 'feedback')?.input.name ?? null;
		patch.phase = 'empty';
		patch.problem = { file, key: 'notice.feedbackOnly', message: '' };
	} else if (loaded.next === 'no-orders') {
		patch.phase = 'error';
		patch.problem = noOrdersProblem(loaded.files);
	} else if (loaded.next !== 'build') patch.phase = 'mapping';
	return { patch, build: loaded.next === 'build' };
}

/** What identifies the files a build was made of (Built.key). */
export function builtKey(s: Pick<SessionData, 'ordersReport' | 'customersReport'>): string {
	return `${reportKey(s.ordersReport)}|${reportKey(s.customersReport)}`;
}

/**
 * Cancel on the mapping screen: back to the dashboard as last built (its mapping and results)
 * when the files it was built from are still the loaded ones; otherwise — a first load, or a
 * new file that replaced the built data when it was read — back to the empty page, saying the
 * file was not used.
 */
export function cancelled(s: Readonly<SessionData>): Patch {
	const b = s.built;
	if (b && s.summary && b.key === builtKey(s)) {
		return {
			mapping: structuredClone(b.mapping),
			customersMapping: structuredClone(b.customersMapping),
			returns: b.returns,
			formatMisfits: [],
			problem: null,
			phase: 'ready'
		};
	}
	const file = s.ordersReport?.file ?? null;
	return {
		...forgotten(),
		phase: 'empty',
		problem: { file, key: 'notice.mappingCancelled', message: '' }
	};
}

/**
 * The data set in force, as the pipeline's parts see it (null parts where none is loaded);
 * `copy` makes a plain copy of a mapping (the session's are state proxies).
 */
export function dataSetOf(s: Readonly<SessionData>, copy: <T>(value: T) => T): DataSet {
	const { ordersReport: report, detection, mapping, customersMapping: cm } = s;
	const input = s.ordersFiles.inputs[0];
	const customers = s.customersReport;
	return {
		baskets: s.basketsSummary,
		feedback: s.feedbackSummary,
		orders:
			report && input && detection && mapping
				? {
						report,
						input,
						detection,
						mapping: copy(mapping),
						remembered: s.remembered,
						misfits: s.formatMisfits
					}
				: null,
		customers:
			customers && s.customersDetection && cm
				? { report: customers, detection: s.customersDetection, mapping: copy(cm) }
				: null
	};
}

/** What the page says while it waits for an orders file, by what is loaded without one. */
export function waitingNotice(s: Readonly<SessionData>): string {
	if (s.customersReport) return 'notice.customersOnly';
	return s.feedbackSummary ? 'notice.feedbackOnly' : 'notice.noOrdersFile';
}

/** The phase once a problem is dismissed. */
export function dismissedPhase(s: Readonly<SessionData>): Phase {
	if (s.phase !== 'error') return s.phase;
	if (s.ordersReport && s.summary) return 'ready';
	return s.basketsSummary ? 'baskets' : 'empty';
}

/**
 * Rows accepted into tables across files (orders lines typed into tx, customers rows, basket
 * rows). Feedback responses are counted on their own line of the load summary, not here: the
 * status line's count is what the analyses of orders read, the same with or without a survey.
 */
export function rowsLoadedOf(s: Readonly<SessionData>): number {
	const o = s.summary ? s.summary.tx_rows : (s.ordersReport?.rowsLoaded ?? 0);
	const b = s.basketReports.reduce((t, r) => t + r.report.rowsLoaded, 0);
	return o + (s.customersReport?.rowsLoaded ?? 0) + b;
}

/**
 * Rows rejected across files: unreadable CSV records plus lines whose values could not be typed,
 * feedback files' included (never set aside silently).
 */
export function rowsRejectedOf(s: Readonly<SessionData>): number {
	const typing = s.summary?.rejected_rows ?? 0;
	const b = s.basketReports.reduce((t, r) => t + r.report.rowsRejected, 0);
	// Feedback files: records the reader refused, and rows with an unreadable score or date.
	const f =
		s.files.reduce((t, x) => t + (x.kind === 'feedback' ? x.report.rowsRejected : 0), 0) +
		(s.feedbackSummary?.rejected ?? 0);
	return (
		(s.ordersReport?.rowsRejected ?? 0) + typing + (s.customersReport?.rowsRejected ?? 0) + b + f
	);
}
