// A chart's SVG (chartToSvg, the same file as "Download SVG") made fit to sit inline in the report's
// HTML. The SVG is built by our code from Plot's output, its text escaped by XMLSerializer; still,
// what goes into a document a colleague opens is checked element by element here: anything that
// could run or fetch (script, foreignObject, iframe, image, use, animation, on* handlers, links)
// goes, so the report stays inert whatever a chart library might one day emit.
import { chartToSvg } from './svg';

const DROPPED = new Set([
	'script',
	'foreignobject',
	'iframe',
	'image',
	'use',
	'a',
	'animate',
	'set',
	'animatetransform',
	'animatemotion',
	'style'
]);

/** The figure's chart as inline SVG markup for the report (see cleanSvg). */
export function reportSvg(figure: HTMLElement): string {
	return cleanSvg(chartToSvg(figure));
}

/**
 * `svgText` (a standalone SVG document) as markup to inline in HTML: a viewBox so it scales to the
 * page, no namespace declarations (HTML gives them), nothing active or external.
 */
export function cleanSvg(svgText: string): string {
	const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
	const root = doc.documentElement;
	if (root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
		throw new Error('cleanSvg: not an SVG document');
	}
	for (const el of Array.from(root.querySelectorAll('*'))) {
		if (DROPPED.has(el.localName.toLowerCase())) {
			el.remove();
			continue;
		}
		scrub(el);
	}
	scrub(root);
	const width = root.getAttribute('width');
	const height = root.getAttribute('height');
	if (!root.hasAttribute('viewBox') && Number(width) > 0 && Number(height) > 0) {
		root.setAttribute('viewBox', `0 0 ${width} ${height}`);
	}
	const text = new XMLSerializer().serializeToString(root);
	// The namespace declarations (on the root's start tag only) name w3.org: the only URLs in an
	// SVG, and HTML needs none. Attribute values are escaped, so the first '>' ends that tag.
	const end = text.indexOf('>');
	return text.slice(0, end).replace(/\s+xmlns(?::\w+)?="[^"]*"/g, '') + text.slice(end);
}

function scrub(el: Element): void {
	for (const attr of Array.from(el.attributes)) {
		const name = attr.name.toLowerCase();
		const value = attr.value.trim().toLowerCase();
		if (
			name.startsWith('on') ||
			name === 'href' ||
			name.endsWith(':href') ||
			name === 'src' ||
			(name === 'style' && value.includes('url(')) ||
			value.startsWith('javascript:') ||
			/url\(\s*['"]?(?!#)/.test(value)
		) {
			el.removeAttribute(attr.name);
		}
	}
}
