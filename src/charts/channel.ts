// Channels that name themselves in the tip. A channel's tip label falls back to its scale's label
// and then to its field name: a category axis drawn without a title ('item', 'label', 'name')
// showed that English field name in the tip of every language.
import * as Plot from '@observablehq/plot';

/**
 * A data field as a mark channel labelled `label` in the tip. A {transform, label} channel, not
 * {value, label}: the stack transform of barX/barY reads its band channel with valueof, which
 * takes a transform but not a {value} object.
 */
export function namedField(field: string, label: string): Plot.ChannelTransform {
	return { transform: (data) => Plot.valueof(data, field) ?? [], label };
}
