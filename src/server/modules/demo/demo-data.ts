import type { OrganisationType } from '../../../shared/organisations';
import type { ProtectedIdentity } from '../../../shared/persons';
import type { Role } from '../../../shared/roles';

/**
 * The demo tenant: everything in it is fictional. Names say "demo" so nobody mistakes a screenshot
 * for real data, and every personnummer comes from Skatteverket's published test series
 * (individual numbers 980–999), which are never assigned to real people.
 */
export const DEMO_TENANT = { slug: 'gavle-demo', name: 'Gävle (demo)' } as const;

export const DEMO_EMAIL_DOMAIN = 'demo.samverka.se';

export interface DemoOrganisation {
  key: OrganisationType;
  name: string;
  /** Public authority (myndighet): GDPR art. 10 lets only authorities process data about crime. */
  isAuthority: boolean;
}

/** One organisation of each type. */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { key: 'skola', name: 'Demoskolan Norr', isAuthority: true },
  { key: 'socialtjanst', name: 'Socialtjänsten (demo)', isAuthority: true },
  { key: 'polis', name: 'Polisen lokalpolisområde Gävle (demo)', isAuthority: true },
  { key: 'fritid', name: 'Fritidsgården Demo', isAuthority: true },
  { key: 'forening', name: 'IK Demo Fotboll', isAuthority: false },
  { key: 'naringsliv', name: 'Demobageriet AB', isAuthority: false },
  { key: 'halso_sjukvard', name: 'BVC Demo (Region Gävleborg, demo)', isAuthority: true },
  { key: 'bostadsbolag', name: 'Demobostäder AB', isAuthority: false },
  { key: 'annan', name: 'Kommunledningskontoret (demo)', isAuthority: true },
];

export interface DemoUser {
  role: Role;
  /** The local part of the e-mail address: one address per role. */
  localPart: string;
  name: string;
  organisation: OrganisationType;
}

/** One user per role, each with exactly one membership. */
export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'koordinator', localPart: 'koordinator', name: 'Kim Koordinator (demo)', organisation: 'annan' },
  { role: 'handlaggare', localPart: 'handlaggare', name: 'Hanna Handläggare (demo)', organisation: 'socialtjanst' },
  { role: 'mottagning', localPart: 'mottagning', name: 'Mats Mottagning (demo)', organisation: 'socialtjanst' },
  { role: 'skolpersonal', localPart: 'skolpersonal', name: 'Sara Skolkurator (demo)', organisation: 'skola' },
  { role: 'polis', localPart: 'polis', name: 'Peter Kommunpolis (demo)', organisation: 'polis' },
  { role: 'fritidsledare', localPart: 'fritidsledare', name: 'Fia Fritidsledare (demo)', organisation: 'fritid' },
  { role: 'faltassistent', localPart: 'faltassistent', name: 'Filip Fältassistent (demo)', organisation: 'fritid' },
  { role: 'foreningsnyckelperson', localPart: 'forening', name: 'Nora Nyckelperson (demo)', organisation: 'forening' },
  { role: 'naringsidkare', localPart: 'naringsidkare', name: 'Nils Näringsidkare (demo)', organisation: 'naringsliv' },
  { role: 'mvc_bvc', localPart: 'bvc', name: 'Berit BVC-sköterska (demo)', organisation: 'halso_sjukvard' },
  { role: 'mentor', localPart: 'mentor', name: 'Mona Mentor (demo)', organisation: 'forening' },
  { role: 'est_rapportor', localPart: 'est', name: 'Erik EST-rapportör (demo)', organisation: 'bostadsbolag' },
  { role: 'administrator', localPart: 'admin', name: 'Ada Administratör (demo)', organisation: 'annan' },
  { role: 'loggranskare', localPart: 'loggranskare', name: 'Lars Loggranskare (demo)', organisation: 'annan' },
  { role: 'analytiker', localPart: 'analytiker', name: 'Alva Analytiker (demo)', organisation: 'annan' },
  { role: 'jurist', localPart: 'jurist', name: 'Julia Jurist (demo)', organisation: 'annan' },
  { role: 'utbytessamordnare', localPart: 'utbyte', name: 'Ulla Utbytessamordnare (demo)', organisation: 'socialtjanst' },
];

/**
 * The second demo tenant (issue 16 §6): a neighbouring municipality in the housing exchange with Gävle.
 * It has only what the exchange needs: social services (the exchange officer), a housing company (the
 * housing partner) and the municipal office (the administrator who decided to join).
 */
export const SANDVIKEN_TENANT = { slug: 'sandviken-demo', name: 'Sandviken (demo)' } as const;

export const SANDVIKEN_ORGANISATIONS: readonly DemoOrganisation[] = [
  { key: 'socialtjanst', name: 'Socialtjänsten Sandviken (demo)', isAuthority: true },
  { key: 'bostadsbolag', name: 'Sandvikenhus AB (demo)', isAuthority: false },
  { key: 'annan', name: 'Kommunledningskontoret Sandviken (demo)', isAuthority: true },
];

export const SANDVIKEN_USERS: readonly DemoUser[] = [
  { role: 'utbytessamordnare', localPart: 'utbyte.sandviken', name: 'Siv Utbytessamordnare (Sandviken, demo)', organisation: 'socialtjanst' },
  { role: 'administrator', localPart: 'admin.sandviken', name: 'Sam Administratör (Sandviken, demo)', organisation: 'annan' },
  { role: 'loggranskare', localPart: 'loggranskare.sandviken', name: 'Leo Loggranskare (Sandviken, demo)', organisation: 'annan' },
];

export const demoEmail = (user: DemoUser) => `${user.localPart}@${DEMO_EMAIL_DOMAIN}`;

export interface DemoPerson {
  key: string;
  identityNumber: string;
  firstName: string;
  lastName: string;
  pupil: boolean;
  protectedIdentity: ProtectedIdentity;
  guardians: readonly string[];
}

/** Guardians come first: children refer to them by key. */
export const DEMO_PERSONS: readonly DemoPerson[] = [
  { key: 'maria', identityNumber: '19820517-9834', firstName: 'Maria', lastName: 'Demosdotter', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'johan', identityNumber: '19800923-9842', firstName: 'Johan', lastName: 'Demosson', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'sara', identityNumber: '19850208-9868', firstName: 'Sara', lastName: 'Testberg', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'fatima', identityNumber: '19830411-9889', firstName: 'Fatima', lastName: 'Exempelsson', pupil: false, protectedIdentity: 'sekretessmarkering', guardians: [] },
  { key: 'elin', identityNumber: '20100314-9828', firstName: 'Elin', lastName: 'Demosdotter', pupil: true, protectedIdentity: 'none', guardians: ['maria', 'johan'] },
  { key: 'liam', identityNumber: '20091102-9858', firstName: 'Liam', lastName: 'Testberg', pupil: true, protectedIdentity: 'none', guardians: ['sara'] },
  { key: 'noah', identityNumber: '20110621-9874', firstName: 'Noah', lastName: 'Exempelsson', pupil: true, protectedIdentity: 'sekretessmarkering', guardians: ['fatima'] },
  { key: 'maja', identityNumber: '20080130-9899', firstName: 'Maja', lastName: 'Provsson', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'omar', identityNumber: '20120909-9900', firstName: 'Omar', lastName: 'Fiktivsson', pupil: true, protectedIdentity: 'none', guardians: [] },
  // The SSPF demo: Alex has a case in progress (see demo-sspf-data.ts); Wilma has a concern and no case yet.
  { key: 'lena', identityNumber: '19790312-9810', firstName: 'Lena', lastName: 'Påhittad', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'ahmed', identityNumber: '19770825-9861', firstName: 'Ahmed', lastName: 'Påhittad', pupil: false, protectedIdentity: 'none', guardians: [] },
  { key: 'alex', identityNumber: '20110419-9839', firstName: 'Alex', lastName: 'Påhittad', pupil: true, protectedIdentity: 'none', guardians: ['lena', 'ahmed'] },
  { key: 'wilma', identityNumber: '20120615-9921', firstName: 'Wilma', lastName: 'Testberg', pupil: true, protectedIdentity: 'none', guardians: ['sara'] },
];

export interface DemoRegistration {
  /** Who registered the family: the register is kept by the intake unit, case officers and the coordinator. */
  by: Role;
  day: number;
  time: string;
  /** Guardians before their children. */
  persons: readonly string[];
}

/**
 * When each family came into the register, in days before the demo was seeded. Alex's family is
 * registered by the coordinator as the case opens (story/alex-case.ts).
 */
export const DEMO_REGISTRATIONS: readonly DemoRegistration[] = [
  { by: 'mottagning', day: -142, time: '09:12', persons: ['maria', 'johan', 'elin'] },
  { by: 'mottagning', day: -97, time: '13:40', persons: ['sara', 'liam', 'wilma'] },
  { by: 'handlaggare', day: -76, time: '10:05', persons: ['fatima', 'noah'] },
  { by: 'mottagning', day: -40, time: '08:50', persons: ['maja'] },
  { by: 'mottagning', day: -12, time: '15:20', persons: ['omar'] },
];
