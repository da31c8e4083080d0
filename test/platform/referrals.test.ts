import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestApp, type TestMember } from '../factories';
import type { CaseDetail } from '../../src/shared/cases';
import type { Offer } from '../../src/shared/offers';
import type { Referral } from '../../src/shared/referrals';
import { addWorkingDays } from '../../src/shared/referrals';
import { addMember, caseStep, caseWorld, giveConsent, readCase, swedishToday, withdrawConsent } from './cases-support';
import { sendDueReminders } from '../../src/server/modules/reminders/send-reminders';
import { allNotifications } from './notifications-support';

vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });

const offerInput = (providerOrganisationId: string, overrides: Record<string, unknown> = {}) => ({
  providerOrganisationId,
  kind: 'mentorskap',
  title: 'Mentorprogrammet',
  targetGroup: 'unga',
  capacity: 2,
  taken: 0,
  ...overrides,
});

/**
 * A case directed by a coordinator, an association with a mentor programme (capacity 2), a business with
 * a summer job, a police team member; the consent covers the association, not the business. Alex's plan
 * has a mentorship action (description shared with the association) and a police action.
 */
async function world(options: { guardianSupportContact?: boolean; consentToBvc?: boolean } = {}) {
  const base = await caseWorld(t);
  const club = await t.organisation(base.tenant, 'forening', { name: 'IK Hänvisning', isAuthority: false });
  const business = await t.organisation(base.tenant, 'naringsliv', { name: 'Bageriet AB', isAuthority: false });
  const police = await t.organisation(base.tenant, 'polis', { name: 'Polisen' });
  const bvcOrg = await t.organisation(base.tenant, 'halso_sjukvard', { name: 'BVC Test' });
  const clubPerson = await t.member(base.tenant, club, 'foreningsnyckelperson');
  const clubMentor = await t.member(base.tenant, club, 'mentor');
  const baker = await t.member(base.tenant, business, 'naringsidkare');
  const officer = await t.member(base.tenant, police, 'polis');
  const nurse = await t.member(base.tenant, bvcOrg, 'mvc_bvc');
  const analyst = await t.member(base.tenant, base.coordinatorOrg, 'analytiker');
  const otherCoordinator = await t.member(base.tenant, base.coordinatorOrg, 'koordinator');
  await giveConsent(t, base.coordinator, base.person, { organisationIds: [base.coordinatorOrg.id, club.id, police.id, ...(options.consentToBvc ? [bvcOrg.id] : [])], categories: ['fritid', 'polis'], guardianSupportContact: options.guardianSupportContact ?? false });
  expect((await addMember(t, base, officer, 'kommunpolis')).statusCode).toBe(200);
  const addAction = async (body: Record<string, unknown>) => {
    const response = await caseStep(t, base.coordinator, base.caseId, 'POST', '/actions', { startOn: swedishToday(), dueOn: swedishToday(90), ...body });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as CaseDetail).actions.find((a) => a.what === body.what)!;
  };
  const mentorAction = await addAction({ type: 'mentorskap', responsibleOrganisationId: base.coordinatorOrg.id, what: 'Mentor varannan vecka, fotboll och läxor' });
  const policeAction = await addAction({ type: 'polisiar_insats', responsibleOrganisationId: police.id, what: 'Orosamtal efter misstänkt butiksstöld' });
  const summerAction = await addAction({ type: 'feriejobb_praktik', responsibleOrganisationId: base.coordinatorOrg.id, what: 'Feriejobb i sommar' });
  const mentorOffer = (await post(clubPerson, '/api/offers', offerInput(club.id))).json() as Offer;
  const summerOffer = (await post(baker, '/api/offers', offerInput(business.id, { kind: 'feriejobb_praktik', title: 'Feriejobb i bageriet', capacity: 4 }))).json() as Offer;
  const parentOffer = (await post(nurse, '/api/offers', offerInput(bvcOrg.id, { kind: 'foraldraprogram', title: 'ABC', targetGroup: 'foraldrar', capacity: 10 }))).json() as Offer;
  return { ...base, club, business, police, bvcOrg, clubPerson, clubMentor, baker, officer, nurse, analyst, otherCoordinator, mentorAction, policeAction, summerAction, mentorOffer, summerOffer, parentOffer };
}
type World = Awaited<ReturnType<typeof world>>;

const refer = (w: World, actionId: string, body: Record<string, unknown>, actor: TestMember = w.coordinator) =>
  post(actor, `/api/cases/${w.caseId}/actions/${actionId}/referrals`, { subject: 'ung', ...body });
const actionStatus = async (w: World, actionId: string) => ((await readCase(t, w.coordinator, w.caseId)).json() as CaseDetail).actions.find((a) => a.id === actionId)!.status;

describe('referrals from a plan action (issue 15 §4)', () => {
  it('the coordinator refers; the association sees the first name, the age band and the shared description, never the case; it accepts, starts, records attendance and completion; the action follows; all audited', async () => {
    const w = await world();
    const created = await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id, shareWhat: true });
    expect(created.statusCode, created.body).toBe(201);
    const referral = created.json() as Referral;
    expect(referral).toMatchObject({ status: 'vantar_svar', respondBy: addWorkingDays(swedishToday(), 10), overdue: false, caseId: w.caseId, actionId: w.mentorAction.id });
    expect(referral.person).toMatchObject({ firstName: w.person.firstName, what: 'Mentor varannan vecka, fotboll och läxor' });
    // The person is born sixteen years ago this year: 15 or 16 today, an age band and never the age.
    expect(['13–15', '16–17']).toContain(referral.person.ageBand);

    const inbox = (await get(w.clubPerson, '/api/referrals')).json() as { referrals: Referral[] };
    expect(inbox.referrals).toHaveLength(1);
    const seen = inbox.referrals[0]!;
    expect(seen.caseId).toBeNull();
    expect(seen.actionId).toBeNull();
    expect(seen.abilities).toMatchObject({ answer: true, progress: false });
    expect(JSON.stringify(seen)).not.toContain(w.person.lastName);
    expect(JSON.stringify(seen)).not.toContain('butiksstöld');
    // The association never reads the case.
    expect((await readCase(t, w.clubPerson, w.caseId)).statusCode).toBe(404);

    const accepted = await post(w.clubPerson, `/api/referrals/${referral.id}/answer`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await actionStatus(w, w.mentorAction.id)).toBe('pagar');
    expect((await post(w.clubPerson, `/api/referrals/${referral.id}/outcome`, { outcome: 'genomford', on: swedishToday() })).statusCode).toBe(400);
    const started = await post(w.clubPerson, `/api/referrals/${referral.id}/progress`, { startedOn: swedishToday(), sessionsAttended: 3 });
    expect(started.json()).toMatchObject({ status: 'paborjad', sessionsAttended: 3 });
    const done = await post(w.clubPerson, `/api/referrals/${referral.id}/outcome`, { outcome: 'genomford', on: swedishToday(), note: 'Bra år' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'avslutad', outcome: 'genomford', abilities: { answer: false, progress: false, reportOutcome: false } });
    expect(await actionStatus(w, w.mentorAction.id)).toBe('klar');

    const audited = (await t.auditEvents(w.tenant)).filter((e) => e.action.startsWith('referral.')).map((e) => e.action);
    expect(audited).toEqual(expect.arrayContaining(['referral.create', 'referral.list', 'referral.answer', 'referral.progress', 'referral.outcome']));
    const create = (await t.auditEvents(w.tenant, 'referral.create'))[0]!;
    expect(create.personId).toBe(w.person.id);
  });

  it('crime information never reaches an association or a business; a provider outside the consent sees no name; a withdrawn consent stops the name at once', async () => {
    const w = await world();
    // A police action's description shared with the association: the engine refuses it (GDPR art. 10).
    const toClub = (await refer(w, w.policeAction.id, { offerId: w.mentorOffer.id, shareWhat: true })).json() as Referral;
    expect(toClub.person.firstName).toBe(w.person.firstName);
    expect(toClub.person.what).toBeNull();
    expect(toClub.person.withheldSv).toContain('beskrivning');
    // The business is not in the consent: age band only.
    const toBusiness = await refer(w, w.summerAction.id, { offerId: w.summerOffer.id, shareWhat: true });
    expect(toBusiness.statusCode, toBusiness.body).toBe(201);
    const businessView = ((await get(w.baker, '/api/referrals')).json() as { referrals: Referral[] }).referrals[0]!;
    expect(businessView.person).toMatchObject({ firstName: null, what: null });
    expect(['13–15', '16–17']).toContain(businessView.person.ageBand);
    expect(JSON.stringify(businessView)).not.toContain(w.person.firstName);

    const consents = (await get(w.coordinator, `/api/consents?personId=${w.person.id}`)).json() as { consents: { id: string }[] };
    await withdrawConsent(t, w.coordinator, consents.consents[0]!.id);
    const after = (await get(w.clubPerson, `/api/referrals/${toClub.id}`)).json() as Referral;
    expect(after.person.firstName).toBeNull();
  });

  it('a declined referral leaves the action planned and tells the coordinator why; a full offer puts new referrals on a waiting list in order, moved up when a place frees', async () => {
    const w = await world();
    const first = (await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    const second = (await refer(w, w.summerAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    const third = (await refer(w, w.policeAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    const fourth = (await refer(w, w.policeAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    expect([first.status, second.status, third.status, fourth.status]).toEqual(['vantar_svar', 'vantar_svar', 'vantelista', 'vantelista']);
    expect([third.waitingPosition, fourth.waitingPosition]).toEqual([1, 2]);
    const offers = (await get(w.coordinator, '/api/offers?room=true')).json() as { offers: Offer[] };
    expect(offers.offers.map((o) => o.id)).not.toContain(w.mentorOffer.id);
    expect(offers.offers.map((o) => o.id)).toContain(w.summerOffer.id);

    expect((await post(w.clubPerson, `/api/referrals/${first.id}/answer`, { decision: 'decline' })).statusCode).toBe(400);
    const declined = await post(w.clubPerson, `/api/referrals/${first.id}/answer`, { decision: 'decline', note: 'Ingen mentor ledig på tisdagar' });
    expect(declined.json()).toMatchObject({ status: 'avbojd', answerNote: 'Ingen mentor ledig på tisdagar' });
    expect(await actionStatus(w, w.mentorAction.id)).toBe('planerad');
    const forCoordinator = (await get(w.coordinator, `/api/cases/${w.caseId}/referrals`)).json() as { referrals: Referral[] };
    expect(forCoordinator.referrals.find((r) => r.id === first.id)!.answerNote).toBe('Ingen mentor ledig på tisdagar');
    const moved = (await get(w.coordinator, `/api/referrals/${third.id}`)).json() as Referral;
    expect(moved).toMatchObject({ status: 'vantar_svar', waitingPosition: null });
    expect(((await get(w.coordinator, `/api/referrals/${fourth.id}`)).json() as Referral).waitingPosition).toBe(1);
  });

  it('a referral unanswered past its response time is overdue and reminds the provider’s inbox and the director, once', async () => {
    const w = await world();
    const referral = (await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    const received = (await allNotifications(t, w.tenant)).filter((n) => n.kind === 'referral.received').map((n) => n.userId);
    expect(received).toContain(w.clubPerson.userId);
    expect(received).not.toContain(w.clubMentor.userId);
    const later = new Date(`${addWorkingDays(swedishToday(), 11)}T10:00:00Z`);
    expect(await sendDueReminders(t.database, later, [w.tenant.id])).toBe(1);
    expect(await sendDueReminders(t.database, later, [w.tenant.id])).toBe(0);
    const overdue = (await allNotifications(t, w.tenant)).filter((n) => n.kind === 'referral.overdue').map((n) => n.userId);
    expect(overdue).toEqual(expect.arrayContaining([w.clubPerson.userId, w.coordinator.userId]));
    expect(((await get(w.clubPerson, `/api/referrals/${referral.id}`)).json() as Referral).overdue).toBe(false);
  });

  it('a referral for a guardian needs the consent to say the guardians agreed to contact about support', async () => {
    const refused = await world();
    const guardianId = refused.person.guardianIds[0]!;
    const parentOffer = refused.parentOffer.id;
    const no = await refer(refused, refused.mentorAction.id, { offerId: parentOffer, subject: 'vardnadshavare', guardianId });
    expect(no.statusCode).toBe(400);
    expect(no.json().error.fields.subject).toContain('kontaktade om stöd');
    const agreed = await world({ guardianSupportContact: true, consentToBvc: true });
    const yes = await refer(agreed, agreed.mentorAction.id, { offerId: agreed.parentOffer.id, subject: 'vardnadshavare', guardianId: agreed.person.guardianIds[0]! });
    expect(yes.statusCode, yes.body).toBe(201);
    expect((yes.json() as Referral).person).toMatchObject({ firstName: 'Greta', ageBand: null });
  });

  it('denials: a team member who is not the director, another organisation’s staff, the association’s mentor, another tenant: 404 or 403, never data', async () => {
    const w = await world();
    const referral = (await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id })).json() as Referral;
    // A denied record is a 404 whoever asks (the team's police member may read the case, not refer from it).
    expect((await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id }, w.officer)).statusCode).toBe(404);
    expect((await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id }, w.otherCoordinator)).statusCode).toBe(404);
    expect((await refer(w, w.mentorAction.id, { offerId: w.mentorOffer.id }, w.clubPerson)).statusCode).toBe(404);
    for (const outsider of [w.baker, w.clubMentor, w.officer, w.otherCoordinator, w.analyst]) {
      expect((await get(outsider, `/api/referrals/${referral.id}`)).statusCode).toBe(404);
      expect((await post(outsider, `/api/referrals/${referral.id}/answer`, { decision: 'accept' })).statusCode).toBe(404);
      expect(((await get(outsider, '/api/referrals')).json() as { referrals: Referral[] }).referrals).toHaveLength(0);
    }
    // The director reads it but does not answer for the provider.
    expect((await get(w.coordinator, `/api/referrals/${referral.id}`)).statusCode).toBe(200);
    expect((await post(w.coordinator, `/api/referrals/${referral.id}/answer`, { decision: 'accept' })).statusCode).toBe(404);
    const other = await world();
    expect((await get(other.clubPerson, `/api/referrals/${referral.id}`)).statusCode).toBe(404);
    expect((await refer(other, w.mentorAction.id, { offerId: w.mentorOffer.id })).statusCode).toBe(404);
    // An offer of another tenant is a 400 on its field.
    expect((await refer(w, w.mentorAction.id, { offerId: other.mentorOffer.id })).json().error.fields.offerId).toContain('Insatsen finns inte');
  });
});

describe('BVC/MVC without a case (issue 15 §6), figures and placements (§4, §7)', () => {
  it('a BVC nurse refers a parent to a parent programme on the parent’s own consent; only BVC may; the consent is shown to the referring side only', async () => {
    const w = await world();
    const input = { offerId: w.parentOffer.id, parentName: 'Amina Förälder', parentPhone: '070-123 45 67', consentGivenBy: 'Amina Förälder', consentOn: swedishToday(), consentMethod: 'muntligt' };
    expect((await post(w.coordinator, '/api/referrals/parent', input)).statusCode).toBe(403);
    expect((await post(w.nurse, '/api/referrals/parent', { ...input, offerId: w.mentorOffer.id })).statusCode).toBe(400);
    expect((await post(w.nurse, '/api/referrals/parent', { ...input, parentName: 'Amina 198001011234' })).statusCode).toBe(400);
    const created = await post(w.nurse, '/api/referrals/parent', input);
    expect(created.statusCode, created.body).toBe(201);
    const referral = created.json() as Referral;
    expect(referral).toMatchObject({ subject: 'foralder', caseId: null, status: 'vantar_svar', parentConsent: { givenBy: 'Amina Förälder', method: 'muntligt' } });
    expect(referral.person).toMatchObject({ parentName: 'Amina Förälder', parentPhone: '070-123 45 67' });
    const sent = (await get(w.nurse, '/api/referrals?box=skickade')).json() as { referrals: Referral[] };
    expect(sent.referrals.map((r) => r.id)).toEqual([referral.id]);
    // The provider (BVC's own parent programme here) answers it from its inbox.
    expect((await post(w.nurse, `/api/referrals/${referral.id}/answer`, { decision: 'accept' })).json()).toMatchObject({ status: 'accepterad' });
    expect((await get(w.clubPerson, `/api/referrals/${referral.id}`)).statusCode).toBe(404);
    const events = await t.auditEvents(w.tenant, 'referral.create_parent');
    expect(JSON.stringify(events)).not.toContain('Amina');
  });

  it('per-offer figures are suppressed below k for everyone but the coordinator; placements per business count accepted summer jobs', async () => {
    const w = await world();
    // Last summer's jobs are over: no referral to them, said on the field.
    const lastSummer = (await post(w.baker, '/api/offers', offerInput(w.business.id, { kind: 'feriejobb_praktik', title: 'Förra sommarens feriejobb', availableFrom: swedishToday(-90), availableUntil: swedishToday(-30) }))).json() as Offer;
    const tooLate = await refer(w, w.summerAction.id, { offerId: lastSummer.id });
    expect(tooLate.statusCode, tooLate.body).toBe(400);
    expect(tooLate.json().error.fields.offerId).toContain('period är slut');
    const referral = (await refer(w, w.summerAction.id, { offerId: w.summerOffer.id })).json() as Referral;
    await post(w.baker, `/api/referrals/${referral.id}/answer`, { decision: 'accept' });
    expect(await actionStatus(w, w.summerAction.id)).toBe('pagar');
    const raw = (await get(w.coordinator, `/api/offers/${w.summerOffer.id}/referral-figures`)).json();
    expect(raw).toMatchObject({ suppressed: false, referred: { kind: 'value', value: 1 }, accepted: { kind: 'value', value: 1 }, completed: { kind: 'value', value: 0 } });
    for (const reader of [w.analyst, w.baker, w.clubPerson]) {
      const figures = (await get(reader, `/api/offers/${w.summerOffer.id}/referral-figures`)).json();
      expect(figures).toMatchObject({ suppressed: true, k: 5, referred: { kind: 'suppressed', below: 5 }, accepted: { kind: 'suppressed', below: 5 }, completed: { kind: 'value', value: 0 } });
    }
    const placements = (await get(w.coordinator, '/api/referrals-placements')).json();
    expect(placements.businesses).toEqual([{ organisationId: w.business.id, name: 'Bageriet AB', placements: { kind: 'value', value: 1 } }]);
    const hidden = (await get(w.analyst, '/api/referrals-placements')).json();
    expect(hidden.businesses[0].placements).toEqual({ kind: 'suppressed', below: 5 });
  });
});
