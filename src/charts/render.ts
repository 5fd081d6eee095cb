// The only caller of Plot.plot() (DESIGN.md §2, layer 4). Wraps the plot in a <figure> with a title
// and a source note, applies house defaults and widens the left margin to fit the y tick labels.
// All text goes in through textContent: file contents are data, never HTML.
import * as Plot from '@observablehq/plot';
import { FIGURE_PADDING, FONT_SIZE, PLOT_CLASS, textMeasurer } from './frame';

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
/** Tick length 6 + padding 3 (Plot's defaults) + a little air. */
const TICK_ALLOWANCE = 12;

export function renderChart(spec: Plot.PlotOptions, opts: RenderOptions): HTMLElement {
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
	plotHost.append(plotWithMargins(spec, Math.max(100, opts.width - 2 * FIGURE_PADDING)));
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
 * Renders once, measures the y tick labels Plot produced and, unless the spec fixes the margin,
 * renders again with a left margin wide enough for them (capped; ordinal labels beyond the cap
 * are shortened with an ellipsis rather than clipped).
 */
function plotWithMargins(spec: Plot.PlotOptions, width: number): SVGSVGElement | HTMLElement {
	const options = withDefaults(spec, width);
	const first = Plot.plot(options);
	const yAxis = spec.y?.axis;
	if (spec.marginLeft !== undefined || spec.margin !== undefined) return first;
	if (yAxis === null || yAxis === 'right') return first;
	const labels = [...first.querySelectorAll('g[aria-label="y-axis tick label"] text')].map(
		(t) => t.textContent ?? ''
	);
	if (labels.length === 0) return first;
	const measure = textMeasurer(`${FONT_SIZE}px ${FONT_FAMILY}`);
	const needed = Math.ceil(Math.max(...labels.map(measure))) + TICK_ALLOWANCE;
	if (needed <= PLOT_DEFAULT_MARGIN_LEFT) return first;
	const cap = Math.round(Math.min(260, width * 0.35));
	const marginLeft = Math.min(needed, cap);
	const type = first.scale('y')?.type;
	const ordinal = type === 'band' || type === 'point' || type === 'ordinal';
	const tickFormat = spec.y?.tickFormat;
	const y =
		needed > cap && ordinal && typeof tickFormat !== 'string'
			? { ...spec.y, tickFormat: truncating(tickFormat, cap - TICK_ALLOWANCE, measure) }
			: spec.y;
	return Plot.plot({ ...options, marginLeft, y });
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
