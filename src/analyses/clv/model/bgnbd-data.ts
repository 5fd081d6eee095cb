// Input preparation for the BG/NBD fit: validate, merge identical (x, t_x, T) groups, rescale time
// and index the distinct x, T and t_x values so the likelihood does each log-gamma and log once
// per distinct value and only one log-sum-exp per group.
import type { FitProblem, SummaryGroup } from './types';

export interface PreparedBgnbd {
	/** The merged groups, in the caller's time unit. */
	merged: SummaryGroup[];
	/** Time divisor: the largest T (so the rescaled T are at most 1). */
	scale: number;
	weightSum: number;
	/** Weight of customers with x > 0. */
	repeatWeight: number;
	/** Distinct x and the total weight of each. */
	xs: Float64Array;
	xWeight: Float64Array;
	/** Distinct rescaled T, and the weight of the x = 0 customers at each. */
	Ts: Float64Array;
	T0Weight: Float64Array;
	/** Distinct rescaled t_x of the x > 0 groups. */
	txs: Float64Array;
	/** The x > 0 groups as indices into xs, Ts and txs, with their weights. */
	groupX: Int32Array;
	groupT: Int32Array;
	groupTx: Int32Array;
	groupW: Float64Array;
}

function valid(g: SummaryGroup): boolean {
	const { x, tx, T, weight } = g;
	return [x, tx, T, weight].every(Number.isFinite) && x >= 0 && tx >= 0 && tx <= T && weight > 0;
}

/** Distinct values → index, in first-seen order. */
function indexer(): { index: (v: number) => number; values: number[] } {
	const map = new Map<number, number>();
	const values: number[] = [];
	return {
		values,
		index(v) {
			let i = map.get(v);
			if (i === undefined) {
				i = values.length;
				map.set(v, i);
				values.push(v);
			}
			return i;
		}
	};
}

/** Validate and index the groups; a problem code when no fit is possible. */
export function prepareBgnbd(groups: readonly SummaryGroup[]): PreparedBgnbd | FitProblem {
	if (groups.length === 0) return 'no-data';
	let scale = 0;
	for (const g of groups) {
		if (!valid(g)) return 'invalid-input';
		scale = Math.max(scale, g.T);
	}
	if (scale === 0) return 'single-day';
	// Index distinct x, T and t_x (numeric Map keys: far faster than string keys on a million
	// rows), then merge identical (x, t_x, T) by a numeric composite key. t_x plays no part for
	// x = 0, so those merge on T alone.
	const xIdx = indexer();
	const TIdx = indexer();
	const txIdx = indexer();
	const n = groups.length;
	const gx = new Int32Array(n);
	const gT = new Int32Array(n);
	const gtx = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const g = groups[i]!;
		gx[i] = xIdx.index(g.x);
		gT[i] = TIdx.index(g.T);
		gtx[i] = g.x > 0 ? txIdx.index(g.tx) : -1;
	}
	const nT = TIdx.values.length;
	const nTx = txIdx.values.length + 1;
	const byKey = new Map<number, SummaryGroup>();
	const merged: SummaryGroup[] = [];
	const mergedIdx: [number, number, number][] = [];
	for (let i = 0; i < n; i++) {
		const g = groups[i]!;
		const key = (gx[i]! * nT + gT[i]!) * nTx + (gtx[i]! + 1);
		const seen = byKey.get(key);
		if (seen) {
			seen.weight += g.weight;
			continue;
		}
		const m = { x: g.x, tx: g.x > 0 ? g.tx : 0, T: g.T, weight: g.weight };
		byKey.set(key, m);
		merged.push(m);
		mergedIdx.push([gx[i]!, gT[i]!, gtx[i]!]);
	}
	let weightSum = 0;
	let repeatWeight = 0;
	let repeatGroups = 0;
	const xWeight = new Float64Array(xIdx.values.length);
	const T0Weight = new Float64Array(nT);
	for (let j = 0; j < merged.length; j++) {
		const g = merged[j]!;
		const [xi, Ti] = mergedIdx[j]!;
		weightSum += g.weight;
		xWeight[xi] = xWeight[xi]! + g.weight;
		if (g.x > 0) {
			repeatWeight += g.weight;
			repeatGroups++;
		} else T0Weight[Ti] = T0Weight[Ti]! + g.weight;
	}
	if (repeatWeight === 0) return 'too-few';
	const groupX = new Int32Array(repeatGroups);
	const groupT = new Int32Array(repeatGroups);
	const groupTx = new Int32Array(repeatGroups);
	const groupW = new Float64Array(repeatGroups);
	let k = 0;
	for (let j = 0; j < merged.length; j++) {
		const g = merged[j]!;
		if (g.x === 0) continue;
		const [xi, Ti, txi] = mergedIdx[j]!;
		groupX[k] = xi;
		groupT[k] = Ti;
		groupTx[k] = txi;
		groupW[k] = g.weight;
		k++;
	}
	return {
		merged,
		scale,
		weightSum,
		repeatWeight,
		xs: Float64Array.from(xIdx.values),
		xWeight,
		Ts: Float64Array.from(TIdx.values, (v) => v / scale),
		T0Weight,
		txs: Float64Array.from(txIdx.values, (v) => v / scale),
		groupX,
		groupT,
		groupTx,
		groupW
	};
}
