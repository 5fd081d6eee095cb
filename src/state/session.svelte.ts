import { countColumns } from '../db/load-csv';
import type { LoadInput, LoadProgress, LoadReport } from '../core/ingest/types';
import type { TextEncodingName } from '../core/ingest/encoding';
import type { RoleDetection } from '../core/columns';
import type { FormatMisfit } from '../core/formats-fit';
import type {
	CustomerRole,
	CustomersMapping,
	OrderRole,
	OrdersMapping,
	ReturnsPolicy
} from '../core/types';
import type { Sql } from '../core/sql';
import { measure } from '../core/timing';
import { recallMapping, rememberMapping } from './mapping-memory';
import { problemOf, type Problem } from './problems';
import { isEngineDead, isOutOfMemory } from '../core/engine-errors';
import { engineStats, type EngineStats } from '../db/stats';
import type { DataWarning } from '../core/data-warnings';
import { EngineStatus } from '../db/pipeline/engine-status';
import { inputHead, startDataSet, type FileKind, type LoadedFile } from '../db/pipeline/files';
import type { DataSetFile } from '../db/pipeline/file-kinds';
import {
	placeInSet,
	rereadSet,
	type RereadSet,
	type SetFile,
	type SetFiles
} from '../db/pipeline/sets';
import { partsOf } from '../core/ingest/append';
import {
	mappingFor,
	proposeCustomersMapping,
	proposeOrdersMapping,
	signatureOf
} from '../db/pipeline/mapping';
import { mergeFiles, noOrdersProblem, reportKey } from './file-kinds';
import {
	filesOfSet,
	setWith,
	setWithout,
	withSheet,
	workbooksOf,
	type HeldSet,
	type Workbook
} from './sets';
import { loadDataSet, type DataSet } from '../db/pipeline/load-data-set';
import type { BasketsSummary } from '../db/pipeline/baskets';
import {
	buildTables,
	customerColumnLabels,
	type CustomerColumn,
	type LoadSummary
} from '../db/pipeline/build';
import { dataWarnings, DuplicateSearch } from '../db/pipeline/checks';
import { runWarmUp, type WarmState } from './engine-warm-up';
import { PAGE_ENGINE, type SessionEngine, type SessionEngineSource } from './session-engine';

export type { LoadSummary } from '../db/pipeline/build';

/** 'baskets': basket files loaded and no orders file (the page says what they are for). */
export type Phase = 'empty' | 'loading' | 'mapping' | 'ready' | 'baskets' | 'error';

export interface Progress {
	file: string;
	stage: string;
	fraction: number | null;
	startedAt: number;
}

export type { Problem } from './problems';

/** A plain copy of a state proxy (what the pipeline's parts are given). */
const plain = <T>(value: T): T => $state.snapshot(value) as T;

/**
 * The loaded data set: files, mapping, canonical tables and their summary. One instance per page
 * (provided via context by App.svelte). A thin shell over the load pipeline's parts
 * (src/db/pipeline/: files, mapping, build, checks, engine status), which take the engine as a
 * parameter and are tested in Node; this class holds their results as state for the page.
 */
export class Session {
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
	private customersFiles: SetFiles = { inputs: [] };
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
	/** Files of the last load left unused because their columns differ from their kind's set. */
	differing = $state.raw<LoadedFile[]>([]);
	/** The basket files' load reports, in load order, with their rows that gave no item. */
	basketReports = $state.raw<{ report: LoadReport; basketless: number }[]>([]);
	/** The data set's files with their kind and its reason (the person can change a kind). */
	files = $state.raw<DataSetFile[]>([]);
	/** The orders set's workbooks with several sheets with data (a sheet picker each). */
	workbooks = $state.raw<Workbook[]>([]);
	/** What the last build was made of: Cancel on the mapping screen goes back to it. */
	private built: {
		key: string;
		mapping: OrdersMapping;
		customersMapping: CustomersMapping | null;
		returns: ReturnsPolicy;
	} | null = null;
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
	/** raw_duplicates, searched once per raw orders table. */
	private readonly duplicates = new DuplicateSearch();
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
	private remembered = false;
	/** Remembered formats that did not fit the orders file (the file's own are used instead). */
	formatMisfits = $state.raw<FormatMisfit[]>([]);

	private abort: AbortController | null = null;
	private counting = new Set<LoadReport>();
	private readonly status: EngineStatus<SessionEngine>;

	/** `engines`: where the engine comes from — the page's (db/engine-instance) unless a test's. */
	constructor(private readonly engines: SessionEngineSource = PAGE_ENGINE) {
		this.status = new EngineStatus(engines, (s, e) => {
			this.engineState = s;
			if (e !== null) this.engineError = e;
		});
		// For the bench: what the page fetched until the engine is ready is its start-up weight.
		void this.status.watchStart(() => performance.mark?.('clientele: engine ready'));
	}

	/**
	 * Once the engine is up, and only if no file has been given yet, run its warm-up: the user's
	 * first file then runs on optimised code. Anything the page asks of the engine stops it.
	 * `prefetch` (the page's chunks a file will need) runs after a complete warm-up while the
	 * page still waits for a file, before the state becomes 'done'; its failure is ignored (the
	 * file asks for the same chunks again).
	 */
	async warmUp(prefetch?: () => Promise<unknown>): Promise<void> {
		const engine = await this.engines.get().catch(() => null);
		if (!engine || this.phase !== 'empty' || this.warmState !== 'idle') return;
		this.warmState = 'running';
		this.warmState = await runWarmUp(engine, () => this.phase === 'empty', prefetch);
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
		const o = this.summary ? this.summary.tx_rows : (this.ordersReport?.rowsLoaded ?? 0);
		const b = this.basketReports.reduce((t, r) => t + r.report.rowsLoaded, 0);
		return o + (this.customersReport?.rowsLoaded ?? 0) + b;
	}

	/** Exact duplicate rows left out because the user chose so (0 unless removeDuplicates). */
	get duplicatesRemoved(): number {
		if (!this.removeDuplicates) return 0;
		return this.warnings.find((w) => w.kind === 'duplicate')?.count ?? 0;
	}

	/** Remove (or keep again) the exact duplicate rows of the orders file, and rebuild. */
	async setRemoveDuplicates(remove: boolean): Promise<void> {
		if (remove === this.removeDuplicates) return;
		this.removeDuplicates = remove;
		if (this.phase === 'ready') await this.build();
	}

	/** Rows rejected across files: unreadable CSV records plus lines whose values could not be typed. */
	get rowsRejected(): number {
		const typing = this.summary?.rejected_rows ?? 0;
		const b = this.basketReports.reduce((t, r) => t + r.report.rowsRejected, 0);
		return (
			(this.ordersReport?.rowsRejected ?? 0) +
			typing +
			(this.customersReport?.rowsRejected ?? 0) +
			b
		);
	}

	/**
	 * Load files. 'replace' starts a new data set; 'add' keeps the current one (e.g. a customers
	 * file beside the orders). Each file is classified as orders or customers from its columns.
	 */
	async load(inputs: LoadInput[], mode: 'replace' | 'add' = 'replace'): Promise<void> {
		if (inputs.length === 0) return;
		let current: string | null = null;
		// A customers file alone waits for its orders file: the next file joins it.
		if (mode === 'replace' && !this.ordersReport && this.customersReport) mode = 'add';
		await this.loading(
			() => current,
			async (signal, onProgress) => {
				this.notices = [];
				this.differing = [];
				this.countFailed = false;
				// A worker that died since the last load (e.g. out of memory in an analysis) is
				// restarted; whatever was loaded is gone, so this load starts a new data set.
				const { engine, restarted } = await this.status.live();
				if (restarted) mode = 'replace';
				if (mode === 'replace') {
					this.compressed = await startDataSet(engine, inputs, this.engines.memoryLimit());
					this.forgetData();
					this.warnings = [];
					this.checks = 'idle';
					this.removeDuplicates = false;
				}
				const loaded = await loadDataSet(engine, inputs, {
					build: 'never',
					current: this.dataSet(),
					recall: recallMapping,
					signal,
					onFile: (name) => (current = name),
					onProgress,
					onLoaded: (f) => {
						// As each file is placed: a later file's failure leaves the earlier ones shown.
						if (f.kind === 'orders') {
							this.duplicates.newTable();
							// A file appended to the set: the set's report, the file among its files.
							this.ordersReport = f.set ?? f.report;
							this.ordersFiles = placeInSet(this.ordersFiles, f);
							this.workbooks = workbooksOf(this.ordersReport, this.ordersFiles, this.workbooks);
						} else if (f.kind === 'customers') {
							this.customersReport = f.set ?? f.report;
							this.customersFiles = placeInSet(this.customersFiles, f);
						} else if (f.kind === 'baskets')
							this.basketReports = [
								...this.basketReports,
								{ report: f.report, basketless: f.basketless ?? 0 }
							];
						else this.notices = [...this.notices, f.input.name];
					}
				});
				this.files = mergeFiles(this.files, loaded.files, mode);
				// Files whose columns differ from their kind's set are said apart, with the columns.
				this.differing = loaded.files.filter((f) => f.differ !== undefined);
				this.notices = loaded.files
					.filter((f) => f.kind === 'unused' && !f.differ)
					.map((f) => f.input.name);
				if (loaded.files.some((f) => f.kind === 'orders') && loaded.orders) {
					this.detection = loaded.orders.detection;
					this.remembered = loaded.orders.remembered;
					this.formatMisfits = loaded.orders.misfits;
					this.mapping = loaded.orders.mapping;
				}
				if (loaded.files.some((f) => f.kind === 'customers') && loaded.customers) {
					this.customersDetection = loaded.customers.detection;
					this.customersMapping = loaded.customers.mapping;
				}
				this.basketsSummary = loaded.baskets;
				if (loaded.next === 'baskets-only') this.phase = 'baskets';
				else if (loaded.next === 'customers-only' && this.customersReport) {
					this.phase = 'empty';
					this.problem = {
						file: this.customersReport.file,
						key: 'notice.customersOnly',
						message: ''
					};
				} else if (loaded.next === 'no-orders') {
					this.phase = 'error';
					this.problem = noOrdersProblem(loaded.files);
				} else if (loaded.next === 'build') await this.build();
				else this.phase = 'mapping';
			}
		);
	}

	/**
	 * Run a load step with the page's loading state: `work` reports progress by file; its failure is
	 * shown as a problem with the file `failed()` names, unless the load was cancelled meanwhile.
	 */
	private async loading(
		failed: () => string | null,
		work: (
			signal: AbortSignal,
			onProgress: (file: string, p: LoadProgress) => void
		) => Promise<void>
	): Promise<void> {
		this.abort?.abort();
		const abort = new AbortController();
		this.abort = abort;
		this.phase = 'loading';
		this.problem = null;
		const startedAt = performance.now();
		try {
			await work(abort.signal, (file, p) => {
				this.progress = { file, stage: p.stage, fraction: p.fraction, startedAt };
			});
		} catch (e) {
			if (!abort.signal.aborted) this.failWith(e, failed());
		} finally {
			if (this.abort === abort) this.abort = null;
			this.progress = null;
		}
	}

	/** The data set in force, as the pipeline's parts see it (null parts where none is loaded). */
	private dataSet(): DataSet {
		const { ordersReport: report, ordersInput: input, detection, mapping } = this;
		const cm = this.customersMapping;
		return {
			baskets: this.basketsSummary,
			orders:
				report && input && detection && mapping
					? {
							report,
							input,
							detection,
							mapping: plain(mapping),
							remembered: this.remembered,
							misfits: this.formatMisfits
						}
					: null,
			customers:
				this.customersReport && this.customersDetection && cm
					? {
							report: this.customersReport,
							detection: this.customersDetection,
							mapping: plain(cm)
						}
					: null
		};
	}

	/**
	 * Read the orders set again in the encoding the person chose on the mapping screen — every
	 * file of the set, in that encoding. Its columns are detected afresh and the screen stays open
	 * to confirm them; a customers file stays loaded.
	 */
	async reloadOrders(encoding?: TextEncodingName): Promise<void> {
		await this.rereadOrders(filesOfSet(this.ordersSet()), encoding ?? this.ordersFiles.encoding);
	}

	/**
	 * Read sheet `sheet` of the orders set's workbook `part` instead (the sheet picker; by default
	 * the first workbook that has the sheet): the set is read again, its other files as they were
	 * read, and the mapping screen asks.
	 */
	async chooseSheet(sheet: string, part?: number): Promise<void> {
		const w = this.workbooks.find((b) =>
			part === undefined ? b.sheets.includes(sheet) : b.part === part
		);
		if (!w || !w.sheets.includes(sheet)) return;
		const files = withSheet(filesOfSet(this.ordersSet()), w.part, sheet);
		await this.rereadOrders(files, this.ordersFiles.encoding);
	}

	private async rereadOrders(files: SetFile[], encoding?: TextEncodingName): Promise<void> {
		const name = this.ordersReport?.file;
		if (files.length === 0 || name === undefined || this.phase === 'loading') return;
		await this.loading(
			() => name,
			async (signal, onProgress) => {
				const engine = await this.engines.get();
				await this.reread(engine, 'orders', files, { encoding, signal, onProgress });
				this.phase = 'mapping';
			}
		);
	}

	private ordersSet(): HeldSet {
		return { report: this.ordersReport, files: this.ordersFiles };
	}

	/**
	 * Read `files` again as the set of `kind` (none: the set is gone) and hold it; files whose
	 * columns no longer fit the set are not used, said apart with the columns that differ.
	 */
	private async reread(
		engine: SessionEngine,
		kind: 'orders' | 'customers',
		files: SetFile[],
		opts: Parameters<typeof rereadSet>[3] & { encoding?: TextEncodingName }
	): Promise<RereadSet> {
		const r = await rereadSet(engine, files, kind, opts);
		const held: SetFiles = { inputs: r.inputs, encoding: opts.encoding };
		if (kind === 'orders') {
			if (!r.report) this.dropOrders();
			else {
				this.duplicates.newTable();
				this.summary = null;
				this.warnings = [];
				this.checks = 'idle';
				this.ordersReport = r.report;
				this.ordersFiles = held;
				this.workbooks = workbooksOf(r.report, held, this.workbooks);
				this.prepareOrdersMapping();
			}
		} else if (!r.report) this.dropCustomers();
		else {
			const p = proposeCustomersMapping(r.report);
			this.customersReport = r.report;
			this.customersFiles = held;
			this.customersDetection = p.detection;
			this.customersMapping = p.mapping;
		}
		if (r.left.length === 0) return r;
		const left = (f: DataSetFile) => r.left.find((l) => l.input === f.input);
		this.files = this.files.map((f) => {
			const l = left(f);
			return l
				? {
						...f,
						kind: 'unused',
						reason: 'differ',
						report: l.report,
						differ: { ...l.differ, kind }
					}
				: f;
		});
		this.differing = [...this.differing, ...this.files.filter((f) => left(f))];
		return r;
	}

	/**
	 * Make the `index`-th file of the data set a file of `kind`, or not used. Taken out of a set,
	 * the set's other files are read again without it; made orders or customers, it joins that
	 * set when its columns fit, otherwise it takes the set's place (whose files are then unused).
	 * With an orders file the mapping screen asks; without one the page goes back to waiting for
	 * it and says why.
	 */
	async setFileKind(index: number, kind: FileKind): Promise<void> {
		const f = this.files[index];
		if (!f || f.kind === kind || this.phase === 'loading' || kind === 'baskets') return;
		await this.loading(
			() => f.input.name,
			async (signal, onProgress) => {
				const engine = await this.engines.get();
				const sets = {
					orders: this.ordersSet(),
					customers: { report: this.customersReport, files: this.customersFiles }
				};
				if (f.kind === 'orders' || f.kind === 'customers') {
					const rest = setWithout(sets[f.kind], f);
					await this.reread(engine, f.kind, rest, { signal, onProgress });
				}
				let placed: DataSetFile = { ...f, kind: 'unused', reason: 'chosen' };
				let replaced = false;
				if (kind === 'orders' || kind === 'customers') {
					const { files: members, joined } = setWith(sets[kind], f, this.files);
					const r = await this.reread(engine, kind, members, { signal, onProgress });
					const part = r.report ? partsOf(r.report)[r.inputs.indexOf(f.input)] : undefined;
					replaced = !joined;
					// Left out when read again (its columns changed): reread said so.
					placed = part
						? { ...f, kind, reason: 'chosen', report: part.report }
						: this.files[index]!;
				}
				const files = this.files.map((g, i) =>
					replaced && i !== index && g.kind === kind
						? { ...g, kind: 'unused' as const, reason: 'replaced' as const }
						: g
				);
				files[index] = placed;
				this.files = files;
				this.notices = [];
				if (this.ordersReport) this.phase = 'mapping';
				else {
					this.phase = 'empty';
					const key = this.customersReport ? 'notice.customersOnly' : 'notice.noOrdersFile';
					this.problem = { file: f.input.name, key, message: '' };
				}
			}
		);
	}

	/**
	 * Cancel on the mapping screen: back to the dashboard as last built (its mapping and results)
	 * when the files it was built from are still the loaded ones; otherwise — a first load, or a
	 * new file that replaced the built data when it was read — back to the empty page, saying the
	 * file was not used.
	 */
	cancelMapping(): void {
		const b = this.built;
		const key = `${reportKey(this.ordersReport)}|${reportKey(this.customersReport)}`;
		if (b && this.summary && b.key === key) {
			this.mapping = structuredClone(b.mapping);
			this.customersMapping = structuredClone(b.customersMapping);
			this.returns = b.returns;
			this.formatMisfits = [];
			this.problem = null;
			this.phase = 'ready';
			return;
		}
		const file = this.ordersReport?.file ?? null;
		this.forgetData();
		this.phase = 'empty';
		this.problem = { file, key: 'notice.mappingCancelled', message: '' };
	}

	/** The orders file and everything built from it are gone from the page's state. */
	private dropOrders(): void {
		this.ordersReport = null;
		this.ordersFiles = { inputs: [] };
		this.detection = null;
		this.mapping = null;
		this.summary = null;
		this.workbooks = [];
		this.warnings = [];
		this.checks = 'idle';
		this.duplicates.newTable();
	}

	private dropCustomers(): void {
		this.customersReport = null;
		this.customersFiles = { inputs: [] };
		this.customersDetection = null;
		this.customersMapping = null;
	}

	/** The orders file's first `maxBytes` bytes (the encoding preview), and whether that is all. */
	async ordersHead(maxBytes: number): Promise<{ bytes: Uint8Array; whole: boolean } | null> {
		return this.ordersInput ? inputHead(this.ordersInput, maxBytes) : null;
	}

	/** Cancel a running load: the worker is killed and restarted; nothing half-loaded remains. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		this.abort = null;
		this.progress = null;
		await this.status.restart();
		this.forgetData();
		this.phase = 'empty';
		this.problem = { file: null, key: 'error.cancelled', message: '' };
	}

	/** Confirm the mapping screen: build the canonical tables and show the analyses. */
	async confirmMapping(): Promise<void> {
		if (!this.mapping || !this.ordersReport) return;
		this.formatMisfits = [];
		rememberMapping(signatureOf(this.ordersReport), plain(this.mapping));
		await this.build();
	}

	/**
	 * Use an orders mapping the user accepted from an opened notebook (its columns must be the
	 * loaded file's). With data in force the tables are rebuilt; on the mapping screen it only
	 * fills the screen in. Never remembered: only confirming the mapping screen remembers one.
	 */
	async applyMapping(
		m: Pick<OrdersMapping, 'roles' | 'dateFormat' | 'numberFormat'>,
		returns: ReturnsPolicy
	): Promise<void> {
		const report = this.ordersReport;
		const mapping = this.mapping && report ? mappingFor(report, this.detection, m) : null;
		if (!mapping) return;
		this.mapping = mapping;
		this.returns = returns;
		this.formatMisfits = [];
		if (this.phase === 'ready') await this.build();
	}

	/** Show the mapping screen again (the mapping stays one click away). */
	editMapping(): void {
		if (this.ordersReport) this.phase = 'mapping';
	}

	/** Detect the orders file's mapping afresh (or recall the remembered one). */
	private prepareOrdersMapping(): void {
		if (!this.ordersReport) return;
		const p = proposeOrdersMapping(this.ordersReport, recallMapping);
		this.detection = p.detection;
		this.remembered = p.remembered;
		this.formatMisfits = p.misfits;
		this.mapping = p.mapping;
	}

	/** Build tx, orders, customer_facts (and customers) from the mapping, then the summary. */
	private async build(): Promise<void> {
		const mapping = this.mapping;
		if (!mapping) return;
		this.phase = 'loading';
		const startedAt = performance.now();
		this.progress = {
			file: this.ordersReport?.file ?? '',
			stage: 'building',
			fraction: null,
			startedAt
		};
		try {
			const engine = await this.engines.get();
			const orders = plain(mapping);
			// Only removing duplicates needs them before the tables; otherwise checkData finds them.
			if (this.removeDuplicates)
				await this.duplicates.ensure(engine, orders.table, this.ordersReport);
			this.summary = await buildTables(engine, {
				orders,
				customers: plain(this.customersMapping),
				returns: this.returns,
				removeDuplicates: this.removeDuplicates
			});
			measure('build tables', startedAt);
			// The previous warnings stay on screen until the new checks replace them (a rebuild
			// after "remove duplicates" keeps its checkbox in place meanwhile).
			this.checks = 'pending';
			this.checksError = null;
			this.built = {
				key: `${reportKey(this.ordersReport)}|${reportKey(this.customersReport)}`,
				mapping: orders,
				customersMapping: plain(this.customersMapping),
				returns: this.returns
			};
			this.phase = 'ready';
			this.dataVersion++;
		} catch (e) {
			this.failWith(e, this.ordersReport?.file ?? null);
		} finally {
			this.progress = null;
		}
	}

	/**
	 * Run the pending data checks (duplicates, future dates, zero and negative amounts, missing
	 * customer ids) on the tables of the current build. Called when the dashboard's analyses are
	 * done; a result for tables that have been rebuilt meanwhile is dropped (their own checks follow).
	 */
	async checkData(): Promise<void> {
		if (this.checks !== 'pending' || this.phase !== 'ready' || !this.mapping) return;
		const version = this.dataVersion;
		const table = this.mapping.table;
		this.checks = 'checking';
		try {
			const engine = await this.engines.get();
			await this.duplicates.ensure(engine, table, this.ordersReport);
			const warnings = await dataWarnings(engine);
			if (version !== this.dataVersion) return;
			this.warnings = warnings;
			this.checks = 'done';
		} catch (e) {
			if (version !== this.dataVersion) return;
			this.checks = 'failed';
			this.checksError = e instanceof Error ? e.message : String(e);
			// Out of memory may have taken the worker with it, as for an analysis.
			if (isOutOfMemory(e) || isEngineDead(e)) this.checkEngine();
		}
	}

	/**
	 * Count the loaded files' columns over the whole file where loading profiled only the first
	 * records (ColumnProfile.counted). Called when the counts come into view, so a long file's
	 * dashboard does not wait for them. Results for a file replaced meanwhile are dropped.
	 */
	async countColumns(): Promise<void> {
		for (const key of ['ordersReport', 'customersReport'] as const) {
			const report = this[key];
			if (!report || report.columns.every((c) => c.counted) || this.counting.has(report)) {
				continue;
			}
			this.counting.add(report);
			try {
				const columns = await countColumns(await this.engines.get(), report);
				if (this[key] === report) this[key] = { ...report, columns };
			} catch {
				if (this[key] === report) this.countFailed = true;
			} finally {
				this.counting.delete(report);
			}
		}
	}

	/** Show a problem without changing the loaded data (e.g. a URL that could not be fetched). */
	report(file: string | null, message: string): void {
		this.problem = { file, key: null, message };
		if (this.phase === 'empty') this.phase = 'error';
	}

	dismiss(): void {
		this.problem = null;
		if (this.phase !== 'error') return;
		if (this.ordersReport && this.summary) this.phase = 'ready';
		else this.phase = this.basketsSummary ? 'baskets' : 'empty';
	}

	/** Columns of the canonical `customers` table besides customer_id, with display labels. */
	get customerColumns(): CustomerColumn[] {
		return customerColumnLabels(this.customersMapping, this.summary);
	}

	/** The loaded data is gone (a new data set, or the engine restarted): none of it is shown. */
	private forgetData(): void {
		this.ordersReport = null;
		this.customersReport = null;
		this.basketsSummary = null;
		this.basketReports = [];
		this.files = [];
		this.ordersFiles = { inputs: [] };
		this.customersFiles = { inputs: [] };
		this.workbooks = [];
		this.built = null;
		this.customersMapping = null;
		this.mapping = null;
		this.summary = null;
	}

	private failWith(e: unknown, file: string | null = null): void {
		this.phase = 'error';
		this.problem = problemOf(e, file);
		if (isOutOfMemory(e) || isEngineDead(e)) void this.recover();
	}

	/** DuckDB's tables, views and memory (the `?probe` test hook, scripts/measure-memory.mjs). */
	async engineStats(): Promise<EngineStats> {
		return engineStats(await this.engines.get());
	}

	/** Rows of one read-only query (rejected lines, customer lists, filter values). */
	async rows<T>(q: Sql): Promise<T[]> {
		const engine = await this.engines.get();
		return engine.query<T>(q);
	}

	/** An analysis ran out of memory: restart the engine if its worker died (no-op otherwise). */
	checkEngine(): void {
		void this.recover();
	}

	/**
	 * After running out of memory: free what a half-finished load left behind, or — when the
	 * worker died or no longer answers — start a fresh engine (the loaded data is gone then, and
	 * the page says so by going back to the empty state with the problem shown).
	 */
	private async recover(): Promise<void> {
		await this.status.recover(() => {
			this.forgetData();
			this.phase = 'error';
			if (this.problem?.key !== 'error.outOfMemory') {
				this.problem = { file: null, key: 'error.engineCrashed', message: 'worker stopped' };
			}
		});
	}
}
