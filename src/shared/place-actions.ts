import { z } from 'zod';
import type { Role } from './roles';
import { line, multiline } from './text';
import { containsIdentityNumber } from './field-reports';
import { addDays, isoWeekOf, isValidIsoWeek, mondayOfIsoWeek } from './stockholm-time';
import { figureSchema } from './lagesbild';

/**
 * Place actions (åtgärder), the yearly action plan (åtgärdsplan) and its reviews, issue 14 §3: the
 * contract between the API and the web. An action is about a place, an area or a hot-spot cell,
 * never about a person, so its description refuses anything shaped like a personnummer.
 */

export const ACTION_KINDS = ['belysning', 'rojning', 'narvaro', 'samtal_butiksagare', 'annat'] as const;
export const ACTION_STATUSES = ['planerad', 'pagar', 'genomford', 'avbruten'] as const;
export const PLAN_STATUSES = ['utkast', 'antagen'] as const;
export const REVIEW_KINDS = ['kvartal', 'ar'] as const;

export const ACTION_KIND_NAMES: Record<(typeof ACTION_KINDS)[number], { sv: string; en: string }> = {
  belysning: { sv: 'Belysning', en: 'Lighting' },
  rojning: { sv: 'Röjning av buskage', en: 'Clearing bushes' },
  narvaro: { sv: 'Extra närvaro', en: 'Extra presence' },
  samtal_butiksagare: { sv: 'Samtal med butiksägare', en: 'Talk with a shop owner' },
  annat: { sv: 'Annat', en: 'Other' },
};
export const ACTION_STATUS_NAMES: Record<(typeof ACTION_STATUSES)[number], { sv: string; en: string }> = {
  planerad: { sv: 'Planerad', en: 'Planned' },
  pagar: { sv: 'Pågår', en: 'In progress' },
  genomford: { sv: 'Genomförd', en: 'Done' },
  avbruten: { sv: 'Avbruten', en: 'Cancelled' },
};

/** Who decides actions and keeps the plan: the EST group's leads (as for the weekly lägesbild). */
export const ACTION_DECIDER_ROLES = ['koordinator', 'est_rapportor'] as const satisfies readonly Role[];
/** The log reviewer's work is the logs, not the places. */
export const ACTION_NO_READ_ROLES = ['loggranskare'] as const satisfies readonly Role[];

/** Shown with every effect, in the API and the UI: a before/after count is not proof that the action worked. */
export const EFFECT_CAVEAT = {
  sv: 'Jämförelsen visar händelser före och efter åtgärden. Den är inte ett bevis för att åtgärden orsakade förändringen: andra saker (årstid, andra insatser, hur mycket som rapporteras) kan förklara skillnaden.',
  en: 'The comparison shows events before and after the action. It is not proof that the action caused the change: other things (season, other efforts, how much is reported) may explain the difference.',
} as const;

export const IDENTITY_NUMBER_IN_ACTION_MESSAGE = 'identity_number_in_event';
const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const isoWeek = z.string().refine(isValidIsoWeek, { message: 'invalid_week' });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const placeActionInputSchema = z
  .strictObject({
    placeId: z.uuid().nullable().default(null),
    areaId: z.uuid().nullable().default(null),
    cell: z.string().regex(/^[0-9a-f]{15}$/).nullable().default(null),
    week: isoWeek,
    title: line().min(1).max(200).refine(noIdentityNumber, { message: IDENTITY_NUMBER_IN_ACTION_MESSAGE }),
    kind: z.enum(ACTION_KINDS),
    description: multiline().max(2000).nullable().default(null).refine(noIdentityNumber, { message: IDENTITY_NUMBER_IN_ACTION_MESSAGE }),
    ownerOrganisationId: z.uuid(),
    ownerMembershipId: z.uuid().nullable().default(null),
    ownerName: line().max(200).nullable().default(null),
    dueDate: localDate.nullable().default(null),
    planId: z.uuid().nullable().default(null),
  })
  .refine((v) => v.placeId !== null || v.areaId !== null || v.cell !== null, { message: 'place_or_area_required', path: ['placeId'] });
export type PlaceActionInput = z.infer<typeof placeActionInputSchema>;

export const placeActionStatusInputSchema = z.strictObject({ status: z.enum(ACTION_STATUSES) });

export const placeActionSchema = z.strictObject({
  id: z.string(),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  cell: z.string().nullable(),
  week: z.string(),
  title: z.string(),
  kind: z.enum(ACTION_KINDS),
  description: z.string().nullable(),
  ownerOrganisationId: z.string(),
  ownerOrganisationName: z.string().nullable(),
  ownerMembershipId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  planId: z.string().nullable(),
  decidedAt: z.string(),
  completedAt: z.string().nullable(),
  abilities: z.record(z.string(), z.boolean()),
});
export type PlaceAction = z.infer<typeof placeActionSchema>;

export const placeActionListQuerySchema = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  area: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  week: isoWeek.optional(),
});
export const placeActionListSchema = z.strictObject({ actions: z.array(placeActionSchema), abilities: z.record(z.string(), z.boolean()) });
export const actionIdParamsSchema = z.strictObject({ actionId: z.uuid() });

export const effectQuerySchema = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(26).default(6),
  /** Count from the decision (default) or the completion. */
  from: z.enum(['decided', 'completed']).default('decided'),
});
/** An action's effect as counted: verified events by category, N weeks before the pivot week and N after. */
export interface EffectCounts {
  actionId: string;
  weeks: number;
  from: 'decided' | 'completed';
  pivotWeek: string;
  categories: { code: string; before: number; after: number }[];
  totals: { before: number; after: number };
}

/**
 * The effect as the API gives it: every count a figure, so a reader who gets only suppressed figures (the
 * analyst) sees "< k" or "x" where the count is small, as on the week's page.
 */
export const effectSchema = z.strictObject({
  actionId: z.string(),
  weeks: z.number(),
  from: z.enum(['decided', 'completed']),
  pivotWeek: z.string(),
  /** Verified events by category, N weeks before the pivot week and N weeks from it. */
  categories: z.array(z.strictObject({ code: z.string(), before: figureSchema, after: figureSchema })),
  totals: z.strictObject({ before: figureSchema, after: figureSchema }),
  /** True when small counts are hidden (the reader gets suppressed figures only), with the tenant's k. */
  suppressed: z.boolean(),
  k: z.number().int(),
  caveat: z.strictObject({ sv: z.string(), en: z.string() }),
});
export type ActionEffect = z.infer<typeof effectSchema>;

export const prioritySchema = z.strictObject({
  category: line().min(1).max(100),
  areaId: z.uuid().nullable().default(null),
  reason: multiline().min(1).max(2000).refine(noIdentityNumber, { message: IDENTITY_NUMBER_IN_ACTION_MESSAGE }),
});
export const actionPlanInputSchema = z.strictObject({
  priorities: z.array(prioritySchema).max(30),
  followUp: multiline().max(4000).refine(noIdentityNumber, { message: IDENTITY_NUMBER_IN_ACTION_MESSAGE }),
});
export const planReviewInputSchema = z.strictObject({
  kind: z.enum(REVIEW_KINDS),
  period: z.string().regex(/^\d{4}(-Q[1-4])?$/),
  text: multiline().min(1).max(8000).refine(noIdentityNumber, { message: IDENTITY_NUMBER_IN_ACTION_MESSAGE }),
});
export const yearParamsSchema = z.strictObject({ year: z.coerce.number().int().min(2023).max(2100) });

export const actionPlanSchema = z.strictObject({
  id: z.string().nullable(),
  year: z.number(),
  priorities: z.array(z.strictObject({ category: z.string(), areaId: z.string().nullable(), reason: z.string() })),
  followUp: z.string(),
  status: z.enum(PLAN_STATUSES),
  adoptedAt: z.string().nullable(),
  actions: z.array(placeActionSchema),
  reviews: z.array(z.strictObject({ id: z.string(), kind: z.enum(REVIEW_KINDS), period: z.string(), text: z.string(), createdAt: z.string() })),
  abilities: z.record(z.string(), z.boolean()),
});
export type ActionPlan = z.infer<typeof actionPlanSchema>;

/** The ISO week `offset` weeks from `week`. */
export function shiftIsoWeek(week: string, offset: number): string {
  return isoWeekOf(addDays(mondayOfIsoWeek(week), offset * 7));
}
export const weekNumber = (week: string) => Number(week.slice(0, 4)) * 100 + Number(week.slice(6));
export const weekText = (value: number) => `${Math.floor(value / 100)}-W${String(value % 100).padStart(2, '0')}`;
