import type { Role } from '../../../../shared/roles';
import type { PeopleCount } from '../../../../shared/event-reports';
import { addDays, isoWeekdayOf, isoWeekOf, localDateOf, localTimeOf, mondayOfIsoWeek } from '../../../../shared/stockholm-time';
import { storyInstant } from '../story-time';

/**
 * The year of EST events of the Gävle demo (issue 14 §6), made up ahead of telling: a pure function
 * of the seeding day and the moment it runs, with a seeded pseudo-random generator (no Math.random),
 * so every seed tells the same story around its own "now". Three layers:
 *
 * - a background per partner: what a housing company, the police, the field workers, the youth
 *   leaders, a business and the night walkers see in their areas, week after week, a little more in
 *   summer and around New Year;
 * - the hot-spot: Stortorget on Friday and Saturday nights. It grows for seven weeks, peaks in week
 *   `HOTSPOT_PEAK_WEEK` (the EST group then decides better lighting there, story/place-action.ts) and
 *   shrinks in the weeks after;
 * - the newest week's change: mopeds and a gathering at Sätra centrum, far above its usual level, so
 *   the week the demo opens on has notable changes to read.
 *
 * Weeks are counted from the seeding day's ISO week (0; -1 the week before).
 */

export type DemoEventCategory =
  | 'skadegorelse'
  | 'otrygg_plats'
  | 'otrygghetsskapande_samling'
  | 'misstankt_narkotikahantering'
  | 'nedskrapning'
  | 'hot_vald_mot_personal'
  | 'rykten_sociala_medier'
  | 'moped_a_traktor'
  | 'brand'
  | 'klotter';

/** The demo's own categories, added by the coordinator before the first report (SUGGESTED_TENANT_CATEGORIES). */
export const DEMO_TENANT_CATEGORIES = [
  { code: 'brand', nameSv: 'Bränder', nameEn: 'Fires' },
  { code: 'klotter', nameSv: 'Klotter', nameEn: 'Graffiti' },
] as const;

export const HOTSPOT_PLACE = 'Stortorget';
/** The week the hot-spot peaks: analysed, decided on, closed and sent in the week after. */
export const HOTSPOT_PEAK_WEEK = -7;
/** Extra events at Stortorget by week (Friday and Saturday nights), on top of its background. */
export const HOTSPOT_EXTRA: Readonly<Record<number, number>> = {
  [-14]: 2,
  [-13]: 3,
  [-12]: 4,
  [-11]: 5,
  [-10]: 7,
  [-9]: 9,
  [-8]: 10,
  [-7]: 19,
  [-6]: 5,
  [-5]: 3,
  [-4]: 2,
  [-3]: 1,
  [-2]: 1,
  [-1]: 1,
  [0]: 1,
};
export const EMERGING_PLACE = 'Sätra centrum';
/** Events at Sätra centrum in the newest week (mopeds, a large gathering), against about one a month before. */
export const EMERGING_COUNT = 9;

export const DEMO_EVENT_WEEKS = 52;

/** One event as the story tells it: who reports it, where and when; the chapter turns it into the form's input. */
export interface DemoEvent {
  id: string;
  by: Role;
  /** 0 this week, -1 the week before, … */
  week: number;
  category: DemoEventCategory;
  place: string | null;
  /** A point near the place instead of the place itself ("ungefärligt läge"), for yards and paths. */
  point: { latitude: number; longitude: number } | null;
  /** The area alone, when the reporter could not say where (e.g. "somewhere in Andersberg"). */
  area: string | null;
  occurredFrom: Date;
  occurredTo: Date;
  peopleCount: PeopleCount | null;
  severity: 1 | 2 | 3;
  description: string;
  /** The layer it belongs to (for the tests and the docs). */
  layer: 'background' | 'hotspot' | 'emerging';
}

type Weighted<T> = readonly (readonly [T, number])[];
type Hours = 'day' | 'evening' | 'night' | 'any';

interface Stream {
  by: Role;
  /** Events a week, before the season's factor. */
  rate: number;
  places: Weighted<string>;
  categories: Weighted<DemoEventCategory>;
  hours: Hours;
  weekdays?: readonly number[];
  /** Share reported as a point near the place (approximate), and as the area alone. */
  pointShare?: number;
  areaOnly?: { area: string; share: number };
}

const STREAMS: readonly Stream[] = [
  {
    by: 'est_rapportor',
    rate: 3,
    places: [['Bostadsgårdarna Andersberg (demo)', 5], ['Andersbergs centrum', 2]],
    categories: [['skadegorelse', 3], ['klotter', 3], ['nedskrapning', 3], ['brand', 1], ['otrygghetsskapande_samling', 1]],
    hours: 'any',
    pointShare: 0.5,
    areaOnly: { area: 'Andersberg', share: 0.1 },
  },
  {
    by: 'est_rapportor',
    rate: 1.5,
    places: [['Sätra centrum', 2], ['Sätraskolan (demo)', 1]],
    categories: [['skadegorelse', 3], ['klotter', 2], ['nedskrapning', 2], ['brand', 0.5]],
    hours: 'any',
    pointShare: 0.4,
    areaOnly: { area: 'Sätra', share: 0.15 },
  },
  {
    by: 'polis',
    rate: 3,
    places: [['Gävle resecentrum', 3], ['Stortorget', 1], ['Stadsträdgården', 1], ['Gallerian Nian', 1], ['Boulognerskogen', 1]],
    categories: [['otrygghetsskapande_samling', 3], ['misstankt_narkotikahantering', 2], ['skadegorelse', 1], ['otrygg_plats', 1], ['hot_vald_mot_personal', 0.4]],
    hours: 'night',
  },
  {
    by: 'polis',
    rate: 1.2,
    places: [['Andersbergs centrum', 2], ['Sätra centrum', 1], ['Andersbergs idrottshall', 1]],
    categories: [['misstankt_narkotikahantering', 2], ['otrygghetsskapande_samling', 2], ['moped_a_traktor', 1]],
    hours: 'evening',
    areaOnly: { area: 'Andersberg', share: 0.2 },
  },
  {
    by: 'faltassistent',
    rate: 1.5,
    places: [['Boulognerskogen', 2], ['Stadsträdgården', 1], ['Sätra centrum', 1], ['Gävle resecentrum', 1]],
    categories: [['otrygghetsskapande_samling', 3], ['otrygg_plats', 1], ['rykten_sociala_medier', 1], ['moped_a_traktor', 1]],
    hours: 'evening',
  },
  {
    by: 'fritidsledare',
    rate: 1.2,
    places: [['Fritidsgården Kvarnen (demo)', 2], ['Fritidsgården Sätra (demo)', 1], ['Fritidsgården Andersberg (demo)', 1]],
    categories: [['skadegorelse', 2], ['otrygghetsskapande_samling', 2], ['rykten_sociala_medier', 1], ['hot_vald_mot_personal', 1]],
    hours: 'evening',
    weekdays: [1, 2, 3, 4, 5],
  },
  {
    by: 'naringsidkare',
    rate: 1,
    places: [['Gallerian Nian', 3], ['Stortorget', 1]],
    categories: [['nedskrapning', 2], ['skadegorelse', 2], ['klotter', 1], ['otrygg_plats', 1]],
    hours: 'day',
    weekdays: [1, 2, 3, 4, 5, 6],
  },
  {
    by: 'foreningsnyckelperson',
    rate: 0.8,
    places: [['Stortorget', 1], ['Andersbergs centrum', 1]],
    categories: [['otrygghetsskapande_samling', 3], ['nedskrapning', 1], ['otrygg_plats', 1]],
    hours: 'night',
    weekdays: [5, 6],
  },
];

const HOTSPOT_REPORTERS: Weighted<Role> = [['polis', 4], ['faltassistent', 2.5], ['foreningsnyckelperson', 2], ['naringsidkare', 1.5]];
const HOTSPOT_CATEGORIES: Weighted<DemoEventCategory> = [
  ['otrygghetsskapande_samling', 9],
  ['skadegorelse', 4],
  ['nedskrapning', 3],
  ['misstankt_narkotikahantering', 2],
  ['hot_vald_mot_personal', 1],
  ['otrygg_plats', 1],
];
const EMERGING_REPORTERS: Weighted<Role> = [['faltassistent', 2], ['polis', 1], ['est_rapportor', 1]];

/** Short descriptions about places, never naming anyone (the form refuses a personnummer, and warns). */
const DESCRIPTIONS: Record<DemoEventCategory, readonly string[]> = {
  skadegorelse: ['Krossad glasruta i busskuren.', 'Sönderslagen papperskorg och bänk.', 'Trasig belysning vid gångvägen.', 'Sparkad dörr till soprummet.'],
  klotter: ['Nytt klotter på fasaden.', 'Klotter i trapphuset och på postboxarna.', 'Taggar på elskåpet.'],
  nedskrapning: ['Mycket glas och skräp efter helgen.', 'Nedskräpat vid bänkarna.', 'Engångsgrillar och flaskor kvar på gräsmattan.'],
  brand: ['Brand i sopkärl, släckt av räddningstjänsten.', 'Brand i container på gården.'],
  otrygghetsskapande_samling: ['Större grupp unga, högljutt, förbipasserande gick en omväg.', 'Grupp samlades vid busshållplatsen, några äldre än de andra.', 'Två grupper stod mot varandra en stund.'],
  misstankt_narkotikahantering: ['Misstänkt överlämning vid bänkarna.', 'Stark lukt av cannabis vid gångtunneln.'],
  otrygg_plats: ['Mörkt och otryggt vid gångvägen.', 'Flera boende säger att de undviker platsen på kvällen.'],
  hot_vald_mot_personal: ['Personal hotades verbalt vid stängning.', 'Personal knuffades i entrén.'],
  rykten_sociala_medier: ['Rykte om bråk i helgen sprids i en chattgrupp.', 'Uppmaning till samling spreds i sociala medier.'],
  moped_a_traktor: ['Mopeder körde i hög fart över torget.', 'EPA-traktorer samlades på parkeringen med hög musik.'],
};

/** Where the places are (places chapter), for points "near" them. */
export type PlacePositions = ReadonlyMap<string, { latitude: number; longitude: number }>;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, options: Weighted<T>): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** A Poisson count (Knuth): fine for the small weekly means here. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

/** A version 4 UUID from the generator: the same story gets the same ids, so a resent batch is skipped. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** More in summer and in the weeks around New Year (fireworks), less in the dark winter. */
function seasonOf(date: string): number {
  const month = Number(date.slice(5, 7));
  if (month >= 6 && month <= 8) return 1.3;
  if (month === 12 || month === 1) return date.slice(5) >= '12-27' || date.slice(5) <= '01-02' ? 1.6 : 0.8;
  if (month === 2) return 0.8;
  return 1;
}

function startHour(random: () => number, hours: Hours): number {
  switch (hours) {
    case 'day':
      return 7 + Math.floor(random() * 10);
    case 'evening':
      return 16 + Math.floor(random() * 7);
    case 'night':
      return 19 + Math.floor(random() * 5);
    case 'any':
      return 6 + Math.floor(random() * 18);
  }
}

const PEOPLE: Partial<Record<DemoEventCategory, Weighted<PeopleCount>>> = {
  otrygghetsskapande_samling: [['5-9', 3], ['10+', 2], ['2-4', 1]],
  moped_a_traktor: [['2-4', 2], ['5-9', 1]],
  misstankt_narkotikahantering: [['2-4', 2], ['1', 1]],
  hot_vald_mot_personal: [['1', 2], ['2-4', 1]],
};

export interface DemoEventsOptions {
  /** The seeding day, YYYY-MM-DD in Sweden. */
  today: string;
  /** No event ends after this instant (the story cannot report the future). */
  until: Date;
  positions: PlacePositions;
}

/**
 * Every event of the demo year, oldest first. The newest week's change lands in this week once
 * Monday and Tuesday are over; earlier in the week it lands in last week, so there are always
 * events enough to notice (`emergingWeek`).
 */
export function demoEvents({ today, until, positions }: DemoEventsOptions): DemoEvent[] {
  const thisMonday = mondayOfIsoWeek(isoWeekOf(today));
  const events: DemoEvent[] = [];
  const dayOffset = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const emerging = emergingWeek(today);

  for (let week = -DEMO_EVENT_WEEKS; week <= 0; week += 1) {
    const monday = addDays(thisMonday, 7 * week);
    const random = seededRandom(0x5a3e_0000 + (week + 100) * 7919);
    const make = (layer: DemoEvent['layer'], by: Role, category: DemoEventCategory, place: string, weekday: number, hour: number, options: { pointShare?: number; areaOnly?: Stream['areaOnly'] } = {}) => {
      const date = addDays(monday, weekday - 1);
      const minute = 5 * Math.floor(random() * 12);
      const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      const occurredFrom = storyInstant(today, dayOffset(date), time);
      const occurredTo = new Date(occurredFrom.getTime() + (15 + 15 * Math.floor(random() * 6)) * 60_000);
      const where = random();
      const areaOnly = options.areaOnly && where < options.areaOnly.share ? options.areaOnly.area : null;
      const near = !areaOnly && options.pointShare && random() < options.pointShare ? positions.get(place) : undefined;
      const people = PEOPLE[category];
      const severity: 1 | 2 | 3 = category === 'hot_vald_mot_personal' ? (random() < 0.2 ? 3 : 2) : category === 'brand' || random() < 0.1 ? 2 : 1;
      const descriptions = DESCRIPTIONS[category];
      const describe = random() < 0.35;
      const id = uuidFrom(random);
      if (occurredTo.getTime() > until.getTime()) return;
      events.push({
        id,
        by,
        week,
        category,
        place: areaOnly || near ? null : place,
        // About 100–300 m from the place: a yard, a path, a parking lot nearby.
        point: near ? { latitude: near.latitude + (random() - 0.5) * 0.004, longitude: near.longitude + (random() - 0.5) * 0.006 } : null,
        area: areaOnly,
        occurredFrom,
        occurredTo,
        peopleCount: people ? pick(random, people) : random() < 0.5 ? null : '1',
        severity,
        description: describe ? descriptions[Math.floor(random() * descriptions.length)]! : '',
        layer,
      });
    };

    for (const stream of STREAMS) {
      const count = poisson(random, stream.rate * seasonOf(addDays(monday, 3)));
      for (let n = 0; n < count; n += 1) {
        const weekdays = stream.weekdays ?? [1, 2, 3, 4, 5, 6, 7];
        const weekday = weekdays[Math.floor(random() * weekdays.length)]!;
        make('background', stream.by, pick(random, stream.categories), pick(random, stream.places), weekday, startHour(random, stream.hours), { pointShare: stream.pointShare, areaOnly: stream.areaOnly });
      }
    }

    // The hot-spot: Friday and Saturday nights at Stortorget, 20–24.
    for (let n = 0; n < (HOTSPOT_EXTRA[week] ?? 0); n += 1) {
      const by = pick(random, HOTSPOT_REPORTERS);
      // The night walkers are there on Saturdays; the business finds the damage in the morning.
      const weekday = by === 'foreningsnyckelperson' ? 6 : random() < 0.6 ? 5 : 6;
      const category = by === 'naringsidkare' ? pick(random, [['skadegorelse', 1], ['nedskrapning', 1]] as const) : pick(random, HOTSPOT_CATEGORIES);
      make('hotspot', by, category, HOTSPOT_PLACE, weekday, 20 + Math.floor(random() * 4));
    }

    // The newest week's change at Sätra centrum: the two last evenings already past, 18–20, when
    // nobody is planned there (the field workers are there on Fridays): the week suggests presence.
    if (week === emerging.week) {
      for (let n = 0; n < EMERGING_COUNT; n += 1) {
        const weekday = emerging.days - (n % 2);
        make('emerging', pick(random, EMERGING_REPORTERS), n < 6 ? 'moped_a_traktor' : 'otrygghetsskapande_samling', EMERGING_PLACE, weekday === 5 ? 4 : weekday, 18 + (n % 4 < 2 ? 0 : 1));
      }
    }
  }
  return events.sort((a, b) => a.occurredFrom.getTime() - b.occurredFrom.getTime());
}

/**
 * The week of the newest change and how many of its days it spans: this week from Wednesday (Monday
 * and Tuesday over), else last week (all seven days).
 */
export function emergingWeek(today: string): { week: 0 | -1; days: number } {
  const weekday = isoWeekdayOf(today);
  return weekday >= 3 ? { week: 0, days: weekday - 1 } : { week: -1, days: 7 };
}

/** The story's day offset and HH:MM of an instant (for the driver's `on`), in Swedish time. */
export function storyMomentOf(today: string, instant: Date): { day: number; time: string } {
  const date = localDateOf(instant);
  return { day: Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000), time: localTimeOf(instant) };
}
