// Starts the servers once for the whole e2e run: the built app under /clientele/ with
// tests/e2e/fixtures/ beside it under /clientele/fixtures/ (same origin, for ?data= tests), and a
// second, CORS-enabled origin serving the same fixtures under /data/: the app must refuse it.
import type { TestProject } from 'vitest/node';
import {
	FIXTURES_DIR,
	FIXTURES_PATH,
	startAppServer,
	startStaticServer
} from './static-server.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		/** e.g. 'http://127.0.0.1:41234' */
		appOrigin: string;
		/** The app's URL, ending in '/clientele/'. */
		appUrl: string;
		/** tests/e2e/fixtures/ on the app's origin, ending in '/clientele/fixtures/'. */
		fixturesUrl: string;
		/** Second origin, CORS-enabled (Access-Control-Allow-Origin: *); files under /data/. */
		dataOrigin: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const app = await startAppServer({ fixtures: true });
	const data = await startStaticServer({
		mounts: { '/data/': FIXTURES_DIR },
		headers: { 'Access-Control-Allow-Origin': '*' }
	});
	project.provide('appOrigin', app.origin);
	project.provide('appUrl', app.appUrl);
	project.provide('fixturesUrl', `${app.origin}${FIXTURES_PATH}`);
	project.provide('dataOrigin', data.origin);
	return async () => {
		await Promise.all([app.close(), data.close()]);
	};
}
