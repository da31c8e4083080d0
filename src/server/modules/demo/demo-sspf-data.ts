import type { ActionStatus, ActionType, FactorDomain, FactorKind, FactorLevel, MeetingKind } from '../../../shared/cases';
import type { ConsentCategory, InformationCategory } from '../../../shared/sharing';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';

/**
 * The SSPF part of the demo, all fictional: Alex's case half-way through the process (consent in
 * force, mapping done, a network meeting held, the plan running with one action overdue and a
 * follow-up in the coming days), and Wilma's concern, new and waiting for the intake unit.
 * Days are relative to the day the demo is seeded (negative: before it), times are Swedish office
 * hours, so the demo looks the same whenever it starts. The story itself is told in ./story.
 */

export const DEMO_CASE_PERSON = 'alex';
export const DEMO_CONCERN_PERSON = 'wilma';

/** The organisations the consent names (the coordinator's own too: the director reads through the engine). */
export const DEMO_CONSENT = {
  organisations: ['annan', 'skola', 'fritid', 'forening', 'socialtjanst'] as const satisfies readonly OrganisationType[],
  categories: ['skola', 'fritid', 'socialtjanst'] as const satisfies readonly ConsentCategory[],
  purpose: 'Samverkan kring Alex skolgång och fritid enligt SSPF: gemensam kartläggning och åtagandeplan (demo).',
  /** Kim meets the family and records the consent the same afternoon; it is in force from that day. */
  day: -60,
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
  day: number;
  time: string;
  domain: FactorDomain;
  kind: FactorKind;
  level: FactorLevel;
  category: Exclude<InformationCategory, 'samverkan'>;
  note: string;
}

export const DEMO_FACTORS: readonly DemoFactor[] = [
  { recordedBy: 'skolpersonal', day: -52, time: '14:10', domain: 'skola', kind: 'risk', level: 'hog', category: 'skola', note: 'Hög frånvaro sedan höstlovet, mest måndagar och fredagar (demo).' },
  { recordedBy: 'skolpersonal', day: -52, time: '14:18', domain: 'skola', kind: 'skydd', level: 'medel', category: 'skola', note: 'Trivs på slöjden och har en god relation till slöjdläraren (demo).' },
  { recordedBy: 'fritidsledare', day: -49, time: '16:40', domain: 'narmiljo_fritid', kind: 'risk', level: 'medel', category: 'fritid', note: 'Har slutat på fotbollen och hänger vid köpcentret på kvällarna (demo).' },
  { recordedBy: 'handlaggare', day: -47, time: '10:25', domain: 'familj', kind: 'skydd', level: 'hog', category: 'socialtjanst', note: 'Båda vårdnadshavarna är engagerade och vill ha stöd (demo).' },
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
  /** Set by the responsible member once it has started (actions begin as planned). */
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
  time: string;
  held: boolean;
  participants: { name: string; organisation: string; role: string }[];
  decisions: string;
}

export const DEMO_MEETINGS: readonly DemoMeeting[] = [
  {
    kind: 'natverksmote',
    day: -30,
    time: '15:00',
    held: true,
    participants: [
      { name: 'Kim Koordinator (demo)', organisation: 'Kommunledningskontoret (demo)', role: 'SSPF-koordinator' },
      { name: 'Sara Skolkurator (demo)', organisation: 'Demoskolan Norr', role: 'Skolkurator' },
      { name: 'Fia Fritidsledare (demo)', organisation: 'Fritidsgården Demo', role: 'Fritidsledare' },
      { name: 'Lena Påhittad', organisation: '', role: 'Vårdnadshavare' },
      { name: 'Alex Påhittad', organisation: '', role: 'Den unge' },
    ],
    decisions: 'Alex och vårdnadshavarna är med på planen. Studiestöd i matematik, mentor från IK Demo Fotboll och prova på boxning. Uppföljning om fem veckor (demo).',
  },
  // Booked at the network meeting; in the coming days, so the start page and the reminders show it.
  { kind: 'uppfoljning', day: 5, time: '15:00', held: false, participants: [], decisions: '' },
];

/**
 * Wilma's concern: from her school counsellor, about absence and older friends, sent through the
 * public form on the day the demo is seeded. Nobody has picked it up yet: the intake unit's start page
 * shows it waiting, its protection assessment due by the end of the day.
 */
export const DEMO_CONCERN = {
  categories: ['skolfranvaro', 'kriminellt_umgange'] as const,
  description: 'Wilma har varit borta från skolan mycket de senaste veckorna och ses ofta med äldre ungdomar vid centralstationen (demo).',
  reporter: { name: 'Sara Skolkurator (demo)', phone: '070-174 06 52', email: 'skolkurator@demo.samverka.se', organisationName: 'Demoskolan Norr' },
};
