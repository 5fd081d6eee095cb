import type { Page } from 'playwright-core';

export interface SvgInfo {
	/** Parsed without an XML error, root is <svg> in the SVG namespace. */
	valid: boolean;
	error: string;
	width: number;
	height: number;
	/** Text of every <text> element, in document order. */
	texts: string[];
	/** fill of the first child element (the background). */
	background: string | null;
	hasStyleElement: boolean;
}

/** Parses an SVG document with the browser's XML parser (strict: any error is reported). */
export async function inspectSvg(page: Page, text: string): Promise<SvgInfo> {
	return page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? '';
		const root = doc.documentElement;
		return {
			valid:
				error === '' &&
				root.localName === 'svg' &&
				root.namespaceURI === 'http://www.w3.org/2000/svg',
			error,
			width: Number(root.getAttribute('width')),
			height: Number(root.getAttribute('height')),
			texts: [...root.getElementsByTagName('text')].map((t) => t.textContent ?? ''),
			background: root.firstElementChild?.getAttribute('fill') ?? null,
			hasStyleElement: root.getElementsByTagName('style').length > 0
		};
	}, text);
}
