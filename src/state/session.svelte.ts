import { getEngine, pageMemoryLimit, restartEngine } from '../db/engine-instance';
import { countColumns, loadCsv } from '../db/load-csv';
import type { LoadInput, LoadReport } from '../core/ingest/types';
import type { TextEncodingName } from '../core/ingest/encoding';
import {
	detectCustomerRoles,
	detectOrderRoles,
	headerSignature,
	requiredSatisfied,
	type RoleDetection
} from '../core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../core/formats';
import { fitFormats, type FormatMisfit } from '../core/formats-fit';
import { buildLoadSummaryQuery } from '../core/canonical';
import { buildOrdersTables } from '../db/build-orders';
import { buildCustomersStatements, customerColumns } from '../core/canonical-customers';
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
import { memoryLimitBytes, prefersCompressed } from '../db/memory';
import { isEngineDead, isOutOfMemory } from '../core/engine-errors';
import { PACKED_DATABASE } from '../db/session';
import {
	dropDataSet,
	dropTable,
	dropUploads,
	moveTable,
	RAW_CUSTOMERS,
	RAW_ORDERS,
	uploadTable
} from '../db/tables';
import { engineStats, type EngineStats } from '../db/stats';
import {
	buildDataWarningsQuery,
	buildDuplicatesStatement,
	DUPLICATES_TABLE,
	localDate,
	toDataWarnings,
	type DataWarning
} from '../core/data-warnings';

/** One row of buildLoadSummaryQuery(). */
export interface LoadSummary {
	tx_rows: number;
	rejected_rows: number;
	missing_customer_rows: number;
	customers: number;
	orders: number;
	revenue: number;
	first_date: string | null;
	last_date: string | null;
	as_of: string;
	returns_lines: number;
}

export type Phase = 'empty' | 'loading' | 'mapping' | 'ready' | 'error';

export interface Progress {
	file: string;
	stage: string;
	fraction: number | null;
	startedAt: number;
}

export type { Problem } from './problems';

/**
 * The loaded data set: files, mapping, canonical tables and their summary.
 * One instance per page (provided via context by App.svelte).
 */
export class Session {
	engineState = $state<'starting' | 'ready' | 'error'>('starting');
	engineError = $state<string | null>(null);
	phase = $state<Phase>('empty');
	progress = $state<Progress | null>(null);
	problem = $state<Problem | null>(null);
	notices = $state<string[]>([]);

	ordersReport = $state.raw<LoadReport | null>(null);
	/** The orders file as given: the mapping screen previews and reloads it in another encoding. */
	ordersInput = $state.raw<LoadInput | null>(null);
	customersReport = $state.raw<LoadReport | null>(null);
	detection = $state.raw<RoleDetection<OrderRole> | null>(null);
	customersDetection = $state.raw<RoleDetection<CustomerRole> | null>(null);
	/** The mapping being confirmed or in force (editable on the mapping screen). */
	mapping = $state<OrdersMapping | null>(null);
	customersMapping = $state<CustomersMapping | null>(null);
	returns = $state<ReturnsPolicy>('net');
	summary = $state.raw<LoadSummary | null>(null);
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
	/** Which raw orders table (rawStamp) raw_duplicates was computed for. */
	private duplicatesOf = -1;
	/** Changes whenever a new raw orders table is loaded. */
	private rawStamp = 0;
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
	warmState = $state<'idle' | 'running' | 'done' | 'stopped' | 'failed'>('idle');

	private abort: AbortController | null = null;
	private counting = new Set<LoadReport>();

	constructor() {
		getEngine().then(
			() => {
				// For the bench: what the page fetched until here is its start-up weight.
				performance.mark?.('clientele: engine ready');
				this.engineState = 'ready';
			},
			(e: unknown) => {
				this.engineState = 'error';
				this.engineError = e instanceof Error ? e.message : String(e);
			}
		);
	}

	/**
	 * Once the engine is up, and only if no file has been given yet, run its warm-up: the user's
	 * first file then runs on optimised code. Anything the page asks of the engine stops it.
	 * `prefetch` (the page's chunks a file will need) runs after a complete warm-up while the
	 * page still waits for a file, before the state becomes 'done'; its failure is ignored (the
	 * file asks for the same chunks again).
	 */
	async warmUp(prefetch?: () => Promise<unknown>): Promise<void> {
		const engine = await getEngine().catch(() => null);
		if (!engine || this.phase !== 'empty' || this.warmState !== 'idle') return;
		this.warmState = 'running';
		const t0 = performance.now();
		try {
			const outcome = await engine.warmUp();
			measure(`warm-up ${outcome.state}`, t0);
			if (outcome.state === 'done' && prefetch && this.phase === 'empty') {
				const t1 = performance.now();
				await prefetch().catch(() => undefined);
				measure('prefetch', t1);
			}
			this.warmState = outcome.state;
		} catch {
			// Not the user's problem: their file runs as it would have without it.
			this.warmState = 'failed';
		}
	}

	/** Rows accepted into tables across files (orders lines typed into tx, customers rows). */
	get rowsLoaded(): number {
		const o = this.summary ? this.summary.tx_rows : (this.ordersReport?.rowsLoaded ?? 0);
		return o + (this.customersReport?.rowsLoaded ?? 0);
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
		return (
			(this.ordersReport?.rowsRejected ?? 0) + typing + (this.customersReport?.rowsRejected ?? 0)
		);
	}

	/**
	 * Load files. 'replace' starts a new data set; 'add' keeps the current one (e.g. a customers
	 * file beside the orders). Each file is classified as orders or customers from its columns.
	 */
	async load(inputs: LoadInput[], mode: 'replace' | 'add' = 'replace'): Promise<void> {
		if (inputs.length === 0) return;
		this.abort?.abort();
		const abort = new AbortController();
		this.abort = abort;
		this.phase = 'loading';
		this.problem = null;
		this.notices = [];
		this.countFailed = false;
		const startedAt = performance.now();
		let current: string | null = null;
		// A customers file alone waits for its orders file: the next file joins it.
		if (mode === 'replace' && !this.ordersReport && this.customersReport) mode = 'add';
		try {
			let engine = await getEngine();
			if (engine.crashed) {
				// The worker died since the last load (e.g. out of memory in an analysis): start a
				// fresh one; whatever was loaded is gone, so this load starts a new data set.
				this.engineState = 'starting';
				engine = await restartEngine();
				this.engineState = 'ready';
				mode = 'replace';
			}
			if (mode === 'replace') {
				await this.dropAll();
				// A file large for the memory limit goes to the compressed database.
				const bytes = inputs.reduce(
					(t, x) => t + (x.data instanceof Uint8Array ? x.data.byteLength : x.data.size),
					0
				);
				const packed = prefersCompressed(bytes, memoryLimitBytes(pageMemoryLimit()));
				await engine.useDatabase(packed ? PACKED_DATABASE : engine.defaultDatabase);
				this.compressed = packed;
				this.ordersReport = null;
				this.customersReport = null;
				this.customersMapping = null;
				this.mapping = null;
				this.summary = null;
				this.warnings = [];
				this.checks = 'idle';
				this.removeDuplicates = false;
			}
			let ordersChanged = false;
			let customersChanged = false;
			for (const [i, input] of inputs.entries()) {
				current = input.name;
				const tmp = uploadTable(i);
				const fileStart = performance.now();
				const report = await loadCsv(engine, input, tmp, {
					signal: abort.signal,
					onProgress: (p) =>
						(this.progress = { file: input.name, stage: p.stage, fraction: p.fraction, startedAt })
				});
				measure(`load ${input.name}`, fileStart);
				const kind = classify(report, ordersChanged);
				if (kind === 'orders') {
					await moveTable(engine, tmp, RAW_ORDERS);
					this.rawStamp++;
					this.ordersReport = { ...report, table: RAW_ORDERS };
					this.ordersInput = input;
					ordersChanged = true;
				} else if (kind === 'customers') {
					await moveTable(engine, tmp, RAW_CUSTOMERS);
					this.customersReport = { ...report, table: RAW_CUSTOMERS };
					customersChanged = true;
				} else {
					await dropTable(engine, tmp);
					this.notices = [...this.notices, input.name];
				}
			}
			current = null;
			if (ordersChanged) this.prepareOrdersMapping();
			if (customersChanged) this.prepareCustomersMapping();
			if (!this.ordersReport) {
				if (this.customersReport) {
					this.phase = 'empty';
					this.problem = {
						file: this.customersReport.file,
						key: 'notice.customersOnly',
						message: ''
					};
				} else this.fail(inputs[0]?.name ?? null, '', 'error.noOrders');
				return;
			}
			// A close call on the encoding is shown on the mapping screen, with a preview, first.
			if (this.mappingConfident() && !this.ordersReport.encodingUncertain) await this.build();
			else this.phase = 'mapping';
		} catch (e) {
			if (abort.signal.aborted) return;
			this.failWith(e, current);
		} finally {
			if (this.abort === abort) this.abort = null;
			this.progress = null;
		}
	}

	/**
	 * Read the orders file again in the encoding the person chose on the mapping screen. Its
	 * columns are detected afresh and the screen stays open to confirm them; a customers file
	 * stays loaded.
	 */
	async reloadOrders(encoding: TextEncodingName): Promise<void> {
		const input = this.ordersInput;
		if (!input || !this.ordersReport || this.phase === 'loading') return;
		const abort = new AbortController();
		this.abort = abort;
		this.phase = 'loading';
		this.problem = null;
		const startedAt = performance.now();
		try {
			const engine = await getEngine();
			const report = await loadCsv(engine, input, uploadTable(0), {
				signal: abort.signal,
				encoding,
				onProgress: (p) =>
					(this.progress = { file: input.name, stage: p.stage, fraction: p.fraction, startedAt })
			});
			await moveTable(engine, uploadTable(0), RAW_ORDERS);
			this.rawStamp++;
			this.ordersReport = { ...report, table: RAW_ORDERS };
			this.summary = null;
			this.warnings = [];
			this.checks = 'idle';
			this.prepareOrdersMapping();
			this.phase = 'mapping';
		} catch (e) {
			if (abort.signal.aborted) return;
			this.failWith(e, input.name);
		} finally {
			if (this.abort === abort) this.abort = null;
			this.progress = null;
		}
	}

	/** The orders file's first `maxBytes` bytes (the encoding preview), and whether that is all. */
	async ordersHead(maxBytes: number): Promise<{ bytes: Uint8Array; whole: boolean } | null> {
		const data = this.ordersInput?.data;
		if (!data) return null;
		const bytes =
			data instanceof Uint8Array
				? data.subarray(0, maxBytes)
				: new Uint8Array(await data.slice(0, maxBytes).arrayBuffer());
		const size = data instanceof Uint8Array ? data.byteLength : data.size;
		return { bytes, whole: bytes.length >= size };
	}

	/** Cancel a running load: the worker is killed and restarted; nothing half-loaded remains. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		this.abort = null;
		this.progress = null;
		this.engineState = 'starting';
		await restartEngine().then(
			() => (this.engineState = 'ready'),
			(e: unknown) => {
				this.engineState = 'error';
				this.engineError = String(e);
			}
		);
		this.ordersReport = null;
		this.customersReport = null;
		this.summary = null;
		this.mapping = null;
		this.phase = 'empty';
		this.problem = { file: null, key: 'error.cancelled', message: '' };
	}

	/** Confirm the mapping screen: build the canonical tables and show the analyses. */
	async confirmMapping(): Promise<void> {
		if (!this.mapping || !this.ordersReport) return;
		this.formatMisfits = [];
		rememberMapping(
			headerSignature(this.ordersReport.columns.map((c) => c.name)),
			$state.snapshot(this.mapping) as OrdersMapping
		);
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
		if (!this.mapping || !report) return;
		const names = new Set(report.columns.map((c) => c.name));
		if (!Object.values(m.roles).every((c) => c === undefined || names.has(c))) return;
		const used = new Set(Object.values(m.roles));
		this.mapping = {
			table: RAW_ORDERS,
			roles: { ...m.roles },
			dateFormat: { ...m.dateFormat },
			numberFormat: { ...m.numberFormat },
			dimensions: (this.detection?.dimensions ?? []).filter((d) => !used.has(d.source))
		};
		this.returns = returns;
		this.formatMisfits = [];
		if (this.phase === 'ready') await this.build();
	}

	/** Show the mapping screen again (the mapping stays one click away). */
	editMapping(): void {
		if (this.ordersReport) this.phase = 'mapping';
	}

	private mappingConfident(): boolean {
		const det = this.detection;
		if (!det || !this.mapping) return false;
		if (this.mapping.dateFormat.ambiguous) return false;
		if (this.formatMisfits.length > 0) return false;
		if (this.remembered) return true;
		if (!requiredSatisfied(det)) return false;
		const required: OrderRole[] = ['customer_id', 'order_date'];
		const amountRoles: OrderRole[] = det.roles.amount ? ['amount'] : ['quantity', 'unit_price'];
		return [...required, ...amountRoles].every((r) => det.confidence[r] === 'high');
	}

	private remembered = false;
	/** Remembered formats that did not fit the orders file (the file's own are used instead). */
	formatMisfits = $state.raw<FormatMisfit[]>([]);

	private prepareOrdersMapping(): void {
		const report = this.ordersReport;
		if (!report) return;
		const det = detectOrderRoles(report.columns);
		this.detection = det;
		const saved = recallMapping(headerSignature(report.columns.map((c) => c.name)));
		const names = new Set(report.columns.map((c) => c.name));
		const savedValid =
			saved !== null && Object.values(saved.roles).every((c) => c === undefined || names.has(c));
		this.remembered = savedValid;
		const roles = savedValid && saved ? { ...saved.roles } : { ...det.roles };
		const dateCol = report.columns.find((c) => c.name === roles.order_date);
		const amountCol = report.columns.find((c) => c.name === (roles.amount ?? roles.unit_price));
		// A remembered format is checked against this file's values first: where it fits fewer of
		// them than the file's own, the file's is used and the mapping screen says so.
		const samples = { date: dateCol?.samples ?? [], amount: amountCol?.samples ?? [] };
		const formats =
			savedValid && saved
				? fitFormats(saved, samples)
				: {
						dateFormat: sniffDateFormat(samples.date) ?? { format: '%Y-%m-%d' },
						numberFormat: sniffNumberFormat(samples.amount),
						misfits: []
					};
		this.formatMisfits = formats.misfits;
		this.mapping = {
			table: RAW_ORDERS,
			roles,
			dateFormat: formats.dateFormat,
			numberFormat: formats.numberFormat,
			dimensions: det.dimensions.filter((d) => !Object.values(roles).includes(d.source))
		};
	}

	private prepareCustomersMapping(): void {
		const report = this.customersReport;
		if (!report) return;
		const det = detectCustomerRoles(report.columns);
		this.customersDetection = det;
		const dateCol = report.columns.find((c) => c.name === det.roles.signup_date);
		const numCol = report.columns.find((c) => c.name === det.roles.income);
		this.customersMapping = {
			table: RAW_CUSTOMERS,
			roles: { ...det.roles },
			dateFormat: dateCol ? (sniffDateFormat(dateCol.samples) ?? undefined) : undefined,
			numberFormat: sniffNumberFormat(numCol?.samples ?? []),
			attributes: det.dimensions
		};
	}

	/** Build tx, orders, customer_facts (and customers) from the mapping, then the summary. */
	private async build(): Promise<void> {
		const mapping = this.mapping;
		if (!mapping) return;
		this.phase = 'loading';
		this.progress = {
			file: this.ordersReport?.file ?? '',
			stage: 'building',
			fraction: null,
			startedAt: performance.now()
		};
		const buildStart = performance.now();
		try {
			const engine = await getEngine();
			const plain = $state.snapshot(mapping) as OrdersMapping;
			// Only removing duplicates needs them before the tables; otherwise checkData finds them.
			if (this.removeDuplicates) await this.findDuplicates(plain.table);
			const options = {
				returns: this.returns,
				...(this.removeDuplicates ? { removeDuplicatesFrom: DUPLICATES_TABLE } : {})
			};
			await buildOrdersTables(engine, plain, options);
			const [summary] = await engine.query<LoadSummary>(buildLoadSummaryQuery());
			if (this.customersMapping && this.customersMapping.roles.customer_id) {
				const cm = $state.snapshot(this.customersMapping) as CustomersMapping;
				for (const stmt of buildCustomersStatements(cm, this.customersOptions(summary))) {
					await engine.exec(stmt);
				}
			}
			this.summary = summary ?? null;
			measure('build tables', buildStart);
			// The previous warnings stay on screen until the new checks replace them (a rebuild
			// after "remove duplicates" keeps its checkbox in place meanwhile).
			this.checks = 'pending';
			this.checksError = null;
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
			const engine = await getEngine();
			await this.findDuplicates(table);
			const t = performance.now();
			const warnings = toDataWarnings(
				await engine.query<{ kind: string; count: number; examples: string }>(
					buildDataWarningsQuery(localDate())
				)
			);
			measure('warnings', t);
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

	/** raw_duplicates for the raw orders table, unless it is already there for this table. */
	private async findDuplicates(table: string): Promise<void> {
		const report = this.ordersReport;
		if (!report || this.duplicatesOf === this.rawStamp) return;
		const stamp = this.rawStamp;
		const t = performance.now();
		const engine = await getEngine();
		await engine.exec(
			buildDuplicatesStatement(
				table,
				report.columns.map((c) => c.name)
			)
		);
		this.duplicatesOf = stamp;
		measure('duplicates', t);
	}

	private async dropAll(): Promise<void> {
		const engine = await getEngine();
		// In both databases: the previous data set may have been the other kind.
		await dropDataSet(engine, [engine.defaultDatabase, PACKED_DATABASE]);
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
				const columns = await countColumns(await getEngine(), report);
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
		if (this.phase === 'error') this.phase = this.ordersReport && this.summary ? 'ready' : 'empty';
	}

	/** Columns of the canonical `customers` table besides customer_id, with display labels. */
	get customerColumns(): { column: string; label: string; categorical: boolean }[] {
		const cm = this.customersMapping;
		if (!cm || !cm.roles.customer_id) return [];
		const r = cm.roles;
		const roleLabels: Record<string, string | undefined> = {
			signup_date: r.signup_date,
			gender: r.gender,
			birth_year: r.birth_year ?? r.birth_date ?? r.age,
			region: r.region,
			income: r.income
		};
		return customerColumns(cm, this.customersOptions(this.summary)).map((column) => {
			const attr = cm.attributes.find((a) => a.column === column);
			return {
				column,
				label: attr?.label ?? roleLabels[column] ?? column,
				categorical: attr ? !attr.numeric : column === 'gender' || column === 'region'
			};
		});
	}

	/** Ages in a customers file are taken as of the year of the last order. */
	private customersOptions(summary: LoadSummary | null | undefined) {
		const year = summary?.last_date ? Number(summary.last_date.slice(0, 4)) : undefined;
		return year ? { ageReferenceYear: year } : {};
	}

	private fail(file: string | null, message: string, key: string | null = null): void {
		this.phase = 'error';
		this.problem = { file, key, message };
	}

	private failWith(e: unknown, file: string | null = null): void {
		this.phase = 'error';
		this.problem = problemOf(e, file);
		if (isOutOfMemory(e) || isEngineDead(e)) void this.recover();
	}

	/** DuckDB's tables, views and memory (the `?probe` test hook, scripts/measure-memory.mjs). */
	async engineStats(): Promise<EngineStats> {
		return engineStats(await getEngine());
	}

	/** Rows of one read-only query (rejected lines, customer lists, filter values). */
	async rows<T>(q: Sql): Promise<T[]> {
		const engine = await getEngine();
		return engine.query<T>(q);
	}

	/** An analysis ran out of memory: restart the engine if its worker died (no-op otherwise). */
	checkEngine(): void {
		void this.recover();
	}

	private recovering: Promise<void> | null = null;

	/**
	 * After running out of memory: free what a half-finished load left behind, or — when the
	 * worker died or no longer answers — start a fresh engine (the loaded data is gone then, and
	 * the page says so by going back to the empty state with the problem shown).
	 */
	private recover(): Promise<void> {
		this.recovering ??= this.recoverOnce().finally(() => (this.recovering = null));
		return this.recovering;
	}

	private async recoverOnce(): Promise<void> {
		const engine = await getEngine().catch(() => null);
		const alive =
			engine !== null &&
			!engine.crashed &&
			(await withTimeout(engine.query('SELECT 1 AS ok'), 5000).then(
				() => true,
				() => false
			));
		if (engine && alive) {
			await dropUploads(engine);
			return;
		}
		this.engineState = 'starting';
		this.ordersReport = null;
		this.customersReport = null;
		this.summary = null;
		this.mapping = null;
		this.customersMapping = null;
		this.phase = 'error';
		if (this.problem?.key !== 'error.outOfMemory') {
			this.problem = { file: null, key: 'error.engineCrashed', message: 'worker stopped' };
		}
		await restartEngine().then(
			() => (this.engineState = 'ready'),
			(e: unknown) => {
				this.engineState = 'error';
				this.engineError = e instanceof Error ? e.message : String(e);
			}
		);
	}
}

/** Orders file if it has a date-like role and an amount (or quantity × price); customers otherwise. */
function classify(report: LoadReport, haveOrders: boolean): 'orders' | 'customers' | 'unused' {
	const det = detectOrderRoles(report.columns);
	const looksLikeOrders =
		det.roles.order_date !== undefined &&
		(det.roles.amount !== undefined ||
			(det.roles.quantity !== undefined && det.roles.unit_price !== undefined));
	if (looksLikeOrders && !haveOrders) return 'orders';
	const cust = detectCustomerRoles(report.columns);
	if (cust.roles.customer_id !== undefined && !looksLikeOrders) return 'customers';
	return 'unused';
}

/** `p`, or a rejection after `ms` milliseconds (a worker that stopped answering). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		p.then(
			(v) => {
				clearTimeout(timer);
				resolve(v);
			},
			(e: unknown) => {
				clearTimeout(timer);
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		);
	});
}
