import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { fieldReport, organisation, presenceEntry } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { instantOfWallTime, wallTimeOf } from '../../../shared/stockholm-time';
import { MEETING_SUPPRESSION_K, monthsBetween, type CollaborationReport, type CollaborationRow } from '../../../shared/collaboration';
import { expandOccurrences, loadHolidayCalendar } from '../presence/occurrences';

interface Cell {
  plannedHours: number;
  reportedHours: number;
  meetings: number;
  forumHours: number;
}

const monthOf = (instant: Date) => {
  const wall = wallTimeOf(instant);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}`;
};
const startOfMonth = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return instantOfWallTime({ year, month: number, day: 1, hour: 0, minute: 0 });
};
const nextMonth = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};

/**
 * The time-for-collaboration figures for a period, in the reader's row-level-security context: the
 * presence entries and field reports counted are those the reader may see (an organisation always sees
 * all of its own), so a police patrol plan hidden from the reader adds no hours either.
 * `organisationId` null: every organisation of the tenant; otherwise that one only.
 */
export async function collaborationTime(
  tx: Tx,
  actor: Actor,
  period: { from: string; to: string },
  options: { organisationId: string | null; suppressMeetings: boolean },
): Promise<Omit<CollaborationReport, 'abilities'>> {
  const months = monthsBetween(period.from, period.to);
  const window = { from: startOfMonth(period.from), to: startOfMonth(nextMonth(period.to)) };
  const cells = new Map<string, Map<string, Cell>>();
  const cell = (organisationId: string, month: string) => {
    let byMonth = cells.get(organisationId);
    if (!byMonth) cells.set(organisationId, (byMonth = new Map()));
    let found = byMonth.get(month);
    if (!found) byMonth.set(month, (found = { plannedHours: 0, reportedHours: 0, meetings: 0, forumHours: 0 }));
    return found;
  };
  const onlyOrganisation = <T>(column: T) => (options.organisationId ? eq(column as never, options.organisationId) : undefined);

  // Planned: every occurrence in the window, in the month it starts.
  const entries = await tx
    .select()
    .from(presenceEntry)
    .where(
      and(
        eq(presenceEntry.tenantId, actor.tenantId),
        onlyOrganisation(presenceEntry.organisationId),
        isNull(presenceEntry.cancelledAt),
        lt(presenceEntry.startsAt, window.to),
        or(isNotNull(presenceEntry.recurrence), gte(presenceEntry.startsAt, new Date(window.from.getTime() - 86_400_000))),
      ),
    );
  const calendar = await loadHolidayCalendar(tx, actor.tenantId);
  for (const entry of entries) {
    for (const occurrence of expandOccurrences(entry, window, calendar)) {
      if (occurrence.start < window.from || occurrence.start >= window.to) continue;
      cell(entry.organisationId, monthOf(occurrence.start)).plannedHours += (entry.durationMinutes / 60) * entry.plannedStaff;
    }
  }

  // Reported: each field report in the month it started, for the organisation that filed it.
  const reports = await tx
    .select({ organisationId: fieldReport.organisationId, startedAt: fieldReport.startedAt, endedAt: fieldReport.endedAt, staffCount: fieldReport.staffCount })
    .from(fieldReport)
    .where(and(eq(fieldReport.tenantId, actor.tenantId), onlyOrganisation(fieldReport.organisationId), gte(fieldReport.startedAt, window.from), lt(fieldReport.startedAt, window.to)));
  for (const report of reports) {
    cell(report.organisationId, monthOf(report.startedAt)).reportedHours += ((report.endedAt.getTime() - report.startedAt.getTime()) / 3_600_000) * report.staffCount;
  }

  // SSPF meetings: held meetings, once per organisation on the case that day (its team and its owner).
  const firstDay = `${period.from}-01`;
  const afterLastDay = `${nextMonth(period.to)}-01`;
  const meetings = await tx.execute(sql`
    select involved.organisation_id::text as organisation_id, to_char(m.held_on, 'YYYY-MM') as month, count(distinct m.id)::int as meetings
    from case_meeting m
    join sspf_case c on c.tenant_id = m.tenant_id and c.id = m.case_id
    cross join lateral (
      select c.owner_organisation_id as organisation_id
      union
      select cm.organisation_id from case_member cm
      where cm.tenant_id = m.tenant_id and cm.case_id = m.case_id
        -- on the team on the day of the meeting
        and cm.added_at < m.held_on + 1 and (cm.removed_at is null or cm.removed_at >= m.held_on)
    ) involved
    where m.tenant_id = ${actor.tenantId} and m.held and m.held_on >= ${firstDay}::date and m.held_on < ${afterLastDay}::date
      ${options.organisationId ? sql`and involved.organisation_id = ${options.organisationId}::uuid` : sql``}
    group by 1, 2`);
  for (const row of meetings.rows as unknown as { organisation_id: string; month: string; meetings: number }[]) {
    cell(row.organisation_id, row.month).meetings += Number(row.meetings);
  }

  // Forum meetings (issue 15 §2): the meeting's length for every member marked present, for the
  // organisation that member sits for, in the month the meeting starts.
  const forumTime = await tx.execute(sql`
    select coalesce(fm.organisation_id, kp.organisation_id)::text as organisation_id, m.starts_at, m.duration_minutes
    from forum_attendance a
    join forum_meeting m on m.tenant_id = a.tenant_id and m.id = a.meeting_id
    join forum_member fm on fm.tenant_id = a.tenant_id and fm.id = a.member_id
    left join key_person kp on kp.tenant_id = fm.tenant_id and kp.id = fm.key_person_id
    where a.tenant_id = ${actor.tenantId} and a.present
      and m.starts_at >= ${window.from.toISOString()}::timestamptz and m.starts_at < ${window.to.toISOString()}::timestamptz
      ${options.organisationId ? sql`and coalesce(fm.organisation_id, kp.organisation_id) = ${options.organisationId}::uuid` : sql``}`);
  for (const row of forumTime.rows as unknown as { organisation_id: string | null; starts_at: string | Date; duration_minutes: number }[]) {
    if (!row.organisation_id) continue;
    cell(row.organisation_id, monthOf(new Date(row.starts_at))).forumHours += Number(row.duration_minutes) / 60;
  }

  const organisationIds = options.organisationId ? [options.organisationId] : [...cells.keys()];
  const names =
    organisationIds.length === 0
      ? []
      : await tx
          .select({ id: organisation.id, name: organisation.name })
          .from(organisation)
          .where(and(eq(organisation.tenantId, actor.tenantId), inArray(organisation.id, organisationIds)))
          .orderBy(asc(organisation.name));

  const suppress = (count: number) => options.suppressMeetings && count > 0 && count < MEETING_SUPPRESSION_K;
  const rows: CollaborationRow[] = names.map(({ id, name }) => {
    const byMonth = cells.get(id);
    const values = months.map((month) => {
      const found = byMonth?.get(month) ?? { plannedHours: 0, reportedHours: 0, meetings: 0, forumHours: 0 };
      return {
        month,
        plannedHours: round(found.plannedHours),
        reportedHours: round(found.reportedHours),
        meetings: suppress(found.meetings) ? null : found.meetings,
        forumHours: round(found.forumHours),
      };
    });
    const anySuppressed = values.some((value) => value.meetings === null);
    return {
      organisationId: id,
      organisationName: name,
      months: values,
      plannedHours: round(values.reduce((sum, value) => sum + value.plannedHours, 0)),
      reportedHours: round(values.reduce((sum, value) => sum + value.reportedHours, 0)),
      // A row total beside a hidden month would give the month away: it is hidden too.
      meetings: anySuppressed ? null : values.reduce((sum, value) => sum + (value.meetings ?? 0), 0),
      forumHours: round(values.reduce((sum, value) => sum + value.forumHours, 0)),
    };
  });
  return {
    from: period.from,
    to: period.to,
    months,
    coverage: options.organisationId ? 'own' : 'all',
    rows,
    meetingsSuppressedBelow: options.suppressMeetings ? MEETING_SUPPRESSION_K : null,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
