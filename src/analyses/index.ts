/**
 * The registry: every dashboard analysis, in display order. Adding an analysis is one folder
 * (src/analyses/<id>/, see the README's "Adding an analysis") and one line here.
 */
import type { AnalysisModule } from './types';
import { overview } from './overview';
import { rfm } from './rfm';
import { cohort } from './cohort';
import { lifecycle } from './lifecycle';
import { breakdown } from './breakdown';
import { concentration } from './concentration';
import { cycle } from './cycle';
import { clv } from './clv';
import { basket } from './basket';
import { loyalty } from './loyalty';
import { feedback } from './feedback';
import { audience } from './audience';

export const ANALYSES: readonly AnalysisModule[] = [
	overview,
	rfm,
	cohort,
	lifecycle,
	breakdown,
	concentration,
	cycle,
	clv,
	basket,
	loyalty,
	feedback,
	audience
];
