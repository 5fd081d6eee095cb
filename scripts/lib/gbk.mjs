// A GBK encoder. Node ships a GBK decoder (with full ICU) but no encoder, so the inverse table is
// derived once by decoding every two-byte GBK code; ASCII passes through unchanged.

let table = null;

function inverseTable() {
	if (table) return table;
	const decoder = new TextDecoder('gbk', { fatal: true });
	table = new Map();
	const pair = new Uint8Array(2);
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			pair[0] = lead;
			pair[1] = trail;
			let ch;
			try {
				ch = decoder.decode(pair);
			} catch {
				continue;
			}
			if (ch.length === 1 && !table.has(ch)) table.set(ch, (lead << 8) | trail);
		}
	}
	return table;
}

/** Encodes text as GBK bytes; throws on a character GBK cannot represent. */
export function encodeGbk(text) {
	const map = inverseTable();
	const bytes = new Uint8Array(text.length * 2);
	let n = 0;
	for (const ch of text) {
		const c = ch.codePointAt(0);
		if (c < 0x80) {
			bytes[n++] = c;
			continue;
		}
		const code = map.get(ch);
		if (code === undefined) throw new Error(`not encodable in GBK: ${ch} (U+${c.toString(16)})`);
		bytes[n++] = code >> 8;
		bytes[n++] = code & 0xff;
	}
	return bytes.subarray(0, n);
}
