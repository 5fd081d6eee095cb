// The CRM view's interactive statements (issue 19) on native DuckDB: opening a customer profile
// (src/state/customer-profile.ts → readCustomerProfile) and an audience count (audience/sql.ts:
// buildCountQuery with the fields' statements inline, and the analysis' run as the page does it,
// reading the fields from tables kept per identity), timed over the loaded file and materialised
// scope.

/** Median, min and max of `ms` (ms). */
export function stats(ms) {
	const s = [...ms].sort((a, b) => a - b);
	const mid = s.length >> 1;
	const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
	return { medianMs: median, minMs: s[0], maxMs: s.at(-1), reps: s.length, runs: ms };
}

/** Revenue above which the audience's "revenue > X" condition keeps about a quarter of customers. */
export const AUDIENCE_REVENUE_QUANTILE = 0.75;

/**
 * The audiences counted (issue 19's example without a customers file: the bench's orders log has
 * none): RFM segment and revenue; with the lifecycle stage; with the stage and the due status.
 */
export function audiences(revenueOver) {
	const segment = {
		kind: 'in',
		field: 'derived:rfm_segment',
		values: ['champions', 'loyal_customers']
	};
	const revenue = { kind: 'compare', field: 'fact:revenue', op: 'gt', value: revenueOver };
	const stage = { kind: 'in', field: 'derived:lifecycle_stage', values: ['loyal', 'active'] };
	const due = { kind: 'not_in', field: 'derived:due_status', values: ['churned'] };
	const and = (...items) => ({ kind: 'group', op: 'and', items });
	return [
		{ name: 'segment + revenue', root: and(segment, revenue) },
		{ name: 'segment + revenue + stage', root: and(segment, revenue, stage) },
		{ name: 'segment + revenue + stage + due', root: and(segment, revenue, stage, due) }
	];
}

// The forecast's fields read the fit's prediction tables and the recommended product the mined
// rules, each written by its run (a Web Worker's, in the page); the native side runs neither, so
// the profile reads the other derived fields only.
const NEEDS_RUN = new Set(['clv_decile', 'p_alive_band', 'recommended_product']);

/**
 * `after` hook of runNative: `reps` interleaved rounds of (profile of a new customer with the
 * derived fields' tables already built — the search built them on focus —, the same with the
 * tables built first, each audience count). Returns each measurement's stats.
 */
export function crmNative(app, reps = 5) {
	return async (engine, plainScope) => {
		const scope = { ...plainScope, materialized: true };
		const query = (q) => engine.query(q);
		const byId = (id) => app.ANALYSES.find((a) => a.id === id);
		const defaults = (m) => ({ ...m.defaults });
		const lifecycle = byId('lifecycle');
		const [thresholds] = await query(
			app.buildThresholdsQuery(scope, app.defaultPreparedSettings(app.ANALYSES, lifecycle, scope))
		);
		// Customers spread over the file (not the first ones): one new id per profile opened.
		const ids = (
			await query(
				`SELECT CAST(customer_id AS VARCHAR) AS id FROM __scope_customers WHERE orders > 0 ORDER BY hash(customer_id) LIMIT ${2 * reps}`
			)
		).map((r) => r.id);
		const [{ x }] = await query(
			`SELECT CAST(round(quantile_cont(revenue, ${AUDIENCE_REVENUE_QUANTILE})) AS DOUBLE) AS x FROM __scope_customers WHERE orders > 0`
		);
		const audienceSettings = app.defaultPreparedSettings(app.ANALYSES, byId('audience'), scope);
		// As the dashboard prepares it: each derived field named by its identity (`dataKey`), so
		// the run reads it from a table built once per identity (audience/sql.ts withFieldTables).
		const pageSettings = (dataKey) =>
			app.preparedSettings(
				app.ANALYSES,
				byId('audience'),
				scope,
				{ ...byId('audience').defaults },
				defaults,
				undefined,
				dataKey
			);
		const list = audiences(x);
		const input = (id) => {
			const i = app.profileInput(app.ANALYSES, scope, id, defaults, thresholds, byId('rfm'), 1);
			return { ...i, fields: i.fields.filter((f) => !NEEDS_RUN.has(f.key)) };
		};
		const warmTables = new app.FieldTables();
		// As prepareCustomerFields does when the search gets the focus: every field's table and the
		// RFM list's.
		const first = input(ids[0]);
		await warmTables.ensure(query, first.fields);
		await warmTables.ensureRows(query, 'rfm', first.rfmCustomers, first.rfmIdentity);
		const runs = {
			profile: [],
			profileFirst: [],
			...Object.fromEntries(list.map((a) => [a.name, []])),
			...Object.fromEntries(list.map((a) => [`page ${a.name}`, []])),
			...Object.fromEntries(list.map((a) => [`first ${a.name}`, []]))
		};
		const counts = {};
		const time = async (key, f) => {
			const t0 = performance.now();
			const r = await f();
			runs[key].push(performance.now() - t0);
			return r;
		};
		for (let r = 0; r < reps; r++) {
			await time('profile', () => app.readCustomerProfile(query, input(ids[2 * r]), warmTables));
			// A fresh FieldTables builds every derived field's table: the first profile after a load
			// or a scope change when the search did not get the focus first.
			await time('profileFirst', () =>
				app.readCustomerProfile(query, input(ids[2 * r + 1]), new app.FieldTables())
			);
			for (const a of list) {
				const [c] = await time(a.name, () =>
					query(app.buildCountQuery(scope, audienceSettings, a.root))
				);
				counts[a.name] = c;
				// The first count after a load, scope or settings change: every field's table built
				// (a data key of its own per round).
				const edit = { ...pageSettings(`bench ${r} ${a.name}`), root: a.root };
				await time(`first ${a.name}`, () => app.audienceAnalysis.run(query, scope, edit));
				// As the page runs it while the person edits: the fields' tables exist (built by
				// the first count), the count joins them.
				const page = await time(`page ${a.name}`, () =>
					app.audienceAnalysis.run(query, scope, edit)
				);
				if (page.count.customers !== c.customers) throw new Error(`crm: ${a.name} differs`);
			}
		}
		return {
			ids,
			revenueOver: x,
			fields: input(ids[0]).fields.map((f) => f.key),
			profile: stats(runs.profile),
			profileFirst: stats(runs.profileFirst),
			audiences: list.map((a) => ({
				name: a.name,
				count: counts[a.name],
				...stats(runs[a.name]),
				page: stats(runs[`page ${a.name}`]),
				first: stats(runs[`first ${a.name}`])
			}))
		};
	};
}

/** The browser's profile runs (browser.mjs openProfiles) as stats of the page's measure. */
export function browserProfileStats(runs) {
	const ms = runs.map((r) => r.profileMs).filter((v) => v !== null);
	return ms.length ? { ...stats(ms), clickToDone: stats(runs.map((r) => r.clickToDoneMs)) } : null;
}

/** The browser's audience edits (browser.mjs audienceCounts) as stats. */
export function browserAudienceStats(audience) {
	return {
		customers: audience.runs.map((r) => r.customers),
		first: audience.first,
		analysis: stats(audience.runs.map((r) => r.analysisMs)),
		editToCount: stats(audience.runs.map((r) => r.editToCountMs))
	};
}

/** Prints the CRM figures of one input. */
export function printCrm(native, browserRuns, browserAudience) {
	const f = (s) =>
		s
			? `${Math.round(s.medianMs)} ms (${Math.round(s.minMs)}–${Math.round(s.maxMs)}, ${s.reps} runs)`
			: '—';
	if (native) {
		console.log(
			`  crm native: profile ${f(native.profile)}; first profile, tables built ${f(native.profileFirst)}`
		);
		for (const a of native.audiences)
			console.log(
				`  crm native: audience count "${a.name}" (${a.count.customers} customers): statements inline ${f(a)}; first count, its fields' tables built ${f(a.first)}; after an edit, tables kept ${f(a.page)}`
			);
	}
	const b = browserRuns ? browserProfileStats(browserRuns) : null;
	if (b) console.log(`  crm wasm:   profile ${f(b)}; click → dialog done ${f(b.clickToDone)}`);
	if (browserAudience) {
		const a = browserAudienceStats(browserAudience);
		console.log(
			`  crm wasm:   audience "segment + revenue + due" over the filtered scope (${a.customers.at(-1)} customers): first count, fields' tables built ${Math.round(a.first.analysisMs)} ms; after an edit ${f(a.analysis)}; edit → count shown (250 ms pause included) ${f(a.editToCount)}`
		);
	}
}
