// Starts the servers once for the whole e2e run: the built app under /clientele/ and a second,
// CORS-enabled origin serving tests/e2e/fixtures/ under /data/ for cross-origin ?data= tests.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, startAppServer, startStaticServer } from './static-server.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		/** e.g. 'http://127.0.0.1:41234' */
		appOrigin: string;
		/** The app's URL, ending in '/clientele/'. */
		appUrl: string;
		/** Second origin, CORS-enabled (Access-Control-Allow-Origin: *); files under /data/. */
		dataOrigin: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const app = await startAppServer();
	const data = await startStaticServer({
		mounts: { '/data/': join(REPO_ROOT, 'tests/e2e/fixtures') },
		headers: { 'Access-Control-Allow-Origin': '*' }
	});
	project.provide('appOrigin', app.origin);
	project.provide('appUrl', app.appUrl);
	project.provide('dataOrigin', data.origin);
	return async () => {
		await Promise.all([app.close(), data.close()]);
	};
}
