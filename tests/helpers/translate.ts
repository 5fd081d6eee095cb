// A message catalogue as the page's i18n.t uses it, for tests that check both languages' texts.
import { interpolate, type Params } from '../../src/i18n/i18n.svelte';

/** t(key, params) over one catalogue; an unknown key comes back as itself. */
export function translator(catalogue: Record<string, string>) {
	return (key: string, params: Params = {}) => interpolate(catalogue[key] ?? key, params);
}
