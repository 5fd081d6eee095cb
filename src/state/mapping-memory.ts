import type { OrdersMapping } from '../core/types';

const PREFIX = 'clientele.mapping.';

type Remembered = Pick<OrdersMapping, 'roles' | 'dateFormat' | 'numberFormat'>;

/** The mapping the user confirmed for files with this header signature, if any. */
export function recallMapping(signature: string): Remembered | null {
	try {
		const text = window.localStorage.getItem(PREFIX + signature);
		if (!text) return null;
		const value = JSON.parse(text) as Remembered;
		if (typeof value !== 'object' || value === null || typeof value.roles !== 'object') return null;
		// Its formats are checked against each new file (core/formats-fit.ts): they must be there.
		if (typeof value.dateFormat?.format !== 'string') return null;
		if (value.numberFormat?.decimal !== '.' && value.numberFormat?.decimal !== ',') return null;
		return value;
	} catch {
		return null;
	}
}

export function rememberMapping(signature: string, m: OrdersMapping): void {
	const value: Remembered = {
		roles: m.roles,
		dateFormat: m.dateFormat,
		numberFormat: m.numberFormat
	};
	try {
		window.localStorage.setItem(PREFIX + signature, JSON.stringify(value));
	} catch {
		// storage full or blocked: the mapping just isn't remembered
	}
}
