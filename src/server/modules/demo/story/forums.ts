import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { forum } from '../../../db/schema';
import type { Decision, ForumInput, Meeting } from '../../../../shared/forums';
import type { CaseSummary } from '../../../../shared/cases';
import { shiftWeek } from '../../../../shared/lagesbild';
import { isoWeekOf } from '../../../../shared/stockholm-time';
import { DEMO_CASE_PERSON } from '../demo-sspf-data';
import { findDemoPerson, type DemoChapter } from './chapter';
import { HOTSPOT_PEAK_WEEK } from './demo-events';
import { LIGHTING_TITLE, PATROL_TITLE } from './place-action';

export const STEERING_GROUP = 'Styrgruppen för trygghet och brottsförebyggande';
export const OPERATIONAL_GROUP = 'Operativ grupp (SSPF) Gävle';

/**
 * The forums (issue 15 §2). Kim, the coordinator, chairs both. The styrgrupp (the municipality's
 * management, police, school, social services, the housing company and the bakery, and Rut the
 * rektor as key person) met five weeks ago on the Stortorget hot-spot: it took the lägesbild week,
 * the lighting action and the mentor programme, and decided three things; Peter the community police
 * officer approved the minutes two days later. It met again two days ago: the bakery's summer jobs are
 * done, the police's weekend evenings are under way, and Demobostäder's stairwell lighting, due a week
 * ago, is still open (overdue: Kim, as chair, is reminded). The minutes wait for Peter's approval.
 *
 * The operativ grupp met four weeks ago: Alex's case is on its agenda by reference only (the police
 * officer in the group is not on Alex's team and sees just "SSPF-ärende" and the reference), with the
 * police's Friday patrol and the youth centre's open evening. Sara the school counsellor approved the
 * minutes. Its next meeting is in two days, opening with the follow-up of the youth centre's
 * invitation, overdue since last week.
 *
 * Told after the place-action and offers chapters: the agendas link their records.
 */
export const forumsChapter: DemoChapter = {
  key: 'forums',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: forum.id }).from(forum).where(eq(forum.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const orgs = context.organisationIds;
    const users = context.userIds;
    const kim = driver.as('koordinator');
    const thisWeek = isoWeekOf(driver.today);

    // What the agendas link: the place actions, the offers, the directory's key persons, Alex's case.
    const actions = await kim.on(-42, '10:00').get<{ actions: { id: string; title: string }[] }>('/api/place-actions');
    const actionId = (title: string) => {
      const found = actions.actions.find((a) => a.title === title);
      if (!found) throw new Error(`demo forums: no place action "${title}" (is the place-action chapter told?)`);
      return found.id;
    };
    const offers = await kim.on(-42, '10:01').get<{ offers: { id: string; title: string }[] }>('/api/offers');
    const offerId = (title: string) => {
      const found = offers.offers.find((o) => o.title === title);
      if (!found) throw new Error(`demo forums: no offer "${title}" (is the offers chapter told?)`);
      return found.id;
    };
    const directory = await kim.on(-42, '10:02').get<{ organisations: { keyPersons: { id: string; name: string }[] }[] }>('/api/directory');
    const keyPersonId = (name: string) => {
      const found = directory.organisations.flatMap((o) => o.keyPersons).find((k) => k.name === name);
      if (!found) throw new Error(`demo forums: no key person "${name}" (is the key-persons chapter told?)`);
      return found.id;
    };
    const alex = await findDemoPerson(context, DEMO_CASE_PERSON);
    const alexCases = alex ? await kim.on(-42, '10:03').get<{ cases: CaseSummary[] }>(`/api/cases?personId=${alex}`) : { cases: [] };
    const alexCase = alexCases.cases[0];
    if (!alexCase) throw new Error('demo forums: Alex has no case (is the alex-case chapter told?)');

    const create = (day: number, time: string, input: ForumInput) => kim.on(day, time).post<{ id: string; members: { id: string }[] }>('/api/forums', input);
    const plan = (forumId: string, day: number, time: string, body: unknown) => kim.on(day, time).post<Meeting>(`/api/forums/${forumId}/meetings`, body);
    const startsAt = (day: number, time: string) => driver.at(day, time).toISOString();

    // ---- The styrgrupp ----
    const steering = await create(-42, '10:10', {
      name: STEERING_GROUP,
      type: 'styrgrupp',
      chairUserId: users.koordinator,
      members: [
        { kind: 'organisation', organisationId: orgs.annan },
        { kind: 'organisation', organisationId: orgs.polis },
        { kind: 'organisation', organisationId: orgs.socialtjanst },
        { kind: 'organisation', organisationId: orgs.skola },
        { kind: 'organisation', organisationId: orgs.bostadsbolag },
        { kind: 'organisation', organisationId: orgs.naringsliv },
        { kind: 'user', userId: users.polis },
        { kind: 'key_person', keyPersonId: keyPersonId('Rut Rektor (demo)') },
      ],
    });
    const firstSteering = await plan(steering.id, -42, '10:20', {
      startsAt: startsAt(-35, '13:00'),
      durationMinutes: 90,
      place: 'Stadshuset, sammanträdesrum Gävle',
      agenda: [
        { title: 'Lägesbilden: Stortorget som hot-spot', link: { kind: 'lagesbild_week', week: shiftWeek(thisWeek, HOTSPOT_PEAK_WEEK) } },
        { title: 'Belysningen på Stortorget', link: { kind: 'place_action', id: actionId(LIGHTING_TITLE) } },
        { title: 'Mentorprogrammet i föreningslivet', link: { kind: 'offer', id: offerId('Mentorprogrammet i IK Demo Fotboll') } },
        { title: 'Näringslivets medverkan: feriejobb', link: { kind: 'offer', id: offerId('Feriejobb i bageriet') } },
      ],
    });
    const steeringUrl = (meeting: Meeting) => `/api/forums/${steering.id}/meetings/${meeting.id}`;
    const minutes = (meeting: Meeting, texts: string[]) => meeting.agenda.map((item, index) => ({ itemId: item.id, text: texts[index] ?? '' }));
    const everyone = (members: { id: string }[], absent: number[] = []) => members.map((m, index) => ({ memberId: m.id, present: !absent.includes(index) }));

    await kim.on(-35, '14:40').put(`${steeringUrl(firstSteering)}/record`, {
      attendance: everyone(steering.members, [5]),
      minutes: minutes(firstSteering, [
        'Stortorget har haft flest händelser i kommunen under hösten, fredag och lördag kväll. EST-gruppens analys godkändes.',
        'Gatu- och parkenheten byter belysningen vid fontänen och busshållplatserna. Klart inom tre veckor.',
        'IK Demo Fotbolls mentorprogram har två platser kvar. Styrgruppen vill se fler mentorer från föreningslivet.',
        'Demobageriet erbjuder feriejobb; kommunledningen samordnar med fler företag.',
      ]),
      justerareUserId: users.polis,
    });
    const decide = (forumId: string, meetingId: string, day: number, time: string, body: Record<string, unknown>) =>
      kim.on(day, time).post<Decision>(`/api/forums/${forumId}/meetings/${meetingId}/decisions`, body);
    const stairwells = await decide(steering.id, firstSteering.id, -35, '14:45', {
      text: 'Demobostäder inventerar belysningen i trapphus och på gårdar i Andersberg och rapporterar till styrgruppen.',
      ownerOrganisationId: orgs.bostadsbolag,
      ownerName: 'Tove Trygghetsvärd (demo)',
      dueOn: driver.day(-7),
    });
    const weekends = await decide(steering.id, firstSteering.id, -35, '14:46', {
      text: 'Polisen och fältassistenterna samordnar helgkvällarna vid resecentrum och Stortorget.',
      ownerOrganisationId: orgs.polis,
      ownerUserId: users.polis,
      dueOn: driver.day(30),
    });
    const summerJobs = await decide(steering.id, firstSteering.id, -35, '14:47', {
      text: 'Demobageriet tar emot fem ungdomar på feriejobb i sommar, via insatskatalogen.',
      ownerOrganisationId: orgs.naringsliv,
      ownerUserId: users.naringsidkare,
      dueOn: driver.day(-5),
    });
    await driver.as('polis').on(-33, '10:15').post(`${steeringUrl(firstSteering)}/approve`);

    const secondSteering = await plan(steering.id, -9, '09:00', {
      startsAt: startsAt(-2, '13:00'),
      durationMinutes: 90,
      place: 'Stadshuset, sammanträdesrum Gävle',
      agenda: [
        { title: 'Belysningen i Andersberg', link: { kind: 'decision', id: stairwells.id } },
        { title: 'Lägesbilden senaste veckan', link: { kind: 'lagesbild_week', week: shiftWeek(thisWeek, -1) } },
      ],
    });
    await kim.on(-2, '13:20').put(`/api/forums/${steering.id}/decisions/${summerJobs.id}/status`, { status: 'done', meetingId: secondSteering.id });
    await kim.on(-2, '13:21').put(`/api/forums/${steering.id}/decisions/${weekends.id}/status`, { status: 'in_progress', meetingId: secondSteering.id });
    await kim.on(-2, '14:35').put(`${steeringUrl(secondSteering)}/record`, {
      attendance: everyone(steering.members, [4]),
      minutes: minutes(secondSteering, [
        'Demobostäder var inte representerade. Inventeringen är inte klar; ordföranden tar kontakt.',
        'Händelserna vid Stortorget har minskat sedan belysningen byttes.',
      ]),
      justerareUserId: users.polis,
    });

    // ---- The operativ grupp ----
    const operational = await create(-30, '09:00', {
      name: OPERATIONAL_GROUP,
      type: 'operativ_grupp',
      chairUserId: users.koordinator,
      members: [
        { kind: 'organisation', organisationId: orgs.socialtjanst },
        { kind: 'organisation', organisationId: orgs.skola },
        { kind: 'organisation', organisationId: orgs.polis },
        { kind: 'organisation', organisationId: orgs.fritid },
        { kind: 'user', userId: users.handlaggare },
        { kind: 'user', userId: users.skolpersonal },
        { kind: 'user', userId: users.polis },
        { kind: 'user', userId: users.fritidsledare },
        { kind: 'key_person', keyPersonId: keyPersonId('Elin Elevhälsa (demo)') },
      ],
    });
    const caseItem = { title: 'Ärendegenomgång', link: { kind: 'sspf_case', id: alexCase.id } };
    const firstOperational = await plan(operational.id, -30, '09:10', {
      startsAt: startsAt(-28, '09:00'),
      durationMinutes: 60,
      place: 'Socialkontoret, rum Norr',
      agenda: [
        caseItem,
        { title: 'Helgkvällar i centrum', link: { kind: 'place_action', id: actionId(PATROL_TITLE) } },
        { title: 'Öppna kvällen på fritidsgården', link: { kind: 'offer', id: offerId('Öppen kväll på fritidsgården') } },
      ],
    });
    const operationalUrl = (meeting: Meeting) => `/api/forums/${operational.id}/meetings/${meeting.id}`;
    await kim.on(-28, '10:05').put(`${operationalUrl(firstOperational)}/record`, {
      attendance: everyone(operational.members, [8]),
      minutes: minutes(firstOperational, [
        'Ärendet följs upp enligt planen. Inga nya uppgifter delades i gruppen; teamet möts i ärendet.',
        'Polisens fredagspass går förbi Stortorget. Fältassistenterna finns vid resecentrum.',
        'Fritidsgården har plats för fler på fredagskvällarna.',
      ]),
      justerareUserId: users.skolpersonal,
    });
    const invitation = await decide(operational.id, firstOperational.id, -28, '10:10', {
      text: 'Fritidsgården bjuder in ungdomarna som teamen arbetar med till öppna kvällen, med en vuxen de känner.',
      ownerOrganisationId: orgs.fritid,
      ownerUserId: users.fritidsledare,
      dueOn: driver.day(-6),
    });
    await decide(operational.id, firstOperational.id, -28, '10:12', {
      text: 'Skolan och socialtjänsten stämmer av skolnärvaron i de gemensamma ärendena varannan vecka.',
      ownerOrganisationId: orgs.skola,
      ownerUserId: users.skolpersonal,
      dueOn: driver.day(20),
    });
    await driver.as('skolpersonal').on(-27, '08:30').post(`${operationalUrl(firstOperational)}/approve`);
    await plan(operational.id, -1, '15:00', {
      startsAt: startsAt(2, '09:00'),
      durationMinutes: 60,
      place: 'Socialkontoret, rum Norr',
      agenda: [{ title: 'Inbjudan till öppna kvällen', link: { kind: 'decision', id: invitation.id } }, caseItem],
    });
  },
};
