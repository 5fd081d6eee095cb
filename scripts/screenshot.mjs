#!/usr/bin/env node
// Full-page screenshot of the built app, for humans to look at:
//   node scripts/screenshot.mjs [url-suffix] [out.png] [--width 1440] [--height 900]
// e.g. `node scripts/screenshot.mjs '?sample' sample.png`. Serves dist/ under /clientele/ the way
// the e2e tests do (run `npm run build` first); with data in the URL (?sample, ?data=) it waits
// until [data-testid=load-status] is 'ready'.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium.mjs';
import { startAppServer } from '../tests/e2e/helpers/static-server.mjs';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		width: { type: 'string', default: '1440' },
		height: { type: 'string', default: '900' },
		timeout: { type: 'string', default: '60000' }
	}
});
const suffix = positionals[0] ?? '';
const out = resolve(positionals[1] ?? 'screenshot.png');
const width = Number(values.width);
const height = Number(values.height);
const timeout = Number(values.timeout);
if (!(width > 0 && height > 0 && timeout > 0)) {
	console.error('usage: node scripts/screenshot.mjs [url-suffix] [out.png] [--width 1440]');
	process.exit(2);
}

const server = await startAppServer();
const profile = await mkdtemp(join(tmpdir(), 'clientele-shot-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath: CHROMIUM,
	headless: true,
	args: CHROMIUM_ARGS,
	viewport: { width, height }
});
try {
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
	const url = `${server.appUrl}${suffix.replace(/^\//, '')}`;
	await page.goto(url);
	const params = new URL(url).searchParams;
	if (params.has('sample') || params.has('data')) {
		const status = page.locator(
			'[data-testid="load-status"]:is([data-state="ready"], [data-state="error"], [data-state="mapping"])'
		);
		await status.waitFor({ state: 'attached', timeout });
		const state = await status.getAttribute('data-state');
		if (state !== 'ready') console.error(`load-status is '${state}', taking the screenshot anyway`);
		await page.waitForLoadState('networkidle');
	}
	await page.screenshot({ path: out, fullPage: true });
	console.log(`${url} → ${out}`);
} finally {
	await context.close();
	await rm(profile, { recursive: true, force: true });
	await server.close();
}
