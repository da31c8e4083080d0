import { z } from 'zod';

/**
 * The roles of DOMAIN.md. A membership (user × organisation × role) carries exactly one of them.
 * `readsPersonalData` drives the two-factor requirement: every role that can read personal data
 * about a child must sign in with a second factor.
 */
export const ROLE_KEYS = [
  'koordinator',
  'handlaggare',
  'mottagning',
  'skolpersonal',
  'polis',
  'fritidsledare',
  'faltassistent',
  'foreningsnyckelperson',
  'naringsidkare',
  'mvc_bvc',
  'mentor',
  'est_rapportor',
  'administrator',
  'loggranskare',
  'analytiker',
  'utbytessamordnare',
] as const;

export const roleSchema = z.enum(ROLE_KEYS);
export type Role = z.infer<typeof roleSchema>;

export interface RoleDescription {
  sv: string;
  en: string;
  /** What the role can see, in plain Swedish, shown on the administration page. */
  seesSv: string;
  seesEn: string;
  readsPersonalData: boolean;
}

export const ROLES: Record<Role, RoleDescription> = {
  koordinator: {
    sv: 'SSPF-koordinator',
    en: 'SSPF coordinator',
    seesSv: 'Personregistret och de ärenden hen ansvarar för. Leder samverkan och äger ärenden och forum.',
    seesEn: 'The person register and the cases they are responsible for. Runs the collaboration and owns cases and forums.',
    readsPersonalData: true,
  },
  handlaggare: {
    sv: 'Socialsekreterare (handläggare)',
    en: 'Social services case officer',
    seesSv: 'Personregistret och orosanmälningar som tilldelats hen.',
    seesEn: 'The person register and the concern reports assigned to them.',
    readsPersonalData: true,
  },
  mottagning: {
    sv: 'Socialtjänstens mottagning',
    en: 'Social services intake unit',
    seesSv: 'Inkomna orosanmälningar och personregistret för att koppla dem till rätt person.',
    seesEn: 'Incoming concern reports, and the person register to link them to the right person.',
    readsPersonalData: true,
  },
  skolpersonal: {
    sv: 'Skolpersonal',
    en: 'School staff',
    seesSv: 'Elever vid den egna skolan, och det som ett samtycke uttryckligen omfattar.',
    seesEn: 'Pupils at their own school, and what a consent explicitly covers.',
    readsPersonalData: true,
  },
  polis: {
    sv: 'Polis (kommunpolis/områdespolis)',
    en: 'Police (community police officer)',
    seesSv: 'Bara det som samtycke eller lagstöd uttryckligen tillåter i ett gemensamt ärende.',
    seesEn: 'Only what consent or a legal basis explicitly allows in a joint case.',
    readsPersonalData: true,
  },
  fritidsledare: {
    sv: 'Fritidsledare',
    en: 'Youth centre worker',
    seesSv: 'Sina egna insatser i gemensamma planer, inom samtyckets ram.',
    seesEn: 'Their own actions in joint plans, within the scope of consent.',
    readsPersonalData: true,
  },
  faltassistent: {
    sv: 'Fältassistent',
    en: 'Outreach worker',
    seesSv: 'Sina egna insatser i gemensamma planer, inom samtyckets ram.',
    seesEn: 'Their own actions in joint plans, within the scope of consent.',
    readsPersonalData: true,
  },
  foreningsnyckelperson: {
    sv: 'Nyckelperson i förening',
    en: 'Association key person',
    seesSv: 'Bara insatser som tilldelats hen. Aldrig uppgifter om brott.',
    seesEn: 'Only actions assigned to them. Never information about crime.',
    readsPersonalData: true,
  },
  naringsidkare: {
    sv: 'Näringsidkare',
    en: 'Business owner',
    seesSv: 'Bara insatser som tilldelats hen, till exempel feriejobb. Aldrig uppgifter om brott.',
    seesEn: 'Only actions assigned to them, such as summer jobs. Never information about crime.',
    readsPersonalData: true,
  },
  mvc_bvc: {
    sv: 'MVC/BVC',
    en: 'Maternity and child health care',
    seesSv: 'Det som samtycke uttryckligen omfattar i ett gemensamt ärende.',
    seesEn: 'What consent explicitly covers in a joint case.',
    readsPersonalData: true,
  },
  mentor: {
    sv: 'Mentor (ideell)',
    en: 'Volunteer mentor',
    seesSv: 'Bara den insats hen är mentor i. Aldrig uppgifter om brott.',
    seesEn: 'Only the action they mentor in. Never information about crime.',
    readsPersonalData: true,
  },
  est_rapportor: {
    sv: 'EST-rapportör',
    en: 'EST reporter',
    seesSv: 'Platsrapporter och lägesbild. Inga personuppgifter.',
    seesEn: 'Place reports and the situational picture. No personal data.',
    readsPersonalData: false,
  },
  administrator: {
    sv: 'Administratör',
    en: 'Administrator',
    seesSv: 'Organisationer, användare och behörigheter. Inga uppgifter om barn.',
    seesEn: 'Organisations, users and memberships. No information about children.',
    readsPersonalData: true,
  },
  loggranskare: {
    sv: 'Loggranskare',
    en: 'Access-log reviewer',
    seesSv: 'Åtkomstloggen: vem som har läst eller ändrat vad, och när.',
    seesEn: 'The access log: who read or changed what, and when.',
    readsPersonalData: true,
  },
  analytiker: {
    sv: 'Analytiker',
    en: 'Analyst',
    seesSv: 'Bara sammanställd statistik. Inga personuppgifter.',
    seesEn: 'Aggregated statistics only. No personal data.',
    readsPersonalData: false,
  },
  utbytessamordnare: {
    sv: 'Utbytessamordnare (bostadsutbyte)',
    en: 'Housing exchange officer',
    seesSv: 'Bostadsutbytet mellan kommuner: behov, erbjudanden och matchningar. Ser aldrig namn från en annan kommun.',
    seesEn: 'The housing exchange between municipalities: requests, offers and matches. Never sees names from another municipality.',
    readsPersonalData: true,
  },
};

/** Two-factor is required for every role that reads personal data (administrators included, since they grant access). */
export function roleRequiresTwoFactor(role: Role): boolean {
  return ROLES[role].readsPersonalData;
}
