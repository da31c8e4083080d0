import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { readPdf } from './associations-pdf-text';
import { giveConsent } from './cases-support';
import { CASE_SECTIONS, type CaseDetail, type CaseSection, type CaseSummary } from '../../src/shared/cases';
import type { ConsentState, InformationCategory } from '../../src/shared/sharing';
import { FIXTURE_STATES, TEXT, VIEWERS, buildCase, buildTeam, call, giveConsentForMatrix, identityNumberBornOn, isoDay, readCase, type FixtureState, type MatrixCase, type MatrixTeam, type Viewer } from './cases-matrix-support';

/**
 * The access matrix of the SSPF case: every role on the team × every section × every consent state,
 * against docs/CASE-ACCESS.md. Each cell is its own test ("polis × mapping_skola × none → hidden").
 *
 * The consents of the fixture (see cases-matrix-support.ts):
 * - in_scope: names all eight organisations, with skola, socialtjanst and fritid (so polis and halsa
 *   are out of scope for everyone);
 * - out_of_scope: a consent in force names only the coordinator's and social services' organisations
 *   (same categories): those two are in scope, every other organisation is out of scope;
 * - withdrawn, expired, none: what they say, for everyone.
 * Each factor is recorded by its natural holder (the school's by the school, ...), so rule 1 ("own
 * information is no disclosure") gives each authority its own mapping section whenever it sees the case
 * at all; a member who may not see the summary sees nothing (the team is dissolved).
 */

// The expected table, written out. One character per consent state, in the order
//   none  in_scope  out_of_scope  withdrawn  expired
// '+' the section is shown, '-' it is hidden.
const ORDER: readonly FixtureState[] = ['none', 'in_scope', 'out_of_scope', 'withdrawn', 'expired'];

const EXPECTED: Record<Viewer, Record<CaseSection, string>> = {
  // The director always sees the case's own records (rule 2); mapping through the engine. The
  // out_of_scope consent names the director's organisation, so it is in scope for the director.
  koordinator: {
    summary: '+++++',
    consent: '+++++',
    mapping_skola: '-++--',
    mapping_socialtjanst: '-++--',
    mapping_polis: '-----',
    mapping_fritid: '-++--',
    mapping_halsa: '-----',
    plan: '+++++',
    actions_own: '+++++',
    meetings: '+++++',
  },
  // Social services is named by the out_of_scope consent too; its own mapping while it sees the case (rule 1).
  handlaggare: {
    summary: '-++--',
    consent: '-++--',
    mapping_skola: '-++--',
    mapping_socialtjanst: '-++--',
    mapping_polis: '-----',
    mapping_fritid: '-++--',
    mapping_halsa: '-----',
    plan: '-++--',
    actions_own: '-++--',
    meetings: '-++--',
  },
  skolpersonal: {
    summary: '-+---',
    consent: '-+---',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-+---',
    actions_own: '-+---',
    meetings: '-+---',
  },
  // Police sees the school's mapping only when the consent names skola for the police.
  polis: {
    summary: '-+---',
    consent: '-+---',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-+---',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-+---',
    actions_own: '-+---',
    meetings: '-+---',
  },
  fritidsledare: {
    summary: '-+---',
    consent: '-+---',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-+---',
    actions_own: '-+---',
    meetings: '-+---',
  },
  mvc_bvc: {
    summary: '-+---',
    consent: '-+---',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-+---',
    plan: '-+---',
    actions_own: '-+---',
    meetings: '-+---',
  },
  // Not public authorities (rule 3): never plan, meetings, consent or crime data; summary, their own
  // actions and a named non-crime mapping category when the consent covers their organisation.
  // Outside in_scope they see nothing, so the case answers 404.
  mentor: {
    summary: '-+---',
    consent: '-----',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-----',
    actions_own: '-+---',
    meetings: '-----',
  },
  foreningsnyckelperson: {
    summary: '-+---',
    consent: '-----',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-----',
    actions_own: '-+---',
    meetings: '-----',
  },
  naringsidkare: {
    summary: '-+---',
    consent: '-----',
    mapping_skola: '-+---',
    mapping_socialtjanst: '-+---',
    mapping_polis: '-----',
    mapping_fritid: '-+---',
    mapping_halsa: '-----',
    plan: '-----',
    actions_own: '-+---',
    meetings: '-----',
  },
};

/** The case's own records: the director sees them in every state (rule 2). */
const CASE_RECORDS: readonly CaseSection[] = ['summary', 'consent', 'plan', 'actions_own', 'meetings'];
const NON_AUTHORITIES: readonly Viewer[] = ['mentor', 'foreningsnyckelperson', 'naringsidkare'];
/** The organisations the out_of_scope consent names. */
const NAMED_BY_NARROW_CONSENT: readonly Viewer[] = ['koordinator', 'handlaggare'];
/** Which mapping section each role's own organisation recorded (rule 1). */
const OWN_MAPPING: Partial<Record<Viewer, CaseSection>> = {
  skolpersonal: 'mapping_skola',
  handlaggare: 'mapping_socialtjanst',
  polis: 'mapping_polis',
  fritidsledare: 'mapping_fritid',
  mvc_bvc: 'mapping_halsa',
};

const SECTION_CATEGORY: Record<CaseSection, InformationCategory> = {
  summary: 'samverkan',
  consent: 'samverkan',
  mapping_skola: 'skola',
  mapping_socialtjanst: 'socialtjanst',
  mapping_polis: 'polis',
  mapping_fritid: 'fritid',
  mapping_halsa: 'halsa',
  plan: 'samverkan',
  actions_own: 'samverkan',
  meetings: 'samverkan',
};
const CONSENTED_CATEGORIES: readonly InformationCategory[] = ['samverkan', 'skola', 'socialtjanst', 'fritid'];

const visible = (viewer: Viewer, section: CaseSection, state: FixtureState) => EXPECTED[viewer][section][ORDER.indexOf(state)] === '+';
const seesNothing = (viewer: Viewer, state: FixtureState) => CASE_SECTIONS.every((section) => !visible(viewer, section, state));

/** The consent state the viewer is under for the section's category, as `access[]` must report it. */
function expectedConsentState(viewer: Viewer, section: CaseSection, state: FixtureState): ConsentState {
  const category = SECTION_CATEGORY[section];
  const named = state === 'in_scope' || (state === 'out_of_scope' && NAMED_BY_NARROW_CONSENT.includes(viewer));
  if (state === 'in_scope' || state === 'out_of_scope') return named && CONSENTED_CATEGORIES.includes(category) ? 'in_scope' : 'out_of_scope';
  return state;
}

const MAPPING_TEXT: Partial<Record<CaseSection, { category: InformationCategory; text: string }>> = {
  mapping_skola: { category: 'skola', text: TEXT.factor.skola },
  mapping_socialtjanst: { category: 'socialtjanst', text: TEXT.factor.socialtjanst },
  mapping_polis: { category: 'polis', text: TEXT.factor.polis },
  mapping_fritid: { category: 'fritid', text: TEXT.factor.fritid },
  mapping_halsa: { category: 'halsa', text: TEXT.factor.halsa },
};

/** Which action (by text) is assigned to each role in the fixture. */
const OWN_ACTION: Partial<Record<Viewer, string>> = { mentor: TEXT.action.mentor, fritidsledare: TEXT.action.fritid, polis: TEXT.action.polis };

let t: TestApp;
let team: MatrixTeam;
const cases = {} as Record<FixtureState, MatrixCase>;
const lists = {} as Record<Viewer, CaseSummary[]>;
const reads = {} as Record<FixtureState, Record<Viewer, Awaited<ReturnType<typeof readCase>>>>;

beforeAll(async () => {
  t = await TestApp.start();
  team = await buildTeam(t);
  for (const state of FIXTURE_STATES) cases[state] = await buildCase(t, team, state);
  // One read per role and case; every cell below looks at these answers.
  for (const state of FIXTURE_STATES) {
    reads[state] = {} as Record<Viewer, Awaited<ReturnType<typeof readCase>>>;
    for (const viewer of VIEWERS) reads[state][viewer] = await readCase(t, team.members[viewer], cases[state].caseId);
  }
  // And each role's case list, which has a query of its own (cases/list-cases.ts, issue 12 §3).
  for (const viewer of VIEWERS) {
    const response = await t.app.inject({ method: 'GET', url: '/api/cases', headers: team.members[viewer].headers });
    expect(response.statusCode, response.body).toBe(200);
    lists[viewer] = (response.json() as { cases: CaseSummary[] }).cases;
  }
}, 600_000);
afterAll(async () => t?.close());

const CELLS = VIEWERS.flatMap((viewer) =>
  CASE_SECTIONS.flatMap((section) =>
    ORDER.map((state) => {
      const expected = visible(viewer, section, state) ? 'shown' : 'hidden';
      // The name first, so the test reads "polis × mapping_skola × none → hidden" (%s does not quote it).
      return [`${viewer} × ${section} × ${state} → ${expected}`, { viewer, section, state, expected }] as const;
    }),
  ),
);

function detail(viewer: Viewer, state: FixtureState): CaseDetail | null {
  const read = reads[state][viewer];
  if (seesNothing(viewer, state)) {
    expect(read.status, `${viewer} sees no section, so the case must not exist for them`).toBe(404);
    return null;
  }
  expect(read.status, read.text).toBe(200);
  return read.body!;
}

describe('the access matrix (docs/CASE-ACCESS.md)', () => {
  it.each(CELLS)('%s', (_name, { viewer, section, state, expected }) => {
    const body = detail(viewer, state);
    if (!body) {
      // 404: nothing of the case is in the answer.
      for (const text of [TEXT.goal, TEXT.meeting, ...Object.values(TEXT.factor), ...Object.values(TEXT.action)]) expect(reads[state][viewer].text).not.toContain(text);
      return;
    }
    const access = body.access.find((entry) => entry.section === section);
    expect(access, `access[] lists ${section}`).toBeDefined();
    expect(access!.visible).toBe(expected === 'shown');
    expect(access!.consentState).toBe(expectedConsentState(viewer, section, state));
    expect(access!.basis.length).toBeGreaterThan(0);
    if (expected === 'shown' && OWN_MAPPING[viewer] === section && expectedConsentState(viewer, section, state) !== 'in_scope') expect(access!.basis).toBe('Egen verksamhets uppgifter');
    if (expected === 'shown' && viewer === 'koordinator' && CASE_RECORDS.includes(section) && !['in_scope', 'out_of_scope'].includes(state)) {
      expect(access!.basis).toBe('Ärendeansvarig koordinator');
    }
    assertData(body, JSON.stringify(body), viewer, section, state, expected === 'shown');
  });
});

/** The data must follow `access[]`: a hidden section carries none of its rows and none of its text. */
function assertData(body: CaseDetail, json: string, viewer: Viewer, section: CaseSection, state: FixtureState, shown: boolean): void {
  const mapping = MAPPING_TEXT[section];
  if (mapping) {
    const ofCategory = body.factors.filter((factor) => factor.category === mapping.category);
    if (shown) {
      expect(ofCategory.map((factor) => factor.note)).toContain(mapping.text);
    } else {
      expect(ofCategory).toEqual([]);
      expect(json).not.toContain(mapping.text);
      if (mapping.category === 'socialtjanst') expect(json).not.toContain(TEXT.crimeFlagged);
    }
    return;
  }
  switch (section) {
    case 'summary':
      if (shown) expect(body.goals.map((goal) => goal.text)).toContain(TEXT.goal);
      else {
        expect(body.goals).toEqual([]);
        expect(body.members).toEqual([]);
        expect(json).not.toContain(TEXT.goal);
      }
      return;
    case 'consent':
      if (!shown) expect(body.consentId).toBeNull();
      else if (state !== 'none') expect(body.consentId).not.toBeNull();
      return;
    case 'meetings':
      if (shown) expect(body.meetings.map((meeting) => meeting.decisions)).toContain(TEXT.meeting);
      else {
        expect(body.meetings).toEqual([]);
        expect(json).not.toContain(TEXT.meeting);
        expect(json).not.toContain(TEXT.participant);
      }
      return;
    case 'plan': {
      const mine = OWN_ACTION[viewer];
      const others = Object.values(TEXT.action).filter((text) => text !== mine);
      if (shown) {
        // Crime data aside (a police action is for authorities only), the whole plan.
        expect(body.actions.map((action) => action.what)).toEqual(expect.arrayContaining([TEXT.action.mentor, TEXT.action.fritid]));
      } else {
        for (const text of others) expect(json).not.toContain(text);
      }
      return;
    }
    case 'actions_own': {
      const mine = OWN_ACTION[viewer];
      const userId = team.members[viewer].userId;
      if (shown && !visible(viewer, 'plan', state)) {
        // Only the viewer's own actions.
        expect(body.actions.every((action) => action.responsibleUserId === userId)).toBe(true);
        if (mine) expect(body.actions.map((action) => action.what)).toEqual([mine]);
      }
      if (!shown && mine) expect(json).not.toContain(mine);
      if (!shown && !visible(viewer, 'plan', state)) expect(body.actions).toEqual([]);
      return;
    }
  }
}

describe('around the matrix', () => {
  it.each(NON_AUTHORITIES)('%s never receives crime data, whatever the consent says', (viewer) => {
    for (const state of ORDER) {
      const text = reads[state][viewer].text;
      expect(text).not.toContain(TEXT.crimeFlagged);
      expect(text).not.toContain(TEXT.factor.polis);
      expect(text).not.toContain(TEXT.action.polis);
      const body = reads[state][viewer].body;
      if (body) expect(body.factors.filter((factor) => factor.crimeData || factor.category === 'polis')).toEqual([]);
    }
  });

  it('the mentor sees only the mentor action while the consent covers the association, and 404 after withdrawal', () => {
    const inScope = reads.in_scope.mentor;
    expect(inScope.status).toBe(200);
    expect(inScope.body!.actions.map((action) => action.id)).toEqual([cases.in_scope.actionIds.mentor]);
    expect(inScope.body!.meetings).toEqual([]);
    expect(reads.withdrawn.mentor.status).toBe(404);
    expect(reads.expired.mentor.status).toBe(404);
  });

  it('an authority with the plan in view sees every action in it', () => {
    const body = reads.in_scope.polis.body!;
    expect(body.actions.map((action) => action.id).sort()).toEqual(Object.values(cases.in_scope.actionIds).sort());
  });

  it.each(ORDER)('a school employee who is not on the team gets 404 (%s), and the denial is audited', async (state) => {
    const { caseId } = cases[state];
    const read = await readCase(t, team.outsider, caseId);
    expect(read.status).toBe(404);
    for (const text of [TEXT.goal, TEXT.factor.skola]) expect(read.text).not.toContain(text);
    const events = await t.auditEvents(team.tenant);
    const denied = events.filter((event) => event.actorUserId === team.outsider.userId && event.resourceId === caseId && event.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });

  it('a case that does not exist answers exactly like one the viewer may not reach', async () => {
    const missing = await readCase(t, team.outsider, '00000000-0000-4000-8000-000000000000');
    const hidden = await readCase(t, team.outsider, cases.in_scope.caseId);
    expect(missing.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
  });

  it('a team member who may see nothing gets 404 and the refusal is audited', async () => {
    const events = await t.auditEvents(team.tenant);
    for (const state of ['none', 'withdrawn', 'expired', 'out_of_scope'] as const) {
      for (const viewer of NON_AUTHORITIES) {
        expect(reads[state][viewer].status).toBe(404);
        const denied = events.filter((event) => event.actorUserId === team.members[viewer].userId && event.resourceId === cases[state].caseId && event.outcome === 'denied');
        expect(denied.length, `${viewer} × ${state}`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('every read is audited as case.read with the person, the legal basis and the sections', async () => {
    const events = await t.auditEvents(team.tenant, 'case.read');
    for (const state of ORDER) {
      for (const viewer of VIEWERS) {
        if (reads[state][viewer].status !== 200) continue;
        const mine = events.filter((event) => event.actorUserId === team.members[viewer].userId && event.resourceId === cases[state].caseId && event.outcome === 'allowed');
        expect(mine.length, `${viewer} × ${state}`).toBeGreaterThanOrEqual(1);
        const event = mine.at(-1)!;
        expect(event.personId).toBe(cases[state].personId);
        expect(event.legalBasis, `${viewer} × ${state}`).toBeTruthy();
        const sections = (event.details as { sections?: unknown } | null)?.sections;
        expect(sections, `${viewer} × ${state}: details.sections`).toBeDefined();
        expect(JSON.stringify(event.details)).not.toContain(TEXT.factor.skola);
      }
    }
  });

  it('adding a member asks the engine: refused with a field message outside the consent, audited with the basis inside it', async () => {
    const outsider = team.outsider;
    const add = (state: FixtureState) =>
      call(t, team.members.koordinator, 'POST', `/api/cases/${cases[state].caseId}/members`, { userId: outsider.userId, organisationId: outsider.organisationId, caseRole: 'lärare' });
    for (const state of ['out_of_scope', 'withdrawn', 'expired', 'none'] as const) {
      const refused = await add(state);
      expect(refused.statusCode, `${state}: ${refused.body}`).toBe(400);
      expect(Object.keys(refused.json().error.fields ?? {}).length, state).toBeGreaterThan(0);
      expect((await readCase(t, outsider, cases[state].caseId)).status).toBe(404);
    }
    const added = await add('in_scope');
    expect(added.statusCode, added.body).toBe(200);
    const events = (await t.auditEvents(team.tenant, 'case.member_add')).filter((event) => event.resourceId === cases.in_scope.caseId);
    expect(events.at(-1)).toMatchObject({ outcome: 'allowed', legalBasis: 'OSL 12 kap. 2 §', personId: cases.in_scope.personId });
    // Now on the team, the new member reads the case like their colleague at the school.
    const read = await readCase(t, outsider, cases.in_scope.caseId);
    expect(read.status).toBe(200);
    expect(read.body!.access.filter((a) => a.visible).map((a) => a.section)).toEqual(reads.in_scope.skolpersonal.body!.access.filter((a) => a.visible).map((a) => a.section));
  });

  it('the plan as PDF holds only what the person printing may see, and the export is audited with the bases', async () => {
    const pdf = async (viewer: Viewer) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/cases/${cases.in_scope.caseId}/plan.pdf`, headers: team.members[viewer].headers });
      return { status: response.statusCode, text: response.statusCode === 200 ? readPdf(response.rawPayload).text.replace(/\s+/g, ' ') : '' };
    };
    // PDF text is laid out in lines; compare on a distinctive start of each text.
    const marker = (text: string) => text.split(':')[0]!;
    const director = await pdf('koordinator');
    expect(director.status).toBe(200);
    for (const text of [TEXT.action.mentor, TEXT.action.fritid, TEXT.action.polis]) expect(director.text).toContain(marker(text));
    const mentor = await pdf('mentor');
    expect(mentor.status).toBe(200);
    expect(mentor.text).toContain(marker(TEXT.action.mentor));
    for (const text of [TEXT.action.fritid, TEXT.action.polis, TEXT.meeting, TEXT.crimeFlagged, TEXT.factor.polis]) expect(mentor.text).not.toContain(marker(text));
    // After withdrawal there is nothing for the mentor to print.
    const withdrawnPdf = await t.app.inject({ method: 'GET', url: `/api/cases/${cases.withdrawn.caseId}/plan.pdf`, headers: team.members.mentor.headers });
    expect(withdrawnPdf.statusCode).toBe(404);
    const events = (await t.auditEvents(team.tenant, 'case.plan_exported')).filter((event) => event.resourceId === cases.in_scope.caseId);
    expect(events.map((event) => event.actorUserId)).toEqual(expect.arrayContaining([team.members.koordinator.userId, team.members.mentor.userId]));
    expect(events.every((event) => event.outcome === 'allowed' && Boolean(event.legalBasis))).toBe(true);
  });

  it.each(ORDER)('the person’s chronology shows each viewer only entries of sections they see (%s)', async (state) => {
    const { personId, caseId } = cases[state];
    for (const viewer of VIEWERS) {
      const response = await t.app.inject({ method: 'GET', url: `/api/persons/${personId}/chronology`, headers: team.members[viewer].headers });
      if (seesNothing(viewer, state)) {
        expect(response.statusCode, `${viewer} × ${state}`).toBe(404);
        continue;
      }
      expect(response.statusCode, `${viewer} × ${state}: ${response.body}`).toBe(200);
      const entries = (response.json() as { entries: { section: CaseSection | null; caseId: string | null; details: { actionId?: string; factorId?: string } }[] }).entries.filter(
        (e) => e.caseId === caseId,
      );
      expect(entries.length, `${viewer} × ${state}`).toBeGreaterThan(0);
      const body = reads[state][viewer].body!;
      for (const entry of entries) {
        // An entry about one action or factor follows that row (the mentor's own action is in "plan" but shown to them).
        if (entry.details.actionId) expect(body.actions.map((a) => a.id), `${viewer} × ${state}: entry about an action`).toContain(entry.details.actionId);
        else if (entry.details.factorId) expect(body.factors.map((f) => f.id), `${viewer} × ${state}: entry about a factor`).toContain(entry.details.factorId);
        else if (entry.section) expect(visible(viewer, entry.section, state), `${viewer} × ${state} sees an entry of ${entry.section}`).toBe(true);
      }
    }
  });

  // Last: it withdraws the in_scope consent, which the tests above read.
  it('withdrawal takes effect on the next request: the mentor gets 404 and the case leaves their list', async () => {
    const mentor = team.members.mentor;
    const listed = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/cases', headers: mentor.headers });
      expect(response.statusCode).toBe(200);
      return (response.json() as { cases: { id: string }[] }).cases.map((c) => c.id);
    };
    const { caseId } = cases.in_scope;
    expect((await readCase(t, mentor, caseId)).status).toBe(200);
    expect(await listed()).toContain(caseId);
    expect(await listed()).not.toContain(cases.withdrawn.caseId);
    const director = await readCase(t, team.members.koordinator, caseId);
    const withdrawn = await call(t, team.members.koordinator, 'POST', `/api/consents/${director.body!.consentId}/withdraw`, { byKind: 'young_person' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const after = await readCase(t, mentor, caseId);
    expect(after.status).toBe(404);
    expect(after.text).not.toContain(TEXT.action.mentor);
    expect(await listed()).not.toContain(caseId);
    // The team is dissolved: the school no longer reaches the case either, its own notes included.
    const school = await readCase(t, team.members.skolpersonal, caseId);
    expect(school.status).toBe(404);
    expect(school.text).not.toContain(TEXT.goal);
    expect(school.text).not.toContain(TEXT.factor.skola);
  });
});

/**
 * What the summary, plan and meetings sections hold is hidden with them, including what the case
 * header would otherwise give away: the guardians and their participation (summary), the count of
 * overdue actions (plan) and the date of the next meeting (meetings). One test per viewer and state.
 */
describe('a hidden section leaves no trace in the rest of the answer', () => {
  const answered = () => VIEWERS.flatMap((viewer) => ORDER.map((state) => [`${viewer} × ${state}`, viewer, state] as const));
  it.each(answered())('%s', (_name, viewer, state) => {
    const body = reads[state][viewer].body;
    if (!body) return;
    if (!visible(viewer, 'summary', state)) expect(body.guardians, 'guardians belong to the summary').toEqual([]);
    if (!visible(viewer, 'meetings', state)) expect(body.nextMeetingOn, 'the next meeting belongs to the meetings').toBeNull();
    else expect(body.nextMeetingOn).toBe(isoDay(30));
    if (visible(viewer, 'plan', state)) expect(body.overdueActions).toBe(1);
    expect(body.overdueActions, 'overdue actions are counted among those the viewer sees').toBe(body.actions.filter((a) => a.overdue).length);
  });
});

/**
 * The case list decides on its own (one query for all the cases, not the case page per case): it must
 * list exactly the cases the case page answers, with the page's own summary, section by section.
 */
describe('the case list says what the case page says', () => {
  const answered = () => VIEWERS.flatMap((viewer) => ORDER.map((state) => [`${viewer} × ${state}`, viewer, state] as const));
  it.each(answered())('%s', (_name, viewer, state) => {
    const listed = lists[viewer].find((summary) => summary.id === cases[state].caseId);
    const body = reads[state][viewer].body;
    if (reads[state][viewer].status !== 200 || !body) {
      expect(listed, 'a case the page refuses is not listed').toBeUndefined();
      return;
    }
    expect(listed, 'a case the page answers is listed').toBeDefined();
    const { id, personId, personName, personAge, status, directorUserId, directorName, openedAt, updatedAt, overdueActions, nextMeetingOn } = body;
    expect(listed).toEqual({ id, personId, personName, personAge, status, directorUserId, directorName, openedAt, updatedAt, overdueActions, nextMeetingOn });
  });
});

describe('a consent that names people', () => {
  it('covers only the people it names: a colleague in the same association is refused and cannot read', async () => {
    const guardian = await t.person(team.tenant, { identityNumber: identityNumberBornOn('1981-03-03'), firstName: 'Namngiven', lastName: 'Vårdnadshavare' });
    const young = await t.person(team.tenant, { identityNumber: identityNumberBornOn(isoDay(-(15 * 365 + 220))), firstName: 'Namngiven', lastName: 'Ungdom', guardianIds: [guardian.id] });
    const { koordinator: director, mentor, foreningsnyckelperson: colleague } = team.members;
    const opened = await call(t, director, 'POST', '/api/cases', { personId: young.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    const consent = await giveConsent(t, director, young, {
      caseId,
      organisationIds: [team.organisations.coordination.id, team.organisations.association.id],
      userIds: [director.userId, mentor.userId],
      categories: ['fritid'],
    });
    expect(consent.status).toBe('in_force');
    const add = (member: typeof mentor) => call(t, director, 'POST', `/api/cases/${caseId}/members`, { userId: member.userId, organisationId: member.organisationId, caseRole: 'ideell' });
    expect((await add(mentor)).statusCode).toBe(200);
    const refused = await add(colleague);
    expect(refused.statusCode, refused.body).toBe(400);
    const read = await readCase(t, mentor, caseId);
    expect(read.status).toBe(200);
    // Rule 3: summary, own actions and the named non-crime category.
    expect(read.body!.access.filter((a) => a.visible).map((a) => a.section).sort()).toEqual(['actions_own', 'mapping_fritid', 'summary']);
    expect((await readCase(t, colleague, caseId)).status).toBe(404);
  });
});

describe('protected identity (rule 5)', () => {
  it('nothing is shared with anyone but the director until the director decides, and again after a no', async () => {
    const guardian = await t.person(team.tenant, { identityNumber: identityNumberBornOn('1980-05-05'), firstName: 'Skyddad', lastName: 'Vårdnadshavare', protectedIdentity: 'sekretessmarkering' });
    const young = await t.person(team.tenant, {
      identityNumber: identityNumberBornOn(isoDay(-(15 * 365 + 200))),
      firstName: 'Skyddad',
      lastName: 'Ungdom',
      protectedIdentity: 'sekretessmarkering',
      guardianIds: [guardian.id],
    });
    const director = team.members.koordinator;
    const opened = await call(t, director, 'POST', '/api/cases', { personId: young.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    await giveConsentForMatrix(t, director, { person: young, caseId, organisationIds: Object.values(team.organisations).map((o) => o.id), categories: ['skola', 'socialtjanst', 'fritid'] });
    const addPolice = () => call(t, director, 'POST', `/api/cases/${caseId}/members`, { userId: team.members.polis.userId, organisationId: team.members.polis.organisationId, caseRole: 'kommunpolis' });
    // Before the decision the engine says no, even with consent: the police cannot be added.
    expect((await addPolice()).statusCode).toBe(400);

    const decide = (allowSharing: boolean) => call(t, director, 'POST', `/api/cases/${caseId}/protected-identity-decision`, { allowSharing, note: 'Beslut efter samråd med vårdnadshavaren.' });
    expect((await decide(true)).statusCode).toBe(200);
    expect((await addPolice()).statusCode).toBe(200);
    const police = await readCase(t, team.members.polis, caseId);
    expect(police.status).toBe(200);
    expect(police.body!.access.find((a) => a.section === 'summary')!.visible).toBe(true);

    expect((await decide(false)).statusCode).toBe(200);
    expect((await readCase(t, team.members.polis, caseId)).status).toBe(404);
    const own = await readCase(t, director, caseId);
    expect(own.status).toBe(200);
    expect(own.body!.protectedIdentityDecision).toMatchObject({ allowSharing: false });
    expect(own.body!.access.filter((a) => a.visible).map((a) => a.section)).toEqual(expect.arrayContaining(['summary', 'consent']));
  });
});
