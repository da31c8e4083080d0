import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { place } from '../../../db/schema';
import type { PlaceInput, PlaceType, YouthHour, YouthLevel } from '../../../../shared/places';
import type { DemoChapter } from './chapter';
import { later } from '../story-time';

/**
 * The places of the Gävle demo (issue 13 §8): three areas around real districts, drawn loosely
 * (fictional boundaries), and twenty places near real Gävle coordinates with fictional details.
 * The field worker and the youth leader who know the places add them and set their ungdomstider.
 * Friday night 20–24 on Stortorget has many young people: the presence plan leaves it uncovered.
 */

type Ring = [number, number][];
const closed = (ring: Ring): Ring => [...ring, ring[0]!];

export const DEMO_AREAS: readonly { name: string; ring: Ring }[] = [
  { name: 'Centrum', ring: closed([[17.125, 60.668], [17.148, 60.666], [17.166, 60.670], [17.168, 60.684], [17.140, 60.687], [17.124, 60.680]]) },
  { name: 'Sätra', ring: closed([[17.078, 60.652], [17.112, 60.650], [17.116, 60.664], [17.100, 60.669], [17.080, 60.666]]) },
  { name: 'Andersberg', ring: closed([[17.118, 60.646], [17.148, 60.645], [17.152, 60.660], [17.135, 60.663], [17.119, 60.660]]) },
];

type Week = { days: number[]; from: number; to: number; level: YouthLevel }[];
const WEEKDAYS = [1, 2, 3, 4, 5];

interface DemoPlace {
  name: string;
  type: PlaceType;
  at?: [number, number];
  address?: string;
  digitalLocation?: string;
  notes?: string;
  opening?: PlaceInput['openingHours'];
  youth: Week;
}

const school: Week = [
  { days: WEEKDAYS, from: 9, to: 15, level: 'some' },
  { days: WEEKDAYS, from: 15, to: 16, level: 'few' },
];
const youthCentre: Week = [
  { days: [1, 2, 3, 4], from: 15, to: 21, level: 'some' },
  { days: [5], from: 18, to: 23, level: 'many' },
];
const weekdaysOpen = (opens: string, closes: string) => Object.fromEntries(WEEKDAYS.map((d) => [String(d), [{ opens, closes }]]));

export const DEMO_PLACES: readonly DemoPlace[] = [
  {
    name: 'Stortorget',
    type: 'centrum_torg',
    at: [60.6749, 17.1413],
    address: 'Stortorget, Gävle',
    notes: 'Samlingsplats fredag och lördag kväll, särskilt vid busshållplatserna.',
    youth: [
      { days: WEEKDAYS, from: 15, to: 18, level: 'some' },
      { days: [5], from: 20, to: 24, level: 'many' },
      { days: [6], from: 20, to: 24, level: 'some' },
    ],
  },
  { name: 'Gävle resecentrum', type: 'kollektivtrafiknod', at: [60.6768, 17.1497], address: 'Centralplan, Gävle', youth: [{ days: WEEKDAYS, from: 15, to: 17, level: 'some' }, { days: [5, 6], from: 19, to: 23, level: 'some' }] },
  { name: 'Gallerian Nian', type: 'kopcentrum', at: [60.6761, 17.1425], address: 'Nygatan, Gävle', opening: { ...weekdaysOpen('10:00', '19:00'), '6': [{ opens: '10:00', closes: '17:00' }] }, youth: [{ days: WEEKDAYS, from: 15, to: 19, level: 'some' }, { days: [6], from: 12, to: 17, level: 'many' }] },
  { name: 'Stadsbiblioteket (demo)', type: 'bibliotek', at: [60.6739, 17.1462], address: 'Slottstorget, Gävle', opening: weekdaysOpen('10:00', '19:00'), youth: [{ days: WEEKDAYS, from: 15, to: 18, level: 'few' }] },
  { name: 'Stadsträdgården', type: 'park_utomhus', at: [60.6781, 17.1389], youth: [{ days: [5, 6], from: 19, to: 23, level: 'some' }] },
  { name: 'Boulognerskogen', type: 'park_utomhus', at: [60.6712, 17.1297], notes: 'Dåligt upplyst vid skejtparken.', youth: [{ days: [3, 5], from: 18, to: 22, level: 'some' }] },
  { name: 'Centrumskolan (demo)', type: 'skola', at: [60.6793, 17.1512], address: 'Skolgatan 1, Gävle', opening: weekdaysOpen('08:00', '16:00'), youth: school },
  { name: 'Polhemsgymnasiet (demo)', type: 'skola', at: [60.6727, 17.1548], opening: weekdaysOpen('08:00', '17:00'), youth: school },
  { name: 'Fritidsgården Kvarnen (demo)', type: 'fritidsgard', at: [60.6771, 17.1331], opening: { ...weekdaysOpen('15:00', '21:00'), '5': [{ opens: '15:00', closes: '23:00' }] }, youth: youthCentre },
  { name: 'Kulturhuset Föreningslokal (demo)', type: 'foreningslokal', at: [60.6733, 17.1366], youth: [{ days: [2, 4], from: 17, to: 20, level: 'some' }] },
  { name: 'Sätra centrum', type: 'centrum_torg', at: [60.6583, 17.1002], youth: [{ days: WEEKDAYS, from: 15, to: 18, level: 'few' }, { days: [5], from: 19, to: 23, level: 'some' }] },
  { name: 'Sätraskolan (demo)', type: 'skola', at: [60.6605, 17.0958], opening: weekdaysOpen('08:00', '16:00'), youth: school },
  { name: 'Fritidsgården Sätra (demo)', type: 'fritidsgard', at: [60.6592, 17.0981], opening: weekdaysOpen('15:00', '21:00'), youth: youthCentre },
  { name: 'Sätra idrottsplats', type: 'idrottshall', at: [60.6624, 17.0898], youth: [{ days: [1, 3], from: 17, to: 20, level: 'some' }, { days: [6], from: 10, to: 14, level: 'some' }] },
  { name: 'Andersbergs centrum', type: 'centrum_torg', at: [60.6529, 17.1322], youth: [{ days: [2], from: 17, to: 20, level: 'some' }, { days: [5], from: 19, to: 23, level: 'some' }] },
  { name: 'Andersbergsskolan (demo)', type: 'skola', at: [60.6543, 17.1299], opening: weekdaysOpen('08:00', '16:00'), youth: school },
  { name: 'Fritidsgården Andersberg (demo)', type: 'fritidsgard', at: [60.6534, 17.1352], opening: weekdaysOpen('15:00', '21:00'), youth: youthCentre },
  { name: 'Andersbergs idrottshall', type: 'idrottshall', at: [60.6511, 17.1281], youth: [{ days: [2, 4], from: 17, to: 21, level: 'some' }] },
  { name: 'Bostadsgårdarna Andersberg (demo)', type: 'bostadsomrade', at: [60.6552, 17.1389], youth: [{ days: [5, 6], from: 18, to: 22, level: 'few' }] },
  {
    name: 'Discord: Gävle Gaming (demo)',
    type: 'digital',
    digitalLocation: 'En fiktiv Discord-server för unga i Gävle',
    notes: 'Fältassistenterna är med i kanalen #prata-med-en-vuxen.',
    youth: [{ days: [1, 2, 3, 4, 5, 6, 7], from: 19, to: 23, level: 'some' }],
  },
];

function hoursOf(week: Week): YouthHour[] {
  return week.flatMap(({ days, from, to, level }) => days.flatMap((weekday) => Array.from({ length: to - from }, (_, n) => ({ weekday, hour: from + n, level }))));
}

export const placesChapter: DemoChapter = {
  key: 'places',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: place.id }).from(place).where(eq(place.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const fieldWorker = driver.as('faltassistent');
    const leader = driver.as('fritidsledare');
    await fieldWorker.on(-42, '10:05').post('/api/areas/import', {
      kind: 'stadsdel',
      geojson: {
        type: 'FeatureCollection',
        features: DEMO_AREAS.map((area) => ({ type: 'Feature', properties: { name: area.name }, geometry: { type: 'Polygon', coordinates: [area.ring] } })),
      },
    });
    for (const [n, demo] of DEMO_PLACES.entries()) {
      // The youth centres are the youth leader's; the field worker knows the squares, schools and the rest.
      const by = demo.type === 'fritidsgard' ? leader : fieldWorker;
      const time = later('10:20', 3 * n);
      const created = await by.on(-41, time).post<{ id: string }>('/api/places', {
        name: demo.name,
        type: demo.type,
        position: demo.at ? { latitude: demo.at[0], longitude: demo.at[1] } : null,
        address: demo.address ?? null,
        digitalLocation: demo.digitalLocation ?? null,
        responsibleOrganisationId: demo.type === 'fritidsgard' ? context.organisationIds.fritid : demo.type === 'skola' ? context.organisationIds.skola : null,
        openingHours: demo.opening ?? {},
        notes: demo.notes ?? null,
      } satisfies PlaceInput);
      await by.on(-41, later(time, 1)).put(`/api/places/${created.id}/youth-hours`, { hours: hoursOf(demo.youth) });
    }
  },
};
