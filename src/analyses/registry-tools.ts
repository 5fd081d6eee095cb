/**
 * What the registry's manifests imply, computed once here for the dashboard, the breakdown's
 * dimension choices, the warm-up and the bench: derived fields, prepared settings and which
 * analyses re-run after another's settings change.
 */
import type { Scope } from '../core/scope';
import type { AnalysisModule, DerivedField, LoadedData, PrepareContext } from './types';

/**
 * The data set where the caller does not know what is loaded (the warm-up, the bench, tests): an
 * orders file, its lines with a product and a category. The page passes the session's.
 */
export const ORDERS_LOADED: LoadedData = {
	orders: true,
	baskets: false,
	lineRoles: ['product', 'category'],
	feedback: false
};

/** Whether `a` runs on `data`: every analysis needs orders but those for basket files alone. */
export function appliesTo(a: AnalysisModule, data: LoadedData): boolean {
	return data.orders || (a.basketFiles === true && data.baskets);
}

export interface OwnedField {
	owner: AnalysisModule;
	field: DerivedField<object, string>;
}

/** Every derived field of the registry, in registry order. */
export function derivedFields(analyses: readonly AnalysisModule[]): OwnedField[] {
	return analyses.flatMap((owner) => (owner.derives ?? []).map((field) => ({ owner, field })));
}

/**
 * The fields of `owned` whose owner has run (`done`), in order. A field may read what its owner's
 * run leaves behind (the forecast's read its prediction tables): asked before, it fails.
 */
export function readyFields(
	owned: readonly OwnedField[],
	done: (owner: AnalysisModule) => boolean
): OwnedField[] {
	return owned.filter((o) => done(o.owner));
}

/**
 * The context `prepare` gets: derived statements with each owner's settings (`settingsOf`) as the
 * owner runs them — completed by the owner's own `prepare` (the due status reads the lifecycle
 * stages), whose context in turn gives its owners' plain settings (one level: no loop).
 */
export function prepareContext(
	analyses: readonly AnalysisModule[],
	scope: Scope,
	settingsOf: (owner: AnalysisModule) => object,
	data: LoadedData = ORDERS_LOADED,
	ownersPrepared = true,
	dataKey: string | null = null
): PrepareContext {
	const fields = derivedFields(analyses);
	const settingsFor = (owner: AnalysisModule): object =>
		ownersPrepared && owner.prepare
			? owner.prepare(
					scope,
					settingsOf(owner),
					prepareContext(analyses, scope, settingsOf, data, false)
				)
			: settingsOf(owner);
	return {
		data,
		derivedKeys: fields.map((f) => f.field.key),
		derivedSql(key) {
			const f = fields.find((x) => x.field.key === key);
			return f ? f.field.sql(scope, settingsFor(f.owner)) : null;
		},
		derivedShared(key) {
			const f = fields.find((x) => x.field.key === key);
			return f?.field.shared ? f.field.shared(scope, settingsFor(f.owner)) : null;
		},
		derivedIdentity(key) {
			const f = fields.find((x) => x.field.key === key);
			if (!f || dataKey === null) return null;
			// Over the plain scope: the materialised scope's statement reads temp tables whose
			// names do not say which scope they hold.
			const plain: Scope = { ...scope, materialized: false };
			const q = f.field.sql(plain, settingsFor(f.owner));
			return JSON.stringify([dataKey, q.text, q.params]);
		}
	};
}

/** Settings as `a` runs them: `settings` completed by its `prepare`. */
export function preparedSettings(
	analyses: readonly AnalysisModule[],
	a: AnalysisModule,
	scope: Scope,
	settings: object,
	settingsOf: (owner: AnalysisModule) => object,
	data: LoadedData = ORDERS_LOADED,
	dataKey: string | null = null
): object {
	return a.prepare
		? a.prepare(scope, settings, prepareContext(analyses, scope, settingsOf, data, true, dataKey))
		: settings;
}

/**
 * Settings of `a` as the dashboard runs them right after a load, nothing changed by the user: its
 * defaults, completed from the other analyses' defaults. For runs outside the page: the engine's
 * warm-up, the bench's native side.
 */
export function defaultPreparedSettings(
	analyses: readonly AnalysisModule[],
	a: AnalysisModule,
	scope: Scope
): object {
	return preparedSettings(analyses, a, scope, { ...a.defaults }, (m) => ({ ...m.defaults }));
}

/** Ids of the analyses to re-run after `id`'s settings changed (their SQL may read its fields). */
export function dependentsOf(analyses: readonly AnalysisModule[], id: string): string[] {
	const source = analyses.find((a) => a.id === id);
	if (!source) return [];
	const derives = (source.derives?.length ?? 0) > 0;
	return analyses
		.filter((a) => a.id !== id)
		.filter((a) => (a.dependsOn === 'derived' ? derives : (a.dependsOn ?? []).includes(id)))
		.map((a) => a.id);
}

/**
 * Ids of the analyses `a` reads (`dependsOn`; for 'derived', every one that derives a field — or,
 * given the settings it runs with and a `reads`, the owners of the fields those settings read).
 */
export function needsOf(
	analyses: readonly AnalysisModule[],
	a: AnalysisModule,
	settingsOf?: (m: AnalysisModule) => object
): string[] {
	if (a.dependsOn !== 'derived')
		return (a.dependsOn ?? []).filter((id) => id !== a.id && analyses.some((o) => o.id === id));
	const owners = analyses.filter((o) => o.id !== a.id && (o.derives?.length ?? 0) > 0);
	if (!settingsOf || !a.reads) return owners.map((o) => o.id);
	const keys = a.reads(
		settingsOf(a),
		derivedFields(analyses).map((f) => f.field.key)
	);
	return owners.filter((o) => o.derives!.some((f) => keys.includes(f.key))).map((o) => o.id);
}

/**
 * The analysis to run next among `pending` (in display order), as the progressive dashboard
 * runs them: a section on screen first (`visible`; several in display order), else one that came
 * into view while it waited and was scrolled past (`asked`, oldest first: the last one first),
 * else the first in display order. One whose sources (needsOf) are still pending waits for them:
 * the first of those runs in its place, so a derived field is never read before its owner ran.
 * `running`: analyses started and not done (one waiting for its worker lets the next one run its
 * SQL); those that read them wait. Null when nothing is pending, or all that is waits.
 */
export function nextToRun(
	analyses: readonly AnalysisModule[],
	pending: readonly AnalysisModule[],
	visible: ReadonlySet<string>,
	asked: readonly string[],
	running: readonly string[] = [],
	/** The settings each analysis runs with (needsOf): without, a reader waits for every owner. */
	settingsOf?: (m: AnalysisModule) => object
): AnalysisModule | null {
	if (pending.length === 0) return null;
	const byId = new Map(pending.map((a) => [a.id, a]));
	const busy = new Set(running);
	/** `a`, or the first of its pending sources (theirs first); null on a cycle or a running source. */
	const runnable = (a: AnalysisModule, seen: Set<string>): AnalysisModule | null => {
		if (seen.has(a.id)) return null;
		seen.add(a.id);
		for (const id of needsOf(analyses, a, settingsOf)) {
			if (busy.has(id)) return null;
			const source = byId.get(id);
			if (source) return runnable(source, seen);
		}
		return a;
	};
	const wanted = [
		...pending.filter((a) => visible.has(a.id)),
		...[...asked].reverse().map((id) => byId.get(id)),
		...pending
	];
	for (const a of wanted) {
		const next = a && runnable(a, new Set());
		if (next) return next;
	}
	// Every pending one waits for a running source: none until it is done. Only cycles left (not
	// in the registry): display order rather than never.
	return running.length > 0 ? null : pending[0]!;
}

/**
 * The analyses in the order they must run: each after the analyses it reads (`dependsOn`; for
 * 'derived', every analysis that derives a field), otherwise in registry order. A derived field
 * may read what its owner's run wrote (the forecast's predictions), so the breakdown by predicted
 * value decile must not run before the forecast. A cycle (not in the registry) keeps the rest in
 * registry order rather than dropping an analysis.
 */
export function runOrder(analyses: readonly AnalysisModule[]): AnalysisModule[] {
	const needs = (a: AnalysisModule) => needsOf(analyses, a);
	const placed = new Set<string>();
	const order: AnalysisModule[] = [];
	while (order.length < analyses.length) {
		const next =
			analyses.find((a) => !placed.has(a.id) && needs(a).every((id) => placed.has(id))) ??
			analyses.find((a) => !placed.has(a.id))!;
		placed.add(next.id);
		order.push(next);
	}
	return order;
}
