// The chart frame's constants and text measuring, without Plot: the SVG export needs them on the
// page's first load, while Plot itself arrives with the charts chunk (charts/load.ts).

/** Class given to Plot's output; legends get `${PLOT_CLASS}-swatches` / `${PLOT_CLASS}-ramp`. */
export const PLOT_CLASS = 'clientele-plot';

/** Figure padding in CSS pixels; the SVG export keeps the same frame. */
export const FIGURE_PADDING = 12;

/** Font size of the chart texts in CSS pixels. */
export const FONT_SIZE = 12;

/** Width of a text in a CSS font via canvas; a per-character estimate if canvas is missing. */
export function textMeasurer(font: string): (text: string) => number {
	const ctx = document.createElement('canvas').getContext('2d');
	if (ctx) {
		ctx.font = font;
		return (text) => ctx.measureText(text).width;
	}
	const size = Number.parseFloat(font.match(/([\d.]+)px/)?.[1] ?? `${FONT_SIZE}`);
	return (text) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * size, 0);
}
