import { z } from 'zod';
import { organisationTypeSchema } from './organisations';
import { consentStateSchema, legalSourceSchema, sharingCategorySchema, sharingPurposeSchema } from './sharing';

/**
 * The lawful-sharing rules as data. Law changes often, so a rule is never edited in place when the
 * law changes: the old rule gets a `validTo` and a new rule takes over from the next day. Every rule
 * is a starting point written by developers, not legal advice: the tenant's legal counsel must review
 * each one before the guide is used for real decisions (docs/LEGAL-RULES.md).
 */

const namesSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();
const isoDate = z.iso.date();

/** What must hold for a rule to apply. Every field present must match; an absent field matches anything. */
export const ruleConditionSchema = z
  .object({
    fromTypes: z.array(organisationTypeSchema).min(1).optional(),
    toTypes: z.array(organisationTypeSchema).min(1).optional(),
    fromAuthority: z.boolean().optional(),
    toAuthority: z.boolean().optional(),
    /** The person is younger than this. */
    maxAgeExclusive: z.int().min(0).optional(),
    /** The person is at least this old. */
    minAge: z.int().min(0).optional(),
    categories: z.array(sharingCategorySchema).min(1).optional(),
    /** Aggregated statistics whose every published count is 0 or at least k. */
    aggregatePassesThreshold: z.boolean().optional(),
    purposes: z.array(sharingPurposeSchema).min(1).optional(),
    consent: z.array(consentStateSchema).min(1).optional(),
    /** Compared with `isCrimeData(category, crimeData)`, not with the flag alone. */
    crimeData: z.boolean().optional(),
    protectedIdentity: z.boolean().optional(),
    coordinatorDecision: z.boolean().optional(),
  })
  .strict();
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const sharingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    effect: z.enum(['allow', 'deny']),
    title: namesSchema,
    source: legalSourceSchema,
    validFrom: isoDate,
    /** The last day the rule applies (inclusive); null while it is in force. */
    validTo: isoDate.nullable(),
    when: ruleConditionSchema,
    explanation: namesSchema,
    /** What legal counsel should look at in particular. */
    reviewNote: z.string().optional(),
  })
  .strict()
  .refine((rule) => rule.validTo === null || rule.validTo >= rule.validFrom, { message: 'validTo before validFrom', path: ['validTo'] });
export type SharingRule = z.infer<typeof sharingRuleSchema>;

export const sharingRuleSetSchema = z.array(sharingRuleSchema).refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, {
  message: 'rule ids must be unique',
});

const NOT_IN_SCOPE = ['none', 'out_of_scope', 'withdrawn', 'expired'] as const;

/** The day the new socialtjänstlag (2025:400) replaced the old one (2001:453). */
const NEW_SOCIAL_SERVICES_ACT = '2025-07-01';
const OLD_SOCIAL_SERVICES_ACT_LAST_DAY = '2025-06-30';

const GENERAL_REVIEW = 'Behöver granskas av kommunens jurist innan regeln används.';

const RULES: SharingRule[] = [
  // Denials first, so the reasoning list reads "what stops it" before "what allows it". Any applying
  // denial wins whatever the order, so the order is only for the reader.
  {
    id: 'skyddad_identitet_kraver_beslut',
    effect: 'deny',
    title: { sv: 'Skyddade personuppgifter kräver koordinatorns beslut', en: 'Protected identity requires the coordinator’s decision' },
    source: { law: 'OSL', sfs: '2009:400', reference: '21 kap. 3 §, 22 kap. 1 §' },
    validFrom: '2009-06-30',
    validTo: null,
    // Not for a report of concern: the duty to report to social services applies at once, and nothing
    // here may hold it back; social services are the ones who protect the person.
    when: { protectedIdentity: true, coordinatorDecision: false, purposes: ['sspf_samverkan', 'forebygga_brott', 'utreda_brott'] },
    explanation: {
      sv: 'Personen har sekretessmarkering eller skyddad folkbokföring. Uppgifter om var personen bor eller vistas omfattas av stark sekretess (OSL 21 kap. 3 § och 22 kap. 1 §). Ingenting delas förrän koordinatorn uttryckligen har beslutat att det får ske i det här ärendet, även om det finns ett samtycke. En orosanmälan till socialtjänsten ska ändå alltid göras.',
      en: 'The person has a confidentiality marking or protected registration. Information about where the person lives or stays is under strict secrecy (OSL ch. 21 s. 3 and ch. 22 s. 1). Nothing is shared until the coordinator has explicitly decided that it may be in this case, even when there is consent. A report of concern to social services must still always be made.',
    },
    reviewNote: `${GENERAL_REVIEW} Samverka kräver ett uttryckligt beslut för alla uppgifter, inte bara adress och vistelseort: en medvetet försiktig tolkning. Regeln gäller inte orosanmälan till socialtjänsten: anmälningsskyldigheten ska aldrig fördröjas av ett beslut i Samverka.`,
  },
  {
    id: 'brottsuppgifter_endast_myndighet',
    effect: 'deny',
    title: { sv: 'Uppgifter om brott bara till myndigheter', en: 'Information about crime only to public authorities' },
    source: { law: 'GDPR', sfs: '(EU) 2016/679', reference: 'art. 10' },
    validFrom: '2018-05-25',
    validTo: null,
    when: { crimeData: true, toAuthority: false },
    explanation: {
      sv: 'Uppgifter om brott får som huvudregel bara behandlas av myndigheter (dataskyddsförordningen artikel 10 och dataskyddslagen (2018:218) 3 kap. 8 §). En förening, ett företag eller en ideell mentor får därför inte ta emot uppgifter om brott, inte ens med samtycke.',
      en: 'Information about crime may as a rule be processed only by public authorities (GDPR art. 10 and the Swedish Data Protection Act (2018:218) ch. 3 s. 8). An association, a business or a volunteer mentor may therefore not receive information about crime, not even with consent.',
    },
    reviewNote: `${GENERAL_REVIEW} Förordningen (2018:219) kan i undantagsfall tillåta annan behandling; Samverka tillåter den aldrig.`,
  },
  {
    id: 'osl_10_18a_galler_inte_skola',
    effect: 'deny',
    title: { sv: 'Skolan kan inte använda 10 kap. 18 a § OSL', en: 'School cannot use OSL ch. 10 s. 18 a' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (gäller inte skolan)' },
    validFrom: '2018-01-01',
    validTo: null,
    when: { fromTypes: ['skola'], toTypes: ['polis'], purposes: ['forebygga_brott', 'utreda_brott'], consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'Bestämmelsen i OSL 10 kap. 18 a § om att lämna uppgifter till polisen för att förebygga brott gäller bara socialtjänsten, inte skolan. Skolans sekretess (OSL 23 kap.) gäller därför mot polisen. Det vanliga sättet att ändå kunna dela är ett samtycke från vårdnadshavarna och den unge som omfattar polisen och uppgiften.',
      en: 'The provision in OSL ch. 10 s. 18 a on giving the police information to prevent crime applies only to social services, not to school. School secrecy (OSL ch. 23) therefore applies towards the police. The usual way to share anyway is consent from the guardians and the young person that covers the police and the information.',
    },
    reviewNote: `${GENERAL_REVIEW} Andra sekretessbrytande bestämmelser (till exempel 10 kap. 21–24 §§ vid misstanke om vissa brott) prövas inte av guiden.`,
  },
  {
    id: 'osl_10_18a_inte_konkret_brott',
    effect: 'deny',
    title: { sv: '10 kap. 18 a § OSL omfattar inte ett konkret brott', en: 'OSL ch. 10 s. 18 a does not cover a concrete crime' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (omfattar inte utredning av brott)' },
    validFrom: '2018-01-01',
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], purposes: ['utreda_brott'], consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'OSL 10 kap. 18 a § gäller bara för att förebygga att en ung person begår brott, inte för att utreda ett konkret misstänkt brott. Om uppgifter får lämnas i en brottsutredning beror på andra bestämmelser, till exempel OSL 10 kap. 21–24 §§, och måste bedömas av jurist i varje enskilt fall. Guiden svarar därför nej.',
      en: 'OSL ch. 10 s. 18 a covers only preventing a young person from committing crime, not investigating a concrete suspected crime. Whether information may be given in a criminal investigation depends on other provisions, such as OSL ch. 10 ss. 21–24, and must be assessed by a lawyer case by case. The guide therefore answers no.',
    },
    reviewNote: `${GENERAL_REVIEW} 10 kap. 21–24 §§ kräver en prövning i det enskilda fallet (straffvärde, brottstyp) som guiden inte gör.`,
  },
  {
    id: 'samtycke_inom_ramen',
    effect: 'allow',
    title: { sv: 'Samtycke som omfattar mottagaren och uppgiften', en: 'Consent covering the recipient and the information' },
    source: { law: 'OSL', sfs: '2009:400', reference: '12 kap. 2 §' },
    validFrom: '2009-06-30',
    validTo: null,
    when: { consent: ['in_scope'] },
    explanation: {
      sv: 'Sekretess till skydd för en enskild gäller inte om den enskilde samtycker (OSL 12 kap. 2 §). Samtycket omfattar den här mottagaren och den här sortens uppgift, så uppgiften får lämnas. Dela bara det som behövs för syftet.',
      en: 'Secrecy that protects an individual does not apply if the individual consents (OSL ch. 12 s. 2). The consent covers this recipient and this kind of information, so it may be shared. Share only what the purpose needs.',
    },
    reviewNote: `${GENERAL_REVIEW} För barn: vårdnadshavarnas samtycke och, i takt med ålder och mognad (ofta från omkring 15 år), den unges eget.`,
  },
  {
    id: 'osl_10_18a_forebygga_brott',
    effect: 'allow',
    title: { sv: 'Socialtjänsten till polisen för att förebygga brott (under 21 år)', en: 'Social services to the police to prevent crime (under 21)' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a §' },
    validFrom: '2018-01-01',
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], maxAgeExclusive: 21, purposes: ['forebygga_brott'] },
    explanation: {
      sv: 'Socialtjänsten får lämna uppgifter till polisen om en person som inte har fyllt 21 år, om det finns särskilda skäl att anta att personen kommer att begå brott och uppgiften kan bidra till att förhindra det (OSL 10 kap. 18 a §). Bestämmelsen gäller inte konkreta brott som redan misstänks, och den gäller inte skolan. Bedömningen görs i varje enskilt fall.',
      en: 'Social services may give the police information about a person under 21 if there are special reasons to assume that the person will commit crime and the information can help prevent it (OSL ch. 10 s. 18 a). The provision does not cover a concrete crime already suspected, and it does not apply to school. The assessment is made case by case.',
    },
    reviewNote: `${GENERAL_REVIEW} Datumet 2018-01-01 är en förenklad startpunkt; bestämmelsens lydelse och ikraftträdande ska bekräftas mot SFS. Lagändringar 2025 har vidgat uppgiftsskyldigheterna mot brottsbekämpande myndigheter och kan kräva nya regler.`,
  },
  {
    id: 'aggregerad_statistik_over_k',
    effect: 'allow',
    title: { sv: 'Aggregerad statistik över k till lägesbilden', en: 'Aggregated statistics above k for the situational picture' },
    source: { law: 'GDPR', sfs: '(EU) 2016/679', reference: 'skäl 26' },
    validFrom: '2018-05-25',
    validTo: null,
    // A table with a count below k is not covered: the engine then answers as for the data it counts.
    when: { categories: ['aggregerad_statistik'], purposes: ['lagesbild'], aggregatePassesThreshold: true },
    explanation: {
      sv: 'Antal som är sammanställda så att varje visat tal är 0 eller minst k (små tal dolda, så att inget dolt tal kan räknas fram) pekar inte ut någon. De är inte personuppgifter (dataskyddsförordningen skäl 26) och inte uppgifter om någon enskilds personliga förhållanden, så de får lämnas till analytiker och samverkanspartner för lägesbilden (lag 2023:196). Om en tabell har tal under k räknas den som de uppgifter den bygger på.',
      en: 'Counts compiled so that every figure shown is 0 or at least k (small counts hidden, so that no hidden count can be worked out) point at no one. They are not personal data (GDPR recital 26) nor information about an individual’s personal circumstances, so they may go to analysts and partners for the situational picture (Act 2023:196). A table with counts below k counts as the data it is made from.',
    },
    reviewNote: `${GENERAL_REVIEW} Tröskeln k (minst 3, standard 5) och att små tal i kombination med annan kunskap (till exempel en känd händelse på en liten plats) ändå kan peka ut någon ska bedömas av kommunens jurist och dataskyddsombud.`,
  },
  {
    id: 'anmalningsskyldighet',
    effect: 'allow',
    title: { sv: 'Anmälningsskyldighet till socialtjänsten', en: 'Duty to report to social services' },
    source: { law: 'SoL', sfs: '2001:453', reference: '14 kap. 1 §' },
    validFrom: '2002-01-01',
    validTo: OLD_SOCIAL_SERVICES_ACT_LAST_DAY,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: true },
    explanation: {
      sv: 'Myndigheter vars verksamhet rör barn och unga, till exempel skola, hälso- och sjukvård och polis, och deras anställda är skyldiga att genast anmäla till socialtjänsten om de får kännedom om eller misstänker att ett barn far illa (SoL 14 kap. 1 §). Sekretessen hindrar inte anmälan eftersom det finns en skyldighet att lämna uppgiften (OSL 10 kap. 28 §).',
      en: 'Authorities working with children and young people, such as school, health care and the police, and their staff must report to social services at once if they learn of or suspect that a child is being harmed (Social Services Act ch. 14 s. 1). Secrecy does not prevent the report because there is a duty to give the information (OSL ch. 10 s. 28).',
    },
    reviewNote: GENERAL_REVIEW,
  },
  {
    id: 'anmalningsskyldighet_sol_2025',
    effect: 'allow',
    title: { sv: 'Anmälningsskyldighet till socialtjänsten (ny socialtjänstlag)', en: 'Duty to report to social services (new Social Services Act)' },
    source: { law: 'SoL (2025:400)', sfs: '2025:400', reference: 'anmälningsskyldigheten (paragraf ska bekräftas)' },
    validFrom: NEW_SOCIAL_SERVICES_ACT,
    validTo: null,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: true },
    explanation: {
      sv: 'Från den 1 juli 2025 gäller en ny socialtjänstlag (2025:400). Myndigheter vars verksamhet rör barn och unga och deras anställda är fortfarande skyldiga att genast anmäla till socialtjänsten om de får kännedom om eller misstänker att ett barn far illa. Sekretessen hindrar inte anmälan eftersom det finns en skyldighet att lämna uppgiften (OSL 10 kap. 28 §).',
      en: 'From 1 July 2025 a new Social Services Act (2025:400) applies. Authorities working with children and young people and their staff must still report to social services at once if they learn of or suspect that a child is being harmed. Secrecy does not prevent the report because there is a duty to give the information (OSL ch. 10 s. 28).',
    },
    reviewNote: `${GENERAL_REVIEW} Kapitel och paragraf för anmälningsskyldigheten i socialtjänstlagen (2025:400) är inte fastställda i Samverka: kommunens jurist måste bekräfta hänvisningen och ändra källan. Prop. 2025/26:12 föreslår att fler myndigheter omfattas.`,
  },
  {
    id: 'alla_far_anmala_oro',
    effect: 'allow',
    title: { sv: 'Alla får anmäla oro för ett barn', en: 'Anyone may report a concern about a child' },
    source: { law: 'SoL', sfs: '2001:453', reference: '14 kap. 1 c §' },
    validFrom: '2013-01-01',
    validTo: OLD_SOCIAL_SERVICES_ACT_LAST_DAY,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: false },
    explanation: {
      sv: 'Var och en som får kännedom om eller misstänker att ett barn far illa bör anmäla det till socialtjänsten (SoL 14 kap. 1 c §). Föreningar, företag och privatpersoner har ingen sekretess enligt OSL, så inget hindrar en anmälan.',
      en: 'Anyone who learns of or suspects that a child is being harmed should report it to social services (Social Services Act ch. 14 s. 1 c). Associations, businesses and private persons have no secrecy under OSL, so nothing prevents a report.',
    },
    reviewNote: `${GENERAL_REVIEW} Enskilda verksamheter som rör barn (till exempel fristående skolor) är anmälningsskyldiga enligt 14 kap. 1 § trots att de inte är myndigheter; guiden svarar ja även för dem, men med den här grunden. Startdatum 2013-01-01 ska bekräftas.`,
  },
  {
    id: 'alla_far_anmala_oro_sol_2025',
    effect: 'allow',
    title: { sv: 'Alla får anmäla oro för ett barn (ny socialtjänstlag)', en: 'Anyone may report a concern about a child (new Social Services Act)' },
    source: { law: 'SoL (2025:400)', sfs: '2025:400', reference: 'uppmaningen att anmäla oro (paragraf ska bekräftas)' },
    validFrom: NEW_SOCIAL_SERVICES_ACT,
    validTo: null,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: false },
    explanation: {
      sv: 'Från den 1 juli 2025 gäller en ny socialtjänstlag (2025:400). Den som får kännedom om eller misstänker att ett barn far illa bör fortfarande anmäla det till socialtjänsten. Föreningar, företag och privatpersoner har ingen sekretess enligt OSL, så inget hindrar en anmälan.',
      en: 'From 1 July 2025 a new Social Services Act (2025:400) applies. Anyone who learns of or suspects that a child is being harmed should still report it to social services. Associations, businesses and private persons have no secrecy under OSL, so nothing prevents a report.',
    },
    reviewNote: `${GENERAL_REVIEW} Kapitel och paragraf i socialtjänstlagen (2025:400) som motsvarar 14 kap. 1 c § i 2001 års lag är inte fastställda i Samverka: kommunens jurist måste bekräfta hänvisningen och ändra källan.`,
  },
];

/** The rule set, validated when the module loads: a malformed rule stops the server rather than answering wrongly. */
export const SHARING_RULES: readonly SharingRule[] = Object.freeze(sharingRuleSetSchema.parse(RULES));

/** The answer when no rule allows sharing. Not a rule in the list: it is what secrecy means by default. */
export const NO_BASIS = {
  ruleId: 'ingen_grund',
  basis: 'Ingen grund för utlämnande',
  source: { law: 'OSL', sfs: '2009:400', reference: '8 kap. 1 §' },
  explanation: {
    sv: 'Ingen regel i guiden ger stöd för att lämna ut uppgiften. Uppgifter om en enskilds personliga förhållanden omfattas av sekretess hos myndigheter, också mot andra myndigheter (OSL 8 kap. 1 §). Det vanliga sättet att kunna dela är ett samtycke från vårdnadshavarna och den unge som omfattar mottagaren och uppgiften. Fråga kommunens jurist om du tror att en annan bestämmelse kan gälla.',
    en: 'No rule in the guide supports giving out the information. Information about an individual’s personal circumstances is under secrecy at public authorities, also towards other authorities (OSL ch. 8 s. 1). The usual way to share is consent from the guardians and the young person that covers the recipient and the information. Ask the municipality’s lawyer if you believe another provision may apply.',
  },
} as const;

/** `GET /api/sharing/rules`: the rules in force today, without the machine condition. */
export const sharingRuleListSchema = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      effect: z.enum(['allow', 'deny']),
      title: namesSchema,
      source: legalSourceSchema,
      validFrom: isoDate,
      validTo: isoDate.nullable(),
      explanation: namesSchema,
      reviewNote: z.string().nullable(),
    }),
  ),
});
export type SharingRuleList = z.infer<typeof sharingRuleListSchema>;
