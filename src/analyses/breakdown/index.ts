// Segment breakdown: KPIs by any dimension, including the other analyses' derived fields (sql.ts).
import type { AnalysisModule } from '../types';
import {
	breakdownAnalysis,
	defaultBreakdownSettings,
	type BreakdownDimension,
	type BreakdownResult,
	type BreakdownSettings
} from './sql';
import { messages, type BreakdownKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const breakdown: AnalysisModule<BreakdownSettings, BreakdownResult, BreakdownKey> = {
	id: breakdownAnalysis.id,
	def: breakdownAnalysis,
	defaults: defaultBreakdownSettings,
	messages,
	title: 'breakdown.title',
	method: 'breakdown.method',
	takeaway(result, f, settings) {
		// A named group only: 'Other' and 'unknown' are no finding.
		const top = result.rows
			.filter((r) => !r.is_other && !r.is_unknown)
			.sort((a, b) => b.revenue - a.revenue)[0];
		if (!top || top.revenue <= 0) return null;
		return f.tn('breakdown.takeaway', top.customers, {
			// A derived value (segment, stage) by its name on the page, as the section's table.
			value:
				(settings.dimension?.table === 'derived'
					? f.derivedValue(settings.dimension.column, top.value)
					: null) ?? top.value,
			share: f.pct(top.revenue_share),
			customers: f.num(top.customers)
		});
	},
	section: () => import('./Section.svelte'),
	chart: charts,
	// A derived dimension (RFM segment, lifecycle stage) follows its owner's settings.
	dependsOn: 'derived',
	// Run after the owners of its dimensions only: by RFM segment (the default), after RFM.
	reads(settings, derivedKeys) {
		return [chosenDimension(settings, derivedKeys), settings.cross].flatMap((d) =>
			d?.table === 'derived' ? [d.column] : []
		);
	},
	prepare(_scope, settings, context) {
		const dimension = chosenDimension(settings, context.derivedKeys);
		// Only a derived dimension reads its field's statement (a column may share a field's name).
		const shared = (d: BreakdownDimension | null) =>
			d?.table === 'derived' ? context.derivedShared(d.column) : null;
		return {
			...settings,
			dimension,
			derivedSql: dimension ? context.derivedSql(dimension.column) : null,
			derivedShared: shared(dimension),
			crossDerivedSql: settings.cross ? context.derivedSql(settings.cross.column) : null,
			crossDerivedShared: shared(settings.cross)
		};
	}
};

/**
 * The dimension a run uses: the chosen one, or none chosen yet, the registry's first derived field
 * (age bands need a customers file with birth years, a derived field is always there).
 */
function chosenDimension(
	settings: BreakdownSettings,
	derivedKeys: readonly string[]
): BreakdownDimension | null {
	const first = derivedKeys[0];
	return settings.dimension ?? (first ? { table: 'derived', column: first } : null);
}
