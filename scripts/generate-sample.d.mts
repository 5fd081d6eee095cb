// Types for the parts of the generator that tests import (the script itself is plain JS).
export interface WriteOrdersOptions {
	out: string;
	lines: number;
	seed?: number;
	dirty?: boolean;
}
/** Streams a deterministic order log of about `lines` lines to `out`. */
export function writeOrders(opts: WriteOrdersOptions): Promise<unknown>;
export const DEFAULT_SEED: number;
/** The order log as one string (seed DEFAULT_SEED, 5,000 customers and dirty lines by default). */
export function generateOrders(opts?: { seed?: number; customers?: number; dirty?: boolean }): {
	csv: string;
	stats: Record<string, unknown>;
};
