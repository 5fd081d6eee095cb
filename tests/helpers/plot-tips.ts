// Plot's tips as a reader sees them, in jsdom: the pointer swept across a plot and the tip's lines
// read back as (name, value), with labels that mark every key a chart translates.
import * as Plot from '@observablehq/plot';

/** Marks a translated label. */
export const MARK = '译';

/** Labels that translate any key to MARK + key, recording the keys asked for. */
export function markedLabels(): { labels: Record<string, string>; asked: Set<string> } {
	const asked = new Set<string>();
	const labels = new Proxy({} as Record<string, string>, {
		get: (_, key) => {
			asked.add(String(key));
			return `${MARK}${String(key)}`;
		}
	});
	return { labels, asked };
}

export interface TipLine {
	label: string;
	value: string;
}

/**
 * jsdom has no layout: the tip measures its text after rendering, and a faceted plot's pointer
 * waits for an animation frame before it draws. Call once (beforeAll) in a jsdom test file.
 */
export function stubTipLayout(): void {
	const proto = SVGElement.prototype as unknown as { getBBox: () => DOMRect };
	proto.getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
	window.requestAnimationFrame = (callback: FrameRequestCallback) => {
		callback(0);
		return 0;
	};
}

/** Every tip line shown while the pointer sweeps the plot in 8 px steps. */
export function hoverTips(spec: Plot.PlotOptions): TipLine[] {
	// No colour legend: jsdom has no canvas for a ramp (render.test.ts withoutRamp).
	const color = spec.color ? { ...spec.color, legend: false } : undefined;
	const plot = Plot.plot({ ...spec, color }) as unknown as Element;
	const svg = plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector(':scope > svg');
	if (!svg) throw new Error('no plot svg');
	const lines = new Map<string, TipLine>();
	const [w, h] = [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))];
	for (let x = 0; x < w; x += 8) {
		for (let y = 0; y < h; y += 8) {
			const event = new PointerEvent('pointermove', { clientX: x, clientY: y });
			svg.dispatchEvent(event);
			for (const line of svg.querySelectorAll('g[aria-label="tip"] text > tspan')) {
				const label = line.querySelector('tspan[font-weight="bold"]')?.textContent ?? '';
				const value = [...line.childNodes]
					.filter((n) => n.nodeType === Node.TEXT_NODE)
					.map((n) => n.textContent ?? '')
					.join('')
					.replace('\u200b', '')
					.trim();
				lines.set(`${label}\u0000${value}`, { label, value });
			}
		}
	}
	return [...lines.values()];
}
