export function stagesSince(
	entries: readonly { name: string; startTime: number; duration: number }[],
	t0: number
): Record<string, number>;
