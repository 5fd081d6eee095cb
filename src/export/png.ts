// PNG of a chart: the standalone SVG from chartToSvg drawn into a canvas at `scale`× through an
// <img> on a blob: URL (allowed by the CSP's img-src blob:).
import { chartToSvg } from './svg';

export async function chartToPng(figure: HTMLElement, scale = 2): Promise<Blob> {
	return svgToPng(chartToSvg(figure), scale);
}

/** Rasterise an SVG document whose root has integer width/height in CSS pixels. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
	const root = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
	const width = Number(root.getAttribute('width'));
	const height = Number(root.getAttribute('height'));
	if (!(width > 0 && height > 0)) throw new Error('svgToPng: the SVG has no width/height');
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image(width, height);
		img.src = url;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('svgToPng: no 2D canvas context');
		ctx.fillStyle = 'white';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new Error('svgToPng: encoding failed'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
