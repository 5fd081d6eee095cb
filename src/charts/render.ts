// The only caller of Plot.plot() (DESIGN.md §2, layer 4). Wraps the plot in a <figure> with a title
// and a source note, applies house defaults and widens the left margin to fit the y tick labels.
// All text goes in through textContent: file contents are data, never HTML.
import * as Plot from '@observablehq/plot';
import { FIGURE_PADDING, FONT_SIZE, PLOT_CLASS, textMeasurer } from './frame';
import { localeTimeTickFormat } from './time-ticks';

export { FIGURE_PADDING, PLOT_CLASS, textMeasurer };

export interface RenderOptions {
	title: string;
	subtitle?: string;
	/** Provenance line under the chart, e.g. 'Source: orders.csv · as of 2024-12-31'. */
	note: string;
	/** Width in CSS pixels of the whole figure (padding included); the plot is 2 × PADDING less. */
	width: number;
	/** BCP 47 tag; set as the figure's lang so CJK glyphs and hyphenation follow the UI language. */
	locale: string;
}

const FONT_FAMILY = 'system-ui, sans-serif';
const TEXT_COLOR = '#1f2328';
const MUTED_COLOR = '#57606a';
/** Plot's default left margin when there is a y axis on the left. */
const PLOT_DEFAULT_MARGIN_LEFT = 40;
/** Plot's default bottom margin when there is an x axis at the bottom. */
const PLOT_DEFAULT_MARGIN_BOTTOM = 30;
/** Tick length 6 + padding 3 (Plot's defaults) + a little air. */
const TICK_ALLOWANCE = 12;

export function renderChart(spec: Plot.PlotOptions, opts: RenderOptions): HTMLElement {
	const steps = chartSteps(spec, opts);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * The same figure, drawn with the page's thread given back between Plot's renders (the first
 * render, whose ticks set the margins, and the second at those margins: each is tens of ms for a
 * chart of hundreds of marks, and the two together took a 101 ms task in CI). `between` runs at
 * each pause and says whether to go on; null when it said not to (the chart was asked for again).
 * `busy` is the time spent drawing, pauses left out.
 */
export async function renderChartInSteps(
	spec: Plot.PlotOptions,
	opts: RenderOptions,
	between: () => Promise<boolean>
): Promise<{ figure: HTMLElement; busy: number } | null> {
	const steps = chartSteps(spec, opts);
	let busy = 0;
	for (;;) {
		const t0 = performance.now();
		const step = steps.next();
		busy += performance.now() - t0;
		if (step.done) return { figure: step.value, busy };
		if (!(await between())) return null;
	}
}

/** Builds the figure; yields where a caller may give the thread back (between Plot's renders). */
function* chartSteps(spec: Plot.PlotOptions, opts: RenderOptions): Generator<void, HTMLElement> {
	const figure = document.createElement('figure');
	figure.className = 'chart';
	figure.lang = opts.locale;
	Object.assign(figure.style, {
		margin: '0',
		boxSizing: 'border-box',
		padding: `${FIGURE_PADDING}px`,
		width: `${opts.width}px`,
		maxWidth: '100%',
		background: 'white',
		color: TEXT_COLOR,
		fontFamily: FONT_FAMILY
	});
	figure.append(
		textBlock('h3', 'chart-title', opts.title, { fontSize: '15px', fontWeight: '600' })
	);
	if (opts.subtitle) {
		figure.append(textBlock('p', 'chart-subtitle', opts.subtitle, { color: MUTED_COLOR }));
	}
	const plotHost = document.createElement('div');
	plotHost.className = 'chart-plot';
	plotHost.append(
		yield* plotWithMargins(spec, Math.max(100, opts.width - 2 * FIGURE_PADDING), opts.locale)
	);
	figure.append(plotHost);
	figure.append(textBlock('p', 'chart-note', opts.note, { fontSize: '11px', color: MUTED_COLOR }));
	return figure;
}

function textBlock(
	tag: 'h3' | 'p',
	className: string,
	text: string,
	style: Partial<CSSStyleDeclaration>
): HTMLElement {
	const el = document.createElement(tag);
	el.className = className;
	el.textContent = text;
	Object.assign(
		el.style,
		{ margin: '0 0 6px', fontSize: `${FONT_SIZE}px`, fontWeight: '400' },
		style
	);
	return el;
}

function withDefaults(spec: Plot.PlotOptions, width: number): Plot.PlotOptions {
	// Title, subtitle and caption are ours (figure text), so they are not duplicated by Plot;
	// the width is the figure's.
	const { title: _title, subtitle: _subtitle, caption: _caption, style, ...rest } = spec;
	const base = {
		fontSize: `${FONT_SIZE}px`,
		fontFamily: FONT_FAMILY,
		background: 'white',
		color: TEXT_COLOR,
		overflow: 'visible'
	};
	return {
		...rest,
		width,
		className: PLOT_CLASS,
		style: typeof style === 'string' ? `${cssText(base)}${style}` : { ...base, ...(style ?? {}) }
	};
}

function cssText(style: Record<string, string>): string {
	return Object.entries(style)
		.map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v};`)
		.join('');
}

/**
 * Renders once, then adjusts what only the drawn plot shows, and renders again if anything
 * changed: time scales Plot inferred get ticks in the chart's language (explicit ones got them
 * before the first render); a bottom x-axis label gets a line of its own below the tick labels
 * (Plot's default margin assumes its 10 px font, so at our 12 px the label sat on the last ticks,
 * and a longer Chinese title covered the "90" of the Pareto chart); and, unless the spec fixes
 * the margin, the left margin is widened to fit the y tick labels and a rotated y-axis title
 * (capped; ordinal labels beyond the cap are shortened with an ellipsis rather than clipped).
 */
function* plotWithMargins(
	spec: Plot.PlotOptions,
	width: number,
	locale: string
): Generator<void, SVGSVGElement | HTMLElement> {
	const options = withDefaults(withTimeTicks(spec, locale), width);
	const first = Plot.plot(options);
	const patch: Plot.PlotOptions = {};
	for (const k of ['x', 'y'] as const) {
		const type = first.scale(k)?.type;
		const scale = options[k] ?? {};
		if (scale.tickFormat === undefined && (type === 'utc' || type === 'time')) {
			patch[k] = { ...scale, tickFormat: timeFormat(locale, type, scale.axis, k) };
		}
	}
	const marginBottom = xLabelMargin(spec, first);
	if (marginBottom !== null) patch.marginBottom = marginBottom;
	const left = leftMargin(spec, first, width);
	if (left) {
		patch.marginLeft = left.marginLeft;
		if (left.truncate) {
			const y = patch.y ?? options.y;
			const format = y?.tickFormat;
			if (typeof format !== 'string') {
				patch.y = { ...y, tickFormat: truncating(format, left.truncate, measureText) };
			}
		}
	}
	if (Object.keys(patch).length === 0) return first;
	yield;
	return Plot.plot({ ...options, ...patch });
}

let measurer: ((text: string) => number) | null = null;
const measureText = (text: string) =>
	(measurer ??= textMeasurer(`${FONT_SIZE}px ${FONT_FAMILY}`))(text);
/** Height of one line of axis text. */
const LINE = Math.ceil(FONT_SIZE * 1.25);
/** Plot's tick length 6 + tick padding 3 below the axis. */
const TICK_DEPTH = 9;

function timeFormat(
	locale: string,
	type: string,
	axis: unknown,
	k: 'x' | 'y'
): ReturnType<typeof localeTimeTickFormat> {
	const anchor =
		axis === 'top' || axis === 'right' || axis === 'left' || axis === 'bottom'
			? axis
			: k === 'x'
				? 'bottom'
				: 'left';
	return localeTimeTickFormat(locale, { utc: type !== 'time', anchor });
}

/** A spec's declared time scales without a tick format get locale ticks before the first render. */
function withTimeTicks(spec: Plot.PlotOptions, locale: string): Plot.PlotOptions {
	const out = { ...spec };
	for (const k of ['x', 'y'] as const) {
		const scale = spec[k];
		const type = scale?.type;
		if (scale && scale.tickFormat === undefined && (type === 'utc' || type === 'time')) {
			out[k] = { ...scale, tickFormat: timeFormat(locale, type, scale.axis, k) };
		}
	}
	return out;
}

/**
 * The bottom margin that fits the x tick labels (two lines on a time axis: month over year) and
 * puts an x-axis label on a line of its own below them; null when Plot's default suffices.
 */
function xLabelMargin(spec: Plot.PlotOptions, plot: SVGSVGElement | HTMLElement): number | null {
	if (spec.marginBottom !== undefined || spec.margin !== undefined) return null;
	if (spec.x?.labelOffset !== undefined) return null;
	const axis = spec.x?.axis;
	if (axis === 'top' || axis === null || axis === false) return null;
	const ticks = [...plot.querySelectorAll('g[aria-label="x-axis tick label"] text')];
	if (ticks.length === 0) return null;
	const lines = Math.max(1, ...ticks.map((t) => t.querySelectorAll('tspan').length));
	const label = plot.querySelector('g[aria-label="x-axis label"] text') !== null;
	const needed = TICK_DEPTH + lines * LINE + (label ? 4 + LINE : 2);
	return needed > PLOT_DEFAULT_MARGIN_BOTTOM ? needed : null;
}

/** The left margin the y tick labels (and a rotated y title) need; null when Plot's fits. */
function leftMargin(
	spec: Plot.PlotOptions,
	plot: ReturnType<typeof Plot.plot>,
	width: number
): { marginLeft: number; truncate: number | null } | null {
	const yAxis = spec.y?.axis;
	if (spec.marginLeft !== undefined || spec.margin !== undefined) return null;
	if (yAxis === null || yAxis === 'right') return null;
	const labels = [...plot.querySelectorAll('g[aria-label="y-axis tick label"] text')].map(
		(t) => t.textContent ?? ''
	);
	if (labels.length === 0) return null;
	// A band scale's title is turned on its side at the far left: it needs a line of its own.
	const title = plot.querySelector('g[aria-label="y-axis label"] text');
	const rotated = /rotate/.test(title?.getAttribute('transform') ?? '') ? LINE + 4 : 0;
	const needed = Math.ceil(Math.max(...labels.map(measureText))) + TICK_ALLOWANCE + rotated;
	if (needed <= PLOT_DEFAULT_MARGIN_LEFT) return null;
	const cap = Math.round(Math.min(260, width * 0.35));
	const marginLeft = Math.min(needed, cap);
	const type = plot.scale('y')?.type;
	const ordinal = type === 'band' || type === 'point' || type === 'ordinal';
	const truncate =
		needed > cap && ordinal && typeof spec.y?.tickFormat !== 'string'
			? cap - TICK_ALLOWANCE - rotated
			: null;
	return { marginLeft, truncate };
}

type TickFormat = ((d: unknown, i: number) => unknown) | null | undefined;

function truncating(
	format: TickFormat,
	maxWidth: number,
	measure: (text: string) => number
): (d: unknown, i: number) => string {
	return (d, i) => {
		const text = String(typeof format === 'function' ? format(d, i) : d);
		if (measure(text) <= maxWidth) return text;
		const chars = [...text];
		while (chars.length > 1 && measure(chars.join('') + '…') > maxWidth) chars.pop();
		return chars.join('') + '…';
	};
}
