// The load's stages in the page and natively, from the app's own timing marks (issue 22).

/**
 * The load's stages from the app's own `clientele: …` timing marks (core/timing.ts) at or after
 * `t0`, by stage name (`orders-1m.csv: read_csv` → `read_csv`), in ms; the page's and native's
 * are the same marks of the same code. Stages that repeat (files appended) are summed.
 */
export function stagesSince(entries, t0) {
	const out = {};
	for (const e of entries) {
		if (e.startTime < t0 || !e.name.startsWith('clientele: ')) continue;
		const name = e.name.slice('clientele: '.length);
		if (!LOAD_STAGE.test(name)) continue;
		const stage = name.includes(': ') ? name.slice(name.lastIndexOf(': ') + 2) : name;
		out[stage] = (out[stage] ?? 0) + e.duration;
	}
	return out;
}
/** The marks of the load (db/load-csv.ts, db/build-orders.ts, db/pipeline/build.ts). */
const LOAD_STAGE = /(: (read_csv|record count \(waited\)|rejects|profile)|^table |^load summary$)/;
