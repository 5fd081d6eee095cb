// A chart figure (from charts/render.ts) as one standalone SVG document: white background, title
// and subtitle, legends (Plot's HTML swatches redrawn as SVG rects/symbols and text), the plot
// and the source note. Computed fonts and colours are inlined so the file looks the same in a
// slide deck or an image viewer. The figure must be laid out, so a detached one is attached
// off-screen while it is measured.
import { FIGURE_PADDING, PLOT_CLASS, textMeasurer } from '../charts/frame';
import { xmlSafe } from './xml';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = FIGURE_PADDING;
const GAP = 8;
const TEXT_STYLE = ['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant'];
const PRESENTATION = ['fill', 'font-family', 'font-size', 'font-variant', 'text-anchor', 'stroke'];

/**
 * The figure as SVG text. Characters XML forbids are removed from the serialised text as a whole,
 * the one place every string passes through — titles, notes, tick and legend labels, <title>
 * tips, aria-labels, whether they come from data, a notebook chart or our messages — so no
 * chart's text path can be missed (the figure on screen, HTML, keeps them).
 */
export function chartToSvg(figure: HTMLElement): string {
	const svg = whileLaidOut(figure, () => new XMLSerializer().serializeToString(buildSvg(figure)));
	return xmlSafe(svg);
}

function whileLaidOut<T>(el: HTMLElement, fn: () => T): T {
	if (el.isConnected) return fn();
	const host = document.createElement('div');
	host.style.cssText = 'position:absolute;left:-100000px;top:0;visibility:hidden';
	const parent = el.parentNode;
	const next = el.nextSibling;
	host.append(el);
	document.body.append(host);
	try {
		return fn();
	} finally {
		if (parent) parent.insertBefore(el, next);
		else el.remove();
		host.remove();
	}
}

function svgEl<K extends keyof SVGElementTagNameMap>(
	tag: K,
	attrs: Record<string, string | number>
): SVGElementTagNameMap[K] {
	const el = document.createElementNS(SVG_NS, tag);
	for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
	return el;
}

function buildSvg(figure: HTMLElement): SVGSVGElement {
	const plotHost = figure.querySelector<HTMLElement>('.chart-plot');
	const output = plotHost?.firstElementChild;
	if (!output) throw new Error('chartToSvg: not a figure from renderChart (no .chart-plot)');
	const parts = output instanceof SVGSVGElement ? [output] : [...output.children];
	const mainPlot = parts.find(
		(p): p is SVGSVGElement => p instanceof SVGSVGElement && p.classList.contains(PLOT_CLASS)
	);
	const plotWidth = Number(mainPlot?.getAttribute('width') ?? 0);
	// The figure's own size (its padding is the SVG's margin), unless CSS squeezed the figure.
	const width = Math.ceil(Math.max(plotWidth + 2 * PAD, figure.getBoundingClientRect().width));

	const root = svgEl('svg', { width, height: 0, viewBox: `0 0 ${width} 0` });
	const figureStyle = getComputedStyle(figure);
	root.setAttribute('color', figureStyle.color);
	if (figure.lang) root.setAttribute('xml:lang', figure.lang);
	const background = svgEl('rect', { x: 0, y: 0, width, height: 0, fill: 'white' });
	root.append(background);

	let y = PAD;
	for (const cls of ['chart-title', 'chart-subtitle']) {
		const el = figure.querySelector<HTMLElement>(`:scope > .${cls}`);
		if (el) y = appendTextBlock(root, el, y, width - 2 * PAD) + GAP;
	}
	for (const part of parts) {
		if (part instanceof SVGSVGElement) {
			root.append(inlinePlotSvg(part, PAD + offsetLeft(part, plotHost), y));
			y += Number(part.getAttribute('height') ?? part.getBoundingClientRect().height) + GAP;
		} else if (part instanceof HTMLElement && part.classList.contains(`${PLOT_CLASS}-swatches`)) {
			y = appendSwatches(root, part, PAD + offsetLeft(part, plotHost), y) + GAP;
		}
	}
	const note = figure.querySelector<HTMLElement>(':scope > .chart-note');
	if (note) y = appendTextBlock(root, note, y, width - 2 * PAD);
	const height = Math.ceil(y + PAD);
	root.setAttribute('height', String(height));
	root.setAttribute('viewBox', `0 0 ${width} ${height}`);
	background.setAttribute('height', String(height));
	return root;
}

function offsetLeft(el: Element, container: HTMLElement): number {
	return Math.max(0, el.getBoundingClientRect().left - container.getBoundingClientRect().left);
}

/** Text of an HTML block, wrapped to `maxWidth` in its computed font; returns the new y. */
function appendTextBlock(root: SVGSVGElement, el: HTMLElement, top: number, maxWidth: number) {
	const style = getComputedStyle(el);
	const size = Number.parseFloat(style.fontSize) || 12;
	const font = `${style.fontStyle} ${style.fontWeight} ${size}px ${style.fontFamily}`;
	const lines = wrapText(el.textContent ?? '', textMeasurer(font), maxWidth);
	const lineHeight = Math.round(size * 1.3);
	let y = top;
	for (const line of lines) {
		const text = svgEl('text', { x: PAD, y: y + Math.round(size * 0.95), fill: style.color });
		copyStyle(text, style, TEXT_STYLE);
		text.setAttribute('xml:space', 'preserve');
		text.textContent = line;
		root.append(text);
		y += lineHeight;
	}
	return y;
}

function wrapText(text: string, measure: (s: string) => number, maxWidth: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		// Break at spaces, and between CJK characters, which have no spaces.
		const tokens = paragraph.match(
			/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]+|\s+/g
		) ?? [''];
		let line = '';
		for (const token of tokens) {
			if (line !== '' && measure((line + token).trimEnd()) > maxWidth) {
				lines.push(line.trimEnd());
				line = token.trimStart();
			} else line += token;
		}
		lines.push(line.trimEnd());
	}
	return lines;
}

function copyStyle(target: Element, style: CSSStyleDeclaration, props: string[]): void {
	for (const prop of props) {
		const value = style.getPropertyValue(prop);
		if (value) target.setAttribute(prop, value);
	}
}

/**
 * A Plot <svg> (plot or ramp legend) as a translated <g>: Plot's stylesheet is dropped (its rules
 * are page layout), its root attributes are kept, currentColor and fonts are resolved to
 * computed values, and hover tips are removed.
 */
function inlinePlotSvg(svg: SVGSVGElement, x: number, y: number): SVGGElement {
	const g = svgEl('g', { transform: `translate(${x},${y})` });
	for (const name of PRESENTATION) {
		const value = svg.getAttribute(name);
		if (value !== null) g.setAttribute(name, value);
	}
	const rootStyle = getComputedStyle(svg);
	copyStyle(g, rootStyle, ['font-family', 'font-size']);
	g.setAttribute('color', rootStyle.color);
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const originals = [...svg.querySelectorAll('*')];
	const copies = [...clone.querySelectorAll('*')];
	originals.forEach((orig, i) => {
		const copy = copies[i];
		if (!copy) return;
		const style = getComputedStyle(orig);
		for (const prop of ['fill', 'stroke']) {
			if (copy.getAttribute(prop) === 'currentColor')
				copy.setAttribute(prop, style.getPropertyValue(prop));
		}
		// By name, not instanceof SVGTextElement: same test in a browser, and jsdom (the unit
		// tests' DOM) has no SVGTextElement class.
		if (orig.localName === 'text' || orig.localName === 'tspan') {
			copyStyle(copy, style, TEXT_STYLE);
			copy.setAttribute('xml:space', 'preserve');
		}
	});
	for (const el of clone.querySelectorAll('style, [aria-label="tip"]')) el.remove();
	g.append(...clone.childNodes);
	return g;
}

/** Plot's HTML swatch legend as SVG, keeping the on-screen positions; returns the new y. */
function appendSwatches(root: SVGSVGElement, legend: HTMLElement, x: number, top: number): number {
	const box = legend.getBoundingClientRect();
	const g = svgEl('g', { transform: `translate(${x},${top})` });
	const style = getComputedStyle(legend);
	for (const swatch of legend.querySelectorAll<HTMLElement>(`.${PLOT_CLASS}-swatch`)) {
		const icon = swatch.querySelector('svg');
		const label = (swatch.textContent ?? '').trim();
		let textLeft = swatch.getBoundingClientRect().left - box.left;
		if (icon) {
			const r = icon.getBoundingClientRect();
			const copy = icon.cloneNode(true) as SVGSVGElement;
			copy.setAttribute('x', String(r.left - box.left));
			copy.setAttribute('y', String(r.top - box.top));
			copy.setAttribute('width', String(r.width));
			copy.setAttribute('height', String(r.height));
			copy.setAttribute('overflow', 'visible');
			copy.removeAttribute('style');
			g.append(copy);
			textLeft = r.right - box.left + (Number.parseFloat(getComputedStyle(icon).marginRight) || 0);
		}
		const sr = swatch.getBoundingClientRect();
		const text = svgEl('text', {
			x: textLeft,
			y: sr.top - box.top + sr.height / 2,
			dy: '0.35em',
			fill: getComputedStyle(swatch).color
		});
		copyStyle(text, style, TEXT_STYLE);
		text.textContent = label;
		g.append(text);
	}
	root.append(g);
	return top + box.height;
}
