import { z } from 'zod';
import { MAX_SUPPRESSION_K, MIN_SUPPRESSION_K } from './suppression';

/**
 * The tenant's lägesbild settings (issue 14 §4): the small-cell threshold k. Counts from 1 to k−1 are
 * shown as "< k" to the analyst, in shared PDFs and exports. Default 5, never below 3 (validateSuppressionK).
 */
export const lagesbildSettingsSchema = z.object({ suppressionK: z.int().min(MIN_SUPPRESSION_K).max(MAX_SUPPRESSION_K) }).strict();
export type LagesbildSettings = z.infer<typeof lagesbildSettingsSchema>;
