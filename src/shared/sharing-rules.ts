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
    /** Both conditions of OSL 10 kap. 18 a § that the user answers: a risk of crime, and that the information can prevent it. */
    osl18aConditions: z.boolean().optional(),
  })
  .strict();
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const sharingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    /** `note` never decides: when it applies, its explanation is added to the answer as a note. */
    effect: z.enum(['allow', 'deny', 'note']),
    title: namesSchema,
    source: legalSourceSchema,
    validFrom: isoDate,
    /** The last day the rule applies (inclusive); null while it is in force. */
    validTo: isoDate.nullable(),
    when: ruleConditionSchema,
    explanation: namesSchema,
    /** What legal counsel should look at in particular. */
    reviewNote: z.string().optional(),
    /** The source (paragraph, SFS or date) could not be confirmed against the statute: answers relying on it say so. */
    unconfirmed: z.boolean().optional(),
    /** Where the rule and its date come from: the bill, the amending SFS, what was checked and what was not. */
    history: z.string().optional(),
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

const ADULT_REPORT_EXPLANATION = {
  sv: 'Anmälningsskyldigheten och uppmaningen att anmäla oro gäller barn, det vill säga den som inte har fyllt 18 år. Personen är vuxen, så det finns ingen orosanmälan att göra och guiden har ingen grund för att lämna uppgiften. Gör så här i stället: be personen själv om samtycke, eller tipsa personen om att själv kontakta socialtjänsten. Vid fara för liv eller hälsa: ring 112.',
  en: 'The duty to report and the call to report a concern apply to children, that is persons under 18. The person is an adult, so there is no report of concern to make and the guide has no basis for giving the information. Do this instead: ask the person for consent, or suggest that they contact social services themselves. If life or health is in danger: call 112.',
};

/** OSL 10 kap. 18 a § came into force on 1 January 2013 (prop. 2011/12:171). */
const OSL_18A_IN_FORCE = '2013-01-01';
const OSL_18A_HISTORY =
  'Införd genom prop. 2011/12:171 Samverkan för att förebygga ungdomsbrottslighet, i kraft 2013-01-01 (propositionen och Brå:s rapport 2021 om informationsdelning bekräftar året 2013). Ändrings-SFS-numret har inte kunnat bekräftas här och anges därför inte.';
/** The purposes that rest on consent alone: nothing else in the guide allows them. */
const CONSENT_PURPOSES = ['sspf_samverkan', 'mentorskap', 'bostadsutbyte'] as const;

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
    when: { protectedIdentity: true, coordinatorDecision: false, purposes: ['sspf_samverkan', 'forebygga_brott', 'utreda_brott', 'mentorskap', 'bostadsutbyte'] },
    explanation: {
      sv: 'Personen har sekretessmarkering eller skyddad folkbokföring. Uppgifter om var personen bor eller vistas omfattas av stark sekretess (OSL 21 kap. 3 § och 22 kap. 1 §). Ingenting delas förrän koordinatorn uttryckligen har beslutat att det får ske i det här ärendet, även om det finns ett samtycke. En orosanmälan till socialtjänsten ska ändå alltid göras.',
      en: 'The person has a confidentiality marking or protected registration. Information about where the person lives or stays is under strict secrecy (OSL ch. 21 s. 3 and ch. 22 s. 1). Nothing is shared until the coordinator has explicitly decided that it may be in this case, even when there is consent. A report of concern to social services must still always be made.',
    },
    reviewNote: `${GENERAL_REVIEW} Samverka kräver ett uttryckligt beslut för alla uppgifter, inte bara adress och vistelseort: en medvetet försiktig tolkning. Regeln gäller inte orosanmälan till socialtjänsten: anmälningsskyldigheten ska aldrig fördröjas av ett beslut i Samverka.`,
  },
  {
    id: 'adress_skyddad_identitet',
    effect: 'deny',
    title: { sv: 'Adress och vistelseort för en person med skyddade personuppgifter', en: 'Address and whereabouts of a person with protected identity' },
    source: { law: 'OSL', sfs: '2009:400', reference: '21 kap. 3 §' },
    validFrom: '2009-06-30',
    validTo: null,
    when: { protectedIdentity: true, categories: ['adress_vistelseort'], purposes: ['sspf_samverkan', 'forebygga_brott', 'utreda_brott', 'mentorskap', 'bostadsutbyte', 'lagesbild'] },
    explanation: {
      sv: 'Uppgifter om var en person med skyddade personuppgifter bor eller vistas omfattas av stark sekretess (OSL 21 kap. 3 §). Guiden svarar nej även om koordinatorn har beslutat om delning i ärendet. Gör så här i stället: dela det som behövs utan adressen (till exempel att ni träffas på en neutral plats) och låt den som redan känner till adressen, oftast socialtjänsten, avgöra om något mer måste lämnas. En orosanmälan ska ändå alltid göras.',
      en: 'Information about where a person with protected identity lives or stays is under strict secrecy (OSL ch. 21 s. 3). The guide answers no even when the coordinator has decided on sharing in the case. Do this instead: share what is needed without the address (for example, meet at a neutral place) and let whoever already knows the address, usually social services, decide whether anything more must be given. A report of concern must still always be made.',
    },
    reviewNote: `${GENERAL_REVIEW} Samverka säger alltid nej här, också med samtycke: stark sekretess kan i vissa fall brytas, men det är en prövning i det enskilda fallet.`,
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
      sv: 'Uppgifter om brott får som huvudregel bara behandlas av myndigheter (dataskyddsförordningen artikel 10 och dataskyddslagen (2018:218) 3 kap. 8 §). En förening, ett företag eller en ideell mentor får därför inte ta emot uppgifter om brott, inte ens med samtycke. Gör så här i stället: berätta för föreningen vad den kan göra (till exempel att ledaren håller extra koll på träningarna eller att den unge får en egen kontaktperson), men inte varför.',
      en: 'Information about crime may as a rule be processed only by public authorities (GDPR art. 10 and the Swedish Data Protection Act (2018:218) ch. 3 s. 8). An association, a business or a volunteer mentor may therefore not receive information about crime, not even with consent. Do this instead: tell the association what it can do (for example, that the leader keeps an extra eye on practice or that the young person gets a contact person of their own), but not why.',
    },
    reviewNote: `${GENERAL_REVIEW} Förordningen (2018:219) kan i undantagsfall tillåta annan behandling; Samverka tillåter den aldrig.`,
  },
  {
    id: 'osl_10_18a_galler_inte_skola',
    effect: 'deny',
    title: { sv: 'Skolan kan inte använda 10 kap. 18 a § OSL', en: 'School cannot use OSL ch. 10 s. 18 a' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (gäller inte skolan)' },
    validFrom: OSL_18A_IN_FORCE,
    validTo: null,
    when: { fromTypes: ['skola'], toTypes: ['polis'], purposes: ['forebygga_brott', 'utreda_brott'], consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'Bestämmelsen i OSL 10 kap. 18 a § om att lämna uppgifter till polisen för att förebygga brott gäller bara socialtjänsten, inte skolan. Skolans sekretess (OSL 23 kap.) gäller därför mot polisen. Gör så här i stället: be vårdnadshavarna och den unge om ett samtycke som omfattar polisen och uppgiften, eller ta upp oron i SSPF-samverkan där socialtjänsten finns med. Om du misstänker att barnet far illa ska du göra en orosanmälan till socialtjänsten, som själv kan pröva om den får lämna uppgifter till polisen.',
      en: 'The provision in OSL ch. 10 s. 18 a on giving the police information to prevent crime applies only to social services, not to school. School secrecy (OSL ch. 23) therefore applies towards the police. Do this instead: ask the guardians and the young person for consent that covers the police and the information, or raise the concern in the SSPF collaboration where social services take part. If you suspect that the child is being harmed, report a concern to social services, who can themselves assess whether they may give the police information.',
    },
    reviewNote: `${GENERAL_REVIEW} Andra sekretessbrytande bestämmelser (till exempel 10 kap. 21–24 §§ vid misstanke om vissa brott) prövas inte av guiden, och inte heller 2025 års uppgiftsskyldighet mot brottsbekämpande myndigheter (se regeln uppgiftsskyldighet_brottsbekampning_2025).`,
    history: OSL_18A_HISTORY,
  },
  {
    id: 'osl_10_18a_inte_konkret_brott',
    effect: 'deny',
    title: { sv: '10 kap. 18 a § OSL omfattar inte ett konkret brott', en: 'OSL ch. 10 s. 18 a does not cover a concrete crime' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (omfattar inte utredning av brott)' },
    validFrom: OSL_18A_IN_FORCE,
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], purposes: ['utreda_brott'], consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'OSL 10 kap. 18 a § gäller bara för att förebygga att en ung person begår brott, inte för att utreda ett konkret misstänkt brott. Om uppgifter får lämnas i en brottsutredning beror på andra bestämmelser, till exempel OSL 10 kap. 21–24 §§, och måste bedömas av jurist i varje enskilt fall. Guiden svarar därför nej.',
      en: 'OSL ch. 10 s. 18 a covers only preventing a young person from committing crime, not investigating a concrete suspected crime. Whether information may be given in a criminal investigation depends on other provisions, such as OSL ch. 10 ss. 21–24, and must be assessed by a lawyer case by case. The guide therefore answers no.',
    },
    reviewNote: `${GENERAL_REVIEW} 10 kap. 21–24 §§ kräver en prövning i det enskilda fallet (straffvärde, brottstyp) som guiden inte gör.`,
    history: OSL_18A_HISTORY,
  },
  {
    id: 'osl_10_18a_over_21',
    effect: 'deny',
    title: { sv: '10 kap. 18 a § OSL gäller bara den som inte har fyllt 21 år', en: 'OSL ch. 10 s. 18 a applies only to persons under 21' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (under 21 år)' },
    validFrom: OSL_18A_IN_FORCE,
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], purposes: ['forebygga_brott'], minAge: 21, consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'OSL 10 kap. 18 a § gäller bara uppgifter om en person som inte har fyllt 21 år. Personen är 21 eller äldre, så bestämmelsen kan inte användas. Gör så här i stället: be personen själv om ett samtycke som omfattar polisen och uppgiften. Om du tror att en annan sekretessbrytande bestämmelse gäller, fråga kommunens jurist.',
      en: 'OSL ch. 10 s. 18 a covers only information about a person who has not turned 21. The person is 21 or older, so the provision cannot be used. Do this instead: ask the person for consent that covers the police and the information. If you believe another provision lifting secrecy applies, ask the municipality’s lawyer.',
    },
    reviewNote: GENERAL_REVIEW,
    history: OSL_18A_HISTORY,
  },
  {
    id: 'osl_10_18a_villkor_saknas',
    effect: 'deny',
    title: { sv: 'Villkoren i 10 kap. 18 a § OSL är inte uppfyllda', en: 'The conditions of OSL ch. 10 s. 18 a are not met' },
    source: { law: 'OSL', sfs: '2009:400', reference: '10 kap. 18 a § (villkoren)' },
    validFrom: OSL_18A_IN_FORCE,
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], purposes: ['forebygga_brott'], maxAgeExclusive: 21, osl18aConditions: false, consent: [...NOT_IN_SCOPE] },
    explanation: {
      sv: 'OSL 10 kap. 18 a § kräver både att det på grund av särskilda omständigheter finns risk för att den unge kommer att begå brott och att uppgiften kan antas bidra till att förhindra det. Båda villkoren är inte uppfyllda enligt dina svar, så uppgiften får inte lämnas med stöd av bestämmelsen. Gör så här i stället: fortsätt arbetet inom socialtjänsten och i SSPF-samverkan, och pröva frågan igen om det kommer fram sådana omständigheter.',
      en: 'OSL ch. 10 s. 18 a requires both that special circumstances show a risk that the young person will commit crime and that the information can be assumed to help prevent it. According to your answers both conditions are not met, so the information may not be given under the provision. Do this instead: continue the work within social services and the SSPF collaboration, and ask again if such circumstances come to light.',
    },
    reviewNote: `${GENERAL_REVIEW} Bestämmelsen kräver också att det inte är olämpligt med hänsyn till socialtjänstens insatser; den prövningen görs i det enskilda fallet och frågas inte av guiden.`,
    history: OSL_18A_HISTORY,
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
    validFrom: OSL_18A_IN_FORCE,
    validTo: null,
    when: { fromTypes: ['socialtjanst'], toTypes: ['polis'], maxAgeExclusive: 21, purposes: ['forebygga_brott'], osl18aConditions: true },
    explanation: {
      sv: 'Socialtjänsten får lämna uppgifter till polisen om en person som inte har fyllt 21 år, om det finns särskilda skäl att anta att personen kommer att begå brott och uppgiften kan bidra till att förhindra det (OSL 10 kap. 18 a §). Bestämmelsen gäller inte konkreta brott som redan misstänks, och den gäller inte skolan. Bedömningen görs i varje enskilt fall.',
      en: 'Social services may give the police information about a person under 21 if there are special reasons to assume that the person will commit crime and the information can help prevent it (OSL ch. 10 s. 18 a). The provision does not cover a concrete crime already suspected, and it does not apply to school. The assessment is made case by case.',
    },
    reviewNote: `${GENERAL_REVIEW} Bestämmelsen kräver också att det inte är olämpligt med hänsyn till socialtjänstens planerade eller pågående insatser; den prövningen görs av socialtjänsten i varje fall. 2025 års ändringar finns som en egen regel (uppgiftsskyldighet_brottsbekampning_2025).`,
    history: OSL_18A_HISTORY,
  },
  {
    id: 'uppgiftsskyldighet_brottsbekampning_2025',
    effect: 'note',
    title: { sv: 'Uppgiftsskyldighet till brottsbekämpande myndigheter (2025)', en: 'Duty to give information to law enforcement (2025)' },
    source: { law: 'Lag om skyldighet att lämna uppgifter till de brottsbekämpande myndigheterna', sfs: 'ej bekräftat (prop. 2024/25:65)', reference: 'paragraf ej bekräftad' },
    validFrom: '2025-04-01',
    validTo: null,
    when: { fromAuthority: true, toTypes: ['polis'], purposes: ['forebygga_brott', 'utreda_brott'] },
    explanation: {
      sv: 'Från 2025 finns en ny lag som ger bland annat kommuner och skolor en skyldighet att lämna uppgifter till Polismyndigheten och andra brottsbekämpande myndigheter, på begäran och på eget initiativ, och OSL har ändrats så att socialtjänsten och hälso- och sjukvården får lämna fler uppgifter (prop. 2024/25:65). Guiden prövar inte den lagen. Om polisen begär uppgifter av dig, eller om du tror att lagen gäller, fråga kommunens jurist innan du svarar.',
      en: 'From 2025 a new act gives municipalities and schools, among others, a duty to give information to the Police and other law-enforcement authorities, on request and on their own initiative, and OSL has been amended so that social services and health care may give more information (Government Bill 2024/25:65). The guide does not apply that act. If the police ask you for information, or you believe the act applies, ask the municipality’s lawyer before you answer.',
    },
    reviewNote: `${GENERAL_REVIEW} SFS-nummer, paragrafer och ikraftträdandedag är inte bekräftade här: propositionen föreslog 1 april 2025. Kommunens jurist ska fastställa dem och avgöra om guiden ska ge ett eget svar (ja eller nej) enligt lagen.`,
    unconfirmed: true,
    history: 'Prop. 2024/25:65 Ökat informationsflöde till brottsbekämpningen (28 november 2024), bet. 2024/25:JuU9. Föreslaget ikraftträdande 2025-04-01; den antagna lagens SFS-nummer och paragrafer har inte kunnat bekräftas här.',
  },
  {
    id: 'samtycke_aterkallat',
    effect: 'deny',
    title: { sv: 'Samtycket är återkallat', en: 'The consent has been withdrawn' },
    source: { law: 'OSL', sfs: '2009:400', reference: '12 kap. 2 § (återkallat samtycke)' },
    validFrom: '2009-06-30',
    validTo: null,
    when: { consent: ['withdrawn'], purposes: [...CONSENT_PURPOSES] },
    explanation: {
      sv: 'Samtycket har återkallats. Ett återkallat samtycke gäller inte längre, från det ögonblick det återkallades, och inget annat i guiden ger stöd för att dela. Gör så här i stället: dela ingenting nytt. Om samverkan ska fortsätta behövs ett nytt samtycke från alla som måste samtycka. Det som redan har delats behöver inte lämnas tillbaka.',
      en: 'The consent has been withdrawn. A withdrawn consent no longer applies, from the moment it was withdrawn, and nothing else in the guide supports sharing. Do this instead: share nothing new. If the collaboration is to continue, a new consent is needed from everyone who must consent. What was already shared need not be returned.',
    },
    reviewNote: GENERAL_REVIEW,
  },
  {
    id: 'samtycke_utgatt',
    effect: 'deny',
    title: { sv: 'Samtycket har gått ut', en: 'The consent has expired' },
    source: { law: 'OSL', sfs: '2009:400', reference: '12 kap. 2 § (utgånget samtycke)' },
    validFrom: '2009-06-30',
    validTo: null,
    when: { consent: ['expired'], purposes: [...CONSENT_PURPOSES] },
    explanation: {
      sv: 'Samtycket gällde bara till ett visst datum, och det datumet har passerat. Gör så här i stället: be om ett nytt samtycke innan något mer delas.',
      en: 'The consent was valid only until a certain date, and that date has passed. Do this instead: ask for a new consent before anything more is shared.',
    },
    reviewNote: GENERAL_REVIEW,
  },
  {
    id: 'samtycke_omfattar_inte',
    effect: 'deny',
    title: { sv: 'Samtycket omfattar inte mottagaren, uppgiften eller syftet', en: 'The consent does not cover the recipient, the information or the purpose' },
    source: { law: 'OSL', sfs: '2009:400', reference: '12 kap. 2 § (samtyckets omfattning)' },
    validFrom: '2009-06-30',
    validTo: null,
    when: { consent: ['out_of_scope'], purposes: [...CONSENT_PURPOSES] },
    explanation: {
      sv: 'Det finns ett samtycke, men det omfattar inte den här mottagaren, den här sortens uppgift eller det här syftet. Ett samtycke gäller bara det som står i det. Gör så här i stället: dela bara det samtycket omfattar, eller be om ett nytt samtycke som också tar med mottagaren och uppgiften.',
      en: 'There is a consent, but it does not cover this recipient, this kind of information or this purpose. A consent covers only what it says. Do this instead: share only what the consent covers, or ask for a new consent that also includes the recipient and the information.',
    },
    reviewNote: GENERAL_REVIEW,
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
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: true, maxAgeExclusive: 18 },
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
    source: { law: 'SoL (2025:400)', sfs: '2025:400', reference: 'anmälningsskyldigheten (paragraf ej bekräftad)' },
    unconfirmed: true,
    validFrom: NEW_SOCIAL_SERVICES_ACT,
    validTo: null,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: true, maxAgeExclusive: 18 },
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
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: false, maxAgeExclusive: 18 },
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
    source: { law: 'SoL (2025:400)', sfs: '2025:400', reference: 'uppmaningen att anmäla oro (paragraf ej bekräftad)' },
    unconfirmed: true,
    validFrom: NEW_SOCIAL_SERVICES_ACT,
    validTo: null,
    when: { purposes: ['orosanmalan'], toTypes: ['socialtjanst'], fromAuthority: false, maxAgeExclusive: 18 },
    explanation: {
      sv: 'Från den 1 juli 2025 gäller en ny socialtjänstlag (2025:400). Den som får kännedom om eller misstänker att ett barn far illa bör fortfarande anmäla det till socialtjänsten. Föreningar, företag och privatpersoner har ingen sekretess enligt OSL, så inget hindrar en anmälan.',
      en: 'From 1 July 2025 a new Social Services Act (2025:400) applies. Anyone who learns of or suspects that a child is being harmed should still report it to social services. Associations, businesses and private persons have no secrecy under OSL, so nothing prevents a report.',
    },
    reviewNote: `${GENERAL_REVIEW} Kapitel och paragraf i socialtjänstlagen (2025:400) som motsvarar 14 kap. 1 c § i 2001 års lag är inte fastställda i Samverka: kommunens jurist måste bekräfta hänvisningen och ändra källan.`,
  },
  {
    id: 'orosanmalan_galler_barn',
    effect: 'deny',
    title: { sv: 'Orosanmälan gäller barn, inte vuxna', en: 'A report of concern is about a child, not an adult' },
    source: { law: 'SoL', sfs: '2001:453', reference: '14 kap. 1 § (barn under 18 år)' },
    validFrom: '2002-01-01',
    validTo: OLD_SOCIAL_SERVICES_ACT_LAST_DAY,
    when: { purposes: ['orosanmalan'], minAge: 18, consent: [...NOT_IN_SCOPE] },
    explanation: ADULT_REPORT_EXPLANATION,
    reviewNote: GENERAL_REVIEW,
  },
  {
    id: 'orosanmalan_galler_barn_sol_2025',
    effect: 'deny',
    title: { sv: 'Orosanmälan gäller barn, inte vuxna (ny socialtjänstlag)', en: 'A report of concern is about a child, not an adult (new Social Services Act)' },
    source: { law: 'SoL (2025:400)', sfs: '2025:400', reference: 'anmälningsskyldigheten, barn under 18 år (paragraf ej bekräftad)' },
    unconfirmed: true,
    validFrom: NEW_SOCIAL_SERVICES_ACT,
    validTo: null,
    when: { purposes: ['orosanmalan'], minAge: 18, consent: [...NOT_IN_SCOPE] },
    explanation: ADULT_REPORT_EXPLANATION,
    reviewNote: `${GENERAL_REVIEW} Paragrafen i socialtjänstlagen (2025:400) är inte fastställd i Samverka.`,
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

/**
 * A rule's version: a content hash of everything that makes the rule what it is (condition, effect,
 * source, dates, texts). A release that changes any of it gives a new version, so a review of the old
 * version shows as "changed since review". FNV-1a (64 bit) over a canonical JSON: no crypto needed,
 * the same in the browser and on the server.
 */
export function ruleVersion(rule: SharingRule): string {
  const text = canonicalJson(rule);
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ruleSummarySchema = z.object({
  id: z.string(),
  effect: z.enum(['allow', 'deny', 'note']),
  title: namesSchema,
  source: legalSourceSchema,
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  explanation: namesSchema,
  reviewNote: z.string().nullable(),
  unconfirmed: z.boolean(),
  history: z.string().nullable(),
  version: z.string(),
});

/** `GET /api/sharing/rules`: the rules in force on a date, without the machine condition. */
export const sharingRuleListSchema = z.object({
  rules: z.array(ruleSummarySchema),
  /** The tenant's age from which the young person's own consent is required (the guide asks for it from then). */
  youngPersonConsentAge: z.int(),
});
export type SharingRuleList = z.infer<typeof sharingRuleListSchema>;

export const ruleReviewStateSchema = z.enum(['reviewed', 'not_reviewed', 'changed_since_review']);
export type RuleReviewState = z.infer<typeof ruleReviewStateSchema>;

/** `GET /api/sharing/review`: every rule (also superseded ones), with the tenant's review and the worked examples that test it. */
export const ruleReviewListSchema = z.object({
  rules: z.array(
    ruleSummarySchema.extend({
      review: z.object({
        state: ruleReviewStateSchema,
        reviewedVersion: z.string().nullable(),
        reviewedByName: z.string().nullable(),
        reviewedAt: z.string().nullable(),
        comment: z.string().nullable(),
        disabled: z.boolean(),
        disabledByName: z.string().nullable(),
        disabledAt: z.string().nullable(),
        disabledReason: z.string().nullable(),
      }),
      examples: z.array(z.object({ id: z.string(), titleSv: z.string(), titleEn: z.string(), allowed: z.boolean(), on: z.string() })),
    }),
  ),
});
export type RuleReviewList = z.infer<typeof ruleReviewListSchema>;

export const ruleReviewInputSchema = z.object({ comment: z.string().trim().min(1).max(2000) }).strict();
export const ruleDisableInputSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export const ruleIdParamsSchema = z.object({ ruleId: z.string().regex(/^[a-z0-9_]+$/).max(100) }).strict();
