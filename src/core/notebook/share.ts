/**
 * Share links: the notebook (cells, settings and column mapping — never data) as compact JSON,
 * deflated with the browser's CompressionStream('deflate-raw') and base64url-encoded into the
 * URL hash (`#nb=…`), so it never reaches a server. Reading one is as strict as opening a file:
 * the encoded text is capped, inflation stops as soon as it passes the file size limit (a small
 * link cannot expand into a huge document), and the JSON goes through parseNotebook.
 */
import { NotebookFileError, parseNotebook, serializeNotebook } from './file';
import { LIMITS, type NotebookDoc } from './model';

export const SHARE_PREFIX = '#nb=';
/** Links longer than this are refused when made (chat apps and mail clients cut long URLs). */
export const MAX_LINK_CHARS = 8000;
/** Encoded payloads longer than this are refused before anything is decoded. */
export const MAX_PAYLOAD_CHARS = 200_000;

/** The base64url payload of a notebook. */
export async function encodeShare(doc: NotebookDoc): Promise<string> {
	const bytes = new TextEncoder().encode(serializeNotebook(doc, undefined));
	const packed = await collect(
		new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
		Infinity
	);
	return toBase64Url(packed);
}

/** The share URL for a page at `base` (origin + path, e.g. a GitHub Pages sub-path). */
export function shareUrl(base: string, payload: string): string {
	return `${base.replace(/#.*$/, '')}${SHARE_PREFIX}${payload}`;
}

/** The payload in a location hash, or null when the hash is not a share link. */
export function sharePayload(hash: string): string | null {
	return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

/** The notebook in a payload; throws NotebookFileError ('badLink', 'tooLarge' or a file problem). */
export async function decodeShare(payload: string): Promise<NotebookDoc> {
	if (payload.length > MAX_PAYLOAD_CHARS) {
		throw new NotebookFileError(
			'tooLarge',
			`The link holds ${payload.length} characters; at most ${MAX_PAYLOAD_CHARS} are read.`,
			{ bytes: payload.length, limit: MAX_PAYLOAD_CHARS }
		);
	}
	const packed = fromBase64Url(payload);
	let bytes: Uint8Array;
	try {
		bytes = await collect(
			new Blob([packed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
			LIMITS.fileBytes
		);
	} catch (e) {
		if (e instanceof NotebookFileError) throw e;
		throw badLink('the compressed data is damaged');
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw badLink('the notebook text is not UTF-8');
	}
	return parseNotebook(text);
}

/** All bytes of a stream; stops reading and throws 'tooLarge' past `cap` bytes. */
async function collect(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > cap) {
			await reader.cancel().catch(() => undefined);
			throw new NotebookFileError(
				'tooLarge',
				`The link expands to more than ${cap} bytes; a notebook may have at most ${cap}.`,
				{ bytes: total, limit: cap }
			);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

function badLink(detail: string): NotebookFileError {
	return new NotebookFileError('badLink', `The share link is not valid: ${detail}.`, { detail });
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
		throw badLink('it contains characters that are not base64url');
	}
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
