/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
	/** Set by `npm start`: load the bundled sample when the page opens without ?data=. */
	readonly VITE_AUTOLOAD_SAMPLE?: string;
}
