// Save a Blob as a file from the browser: a temporary <a download> on a blob: URL.

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
const MAX_LENGTH = 120;

/**
 * A file name that every OS accepts: path separators, reserved and control characters become
 * '_', leading/trailing dots and spaces go, Windows device names are prefixed, the length is
 * capped while the extension is kept.
 */
export function sanitizeFilename(name: string, fallback = 'download'): string {
	let clean = name.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ');
	clean = clean.replace(/^[\s.]+|[\s.]+$/g, '');
	if (RESERVED.test(clean)) clean = `_${clean}`;
	if ([...clean].length > MAX_LENGTH) {
		const dot = clean.lastIndexOf('.');
		const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
		const stem = [...clean.slice(0, clean.length - ext.length)].slice(0, MAX_LENGTH - ext.length);
		clean = stem.join('').replace(/[\s.]+$/, '') + ext;
	}
	return clean === '' || /^_+$/.test(clean) ? fallback : clean;
}

/** Starts a download of `blob` named `filename` (sanitised). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = sanitizeFilename(filename);
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	try {
		a.click();
	} finally {
		a.remove();
		// The browser resolves the URL when the click starts the download; give slow
		// download managers time before the Blob is released.
		setTimeout(() => URL.revokeObjectURL(url), 30_000);
	}
}
