// Regression (issue 22): the recommendations list's filter (basket/Recommendations.svelte) read
// every derived field's values when opened, and a field may read what its owner's run leaves
// behind — the forecast's read its prediction tables. Opened before the forecast had run (the
// progressive dashboard runs the sections on screen first: Bought together can come before it),
// the forecast's statement failed, and the list kept "every customer" alone for good. Now the
// fields of owners that have run are read (basket/filter-values.ts), the others once they have.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadBytes } from '../helpers/load-text';
import { ANALYSES } from '../../src/analyses';
import { derivedFields, readyFields } from '../../src/analyses/registry-tools';
import { fieldChoices } from '../../src/analyses/basket/filter-values';
import { runEveryAnalysis } from '../../src/db/warm-up';
import { withDefaultSettings } from '../../src/state/default-runs';
import type { QueryFn } from '../../src/core/analysis';

describe('the recommendations filter before the forecast has run', () => {
	it('offers the fields whose owner ran, and the forecast’s once it has', async () => {
		const sample = new Uint8Array(
			readFileSync(new URL('../../sample-data/orders.csv', import.meta.url))
		);
		const loaded = await loadBytes(sample, 'orders.csv');
		try {
			const query: QueryFn = (q) => loaded.db.query(q);
			const runs = withDefaultSettings(ANALYSES);
			// Every analysis but the forecast, as the dashboard has them while the forecast waits.
			const before = runs.filter((r) => r.id !== 'clv');
			const ran = new Set(
				(await runEveryAnalysis(loaded.db, loaded.summary.as_of, before)).map((r) => r.id)
			);
			const scope = { ...loaded.scope, materialized: true };
			const owned = derivedFields(ANALYSES);
			expect(owned.some((o) => o.owner.id === 'clv')).toBe(true);
			const settingsOf = (o: { defaults: object }) => o.defaults;

			// What the list did: every field — the forecast's statement fails.
			await expect(fieldChoices(owned, query, scope, settingsOf)).rejects.toThrow();

			const ready = readyFields(owned, (o) => ran.has(o.id));
			expect(ready.map((o) => o.owner.id)).not.toContain('clv');
			const choices = await fieldChoices(ready, query, scope, settingsOf);
			const segments = choices.find((c) => c.owner.id === 'rfm');
			expect(segments?.values.length).toBeGreaterThan(1);

			// The forecast has run: its fields join, with values.
			await runEveryAnalysis(
				loaded.db,
				loaded.summary.as_of,
				runs.filter((r) => r.id === 'clv')
			);
			ran.add('clv');
			const all = await fieldChoices(
				readyFields(owned, (o) => ran.has(o.id)),
				query,
				scope,
				settingsOf
			);
			const forecast = all.filter((c) => c.owner.id === 'clv');
			expect(forecast.length).toBe(2);
			for (const f of forecast) expect(f.values.length).toBeGreaterThan(1);
		} finally {
			await loaded.db.close();
		}
	}, 120_000);
});
