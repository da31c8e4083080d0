import type { ActionStatus, ActionType, FactorDomain, FactorKind, FactorLevel, MeetingKind } from '../../../shared/cases';
import type { ConsentCategory, InformationCategory } from '../../../shared/sharing';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';

/**
 * The SSPF part of the demo, all fictional: Alex's case half-way through the process (consent in
 * force, mapping done, a network meeting held, the plan running with one action overdue and a
 * follow-up planned), and Wilma's concern, linked to her and waiting for someone to open a case.
 * Dates are days relative to the day the demo is seeded, so the demo looks the same whenever it starts.
 */

export const DEMO_CASE_PERSON = 'alex';
export const DEMO_CONCERN_PERSON = 'wilma';

/** The organisations the consent names (the coordinator's own too: the director reads through the engine). */
export const DEMO_CONSENT = {
  organisations: ['annan', 'skola', 'fritid', 'forening', 'socialtjanst'] as const satisfies readonly OrganisationType[],
  categories: ['skola', 'fritid', 'socialtjanst'] as const satisfies readonly ConsentCategory[],
  purpose: 'Samverkan kring Alex skolgång och fritid enligt SSPF: gemensam kartläggning och åtagandeplan (demo).',
  validFromDay: -60,
  givenOnDay: -58,
  witness: 'Kim Koordinator (demo)',
};

export interface DemoTeamMember {
  role: Role;
  organisation: OrganisationType;
  caseRole: string;
}

export const DEMO_TEAM: readonly DemoTeamMember[] = [
  { role: 'handlaggare', organisation: 'socialtjanst', caseRole: 'Handläggare, socialtjänsten' },
  { role: 'skolpersonal', organisation: 'skola', caseRole: 'Skolkurator' },
  { role: 'fritidsledare', organisation: 'fritid', caseRole: 'Fritidsledare' },
  { role: 'mentor', organisation: 'forening', caseRole: 'Mentor' },
];

export interface DemoFactor {
  recordedBy: Role;
  domain: FactorDomain;
  kind: FactorKind;
  level: FactorLevel;
  category: Exclude<InformationCategory, 'samverkan'>;
  note: string;
}

export const DEMO_FACTORS: readonly DemoFactor[] = [
  { recordedBy: 'skolpersonal', domain: 'skola', kind: 'risk', level: 'hog', category: 'skola', note: 'Hög frånvaro sedan höstlovet, mest måndagar och fredagar (demo).' },
  { recordedBy: 'skolpersonal', domain: 'skola', kind: 'skydd', level: 'medel', category: 'skola', note: 'Trivs på slöjden och har en god relation till slöjdläraren (demo).' },
  { recordedBy: 'fritidsledare', domain: 'narmiljo_fritid', kind: 'risk', level: 'medel', category: 'fritid', note: 'Har slutat på fotbollen och hänger vid köpcentret på kvällarna (demo).' },
  { recordedBy: 'handlaggare', domain: 'familj', kind: 'skydd', level: 'hog', category: 'socialtjanst', note: 'Båda vårdnadshavarna är engagerade och vill ha stöd (demo).' },
];

export const DEMO_GOALS = ['Alex går i skolan varje dag och klarar godkänt i kärnämnena till sommaren (demo).', 'Alex har en meningsfull fritid minst två kvällar i veckan (demo).'] as const;

export interface DemoAction {
  goal: 0 | 1;
  type: ActionType;
  responsible: Role;
  organisation: OrganisationType;
  what: string;
  startDay: number;
  dueDay: number;
  status: ActionStatus;
}

export const DEMO_ACTIONS: readonly DemoAction[] = [
  { goal: 1, type: 'mentorskap', responsible: 'mentor', organisation: 'forening', what: 'Mentorsträffar varje tisdag efter skolan (demo).', startDay: -28, dueDay: 90, status: 'pagar' },
  // Overdue: the due day has passed and it is not done, so the list and the reminders show it.
  { goal: 0, type: 'kompensatoriska_skolinsatser', responsible: 'skolpersonal', organisation: 'skola', what: 'Studiestöd i matematik två gånger i veckan (demo).', startDay: -28, dueDay: -3, status: 'pagar' },
  { goal: 1, type: 'forening_fritid', responsible: 'fritidsledare', organisation: 'fritid', what: 'Prova på boxning på fritidsgården tillsammans med en kompis (demo).', startDay: -21, dueDay: 40, status: 'planerad' },
];

export interface DemoMeeting {
  kind: MeetingKind;
  day: number;
  held: boolean;
  participants: { name: string; organisation: string; role: string }[];
  decisions: string;
}

export const DEMO_MEETINGS: readonly DemoMeeting[] = [
  {
    kind: 'natverksmote',
    day: -30,
    held: true,
    participants: [
      { name: 'Kim Koordinator (demo)', organisation: 'Kommunledningskontoret (demo)', role: 'SSPF-koordinator' },
      { name: 'Sara Skolkurator (demo)', organisation: 'Demoskolan Norr', role: 'Skolkurator' },
      { name: 'Fia Fritidsledare (demo)', organisation: 'Fritidsgården Demo', role: 'Fritidsledare' },
      { name: 'Lena Påhittad', organisation: '', role: 'Vårdnadshavare' },
      { name: 'Alex Påhittad', organisation: '', role: 'Den unge' },
    ],
    decisions: 'Alex och vårdnadshavarna är med på planen. Studiestöd i matematik, mentor från IK Demo Fotboll och prova på boxning. Uppföljning om sex veckor (demo).',
  },
  { kind: 'uppfoljning', day: 14, held: false, participants: [], decisions: '' },
];

/** Wilma's concern: from her school, about absence and older friends. */
export const DEMO_CONCERN = {
  receivedDay: -5,
  categories: ['skolfranvaro', 'kriminellt_umgange'] as const,
  description: 'Wilma har varit borta från skolan mycket de senaste veckorna och ses ofta med äldre ungdomar vid centralstationen (demo).',
  reporter: { name: 'Sara Skolkurator (demo)', phone: '070-174 06 52', email: 'skolkurator@demo.samverka.se', organisationName: 'Demoskolan Norr' },
};
