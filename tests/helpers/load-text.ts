// Load a small orders file as the page does (loadDataSet: read, mapping detected, canonical tables
// built), for tests that check a definition on a handful of rows through the real load path.
import { expect } from 'vitest';
import { createNodeEngine } from './node-engine';
import { scopeAt } from './fixtures';
import type { Engine } from '../../src/db/engine';
import type { Scope } from '../../src/core/scope';
import { loadDataSet, type LoadedDataSet } from '../../src/db/pipeline/load-data-set';
import type { LoadSummary } from '../../src/db/pipeline/build';

export interface LoadedText {
	db: Engine;
	set: LoadedDataSet;
	summary: LoadSummary;
	/** The default scope of the load: its as-of date, no filter. */
	scope: Scope;
}

/** Load `csv` (text) as `name` with the detected mapping and build the tables. */
export function loadText(csv: string, name = 'orders.csv'): Promise<LoadedText> {
	return loadBytes(new TextEncoder().encode(csv), name);
}

/** Load a file's bytes as `name` with the detected mapping and build the tables. */
export async function loadBytes(data: Uint8Array, name: string): Promise<LoadedText> {
	const db = await createNodeEngine();
	const set = await loadDataSet(db, [{ name, data }], { build: 'complete' });
	expect(set.summary, `${name} built`).not.toBeNull();
	const summary = set.summary!;
	return { db, set, summary, scope: scopeAt(summary.as_of) };
}
