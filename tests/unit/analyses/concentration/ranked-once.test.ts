// Issue 22, item 3: the concentration run ranks the customers once, in a temp table its outputs
// read, instead of once per output. The self-contained statements (`queries`, what "Open in
// notebook" shows) are the formulation before the change, unchanged; the run must give exactly
// their rows — summary, per-customer ranks and tiers, curve, top shares, tiers — on the sample
// and on random and tie-heavy logs loaded as a user's file is, over the plain and the
// materialised scope, with a date range and a dimension filter, and leave no table behind.
import { describe } from 'vitest';
import type { LoadedText } from '../../../helpers/load-text';
import {
	expectRunEqualsQueries,
	itComparesOnEveryDataSet,
	scopesOf
} from '../../../helpers/run-vs-queries';
import type { Scope } from '../../../../src/core/scope';
import {
	concentrationAnalysis,
	defaultConcentrationSettings,
	type ConcentrationSettings
} from '../../../../src/analyses/concentration/sql';

const SHAPE = {
	summary: { query: 'summary', kind: 'first' },
	customers: { query: 'customers', kind: 'rows' },
	lorenz: { query: 'lorenz', kind: 'rows' },
	top_shares: { query: 'top_shares', kind: 'rows' },
	tiers: { query: 'tiers', kind: 'rows' }
} as const;

const SETTINGS: ConcentrationSettings[] = [
	defaultConcentrationSettings,
	{ topPercents: [3, 50, 100], aShare: 0.5, bShare: 0.5, maxPoints: 7 }
];

/** Compares every scope and settings; returns the customer rows compared. */
function expectSameEverywhere(l: LoadedText, filter: Scope['filter'] = null): Promise<number> {
	return expectRunEqualsQueries(
		l,
		concentrationAnalysis,
		scopesOf(l, filter),
		SETTINGS,
		SHAPE,
		'__concentration_',
		'customers'
	);
}

describe('concentration ranked once: the same rows as the self-contained statements (issue 22)', () => {
	itComparesOnEveryDataSet(expectSameEverywhere);
});
