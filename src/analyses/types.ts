/**
 * The shape of an analysis module (src/analyses/<id>/index.ts). Everything the page needs to know
 * about an analysis is in its manifest; the registry (./index.ts) lists the manifests in display
 * order, and the dashboard, the breakdown's dimensions, the re-run chain and the warm-up are all
 * derived from it — no analysis id is written outside its folder and the registry.
 *
 * Members are written as methods (not function-valued properties) on purpose: TypeScript compares
 * methods bivariantly, so a manifest with specific settings `S` fits the registry's list of
 * `AnalysisModule` without an `any`.
 */
import type { Component } from 'svelte';
import type { AnalysisDef, Compute } from '../core/analysis';
import type { Scope } from '../core/scope';
import type { Sql } from '../core/sql';
import type { OverIntermediate } from '../core/intermediate';

/**
 * An analysis' own messages: English, and a Chinese entry for every English key (type-checked)
 * but the English singulars `*.one` (i18n `scopedN`; Chinese has no plural forms).
 */
export interface Messages<K extends string> {
	en: Record<K, string>;
	zh: Record<Exclude<K, `${string}.one`>, string>;
}

/** What every section component is given; the rest it reads from the app context. */
export interface SectionProps {
	/** The chart footnote (file and as-of date), the same for every chart. */
	note: string;
}

/**
 * A per-customer field an analysis computes (RFM segment, lifecycle stage, later the predicted
 * value decile), offered to other analyses: the breakdown's dimensions, the audience builder.
 */
export interface DerivedField<S, K extends string> {
	/** Stable key, snake_case (e.g. 'rfm_segment'). */
	key: string;
	/** Message key (in the owner's messages) of the field's name. */
	label: K;
	/** A complete statement returning (customer_id, value VARCHAR) with the owner's settings. */
	sql(scope: Scope, settings: S): Sql;
	/**
	 * When the statement reads an intermediate its owner's run keeps too (RFM's scored
	 * customers): its two parts, `sql` being statementOver of them. A run with the dashboard's
	 * shared tables reads the intermediate's table instead of computing it again (issue 22).
	 */
	shared?(scope: Scope, settings: S): OverIntermediate;
	/** Message key of one value's name, or null to show the value as it is. */
	valueLabel(value: string): K | null;
}

/**
 * What the loaded data set holds, as far as an analysis' settings depend on it (the basket
 * analysis reads order lines or a basket file, by product or category). Not in the Scope: the
 * scope is what the controls select, and its SQL is the same whatever else is loaded.
 */
export interface LoadedData {
	/** Orders are built (tx, orders); false with basket files alone. */
	orders: boolean;
	/** A basket file is loaded (the `baskets` table). */
	baskets: boolean;
	/** Order-line roles mapped to a column, of those an analysis reads per line. */
	lineRoles: readonly ('product' | 'category')[];
	/** A feedback/survey file is loaded (the `feedback` table, issue 21). */
	feedback: boolean;
}

/** What `prepare` may ask of the other analyses. */
export interface PrepareContext {
	/** (customer_id, value) statement of a derived field with its owner's current settings. */
	derivedSql(key: string): Sql | null;
	/** The same statement's parts when it reads a shared intermediate (DerivedField.shared). */
	derivedShared(key: string): OverIntermediate | null;
	/** Keys of every derived field, in registry order. */
	derivedKeys: readonly string[];
	/**
	 * The loaded data set (the page's session). Where the caller does not know it (the warm-up,
	 * the bench, tests): orders with every line role (registry-tools ORDERS_LOADED).
	 */
	data: LoadedData;
	/**
	 * What a derived field's statement computes: the loaded data (the dashboard's data key), the
	 * statement over the plain scope and its owner's settings — equal identities, equal rows, so a
	 * reader may keep the rows in a table (audience). Null where the caller names no data (the
	 * warm-up, the bench, tests): read the statement itself.
	 */
	derivedIdentity(key: string): string | null;
}

export interface AnalysisModule<S extends object = object, R = unknown, K extends string = string> {
	/** Stable id: the section's anchor and test ids (analysis-<id>), notebook cells, exports. */
	id: string;
	/** The SQL and the shaping of its rows (sql.ts). */
	def: AnalysisDef<S, R>;
	/** Settings before the user changes any. */
	defaults: S;
	messages: Messages<K>;
	/** Message key of the section's title (the page's table of contents). */
	title: K;
	/** The section component, loaded with the dashboard (not with the empty page). */
	section(): Promise<{ default: Component<SectionProps> }>;
	/** The chart specs (chart.ts), loaded apart so Plot stays out of the dashboard chunk. */
	chart?(): Promise<unknown>;
	/**
	 * Its off-thread computation (core/analysis.ts Compute), loaded with the dashboard and passed
	 * to def.run as options.compute: the page's Worker lives outside core.
	 */
	compute?(): Promise<{ default: Compute }>;
	/** Per-customer fields this analysis derives for the others. */
	derives?: readonly DerivedField<S, K>[];
	/**
	 * Analyses whose settings change this one's SQL (it re-runs after them): ids, or 'derived' for
	 * every analysis that derives a field (the breakdown by segment or stage).
	 */
	dependsOn?: 'derived' | readonly string[];
	/**
	 * With `dependsOn: 'derived'`: the derived fields (keys) a run with `settings` reads, so the
	 * progressive dashboard runs it after those fields' owners only (issue 22: the breakdown by
	 * RFM segment, fifth on the page, waited for the forecast, the basket and the loyalty
	 * simulation). Absent: it reads any of them. Re-runs after a settings change stay with
	 * `dependsOn` (registry-tools dependentsOf).
	 */
	reads?(settings: S, derivedKeys: readonly string[]): readonly string[];
	/**
	 * A few aggregates, cheaper than materialising the scope's per-customer facts: run on the plain
	 * scope when it is not materialised yet (the overview, drawn first).
	 */
	beforeScope?: boolean;
	/**
	 * It applies to basket files alone (no orders, no dates): with only those loaded the page shows
	 * it, and the analyses without this flag are not run (they need orders).
	 */
	basketFiles?: boolean;
	/** Complete the settings from the scope and the other analyses before running. */
	prepare?(scope: Scope, settings: S, context: PrepareContext): S;
	/**
	 * The report's one-sentence takeaway (issue 20), computed from the result and worded with the
	 * analysis' own messages; null when the result has nothing to say (no data).
	 */
	takeaway?(result: R, format: TakeawayFormat<K>, settings: S): string | null;
	/** Message key of the report's one-line method note (how the numbers are computed). */
	method?: K;
}

/** What a takeaway may word itself with: its analysis' messages and the page's number formats. */
export interface TakeawayFormat<K extends string> {
	t(key: K, params?: Record<string, string | number>): string;
	/** `key`, or its singular `${key}.one` when `count` is 1 in English (i18n scopedN). */
	tn(key: K, count: number, params?: Record<string, string | number>): string;
	num(n: number | null | undefined, digits?: number): string;
	pct(share: number | null | undefined, digits?: number): string;
	money(n: number | null | undefined): string;
	date(iso: string | null | undefined): string;
	/** A derived field's value by its name on the page (segment key → "Champions"), or null. */
	derivedValue(key: string, value: string): string | null;
}

/** `key` when it is one of `messages`' keys (a value's name, e.g. 'seg.champions'), else null. */
export function messageKey<K extends string>(messages: Messages<K>, key: string): K | null {
	return Object.hasOwn(messages.en, key) ? (key as K) : null;
}
