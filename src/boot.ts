/**
 * The page's start, apart from main.ts so that its order is tested (issue 22). The app's module
 * evaluation, its mount and the first layout of the mounted page ran in one task of 155–250 ms on
 * the empty page (a Chromium trace: module evaluation 35–57 ms, the mount 45–49 ms, style and
 * layout 60–70 ms, most of it the fresh renderer setting up its fonts). The mount now waits for a
 * task of its own: three tasks of at most 78–97 ms in the same trace.
 */
export async function boot(
	/** The message catalogue of the page's language (the first frame is in that language). */
	catalogue: () => Promise<unknown>,
	/** Gives the page's thread back: the module's evaluation task ends here. */
	yieldToMain: () => Promise<void>,
	mountApp: () => void
): Promise<void> {
	await catalogue();
	await yieldToMain();
	mountApp();
}
