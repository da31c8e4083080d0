import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { randomIdentityNumber, type TestApp, type TestMember, type TestOrganisation, type TestPerson, type TestTenant } from '../factories';
import type { ConsentCategory, ConsentState } from '../../src/shared/sharing';
import { giveConsent } from './cases-support';
import type { CaseDetail } from '../../src/shared/cases';
import type { OrganisationType } from '../../src/shared/organisations';
import type { Role } from '../../src/shared/roles';

/**
 * The fixture of the access matrix: one tenant with one organisation per kind of team member, one
 * signed-in member per role, and per consent state one young person with a case that has a factor
 * in every mapping category, goals, actions and a meeting. The tenant and the members are shared by
 * the five cases (signing in eleven people five times would make the file slow); each case has
 * its own person, so its own consents, and that is all a consent state depends on.
 */

export const VIEWERS = ['koordinator', 'handlaggare', 'skolpersonal', 'polis', 'fritidsledare', 'mvc_bvc', 'mentor', 'foreningsnyckelperson', 'naringsidkare'] as const;
export type Viewer = (typeof VIEWERS)[number];

export const FIXTURE_STATES = ['none', 'in_scope', 'out_of_scope', 'withdrawn', 'expired'] as const satisfies readonly ConsentState[];
export type FixtureState = (typeof FIXTURE_STATES)[number];

type OrgKey = 'coordination' | 'social' | 'school' | 'police' | 'leisure' | 'association' | 'health' | 'business';

const ORGANISATIONS: Record<OrgKey, { type: OrganisationType; isAuthority: boolean }> = {
  coordination: { type: 'annan', isAuthority: true },
  social: { type: 'socialtjanst', isAuthority: true },
  school: { type: 'skola', isAuthority: true },
  police: { type: 'polis', isAuthority: true },
  leisure: { type: 'fritid', isAuthority: true },
  association: { type: 'forening', isAuthority: false },
  health: { type: 'halso_sjukvard', isAuthority: true },
  business: { type: 'naringsliv', isAuthority: false },
};

export const VIEWER_ORGANISATION: Record<Viewer, OrgKey> = {
  koordinator: 'coordination',
  handlaggare: 'social',
  skolpersonal: 'school',
  polis: 'police',
  fritidsledare: 'leisure',
  mvc_bvc: 'health',
  mentor: 'association',
  foreningsnyckelperson: 'association',
  naringsidkare: 'business',
};

/** The free texts of each case, so a test can look for them in a response it should not be in. */
export const TEXT = {
  goal: 'matrisen-mal: fullföljer nian med godkända betyg',
  factor: {
    skola: 'matrisen-skola: hög frånvaro sedan augusti',
    socialtjanst: 'matrisen-socialtjanst: familjen har insats enligt SoL',
    polis: 'matrisen-polis: misstänkt för snatteri i oktober',
    fritid: 'matrisen-fritid: slutat på fotbollen',
    halsa: 'matrisen-halsa: sömnsvårigheter',
  },
  /** A social services note that is about crime (flagged), for GDPR art. 10. */
  crimeFlagged: 'matrisen-brott: umgås med äldre som säljer narkotika',
  action: {
    mentor: 'matrisen-insats-mentor: träffas varje tisdag',
    fritid: 'matrisen-insats-fritid: prova på boxning',
    polis: 'matrisen-insats-polis: orosamtal med vårdnadshavare',
  },
  meeting: 'matrisen-mote: alla parter är överens om planen',
  participant: 'Matrisen Mötesdeltagare',
} as const;

export interface MatrixTeam {
  tenant: TestTenant;
  organisations: Record<OrgKey, TestOrganisation>;
  members: Record<Viewer, TestMember>;
  /** A school employee who is not on any team. */
  outsider: TestMember;
}

export interface MatrixCase {
  state: FixtureState;
  caseId: string;
  personId: string;
  guardianIds: string[];
  actionIds: { mentor: string; fritid: string; polis: string };
}

export async function buildTeam(t: TestApp): Promise<MatrixTeam> {
  const tenant = await t.tenant('Matriskommun');
  const organisations = {} as Record<OrgKey, TestOrganisation>;
  for (const [key, { type, isAuthority }] of Object.entries(ORGANISATIONS) as [OrgKey, { type: OrganisationType; isAuthority: boolean }][]) {
    organisations[key] = await t.organisation(tenant, type, { isAuthority, name: `Matris ${key}` });
  }
  const members = {} as Record<Viewer, TestMember>;
  for (const viewer of VIEWERS) members[viewer] = await t.member(tenant, organisations[VIEWER_ORGANISATION[viewer]], viewer as Role);
  const outsider = await t.member(tenant, organisations.school, 'skolpersonal');
  return { tenant, organisations, members, outsider };
}

/** A valid personnummer for someone born on `date` (YYYY-MM-DD), with the Luhn check digit. */
let nextSerial = 100 + Math.floor(Math.random() * 400);
export function identityNumberBornOn(date: string): string {
  const digits = date.replace(/-/g, '');
  // Counted, not drawn: the five young people share a birth date and must not share a number.
  const serial = String((nextSerial += 7));
  const nine = `${digits.slice(2)}${serial}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    const product = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return `${digits.slice(0, 2)}${nine}${(10 - (sum % 10)) % 10}`;
}

export const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** About fifteen and a half: the young person's own consent is needed, the guardians' too. */
const bornFifteenAndAHalfYearsAgo = () => isoDay(-(15 * 365 + 180));

export async function call(t: TestApp, member: TestMember, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: member.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

async function ok(response: LightMyRequestResponse, what: string): Promise<Record<string, unknown>> {
  if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return response.json() as Record<string, unknown>;
}

/**
 * Records a consent for the person through the API with the case module's helper: the scope, then
 * every required party (each guardian and, from fifteen, the young person), so it is in force today.
 */
export async function giveConsentForMatrix(
  t: TestApp,
  coordinator: TestMember,
  scope: { person: TestPerson; caseId: string; organisationIds: string[]; categories: ConsentCategory[] },
): Promise<string> {
  const consent = await giveConsent(t, coordinator, scope.person, { caseId: scope.caseId, organisationIds: scope.organisationIds, categories: scope.categories });
  return consent.id;
}

/** The case moves through its statuses in order, up to and including `to`. */
async function moveTo(t: TestApp, coordinator: TestMember, caseId: string, statuses: string[]): Promise<void> {
  for (const to of statuses) await ok(await call(t, coordinator, 'POST', `/api/cases/${caseId}/transitions`, { to }), `transition to ${to}`);
}

/**
 * Builds one case and then puts its consent into `state`:
 * - in_scope: the consent names every organisation on the team, with skola, socialtjanst and fritid
 *   (not polis, not halsa: those cells are out of scope per category);
 * - out_of_scope: that consent is withdrawn and a new one in force names only the coordinator's and
 *   social services' organisations;
 * - withdrawn: the consent is withdrawn through the API;
 * - expired: its validity is moved into the past in the database (as the owner: the API rightly
 *   refuses to record consent for dates that have passed, and waiting a year is not an option);
 * - none: the consent rows are deleted in the database (as the owner). The team could not have
 *   been formed without consent (the engine refuses the addition), so "never consented" is made by
 *   removing it afterwards; what the case reads is then exactly what it reads with no consent.
 */
export async function buildCase(t: TestApp, team: MatrixTeam, state: FixtureState): Promise<MatrixCase> {
  const { tenant, organisations: orgs, members } = team;
  const director = members.koordinator;
  const guardianA = await t.person(tenant, { identityNumber: randomIdentityNumber(1975, 1988), firstName: 'Vårdnadshavare', lastName: 'Ett' });
  const guardianB = await t.person(tenant, { identityNumber: randomIdentityNumber(1975, 1988), firstName: 'Vårdnadshavare', lastName: 'Två' });
  const young = await t.person(tenant, { identityNumber: identityNumberBornOn(bornFifteenAndAHalfYearsAgo()), firstName: 'Matris', lastName: `Ungdom-${state}`, guardianIds: [guardianA.id, guardianB.id] });
  const guardianIds = [guardianA.id, guardianB.id];

  const opened = await ok(await call(t, director, 'POST', '/api/cases', { personId: young.id }), 'open case');
  const caseId = opened.id as string;
  const consentId = await giveConsentForMatrix(t, director, {
    person: young,
    caseId,
    organisationIds: Object.values(orgs).map((o) => o.id),
    categories: ['skola', 'socialtjanst', 'fritid'],
  });
  await moveTo(t, director, caseId, ['samtycke_inhamtat']);

  for (const viewer of VIEWERS.filter((v) => v !== 'koordinator')) {
    const member = members[viewer];
    await ok(await call(t, director, 'POST', `/api/cases/${caseId}/members`, { userId: member.userId, organisationId: member.organisationId, caseRole: viewer }), `add ${viewer}`);
  }
  await moveTo(t, director, caseId, ['kartlaggning']);

  // Each factor is recorded by its natural holder: the school's by the school, and so on.
  const factor = (category: string, note: string, crimeData = false) => ({ domain: category === 'skola' ? 'skola' : 'individ', kind: 'risk', level: 'medel', category, crimeData, note });
  const factors: [Viewer, ReturnType<typeof factor>][] = [
    ['skolpersonal', factor('skola', TEXT.factor.skola)],
    ['handlaggare', factor('socialtjanst', TEXT.factor.socialtjanst)],
    ['handlaggare', factor('socialtjanst', TEXT.crimeFlagged, true)],
    ['polis', factor('polis', TEXT.factor.polis)],
    ['fritidsledare', factor('fritid', TEXT.factor.fritid)],
    ['mvc_bvc', factor('halsa', TEXT.factor.halsa)],
  ];
  for (const [viewer, body] of factors) await ok(await call(t, members[viewer], 'POST', `/api/cases/${caseId}/factors`, body), `factor ${body.category} by ${viewer}`);

  await moveTo(t, director, caseId, ['natverksmote']);
  // Each step answers with the case as the director now sees it; the new row is found in it by its text.
  const withGoal = (await ok(await call(t, director, 'POST', `/api/cases/${caseId}/goals`, { text: TEXT.goal }), 'goal')) as unknown as CaseDetail;
  const goalId = withGoal.goals.find((g) => g.text === TEXT.goal)!.id;
  const action = async (type: string, organisationId: string, responsibleUserId: string, what: string, dueOn = isoDay(60)) => {
    const detail = (await ok(
      await call(t, director, 'POST', `/api/cases/${caseId}/actions`, { goalId, type, responsibleOrganisationId: organisationId, responsibleUserId, what, startOn: isoDay(-30), dueOn }),
      `action ${type}`,
    )) as unknown as CaseDetail;
    return detail.actions.find((a) => a.what === what)!.id;
  };
  const actionIds = {
    mentor: await action('mentorskap', orgs.association.id, members.mentor.userId, TEXT.action.mentor),
    // Overdue, so the case header has an overdue count that must follow what the viewer sees.
    fritid: await action('forening_fritid', orgs.leisure.id, members.fritidsledare.userId, TEXT.action.fritid, isoDay(-1)),
    polis: await action('polisiar_insats', orgs.police.id, members.polis.userId, TEXT.action.polis),
  };
  await ok(
    await call(t, director, 'POST', `/api/cases/${caseId}/meetings`, {
      kind: 'natverksmote',
      heldOn: isoDay(0),
      held: true,
      participants: [{ name: TEXT.participant, organisation: 'Skolan', role: 'kurator' }],
      decisions: TEXT.meeting,
      actionIds: Object.values(actionIds),
    }),
    'meeting',
  );
  // A planned follow-up: the header's "next meeting" must follow the meetings section.
  await ok(await call(t, director, 'POST', `/api/cases/${caseId}/meetings`, { kind: 'uppfoljning', heldOn: isoDay(30), held: false }), 'planned follow-up');
  await moveTo(t, director, caseId, ['plan_aktiv']);

  await putConsentInto(t, team, { caseId, person: young, guardianIds, consentId }, state);
  return { state, caseId, personId: young.id, guardianIds, actionIds };
}

async function putConsentInto(t: TestApp, team: MatrixTeam, made: { caseId: string; person: TestPerson; guardianIds: string[]; consentId: string }, state: FixtureState): Promise<void> {
  const director = team.members.koordinator;
  const withdraw = async () =>
    ok(await call(t, director, 'POST', `/api/consents/${made.consentId}/withdraw`, { byKind: 'guardian', byGuardianId: made.guardianIds[0] }), 'withdraw consent');
  switch (state) {
    case 'in_scope':
      return;
    case 'withdrawn':
      await withdraw();
      return;
    case 'out_of_scope':
      await withdraw();
      await giveConsentForMatrix(t, director, {
        person: made.person,
        caseId: made.caseId,
        organisationIds: [team.organisations.coordination.id, team.organisations.social.id],
        categories: ['skola', 'socialtjanst', 'fritid'],
      });
      return;
    case 'expired':
      await t.database.asOwner((owner) =>
        owner.execute(sql`update consent set valid_from = ${isoDay(-400)}::date, valid_to = ${isoDay(-2)}::date where tenant_id = ${team.tenant.id} and id = ${made.consentId}`),
      );
      await t.database.asOwner((owner) =>
        owner.execute(sql`update consent_party set given_on = ${isoDay(-400)}::date where tenant_id = ${team.tenant.id} and consent_id = ${made.consentId}`),
      );
      return;
    case 'none':
      await t.database.asOwner(async (owner) => {
        await owner.execute(sql`update sspf_case set consent_id = null where tenant_id = ${team.tenant.id} and id = ${made.caseId}`);
        await owner.execute(sql`delete from consent_party where tenant_id = ${team.tenant.id} and consent_id = ${made.consentId}`);
        await owner.execute(sql`delete from consent where tenant_id = ${team.tenant.id} and id = ${made.consentId}`);
      });
      return;
  }
}

export async function readCase(t: TestApp, member: TestMember, caseId: string): Promise<{ status: number; body: CaseDetail | null; text: string }> {
  const response = await call(t, member, 'GET', `/api/cases/${caseId}`);
  return { status: response.statusCode, body: response.statusCode === 200 ? (response.json() as CaseDetail) : null, text: response.body };
}
