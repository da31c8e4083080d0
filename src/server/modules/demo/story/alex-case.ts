import { and, eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { sspfCase } from '../../../db/schema';
import type { CaseDetail } from '../../../../shared/cases';
import type { Role } from '../../../../shared/roles';
import { DEMO_ACTIONS, DEMO_CASE_PERSON, DEMO_CONSENT, DEMO_FACTORS, DEMO_GOALS, DEMO_MEETINGS, DEMO_TEAM } from '../demo-sspf-data';
import { later } from '../story-time';
import { findDemoPerson, registerDemoPersons, type DemoChapter, type StoryContext } from './chapter';

/**
 * Chapter 2: Alex's SSPF case, from the day Kim the coordinator opened it (65 days before the demo
 * was seeded) to the running plan: the family's consent, the team, the mapping each member wrote,
 * the network meeting, the actions their owners started, and the follow-up booked for the coming days.
 */
export const alexCaseChapter: DemoChapter = {
  key: 'alex-case',
  async isTold(context) {
    const alex = await findDemoPerson(context, DEMO_CASE_PERSON);
    if (!alex) return false;
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: sspfCase.id }).from(sspfCase).where(and(eq(sspfCase.tenantId, context.tenantId), eq(sspfCase.personId, alex))).limit(1),
    );
    return found !== undefined;
  },
  tell: tellAlexCase,
};

async function tellAlexCase(context: StoryContext): Promise<void> {
  const driver = await context.driver();
  const { organisationIds: orgs, userIds: users } = context;
  const kim = driver.as('koordinator');
  const by = (role: Role) => driver.as(role);

  // Day -65: the school's worry reaches Kim; Kim registers the family and opens the case.
  const persons = await registerDemoPersons(context, 'koordinator', -65, '09:05', ['lena', 'ahmed', DEMO_CASE_PERSON]);
  const alex = persons.get(DEMO_CASE_PERSON)!;
  const guardians = [persons.get('lena')!, persons.get('ahmed')!];
  const opened = await kim.on(-65, '09:20').post<CaseDetail>('/api/cases', { personId: alex });
  const cases = `/api/cases/${opened.id}`;

  // Day -60: Kim meets Alex and the parents; each gives consent orally, and Kim records it that afternoon.
  const consent = await kim.on(DEMO_CONSENT.day, '13:30').post<{ id: string }>('/api/consents', {
    personId: alex,
    caseId: opened.id,
    organisationIds: DEMO_CONSENT.organisations.map((key) => orgs[key]),
    categories: [...DEMO_CONSENT.categories],
    purpose: DEMO_CONSENT.purpose,
    validFrom: driver.day(DEMO_CONSENT.day),
  });
  const parties = [...guardians.map((guardianId) => ({ kind: 'guardian', guardianId })), { kind: 'young_person' }];
  for (const [n, party] of parties.entries()) {
    await kim.on(DEMO_CONSENT.day, later('13:34', n)).post(`/api/consents/${consent.id}/parties`, {
      ...party,
      method: 'oral',
      witnessName: DEMO_CONSENT.witness,
      givenOn: driver.day(DEMO_CONSENT.day),
    });
  }
  await kim.on(DEMO_CONSENT.day, '13:45').post(`${cases}/transitions`, { to: 'samtycke_inhamtat' });

  // Day -58: the team, each addition weighed by the sharing engine; both parents take part.
  for (const [n, member] of DEMO_TEAM.entries()) {
    await kim.on(-58, later('10:00', 3 * n)).post(`${cases}/members`, { userId: users[member.role], organisationId: orgs[member.organisation], caseRole: member.caseRole });
  }
  for (const [n, guardianId] of guardians.entries()) {
    await kim.on(-58, later('10:20', n)).put(`${cases}/guardians`, { guardianId, participates: true });
  }
  await kim.on(-57, '08:30').post(`${cases}/transitions`, { to: 'kartlaggning' });

  // Days -52 to -47: each member maps what their organisation knows.
  for (const factor of DEMO_FACTORS) {
    await by(factor.recordedBy).on(factor.day, factor.time).post(`${cases}/factors`, {
      domain: factor.domain,
      kind: factor.kind,
      level: factor.level,
      category: factor.category,
      note: factor.note,
    });
  }
  await kim.on(-36, '11:00').post(`${cases}/transitions`, { to: 'natverksmote' });

  // Day -30: the network meeting agrees on goals and actions; Kim writes them down and books the follow-up.
  const [network, followUp] = DEMO_MEETINGS as [(typeof DEMO_MEETINGS)[number], (typeof DEMO_MEETINGS)[number]];
  const goalIds: string[] = [];
  for (const [n, text] of DEMO_GOALS.entries()) {
    const detail = await kim.on(network.day, later('16:05', n)).post<CaseDetail>(`${cases}/goals`, { text });
    goalIds.push(detail.goals.find((goal) => goal.text === text)!.id);
  }
  const actionIds: string[] = [];
  for (const [n, action] of DEMO_ACTIONS.entries()) {
    const detail = await kim.on(network.day, later('16:10', 2 * n)).post<CaseDetail>(`${cases}/actions`, {
      goalId: goalIds[action.goal],
      type: action.type,
      responsibleOrganisationId: orgs[action.organisation],
      responsibleUserId: users[action.responsible],
      what: action.what,
      startOn: driver.day(action.startDay),
      dueOn: driver.day(action.dueDay),
    });
    actionIds.push(detail.actions.find((a) => a.what === action.what)!.id);
  }
  await kim.on(network.day, '16:20').post(`${cases}/meetings`, {
    kind: network.kind,
    heldOn: driver.day(network.day),
    held: true,
    participants: network.participants,
    decisions: network.decisions,
    actionIds,
  });
  await kim.on(network.day, '16:25').post(`${cases}/transitions`, { to: 'plan_aktiv' });
  await kim.on(network.day, '16:30').post(`${cases}/meetings`, { kind: followUp.kind, heldOn: driver.day(followUp.day), held: false });

  // The owners start their actions on the day they begin.
  for (const [n, action] of DEMO_ACTIONS.entries()) {
    if (action.status === 'planerad') continue;
    await by(action.responsible).on(action.startDay, later('08:15', 5 * n)).patch(`${cases}/actions/${actionIds[n]}`, { status: action.status });
  }
}
