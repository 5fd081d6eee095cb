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
