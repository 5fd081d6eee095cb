// Issue 22, item 3: the RFM run scores the customers once, in a temp table its grid, segment table
// and customer list read, instead of once per output. The self-contained statements (`queries`,
// what "Open in notebook" shows) are the formulation before the change, unchanged; the run must
// give exactly their rows with every scoring and segment map, on the sample and on random and
// tie-heavy logs loaded as a user's file is, over the plain and the materialised scope, with a
// date range and a dimension filter, and leave no table behind.
import { describe } from 'vitest';
import type { LoadedText } from '../../../helpers/load-text';
import {
	expectRunEqualsQueries,
	itComparesOnEveryDataSet,
	scopesOf
} from '../../../helpers/run-vs-queries';
import type { Scope } from '../../../../src/core/scope';
import {
	defaultRfmSettings,
	rfmAnalysis,
	type RfmSettings
} from '../../../../src/analyses/rfm/sql';

const SHAPE = {
	customers: { query: 'customers', kind: 'rows' },
	grid: { query: 'grid', kind: 'rows' },
	segments: { query: 'segments', kind: 'rows' },
	returnsOnly: { query: 'returns_only', kind: 'first' }
} as const;

/** Quintiles with the RF grid (the default), the rfm package's map, and fixed thresholds. */
const SETTINGS: RfmSettings[] = [
	defaultRfmSettings,
	{ ...defaultRfmSettings, segmentMap: 'rfm-package' },
	{
		scoring: 'thresholds',
		thresholds: {
			recency: [10, 40, 90, 200],
			frequency: [2, 3, 4, 6],
			monetary: [15, 40, 80, 150]
		},
		segmentMap: 'rf-grid'
	}
];

function expectSameEverywhere(l: LoadedText, filter: Scope['filter'] = null): Promise<number> {
	return expectRunEqualsQueries(
		l,
		rfmAnalysis,
		scopesOf(l, filter),
		SETTINGS,
		SHAPE,
		'__rfm_',
		'customers'
	);
}

describe('RFM scored once: the same rows as the self-contained statements (issue 22)', () => {
	itComparesOnEveryDataSet(expectSameEverywhere);
});
