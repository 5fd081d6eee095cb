import { createContext } from 'svelte';
import type { Session } from './session.svelte';
import type { I18n } from '../i18n/i18n.svelte';
import type { Dashboard } from './dashboard.svelte';
import type { Scope } from '../core/scope';

export interface AppContext {
	session: Session;
	i18n: I18n;
	dashboard: Dashboard;
	/** Open an analysis's exact SQL as notebook cells (one per named query) and show the notebook. */
	openInNotebook: (analysisId: string) => void;
	/** Open customer `id`'s profile (src/analyses/customer/), over whatever view is shown. */
	openCustomer: (id: string) => void;
	/** The scope every analysis runs on now (state/scope.ts), or null before a data set is ready. */
	scope: () => Scope | null;
}

export const [getApp, setApp] = createContext<AppContext>();
