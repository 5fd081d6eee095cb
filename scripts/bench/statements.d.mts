// Types of statements.mjs for the tests (tsconfig.node.json type-checks tests/, not scripts/).
export interface ReplayEngine {
	run(text: string, params?: unknown[]): Promise<unknown>;
	close(): Promise<void>;
}
export interface Captured {
	dir: string;
	/** Where the native run kept the parts of a file read in parts. */
	parts?: string;
	load: { text: string; params?: unknown[] }[];
	analyses: { text: string; params?: unknown[] }[];
}
export function loadStage(text: string): string;
export function replayParams(
	params: unknown[] | undefined,
	dir: string,
	file: string,
	parts?: string
): unknown[] | undefined;
export function wasmFactory(): Promise<() => Promise<ReplayEngine>>;
export function integerIds(engine: ReplayEngine): Promise<number>;
export function replay(
	make: () => Promise<ReplayEngine>,
	app: { SESSION_SETUP: readonly string[] },
	captured: Captured,
	file: string,
	options?: { intIds?: boolean }
): Promise<{ load: number[]; analyses: number[]; convertMs: number | null }>;
export function benchStatements(
	api: unknown,
	app: unknown,
	file: string,
	reps: number
): Promise<unknown>;
