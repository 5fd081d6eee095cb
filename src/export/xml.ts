// Characters XML 1.0 forbids anywhere in a document, even written as &#…; references: C0
// controls other than tab, LF and CR, U+FFFE, U+FFFF and unpaired UTF-16 surrogates. Data can
// carry them (a category with a vertical tab or an ANSI escape), the browser's XMLSerializer
// writes them as they are, and a strict parser — an image viewer, or the <img> that draws our
// PNG — then refuses the whole file.

const FORBIDDEN =
	// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` without the characters XML 1.0 forbids. Safe on a whole serialised document: these
 * characters cannot be part of markup (names, delimiters), only of text and attribute values,
 * so removing them leaves every tag intact. Valid surrogate pairs (emoji, rare CJK) are kept.
 */
export function xmlSafe(text: string): string {
	return text.replace(FORBIDDEN, '');
}
