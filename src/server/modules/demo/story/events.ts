import { and, eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { eventReport } from '../../../db/schema';
import type { Role } from '../../../../shared/roles';
import type { EventReportInput } from '../../../../shared/event-reports';
import type { PublicPlaceReportInput } from '../../../../shared/concerns-public';
import { addDays, isoWeekOf, localDateOf, mondayOfIsoWeek } from '../../../../shared/stockholm-time';
import { mintFormToken } from '../../concerns/form-token';
import { DEMO_TENANT } from '../demo-data';
import { later, storyInstant } from '../story-time';
import type { DemoChapter, StoryContext } from './chapter';
import { DEMO_TENANT_CATEGORIES, demoEvents, storyMomentOf, type DemoEvent } from './demo-events';

/**
 * The EST events of the Gävle demo (issue 14 §1, §6): a year of reports from the partners, told
 * through the batch route as each reporter (the housing company's EST reporter, the police, the field
 * workers, the youth leaders, a business, the night walkers), with the hot-spot at Stortorget that
 * grows and, after the EST group's action (story/place-action.ts), shrinks; see demo-events.ts.
 *
 * Reporters send the older months in one batch a month; from twelve weeks back they report week by
 * week on the Monday after, as the EST group meets on Tuesdays about the week before. Citizens' place
 * reports from the public form arrive as the demo is seeded, unverified, so the EST group's review
 * list has something to confirm or reject. Told after the places chapter (it looks places up by name).
 */

/** From this week on, the partners report every Monday about the week before. */
export const WEEKLY_REPORTING_FROM = -12;
const MONTH_WEEKS = 4;

export const DEMO_CITIZEN_REPORTS: readonly { daysAgo: number; time?: string; place: string; eventType: PublicPlaceReportInput['eventType']; description: string }[] = [
  {
    daysAgo: 1,
    time: '21:30',
    place: 'Stortorget, vid busshållplatserna mot Drottninggatan',
    eventType: 'otrygg_plats',
    description: 'Mörkt vid busshållplatserna på kvällen och ofta en stor grupp som står där. Jag väntar hellre inne i gallerian.',
  },
  {
    daysAgo: 2,
    time: '19:45',
    place: 'Sätra centrum, parkeringen bakom pizzerian',
    eventType: 'moped_a_traktor',
    description: 'Mopeder och en EPA-traktor kör runt på parkeringen i hög fart flera kvällar i veckan. Det är barn som går där.',
  },
  {
    daysAgo: 3,
    place: 'Gångtunneln vid Andersbergs centrum',
    eventType: 'nedskrapning',
    description: 'Mycket glas och skräp i gångtunneln, och lampan i mitten är trasig sedan länge.',
  },
];

/** The order each reporter posts in, a couple of minutes apart (as people do on a Monday morning). */
const REPORTERS: readonly Role[] = ['est_rapportor', 'polis', 'faltassistent', 'fritidsledare', 'naringsidkare', 'foreningsnyckelperson'];

export const eventsChapter: DemoChapter = {
  key: 'events',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: eventReport.id }).from(eventReport).where(and(eq(eventReport.tenantId, context.tenantId), eq(eventReport.source, 'staff'))).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const today = driver.today;
    const coordinator = driver.as('koordinator');
    const first = -7 * 53;
    for (const [n, category] of DEMO_TENANT_CATEGORIES.entries()) await coordinator.on(first, later('09:00', n)).post('/api/event-categories', category);

    const { placeIds, areaIds, positions } = await placesOf(context, -40);
    // Ten minutes ago: no report ends after the moment it is sent.
    const until = new Date(Date.now() - 10 * 60_000);
    const events = demoEvents({ today, until, positions });

    const thisMonday = mondayOfIsoWeek(isoWeekOf(today));
    const groups = new Map<string, { by: Role; lastWeek: number; events: DemoEvent[] }>();
    for (const event of events) {
      const lastWeek = event.week >= WEEKLY_REPORTING_FROM ? event.week : Math.min(WEEKLY_REPORTING_FROM - 1, -52 + MONTH_WEEKS * Math.floor((event.week + 52) / MONTH_WEEKS) + MONTH_WEEKS - 1);
      const key = `${lastWeek}:${event.by}`;
      const group = groups.get(key) ?? { by: event.by, lastWeek, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
    const ordered = [...groups.values()].sort((a, b) => a.lastWeek - b.lastWeek || REPORTERS.indexOf(a.by) - REPORTERS.indexOf(b.by));
    for (const group of ordered) {
      // The Monday after the group's last week, 08:00 onwards; for this week, now.
      const monday = addDays(thisMonday, 7 * (group.lastWeek + 1));
      const planned = storyInstant(today, dayOffset(today, monday), later('08:00', 3 * REPORTERS.indexOf(group.by)));
      const moment = storyMomentOf(today, planned.getTime() < until.getTime() ? planned : until);
      const reports = group.events.map((event) => inputOf(event, placeIds, areaIds));
      for (let start = 0; start < reports.length; start += 1000) {
        await driver.as(group.by).on(moment.day, moment.time).post('/api/event-reports/batch', { reports: reports.slice(start, start + 1000) });
      }
    }

    // Citizens' place reports from the public form: they arrive now, unverified.
    for (const [n, report] of DEMO_CITIZEN_REPORTS.entries()) {
      await driver.anonymous('POST', '/api/public/place-reports', {
        tenant: DEMO_TENANT.slug,
        formToken: mintFormToken(context.blindIndex, Date.now() - (20 + n) * 60_000),
        place: report.place,
        occurredOn: addDays(localDateOf(new Date()), -report.daysAgo),
        ...(report.time ? { occurredTime: report.time } : {}),
        eventType: report.eventType,
        description: report.description,
      } satisfies PublicPlaceReportInput);
    }
  },
};

function dayOffset(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

function inputOf(event: DemoEvent, placeIds: ReadonlyMap<string, string>, areaIds: ReadonlyMap<string, string>): EventReportInput {
  const placeId = event.place ? placeIds.get(event.place) : null;
  if (event.place && !placeId) throw new Error(`demo events: no place named ${event.place} (is the places chapter told?)`);
  const areaId = event.area ? areaIds.get(event.area) : null;
  if (event.area && !areaId) throw new Error(`demo events: no area named ${event.area}`);
  return {
    id: event.id,
    category: event.category,
    placeId: placeId ?? null,
    areaId: areaId ?? null,
    latitude: event.point?.latitude ?? null,
    longitude: event.point?.longitude ?? null,
    approximate: event.point !== null,
    occurredFrom: event.occurredFrom.toISOString(),
    occurredTo: event.occurredTo.toISOString(),
    peopleCount: event.peopleCount,
    severity: event.severity,
    description: event.description,
  };
}

/** The places (by name, with their points) and areas of the register, as the coordinator reads them. */
async function placesOf(context: StoryContext, day: number) {
  const driver = await context.driver();
  const coordinator = driver.as('koordinator').on(day, '09:10');
  const places = await coordinator.get<{ places: { id: string; name: string; position: { latitude: number; longitude: number } | null }[] }>('/api/places');
  const areas = await coordinator.get<{ areas: { id: string; name: string }[] }>('/api/areas');
  return {
    placeIds: new Map(places.places.map((p) => [p.name, p.id])),
    areaIds: new Map(areas.areas.map((a) => [a.name, a.id])),
    positions: new Map(places.places.filter((p) => p.position).map((p) => [p.name, p.position!])),
  };
}
