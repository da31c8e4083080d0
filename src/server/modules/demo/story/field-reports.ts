import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { fieldReport } from '../../../db/schema';
import type { Role } from '../../../../shared/roles';
import type { FieldReportInput, FieldReportOptions } from '../../../../shared/field-reports';
import { localDateOf } from '../../../../shared/stockholm-time';
import type { DemoChapter } from './chapter';
import { later, storyInstant } from '../story-time';

/**
 * Field reports of the Gävle demo (issue 13 §6, §8): after their shifts, the field worker, the youth
 * leader, the night walkers and the police file what they saw, through the same route the phone uses,
 * each under an id of its own as the phone makes it. Counts and moods only, no names. Two observations
 * are marked for the lägesbild; the police's report is for authorities only. Told after the places
 * chapter (it looks the places up by name through the form's options).
 */
interface DemoFieldReport {
  by: Role;
  day: number;
  from: string;
  to: string;
  place: string;
  with?: string[];
  staff: number;
  youth: [number, number, number, number];
  mood: FieldReportInput['mood'];
  observations: string;
  forSituationPicture?: boolean;
  visibility: FieldReportInput['visibility'];
}

export const DEMO_FIELD_REPORTS: readonly DemoFieldReport[] = [
  {
    by: 'faltassistent',
    day: -12,
    from: '19:00',
    to: '23:00',
    place: 'Sätra centrum',
    staff: 2,
    youth: [2, 14, 9, 3],
    mood: 'anstrangt',
    observations: 'En större grupp samlades vid pizzerian vid 21. Några äldre på mopeder körde runt torget. Lugnare efter att vi stannat en stund.',
    forSituationPicture: true,
    visibility: 'all',
  },
  {
    by: 'fritidsledare',
    day: -9,
    from: '15:00',
    to: '21:00',
    place: 'Fritidsgården Kvarnen (demo)',
    staff: 2,
    youth: [6, 21, 7, 0],
    mood: 'lugnt',
    observations: 'Fullt vid pingisen och i spelrummet. Flera nya besökare från Polhemsgymnasiet.',
    visibility: 'all',
  },
  {
    by: 'foreningsnyckelperson',
    day: -8,
    from: '20:00',
    to: '23:30',
    place: 'Stortorget',
    with: ['Polisen lokalpolisområde Gävle (demo)'],
    staff: 4,
    youth: [0, 11, 16, 6],
    mood: 'oroligt',
    observations: 'Två grupper stod länge mot varandra vid fontänen och det blev högljutt. Det lugnade sig när polisen kom förbi. Mycket glas på marken efteråt.',
    forSituationPicture: true,
    visibility: 'all',
  },
  {
    by: 'polis',
    day: -8,
    from: '21:00',
    to: '23:00',
    place: 'Gävle resecentrum',
    staff: 2,
    youth: [0, 4, 8, 5],
    mood: 'anstrangt',
    observations: 'Samling vid busshållplatserna efter sista bussen. Inga ingripanden.',
    visibility: 'authorities',
  },
  {
    by: 'faltassistent',
    day: -5,
    from: '19:00',
    to: '21:00',
    place: 'Discord: Gävle Gaming (demo)',
    staff: 1,
    youth: [3, 12, 4, 0],
    mood: 'lugnt',
    observations: 'Lugn kväll i kanalen. Pratade om sommarjobb och fritidsgårdens turnering.',
    visibility: 'all',
  },
];

export const fieldReportsChapter: DemoChapter = {
  key: 'field-reports',
  async isTold(context) {
    // Without an organisation in the context, row-level security shows the reports shared with all.
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: fieldReport.id }).from(fieldReport).where(eq(fieldReport.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const today = localDateOf(new Date());
    for (const demo of DEMO_FIELD_REPORTS) {
      const filer = driver.as(demo.by).on(demo.day, later(demo.to, 20));
      const options = await filer.get<FieldReportOptions>('/api/field-reports/options');
      const placeId = options.places.find((p) => p.name === demo.place)?.id;
      if (!placeId) throw new Error(`demo field report: no place named ${demo.place} (is the places chapter told?)`);
      const others = (demo.with ?? []).flatMap((name) => options.organisations.filter((o) => o.name === name).map((o) => o.id));
      await filer.post('/api/field-reports', {
        id: randomUUID(),
        placeId,
        otherOrganisationIds: others,
        startedAt: storyInstant(today, demo.day, demo.from).toISOString(),
        endedAt: storyInstant(today, demo.day, demo.to).toISOString(),
        staffCount: demo.staff,
        youthUnder13: demo.youth[0],
        youth13To15: demo.youth[1],
        youth16To17: demo.youth[2],
        youth18Plus: demo.youth[3],
        mood: demo.mood,
        observations: demo.observations,
        forSituationPicture: demo.forSituationPicture ?? false,
        visibility: demo.visibility,
      } satisfies FieldReportInput);
    }
  },
};
