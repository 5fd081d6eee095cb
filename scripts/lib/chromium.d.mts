// Types for the parts of chromium.mjs that the TypeScript browser tests import.

/** Debian's Chromium (CHROMIUM_PATH overrides). */
export const CHROMIUM: string;
/** The launch flags every script and browser test uses. */
export const CHROMIUM_ARGS: readonly string[];
