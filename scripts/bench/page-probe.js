// Injected into every page (context.addInitScript) before the app runs. Records, with
// performance.now() times: long tasks (main thread blocked > 50 ms), the file-input change, and
// every change of load-status data-state and analysis-<id> data-status, and every chart drawn.
(() => {
	const probe = { longTasks: [], events: [], fileGivenAt: null };
	window.__bench = probe;
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				probe.longTasks.push({ start: e.startTime, ms: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		probe.longTasks = null;
	}
	document.addEventListener(
		'change',
		(e) => {
			const t = e.target;
			if (t instanceof HTMLElement && t.dataset.testid === 'file-input')
				probe.fileGivenAt = performance.now();
		},
		true
	);
	const note = (el) => {
		const id = el.dataset.testid;
		if (id === 'load-status')
			probe.events.push({ id, state: el.dataset.state, t: performance.now() });
		else if (id && id.startsWith('analysis-'))
			probe.events.push({ id: id.slice(9), state: el.dataset.status, t: performance.now() });
	};
	const watched = (el) =>
		el instanceof HTMLElement &&
		(el.dataset.testid === 'load-status' || el.dataset.testid?.startsWith('analysis-'));
	// A chart is rendered when Plot's figure is put into its [data-testid=chart-*] element: record
	// that time for the section holding it, so a section counts as done only with its charts drawn.
	const chartDrawn = (el) => {
		const section = el.closest('[data-testid^=analysis-]');
		if (section)
			probe.events.push({
				id: section.dataset.testid.slice(9),
				state: 'chart',
				t: performance.now()
			});
	};
	new MutationObserver((records) => {
		for (const r of records) {
			if (
				r.type === 'childList' &&
				r.target instanceof HTMLElement &&
				r.target.dataset.testid?.startsWith('chart-') &&
				r.addedNodes.length > 0
			) {
				chartDrawn(r.target);
				continue;
			}
			if (r.type === 'attributes') {
				if (watched(r.target)) note(r.target);
				continue;
			}
			for (const n of r.addedNodes) {
				if (!(n instanceof HTMLElement)) continue;
				if (watched(n)) note(n);
				n.querySelectorAll('[data-testid=load-status], [data-testid^=analysis-]').forEach(note);
			}
		}
	}).observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-state', 'data-status']
	});
})();
