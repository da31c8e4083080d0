import { z } from 'zod';

/**
 * The vocabulary of the concern channel (oro): keys stored and sent over the API, with Swedish and
 * English names. Other languages of the public form live in the web client's locale files.
 */

type Names = { sv: string; en: string };

/** A concern about a young person (orosanmälan), or a report about a place (EST). */
export const CONCERN_KINDS = ['person', 'place'] as const;
export const concernKindSchema = z.enum(CONCERN_KINDS);
export type ConcernKind = z.infer<typeof concernKindSchema>;
export const CONCERN_KIND_NAMES: Record<ConcernKind, Names> = {
  person: { sv: 'Oro för en ung person', en: 'Concern about a young person' },
  place: { sv: 'Platsrapport', en: 'Place report' },
};

/** The typical reasons for concern in DOMAIN.md. Several may be chosen. */
export const CONCERN_CATEGORIES = [
  'skolfranvaro',
  'normbrytande_beteende',
  'misstankt_brott',
  'alkohol_narkotika',
  'kriminellt_umgange',
  'riskmiljoer',
  'ingen_meningsfull_fritid',
  'utsatthet_exploatering_rekrytering',
  'vald',
] as const;
export const concernCategorySchema = z.enum(CONCERN_CATEGORIES);
export type ConcernCategory = z.infer<typeof concernCategorySchema>;
export const CONCERN_CATEGORY_NAMES: Record<ConcernCategory, Names> = {
  skolfranvaro: { sv: 'Skolfrånvaro', en: 'School absence' },
  normbrytande_beteende: { sv: 'Normbrytande beteende', en: 'Norm-breaking behaviour' },
  misstankt_brott: { sv: 'Misstänkt brott', en: 'Suspected crime' },
  alkohol_narkotika: { sv: 'Alkohol eller narkotika', en: 'Alcohol or drugs' },
  kriminellt_umgange: { sv: 'Kriminellt umgänge', en: 'Criminal peers' },
  riskmiljoer: { sv: 'Riskmiljöer', en: 'Risk environments' },
  ingen_meningsfull_fritid: { sv: 'Ingen meningsfull fritid', en: 'No meaningful leisure' },
  utsatthet_exploatering_rekrytering: { sv: 'Utsatthet, exploatering eller rekrytering', en: 'Vulnerability, exploitation or recruitment' },
  vald: { sv: 'Våld', en: 'Violence' },
};

/** The EST event types of DOMAIN.md. Place reports describe places and events, not persons. */
export const PLACE_EVENT_TYPES = [
  'skadegorelse',
  'otrygg_plats',
  'otrygghetsskapande_samling',
  'misstankt_narkotikahantering',
  'nedskrapning',
  'hot_vald_mot_personal',
  'rykten_sociala_medier',
  'moped_a_traktor',
] as const;
export const placeEventTypeSchema = z.enum(PLACE_EVENT_TYPES);
export type PlaceEventType = z.infer<typeof placeEventTypeSchema>;
export const PLACE_EVENT_TYPE_NAMES: Record<PlaceEventType, Names> = {
  skadegorelse: { sv: 'Skadegörelse', en: 'Vandalism' },
  otrygg_plats: { sv: 'Otrygg plats', en: 'A place that feels unsafe' },
  otrygghetsskapande_samling: { sv: 'Otrygghetsskapande samling', en: 'A gathering that makes others feel unsafe' },
  misstankt_narkotikahantering: { sv: 'Misstänkt narkotikahantering', en: 'Suspected drug dealing' },
  nedskrapning: { sv: 'Nedskräpning', en: 'Littering' },
  hot_vald_mot_personal: { sv: 'Hot eller våld mot personal', en: 'Threats or violence against staff' },
  rykten_sociala_medier: { sv: 'Rykten i sociala medier', en: 'Rumours on social media' },
  moped_a_traktor: { sv: 'Moped eller A-traktor', en: 'Moped or A-tractor' },
};

/** Who reports. A professional (yrkesperson) gives their organisation and must give contact details. */
export const REPORTER_ROLES = ['foralder', 'forening', 'naringsidkare', 'granne_allmanhet', 'yrkesperson'] as const;
export const reporterRoleSchema = z.enum(REPORTER_ROLES);
export type ReporterRole = z.infer<typeof reporterRoleSchema>;
export const REPORTER_ROLE_NAMES: Record<ReporterRole, Names> = {
  foralder: { sv: 'Förälder', en: 'Parent' },
  forening: { sv: 'Förening eller idrott', en: 'Association or sports club' },
  naringsidkare: { sv: 'Näringsidkare', en: 'Business owner' },
  granne_allmanhet: { sv: 'Granne eller allmänhet', en: 'Neighbour or member of the public' },
  yrkesperson: { sv: 'Yrkesperson', en: 'Professional' },
};

/** The kinds of organisation a professional reports from. */
export const REPORTER_ORGANISATION_TYPES = ['skola', 'halso_sjukvard', 'socialtjanst', 'polis', 'annan'] as const;
export const reporterOrganisationTypeSchema = z.enum(REPORTER_ORGANISATION_TYPES);
export type ReporterOrganisationType = z.infer<typeof reporterOrganisationTypeSchema>;
export const REPORTER_ORGANISATION_TYPE_NAMES: Record<ReporterOrganisationType, Names> = {
  skola: { sv: 'Skola eller förskola', en: 'School or preschool' },
  halso_sjukvard: { sv: 'Hälso- och sjukvård', en: 'Health care' },
  socialtjanst: { sv: 'Socialtjänst', en: 'Social services' },
  polis: { sv: 'Polis', en: 'Police' },
  annan: { sv: 'Annan verksamhet', en: 'Other organisation' },
};

/**
 * Staff of authorities working with children must report (anmälningsskyldighet, 14 kap. 1 § SoL).
 * Only such a reporter may be told the outcome, and only as one of the three feedback values.
 */
export const DUTY_TO_REPORT_ORGANISATION_TYPES: readonly ReporterOrganisationType[] = ['skola', 'halso_sjukvard', 'socialtjanst', 'polis'];

export function hasDutyToReport(role: ReporterRole, organisationType: ReporterOrganisationType | null | undefined): boolean {
  return role === 'yrkesperson' && organisationType != null && DUTY_TO_REPORT_ORGANISATION_TYPES.includes(organisationType);
}

export const GUARDIANS_KNOW = ['ja', 'nej', 'vet_ej'] as const;
export const guardiansKnowSchema = z.enum(GUARDIANS_KNOW);
export type GuardiansKnow = z.infer<typeof guardiansKnowSchema>;
export const GUARDIANS_KNOW_NAMES: Record<GuardiansKnow, Names> = {
  ja: { sv: 'Ja', en: 'Yes' },
  nej: { sv: 'Nej', en: 'No' },
  vet_ej: { sv: 'Vet inte', en: "Don't know" },
};

/** The channel's own status, the only thing the public ever learns about a concern. */
export const CONCERN_STATUSES = ['mottagen', 'under_bedomning', 'vidarebefordrad', 'avslutad'] as const;
export const concernStatusSchema = z.enum(CONCERN_STATUSES);
export type ConcernStatus = z.infer<typeof concernStatusSchema>;
export const CONCERN_STATUS_NAMES: Record<ConcernStatus, Names> = {
  mottagen: { sv: 'Mottagen', en: 'Received' },
  under_bedomning: { sv: 'Under bedömning', en: 'Being assessed' },
  vidarebefordrad: { sv: 'Vidarebefordrad', en: 'Forwarded' },
  avslutad: { sv: 'Avslutad', en: 'Closed' },
};

/** Beslut om utredning; to a reporter with the duty to report, also the lawful feedback. */
export const CONCERN_DECISIONS = ['utredning_inledd', 'ej_inledd', 'pagar_redan'] as const;
export const concernDecisionSchema = z.enum(CONCERN_DECISIONS);
export type ConcernDecision = z.infer<typeof concernDecisionSchema>;
export const CONCERN_DECISION_NAMES: Record<ConcernDecision, Names> = {
  utredning_inledd: { sv: 'Utredning inledd', en: 'Investigation opened' },
  ej_inledd: { sv: 'Utredning inleds inte', en: 'No investigation opened' },
  pagar_redan: { sv: 'Utredning pågår redan', en: 'Investigation already under way' },
};

/** Skyddsbedömning: is the child in need of immediate protection? */
export const PROTECTION_ASSESSMENTS = ['akut_skyddsbehov', 'inget_akut_skyddsbehov'] as const;
export const protectionAssessmentSchema = z.enum(PROTECTION_ASSESSMENTS);
export type ProtectionAssessment = z.infer<typeof protectionAssessmentSchema>;
export const PROTECTION_ASSESSMENT_NAMES: Record<ProtectionAssessment, Names> = {
  akut_skyddsbehov: { sv: 'Akut skyddsbehov', en: 'Immediate need of protection' },
  inget_akut_skyddsbehov: { sv: 'Inget akut skyddsbehov', en: 'No immediate need of protection' },
};

/** Why a concern is closed without (or besides) a decision. */
export const CLOSE_REASONS = ['dubblett', 'inte_for_mottagaren', 'for_lite_underlag', 'hanterad', 'annat'] as const;
export const closeReasonSchema = z.enum(CLOSE_REASONS);
export type CloseReason = z.infer<typeof closeReasonSchema>;
export const CLOSE_REASON_NAMES: Record<CloseReason, Names> = {
  dubblett: { sv: 'Dubblett av en annan anmälan', en: 'Duplicate of another report' },
  inte_for_mottagaren: { sv: 'Inte en fråga för mottagaren', en: 'Not a matter for the recipient' },
  for_lite_underlag: { sv: 'För lite underlag för att agera', en: 'Too little to act on' },
  hanterad: { sv: 'Hanterad (platsrapport i lägesbilden)', en: 'Handled (place report in the situational picture)' },
  annat: { sv: 'Annat skäl', en: 'Other reason' },
};

/** Deadlines of an orosanmälan: skyddsbedömning the same day, beslut om utredning within 14 days. */
export const DECISION_DEADLINE_DAYS = 14;
/** A deadline is "near" this long before it falls due. */
export const ASSESSMENT_NEAR_HOURS = 4;
export const DECISION_NEAR_DAYS = 3;
/** The deadlines are reckoned in the municipality's own calendar. */
export const CONCERN_TIME_ZONE = 'Europe/Stockholm';

export const DEADLINE_STATES = ['ok', 'near', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Web client paths. The public form, the status page, and one inbox for both kinds of report. */
export const CONCERN_PATHS = {
  publicForm: '/oro',
  publicStatus: '/oro/status',
  inbox: '/mottagning',
  concern: (id: string) => `/mottagning/${id}`,
} as const;

// --- Receipt codes -----------------------------------------------------------------------------

/**
 * The receipt code's alphabet: no characters that look or sound alike (no 0/O/Q, 1/I/L, 2/Z, 5/S,
 * 6/G, 8/B). 22 symbols, 12 of them: about 53 bits, shown as XXXX-XXXX-XXXX.
 */
export const RECEIPT_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const RECEIPT_LENGTH = 12;
export const RECEIPT_GROUP = 4;

/** Upper-cases and drops spaces and dashes; `null` when the result cannot be a receipt code. */
export function normaliseReceiptCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-‐‑–—_.]/g, '');
  if (compact.length !== RECEIPT_LENGTH) return null;
  for (const char of compact) if (!RECEIPT_ALPHABET.includes(char)) return null;
  return compact;
}

/**
 * What is wrong with a typed receipt code, so the status page can say it instead of repeating the
 * format: the characters that never occur in a code (in the order typed, each once), and the length
 * after spaces and dashes are dropped. `null` when the code is well-formed.
 */
export interface ReceiptCodeProblem {
  empty: boolean;
  impossible: string[];
  length: number;
}

export function receiptCodeProblem(input: string): ReceiptCodeProblem | null {
  const compact = input.toUpperCase().replace(/[\s\-‐‑–—_.]/g, '');
  const impossible = [...new Set([...compact].filter((char) => !RECEIPT_ALPHABET.includes(char)))];
  if (compact.length === RECEIPT_LENGTH && impossible.length === 0) return null;
  return { empty: compact.length === 0, impossible, length: [...compact].length };
}

/** XKR4MPT73WA9 -> XKR4-MPT7-3WA9. */
export function formatReceiptCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += RECEIPT_GROUP) groups.push(canonical.slice(i, i + RECEIPT_GROUP));
  return groups.join('-');
}

// --- Hints for the place report ----------------------------------------------------------------

/**
 * A place report describes a place, not a person. This heuristic lets the form warn when the text
 * seems to hold a personnummer or a full name; it never blocks a report.
 */
export function placeTextWarnings(text: string): { identityNumber: boolean; fullName: boolean } {
  const identityNumber = /(^|\D)(\d{2})?\d{6}[-+\s]?\d{4}(\D|$)/.test(text);
  const fullName = /(^|[\s,.;:!?(])\p{Lu}\p{Ll}{1,}\s+\p{Lu}\p{Ll}{1,}/u.test(text);
  return { identityNumber, fullName };
}
