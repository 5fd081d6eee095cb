export interface ServerOptions {
	/** URL prefix ending in '/' → directory. */
	mounts: Record<string, string>;
	/** Extra headers on every response (e.g. CORS). */
	headers?: Record<string, string>;
	/** Exact paths served from memory. */
	files?: Record<string, { body: string | Uint8Array; type: string }>;
}

export interface RunningServer {
	/** e.g. 'http://127.0.0.1:41234' */
	origin: string;
	close(): Promise<void>;
}

export const REPO_ROOT: string;
export const DIST_DIR: string;
export const BASE_PATH: string;
export const FIXTURES_DIR: string;
export const FIXTURES_PATH: string;
export function mimeType(file: string): string;
export function startStaticServer(options: ServerOptions): Promise<RunningServer>;
export function startAppServer(options?: {
	fixtures?: boolean;
}): Promise<RunningServer & { appUrl: string }>;
