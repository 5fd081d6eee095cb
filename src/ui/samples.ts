// The bundled sample (sample-data/), emitted by Vite as same-origin assets.
import ordersUrl from '../../sample-data/orders.csv?url';
import customersUrl from '../../sample-data/customers.csv?url';
import feedbackUrl from '../../sample-data/feedback.csv?url';
import type { LoadInput } from '../core/ingest/types';

/** Fetch a same-origin URL as a load input. Other origins are refused: no request leaves the page's origin. */
export async function fetchInput(url: string, name?: string): Promise<LoadInput> {
	const resolved = new URL(url, window.location.href);
	if (resolved.origin !== window.location.origin) {
		throw new CrossOriginError(resolved.href);
	}
	const res = await fetch(resolved.href);
	if (!res.ok) throw new Error(`${resolved.pathname}: HTTP ${res.status} ${res.statusText}`);
	const blob = await res.blob();
	const fileName = name ?? decodeURIComponent(resolved.pathname.split('/').pop() || 'data.csv');
	return { name: fileName, data: blob };
}

export class CrossOriginError extends Error {
	constructor(readonly url: string) {
		super(url);
	}
}

export async function sampleInputs(): Promise<LoadInput[]> {
	return Promise.all([
		fetchInput(ordersUrl, 'orders.csv'),
		fetchInput(customersUrl, 'customers.csv'),
		// The survey responses, so the feedback analysis has data on the sample (issue 21).
		fetchInput(feedbackUrl, 'feedback.csv')
	]);
}
