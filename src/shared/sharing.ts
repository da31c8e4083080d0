import { z } from 'zod';
import { organisationTypeSchema } from './organisations';

/**
 * The vocabulary of the lawful-sharing guide: what kind of information, shared for what purpose,
 * under which consent state. The rules themselves are data in `sharing-rules.ts`; the engine that
 * applies them is `sharing-engine.ts`. Both the server (every disclosure) and the web client
 * ("Får vi dela?") use the same code.
 */

type Names = { sv: string; en: string };

/**
 * Categories of information. `samverkan` is the bare fact of the collaboration (that a case exists,
 * the team, the goals, the meetings): every consent that names an organisation covers it. The other
 * five are chosen one by one on the consent form. `polis` is information about crime (GDPR art. 10).
 */
export const INFORMATION_CATEGORIES = ['samverkan', 'skola', 'socialtjanst', 'polis', 'fritid', 'halsa'] as const;
export const informationCategorySchema = z.enum(INFORMATION_CATEGORIES);
export type InformationCategory = z.infer<typeof informationCategorySchema>;

/** The categories a consent form lets the signers choose (samverkan is always included). */
export const CONSENT_CATEGORIES = ['skola', 'socialtjanst', 'polis', 'fritid', 'halsa'] as const satisfies readonly InformationCategory[];
export const consentCategorySchema = z.enum(CONSENT_CATEGORIES);
export type ConsentCategory = z.infer<typeof consentCategorySchema>;

export const INFORMATION_CATEGORY_NAMES: Record<InformationCategory, Names> = {
  samverkan: { sv: 'Uppgifter om samverkan (ärende, team, mål, möten)', en: 'The collaboration itself (case, team, goals, meetings)' },
  skola: { sv: 'Skolsituation', en: 'School situation' },
  socialtjanst: { sv: 'Socialtjänstens bedömning', en: 'Social services’ assessment' },
  polis: { sv: 'Polisens uppgifter (brott)', en: 'Police information (crime)' },
  fritid: { sv: 'Fritid och föreningsliv', en: 'Leisure and associations' },
  halsa: { sv: 'Hälsa', en: 'Health' },
};

/**
 * What the sharing guide can be asked about: the categories of case information, plus aggregated
 * statistics (counts from the lägesbild). Aggregates are not case information, so they are not among
 * `INFORMATION_CATEGORIES` (no consent or mapping can name them).
 */
export const SHARING_CATEGORIES = [...INFORMATION_CATEGORIES, 'aggregerad_statistik', 'adress_vistelseort'] as const;
export const sharingCategorySchema = z.enum(SHARING_CATEGORIES);
export type SharingCategory = z.infer<typeof sharingCategorySchema>;
export const SHARING_CATEGORY_NAMES: Record<SharingCategory, Names> = {
  ...INFORMATION_CATEGORY_NAMES,
  aggregerad_statistik: { sv: 'Aggregerad statistik (antal, till exempel ur lägesbilden)', en: 'Aggregated statistics (counts, e.g. from the lägesbild)' },
  adress_vistelseort: { sv: 'Adress eller vistelseort', en: 'Address or whereabouts' },
};

/** Information about crime may, as a rule, be processed only by public authorities (GDPR art. 10). */
export function isCrimeData(category: SharingCategory, flaggedAsCrime = false): boolean {
  return category === 'polis' || flaggedAsCrime;
}

export const SHARING_PURPOSES = ['sspf_samverkan', 'forebygga_brott', 'utreda_brott', 'orosanmalan', 'lagesbild', 'mentorskap', 'bostadsutbyte'] as const;
export const sharingPurposeSchema = z.enum(SHARING_PURPOSES);
export type SharingPurpose = z.infer<typeof sharingPurposeSchema>;
export const SHARING_PURPOSE_NAMES: Record<SharingPurpose, Names> = {
  sspf_samverkan: { sv: 'Samverkan kring en ung person (SSPF, gemensam plan)', en: 'Collaboration around a young person (SSPF, joint plan)' },
  forebygga_brott: { sv: 'Förebygga att en ung person begår brott', en: 'Preventing a young person from committing crime' },
  utreda_brott: { sv: 'Utreda ett konkret misstänkt brott', en: 'Investigating a concrete suspected crime' },
  orosanmalan: { sv: 'Anmäla oro för ett barn till socialtjänsten', en: 'Reporting a concern about a child to social services' },
  lagesbild: { sv: 'Lägesbild över brott och otrygghet (lag 2023:196, EST)', en: 'Situational picture of crime and insecurity (Act 2023:196, EST)' },
  mentorskap: { sv: 'Mentorskap för en ung person', en: 'Mentorship for a young person' },
  bostadsutbyte: { sv: 'Bostadsutbyte mellan kommuner', en: 'Housing exchange between municipalities' },
};

/** The state of consent as it applies to one recipient and one category of information. */
export const CONSENT_STATES = ['none', 'in_scope', 'out_of_scope', 'withdrawn', 'expired'] as const;
export const consentStateSchema = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof consentStateSchema>;
export const CONSENT_STATE_NAMES: Record<ConsentState, Names> = {
  none: { sv: 'Inget samtycke', en: 'No consent' },
  in_scope: { sv: 'Samtycke som omfattar mottagaren och uppgiften', en: 'Consent covering the recipient and the information' },
  out_of_scope: { sv: 'Samtycke finns, men omfattar inte mottagaren eller uppgiften', en: 'Consent exists but does not cover the recipient or the information' },
  withdrawn: { sv: 'Samtycket har återkallats', en: 'Consent withdrawn' },
  expired: { sv: 'Samtycket har gått ut', en: 'Consent expired' },
};

const partySchema = z.object({ type: organisationTypeSchema, isAuthority: z.boolean() }).strict();

/** One question to the engine: may this information go from this organisation to that one? */
export const sharingQuestionSchema = z
  .object({
    from: partySchema,
    to: partySchema,
    personAge: z.int().min(0).max(130),
    category: sharingCategorySchema,
    purpose: sharingPurposeSchema,
    consent: consentStateSchema,
    /** The information is about crime even if its category is not `polis` (a note flagged as such). */
    crimeData: z.boolean().default(false),
    /** The person has sekretessmarkering or skyddad folkbokföring. */
    protectedIdentity: z.boolean().default(false),
    /** The coordinator has decided, explicitly and for this case, that sharing may go ahead despite protected identity. */
    coordinatorDecision: z.boolean().default(false),
    /**
     * For aggregated statistics: every published count is 0 or at least the tenant's k, after small-cell
     * suppression. False (the default) means some figure is below k, and the table counts as the data it was made from.
     */
    aggregatePassesThreshold: z.boolean().default(false),
    /** For aggregated statistics: the category of the underlying data the figures count. */
    aggregateOf: informationCategorySchema.optional(),
    /** The date the question is asked for (rules have dates of effect). Today when absent. */
    on: z.iso.date().optional(),
    /** OSL 10 kap. 18 a §: special circumstances suggest a risk that the young person will engage in crime. */
    riskOfCrime: z.boolean().default(false),
    /** OSL 10 kap. 18 a §: the information can be assumed to help prevent it. */
    canPrevent: z.boolean().default(false),
  })
  .strict();
export type SharingQuestion = z.input<typeof sharingQuestionSchema>;
export type ParsedSharingQuestion = z.output<typeof sharingQuestionSchema>;

export const legalSourceSchema = z.object({
  /** The statute's short name: OSL, SoL, GDPR, DSL, ... */
  law: z.string(),
  /** SFS number, or the EU regulation's number. */
  sfs: z.string(),
  /** Chapter and paragraph (or article) as it is cited: "12 kap. 2 §". */
  reference: z.string(),
});
export type LegalSource = z.infer<typeof legalSourceSchema>;

export const sharingAnswerSchema = z.object({
  allowed: z.boolean(),
  ruleId: z.string(),
  /** The legal basis as it is written into the audit event, e.g. "OSL 12 kap. 2 §". */
  basis: z.string(),
  explanationSv: z.string(),
  explanationEn: z.string(),
  source: legalSourceSchema,
  /** Every rule the engine looked at, in order, and whether it applied: the reasoning shown on "Får vi dela?". */
  considered: z.array(z.object({ ruleId: z.string(), effect: z.enum(['allow', 'deny', 'note']), applied: z.boolean() })),
  /** The decisive rule's version (content hash), null for `ingen_grund`: what a disclosure records. */
  ruleVersion: z.string().nullable().default(null),
  /** The decisive rule's source is not confirmed against the statute: the answer says so. */
  unconfirmed: z.boolean().default(false),
  /** Rules with effect "note" that applied: they never decide, they tell the user about a change in the law. */
  notes: z.array(z.object({ ruleId: z.string(), sv: z.string(), en: z.string(), unconfirmed: z.boolean() })).default([]),
  /** The tenant's legal review of the decisive rule; set by the server. */
  review: z
    .object({
      state: z.enum(['reviewed', 'not_reviewed', 'changed_since_review']),
      reviewedByName: z.string().nullable(),
      reviewedOn: z.string().nullable(),
    })
    .nullable()
    .default(null),
  /** What the consent facts amounted to, and why (set by the server when the question gave facts). */
  consentFinding: z.object({ state: consentStateSchema, reason: z.string(), sv: z.string(), en: z.string() }).nullable().default(null),
});
export type SharingAnswer = z.infer<typeof sharingAnswerSchema>;

/**
 * The consent as facts, the way "Får vi dela?" asks for it (issue 17 §1): who has consented, what the
 * consent covers, whether it was withdrawn and until when it is valid. The server works out the consent
 * state from them through the consent module, the same rules the SSPF case uses.
 */
export const consentFactsSchema = z
  .object({
    /** Whether there is any consent at all. */
    exists: z.boolean(),
    /** Each of the child's guardians (0–2), and whether that guardian has consented. */
    guardians: z.array(z.object({ consented: z.boolean() }).strict()).max(2).default([]),
    /** The young person's own consent. */
    youngPersonConsented: z.boolean().default(false),
    /** The consent names the receiving organisation. */
    coversRecipient: z.boolean().default(false),
    /** The consent covers this kind of information. */
    coversCategory: z.boolean().default(false),
    /** The consent covers this purpose. */
    coversPurpose: z.boolean().default(false),
    withdrawn: z.boolean().default(false),
    /** The last day the consent is valid; absent when the user does not know (then it is not taken as expired). */
    validTo: z.iso.date().optional(),
  })
  .strict();
export type ConsentFacts = z.input<typeof consentFactsSchema>;

/** The guide's question: the engine's question with the consent as facts instead of a conclusion. */
export const sharingGuideQuestionSchema = sharingQuestionSchema.omit({ consent: true }).extend({ consentFacts: consentFactsSchema }).strict();
export type SharingGuideQuestion = z.input<typeof sharingGuideQuestionSchema>;

/** Why the consent facts came to the state they did: shown with the answer. */
export const CONSENT_FINDING_REASONS = ['no_consent', 'nobody_can_consent', 'guardian_missing', 'young_person_missing', 'withdrawn', 'expired', 'not_covering', 'covers'] as const;
export type ConsentFindingReason = (typeof CONSENT_FINDING_REASONS)[number];
export const CONSENT_FINDING_TEXT: Record<ConsentFindingReason, Names> = {
  no_consent: { sv: 'Det finns inget samtycke.', en: 'There is no consent.' },
  nobody_can_consent: {
    sv: 'Barnet har ingen vårdnadshavare som kan samtycka och är under åldern då det egna samtycket räcker: ingen kan ge ett giltigt samtycke.',
    en: 'The child has no guardian who can consent and is below the age at which their own consent counts: nobody can give a valid consent.',
  },
  guardian_missing: {
    sv: 'Samtycket är inte komplett: varje vårdnadshavare måste samtycka, och minst en har inte gjort det. Ett ofullständigt samtycke är inget samtycke.',
    en: 'The consent is not complete: each guardian must consent, and at least one has not. An incomplete consent is no consent.',
  },
  young_person_missing: {
    sv: 'Samtycket är inte komplett: den unge har nått den ålder då hens eget samtycke krävs, och det saknas. Vårdnadshavarnas samtycke räcker inte ensamt.',
    en: 'The consent is not complete: the young person has reached the age at which their own consent is required, and it is missing. The guardians’ consent alone is not enough.',
  },
  withdrawn: { sv: 'Samtycket har återkallats och gäller inte längre.', en: 'The consent has been withdrawn and no longer applies.' },
  expired: { sv: 'Samtycket har gått ut.', en: 'The consent has expired.' },
  not_covering: {
    sv: 'Samtycket gäller, men omfattar inte den här mottagaren, uppgiften eller syftet.',
    en: 'The consent is valid but does not cover this recipient, information or purpose.',
  },
  covers: { sv: 'Samtycket är komplett och omfattar mottagaren, uppgiften och syftet.', en: 'The consent is complete and covers the recipient, the information and the purpose.' },
};
