import { z } from 'zod';
import {
  concernCategorySchema,
  concernDecisionSchema,
  concernStatusSchema,
  guardiansKnowSchema,
  placeEventTypeSchema,
  reporterOrganisationTypeSchema,
  reporterRoleSchema,
} from './concerns';
import { concernContactSchema } from './concerns-admin';
import { publicLine, publicMultiline, token } from './text';

/**
 * The public API of the concern channel: no sign-in. An association's own web site may call it too.
 * Every body names its tenant by slug, since one deployment can serve several municipalities.
 *
 * Anti-abuse fields on every submission:
 * - `formToken`: from GET /api/public/form-token, at least `formMinSeconds` old and at most a day.
 * - `website`: a honeypot. Hide it from people (off-screen, `aria-hidden`, `tabindex=-1`,
 *   `autocomplete="off"`) and send it empty.
 */

/** Public form languages; the intake knows which language to answer in. */
export const FORM_LANGUAGES = ['sv', 'en', 'ar', 'so', 'fa'] as const;
export const formLanguageSchema = z.enum(FORM_LANGUAGES);

export const tenantSlugSchema = token().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const tenantSlugParamsSchema = z.object({ slug: tenantSlugSchema }).strict();

/**
 * Free text from the public (text.ts): bidirectional controls removed, other control characters
 * refused. `text` may run over several lines; `optionalLine` is one line, `optionalText` several.
 */
const text = (max: number) => publicMultiline().min(1).max(max);
/** Optional text; an empty or blank value counts as not given. */
const optionalText = (max: number) =>
  publicMultiline()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();
const optionalLine = (max: number) =>
  publicLine()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** A day, YYYY-MM-DD, not after tomorrow (the reporter's "today" may be ahead of the server's). */
export const pastDateSchema = z.iso.date().refine((value) => value <= new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10), {
  message: 'date_in_future',
});

/**
 * A report's submission id, optional: a UUID the form makes when it is first filled in, keeps until a
 * receipt is shown, and sends again on every retry. A submission the tenant already stored is not
 * stored again: it is answered with the first receipt (same code, same answer), so a report sent
 * again after a dropped connection does not become a duplicate. Keep it as secret as the receipt.
 */
export const submissionIdSchema = z.uuid();

const antiAbuseShape = {
  tenant: tenantSlugSchema,
  formToken: token().min(1).max(200),
  website: token().max(500).optional(),
  language: formLanguageSchema.optional(),
};

export const reporterContactSchema = z
  .object({
    name: optionalLine(200),
    phone: publicLine()
      .max(40)
      // A refinement, not .regex(): only custom issues carry our own message id.
      .refine((value) => /^$|^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' })
      .transform((value) => (value === '' ? undefined : value))
      .optional(),
    email: publicLine()
      .max(254)
      .refine((value) => value === '' || z.email().safeParse(value).success, { message: 'invalid_format' })
      .transform((value) => (value === '' ? undefined : value))
      .optional(),
  })
  .strict();
export type ReporterContact = z.infer<typeof reporterContactSchema>;

export const reporterSchema = z
  .object({
    role: reporterRoleSchema,
    /** förening: one of the tenant's associations (GET /api/public/tenants/:slug) ... */
    associationId: z.uuid().optional(),
    /** ... or its name, typed. */
    associationName: optionalLine(200),
    /** yrkesperson: the kind of organisation (drives the duty to report) and its name. */
    organisationType: reporterOrganisationTypeSchema.optional(),
    organisationName: optionalLine(200),
    /** Optional for the public (anonymous reports are possible); a professional must give a name and a phone or e-mail. */
    contact: reporterContactSchema.optional(),
  })
  .strict()
  .superRefine((reporter, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (reporter.role === 'forening') {
      if (!reporter.associationId && !reporter.associationName) issue('associationName', 'association_required');
    } else {
      if (reporter.associationId) issue('associationId', 'not_for_reporter_role');
      if (reporter.associationName) issue('associationName', 'not_for_reporter_role');
    }
    if (reporter.role === 'yrkesperson') {
      if (!reporter.organisationType) issue('organisationType', 'required');
      if (!reporter.organisationName) issue('organisationName', 'required');
      const contact = reporter.contact;
      if (!contact?.name || (!contact.phone && !contact.email)) issue('contact', 'contact_required_for_professional');
    } else {
      if (reporter.organisationType) issue('organisationType', 'not_for_reporter_role');
      if (reporter.organisationName) issue('organisationName', 'not_for_reporter_role');
    }
  });
export type ReporterInput = z.infer<typeof reporterSchema>;

export const concernSubjectSchema = z
  .object({
    name: optionalLine(200),
    approximateAge: z.number().int().min(0).max(25).optional(),
    school: optionalLine(200),
    whereSeen: optionalText(500),
  })
  .strict();
export type ConcernSubject = z.infer<typeof concernSubjectSchema>;

/** POST /api/public/concerns */
export const publicConcernInputSchema = z
  .object({
    ...antiAbuseShape,
    submissionId: submissionIdSchema.optional(),
    reporter: reporterSchema,
    subject: concernSubjectSchema.optional(),
    categories: z
      .array(concernCategorySchema)
      .min(1)
      .max(9)
      .refine((list) => new Set(list).size === list.length, { message: 'duplicate_values' }),
    description: text(5000),
    /** Where: free text for now; a later issue lets it point at an arena of the register. */
    place: optionalText(500),
    occurredOn: pastDateSchema.optional(),
    guardiansKnow: guardiansKnowSchema.default('vet_ej'),
  })
  .strict();
export type PublicConcernInput = z.infer<typeof publicConcernInputSchema>;

export const publicConcernReceiptSchema = z.object({
  /** XXXX-XXXX-XXXX. A bearer secret: shown once, never stored in readable form. */
  receiptCode: z.string(),
  /** The status page (the code is typed there, never put in a URL by us). */
  statusUrl: z.string(),
});

/** POST /api/public/place-reports: a place and an event, never a person. */
export const publicPlaceReportInputSchema = z
  .object({
    ...antiAbuseShape,
    submissionId: submissionIdSchema.optional(),
    place: text(500),
    occurredOn: pastDateSchema,
    /** HH:MM, local time. */
    occurredTime: token()
      .refine((value) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value), { message: 'invalid_time' })
      .optional(),
    eventType: placeEventTypeSchema,
    description: text(5000),
  })
  .strict();
export type PublicPlaceReportInput = z.infer<typeof publicPlaceReportInputSchema>;

export const publicPlaceReportReceiptSchema = z.object({ receiptCode: z.string() });

/** GET /api/public/concerns/:receiptCode (the code in any case, with or without dashes and spaces). */
export const receiptCodeParamsSchema = z.object({ receiptCode: token().max(64) }).strict();
/** POST /api/public/concerns/status: the same lookup with the code in the body, out of URLs and logs. */
export const receiptCodeBodySchema = z.object({ receiptCode: token().max(64) }).strict();

export const publicConcernStatusSchema = z.object({
  status: concernStatusSchema,
  updatedAt: z.string(),
  /** Only for a professional who reported under the duty to report, once decided. Nothing more, ever. */
  feedback: concernDecisionSchema.optional(),
});
export type PublicConcernStatus = z.infer<typeof publicConcernStatusSchema>;

/** GET /api/public/form-token */
export const formTokenSchema = z.object({
  token: z.string(),
  /** Submissions with this token are refused before this moment ... */
  notBefore: z.string(),
  /** ... and after this one: fetch a new token. */
  expiresAt: z.string(),
});
export type FormToken = z.infer<typeof formTokenSchema>;

/** GET /api/public/tenants: every tenant (municipality), for a form opened without `?tenant=`. */
export const publicTenantListSchema = z.object({ tenants: z.array(z.object({ slug: z.string(), name: z.string() })) });

/** GET /api/public/tenants/:slug: what the public form and the association page need to know. */
export const publicTenantSchema = z.object({
  slug: z.string(),
  name: z.string(),
  /** The tenant's active associations (organisations of type förening), for the reporter to choose from. */
  associations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Social services' own number, shown beside 112, 114 14 and BRIS. */
  socialServicesPhone: z.string().nullable(),
  /** Whom associations may turn to about the concern channel. */
  contact: concernContactSchema.nullable(),
  /** False when the tenant has no receiving organisation: the form must not be offered. */
  acceptsConcerns: z.boolean(),
  acceptsPlaceReports: z.boolean(),
  /** Seconds a form token must age before a submission is accepted. */
  formMinSeconds: z.number().int(),
});
export type PublicTenant = z.infer<typeof publicTenantSchema>;
