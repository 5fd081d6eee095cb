// "Copy PNG" (issue 20): a chart onto the clipboard as an image, for pasting into a slide or a
// chat. The ClipboardItem is made at once, inside the click, with the PNG still being drawn (a
// promise): Safari refuses a write that starts after an await, Chromium accepts both. Where the
// browser refuses (no Clipboard API, no permission, an insecure page), the PNG is downloaded.
import { downloadBlob } from './download';

export type CopyOutcome = 'copied' | 'downloaded';

/**
 * Copies the PNG `make` draws; on refusal downloads it as `filename`. Resolves with what happened,
 * rejects only when the PNG itself cannot be made.
 */
export async function copyPng(make: () => Promise<Blob>, filename: string): Promise<CopyOutcome> {
	const png = make();
	const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
	if (clipboard?.write && typeof ClipboardItem !== 'undefined') {
		try {
			await clipboard.write([new ClipboardItem({ 'image/png': png })]);
			return 'copied';
		} catch {
			// refused: fall through to the download, with the same PNG
		}
	}
	downloadBlob(await png, filename);
	return 'downloaded';
}
