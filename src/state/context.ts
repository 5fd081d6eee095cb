import { createContext } from 'svelte';
import type { Session } from './session.svelte';
import type { I18n } from '../i18n/i18n.svelte';
import type { Dashboard } from './dashboard.svelte';

export interface AppContext {
	session: Session;
	i18n: I18n;
	dashboard: Dashboard;
}

export const [getApp, setApp] = createContext<AppContext>();
