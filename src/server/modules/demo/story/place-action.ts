import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { placeAction } from '../../../db/schema';
import type { Lagesbild } from '../../../../shared/lagesbild';
import { shiftWeek } from '../../../../shared/lagesbild';
import type { ActionEffect, ActionPlan, PlaceAction, PlaceActionInput } from '../../../../shared/place-actions';
import { formatCell } from '../../../../shared/suppression';
import { addDays, isoWeekOf, mondayOfIsoWeek } from '../../../../shared/stockholm-time';
import { later } from '../story-time';
import type { DemoChapter } from './chapter';
import { HOTSPOT_PEAK_WEEK, HOTSPOT_PLACE } from './demo-events';

/**
 * The EST group acts on the hot-spot (issue 14 §2, §3). At its Tuesday meeting after the week
 * Stortorget peaked, the coordinator reads that week's lägesbild, writes the group's analysis, decides
 * two place actions at Stortorget (better lighting, owned by the municipality's street unit; the police's
 * Friday patrol at the travel centre going by the square, owned by the community police officer),
 * links them to the year's action plan (priorities drawn from the lägesbild), closes and sends the
 * week. The weeks after are analysed and sent as the group meets; the lighting is done three weeks
 * later; the plan is adopted and gets its quarterly analysis with the effect so far. Last week and
 * this week stay open: the demo's week page shows an open week with changes.
 *
 * Told after the events chapter: the analysis quotes the figures the lägesbild shows.
 */

/** The weeks after the peak the group also closes and sends (-6 … -2); last week and this week stay open. */
export const SENT_WEEKS_AFTER_PEAK = [-6, -5, -4, -3, -2] as const;
export const LIGHTING_TITLE = 'Bättre belysning på Stortorget och vid busshållplatserna';
export const PATROL_TITLE = 'Polisens fredagspass går förbi Stortorget 21–23';

export const placeActionChapter: DemoChapter = {
  key: 'place-action',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: placeAction.id }).from(placeAction).where(eq(placeAction.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const today = driver.today;
    const thisWeek = isoWeekOf(today);
    const offsetOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    /** Tuesday of the week after `week` (weeks from this one): the EST group's meeting about it. */
    const meetingAfter = (week: number) => offsetOf(addDays(mondayOfIsoWeek(shiftWeek(thisWeek, week + 1)), 1));
    const coordinator = driver.as('koordinator');
    const police = driver.as('polis');

    const peakWeek = shiftWeek(thisWeek, HOTSPOT_PEAK_WEEK);
    const meeting = meetingAfter(HOTSPOT_PEAK_WEEK);
    const picture = await coordinator.on(meeting, '13:05').get<Lagesbild>(`/api/lagesbild/${peakWeek}`);
    const places = await coordinator.on(meeting, '13:06').get<{ places: { id: string; name: string }[] }>('/api/places');
    const areas = await coordinator.on(meeting, '13:06').get<{ areas: { id: string; name: string }[] }>('/api/areas');
    const placeId = places.places.find((p) => p.name === HOTSPOT_PLACE)?.id;
    if (!placeId) throw new Error(`demo place action: no place named ${HOTSPOT_PLACE} (is the places chapter told?)`);
    const areaId = (name: string) => areas.areas.find((a) => a.name === name)!.id;
    const square = picture.hotspots.find((spot) => spot.places.some((p) => p.id === placeId));
    const squareCount = square?.count.kind === 'value' ? square.count.value : 0;
    const squareChange = picture.changes.find((change) => change.level === 'cell' && change.cell === square?.cell);
    const gaps = picture.presenceGaps.filter((g) => g.cell === square?.cell);
    const gap = gaps.find((g) => g.weekday === 5) ?? gaps[0];

    await coordinator.on(meeting, '13:30').put(`/api/lagesbild/${peakWeek}/analysis`, {
      analysis: [
        `Stortorget är veckans tydligaste hot-spot: ${squareCount} händelser${squareChange ? `, mot i snitt ${formatMean(squareChange.mean)} de åtta veckorna före` : ''}. Ökningen har pågått sedan slutet av sommaren och händelserna sker nästan bara fredag och lördag kväll, 20–24, vid fontänen och busshållplatserna.`,
        'Rapportörerna beskriver stora grupper, glas och skadegörelse. Platsen är mörk vid busshållplatserna.',
        gap ? `Närvaron: ${gap.text}` : '',
        'Beslut: bättre belysning vid torget och busshållplatserna, och polisens fredagspass vid resecentrum går förbi torget. Vi följer utvecklingen varje vecka och tar upp effekten om sex veckor.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    });

    // The year's plan: drafted early in the year; the hot-spot becomes a priority at this meeting.
    const meetingDate = addDays(today, meeting);
    const year = Number(meetingDate.slice(0, 4));
    const draftDay = Math.min(Math.max(offsetOf(`${year}-01-20`), -360), meeting);
    const basePriorities = [
      { category: 'skadegorelse', areaId: areaId('Andersberg'), reason: 'Skadegörelse och klotter i bostadsområdet är Andersbergs vanligaste händelser vecka efter vecka (Demobostäders rapporter). Fortsatt samarbete med bostadsbolaget om snabb sanering.' },
      { category: 'otrygghetsskapande_samling', areaId: areaId('Centrum'), reason: 'Samlingar vid resecentrum och i Stadsträdgården på helgkvällar; följs upp med polisen och fältassistenterna.' },
    ];
    const followUp =
      'EST-gruppen följer lägesbilden varje vecka (tisdagar) och skickar veckans bild till rapportörerna. Åtgärdernas status följs upp på mötet; effekten (händelser före och efter) tas upp sex veckor efter beslutet. Kvartalsvis analys till styrgruppen och en årlig utvärdering i december, enligt lag (2023:196).';
    if (draftDay < meeting) await coordinator.on(draftDay, '10:00').put(`/api/action-plans/${year}`, { priorities: basePriorities, followUp });
    const plan = await coordinator.on(meeting, '13:40').put<ActionPlan>(`/api/action-plans/${year}`, {
      priorities: [
        {
          category: 'otrygghetsskapande_samling',
          areaId: areaId('Centrum'),
          reason: `Lägesbilden vecka ${peakWeek.slice(6)}: Stortorget ${squareCount} händelser på en vecka, fredag och lördag kväll. Ökningen har pågått i flera veckor.`,
        },
        ...basePriorities,
      ],
      followUp,
    });

    const session = await police.on(meeting, '13:45').get<{ memberships: { membershipId: string }[] }>('/api/session');
    const dueLighting = addDays(meetingDate, 21);
    const lighting = await coordinator.on(meeting, '13:50').post<PlaceAction>('/api/place-actions', {
      placeId,
      areaId: null,
      cell: null,
      week: peakWeek,
      title: LIGHTING_TITLE,
      kind: 'belysning',
      description: 'Fler och starkare armaturer vid fontänen och busshållplatserna mot Drottninggatan; trasiga lampor byts först.',
      ownerOrganisationId: context.organisationIds.annan,
      ownerMembershipId: null,
      ownerName: 'Gatu- och parkenheten, Tove Teknik (demo)',
      dueDate: dueLighting,
      planId: plan.id,
    } satisfies PlaceActionInput);
    const patrol = await coordinator.on(meeting, '13:55').post<PlaceAction>('/api/place-actions', {
      placeId,
      areaId: null,
      cell: null,
      week: peakWeek,
      title: PATROL_TITLE,
      kind: 'narvaro',
      description: 'Områdespolisens fredagspass vid resecentrum går förbi torget och fontänen, sex veckor till att börja med.',
      ownerOrganisationId: context.organisationIds.polis,
      ownerMembershipId: session.memberships[0]!.membershipId,
      ownerName: null,
      dueDate: addDays(meetingDate, 7 * 9),
      planId: plan.id,
    } satisfies PlaceActionInput);
    await coordinator.on(meeting, '14:00').post(`/api/lagesbild/${peakWeek}/close`, {});
    await coordinator.on(meeting, '14:02').post(`/api/lagesbild/${peakWeek}/send`, {});

    // The police start the patrol that Friday; the street unit has the lighting up in three weeks.
    await police.on(meeting + 3, '20:40').post(`/api/place-actions/${patrol.id}/status`, { status: 'pagar' });
    await coordinator.on(meeting + 7, '09:15').post(`/api/place-actions/${lighting.id}/status`, { status: 'pagar' });
    await coordinator.on(Math.min(meeting + 16, -1), '15:30').post(`/api/place-actions/${lighting.id}/status`, { status: 'genomford' });

    // Each Tuesday after: the week before, analysed, closed and sent.
    for (const week of SENT_WEEKS_AFTER_PEAK) {
      const day = meetingAfter(week);
      const iso = shiftWeek(thisWeek, week);
      const seen = await coordinator.on(day, '13:05').get<Lagesbild>(`/api/lagesbild/${iso}`);
      const spot = seen.hotspots.find((s) => s.places.some((p) => p.id === placeId));
      const count = spot?.count.kind === 'value' ? spot.count.value : 0;
      const notable = seen.changes.filter((change) => change.level === 'category').map((change) => change.text);
      await coordinator.on(day, '13:30').put(`/api/lagesbild/${iso}/analysis`, {
        analysis: [
          count > 0 ? `Stortorget: ${count} händelser i veckan, mot ${squareCount} veckan då åtgärderna beslutades.` : 'Stortorget: inga händelser att tala om i veckan.',
          notable.length > 0 ? `Förändringar: ${notable.join(' ')}` : 'Inga kategorier klart över sin vanliga nivå.',
          week >= -4 ? 'Belysningen är på plats. Polisens fredagspass fortsätter.' : 'Belysningen beställd; polisens fredagspass har börjat.',
        ].join('\n\n'),
      });
      await coordinator.on(day, '14:00').post(`/api/lagesbild/${iso}/close`, {});
      await coordinator.on(day, '14:02').post(`/api/lagesbild/${iso}/send`, {});
    }

    // The plan is adopted, and the quarter's analysis cites the effect so far.
    await coordinator.on(meeting + 14, '10:00').post(`/api/action-plans/${year}/adopt`, {});
    const reviewDay = Math.max(meeting + 15, Math.min(offsetOf(quarterEnd(meetingDate)) + 10, -1));
    const effect = await coordinator.on(reviewDay, '09:30').get<ActionEffect>(`/api/place-actions/${lighting.id}/effect?weeks=6`);
    await coordinator.on(reviewDay, '10:00').post(`/api/action-plans/${year}/reviews`, {
      kind: 'kvartal',
      period: `${year}-Q${quarterOf(meetingDate)}`,
      text: [
        `Stortorget var kvartalets hot-spot: samlingar, glas och skadegörelse fredag och lördag kväll, som mest ${squareCount} händelser vecka ${peakWeek.slice(6)}.`,
        `Efter beslutet om belysning och polisens fredagspass: ${formatCell(effect.totals.before)} händelser vid torget de sex veckorna före och ${formatCell(effect.totals.after)} de sex veckorna efter.`,
        'Jämförelsen är inget bevis för att åtgärderna orsakade minskningen (årstiden och hur mycket som rapporteras spelar in), men gruppen fortsätter med båda och följer upp i årsutvärderingen.',
      ].join(' '),
    });
  },
};

function formatMean(mean: number): string {
  return mean.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
}

function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/** The last day of the date's quarter. */
function quarterEnd(date: string): string {
  const quarter = quarterOf(date);
  const firstOfNext = quarter === 4 ? `${Number(date.slice(0, 4)) + 1}-01-01` : `${date.slice(0, 4)}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  return addDays(firstOfNext, -1);
}
