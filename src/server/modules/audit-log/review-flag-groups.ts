import { sql, type SQL } from 'drizzle-orm';
import { LOG_REVIEW_TIME_ZONE, type LogReviewFlagKind, type LogReviewSettings } from '../../../shared/log-review';

/** The window the flags look at: `since` (now minus the lookback) up to `until` (now). */
export interface ReviewWindow {
  tenantId: string;
  since: Date;
  until: Date;
  settings: LogReviewSettings;
}

/*
 * Each kind's flags as one SQL query over the window, grouped in the database. Every query yields the
 * same columns: key, user_id, person_id, day (date in Stockholm), count, first_at, last_at, and from_at /
 * to_at (the span of the Loggkontroll search that shows the events behind the flag).
 *
 * They read audit_event through the indexes of migration 0015: (tenant_id, occurred_at) partial on
 * allowed accesses naming a person, partial on refusals, and (tenant_id, actor_user_id, occurred_at)
 * for the per-user windows of `bulk`.
 */

const tz = sql.raw(`'${LOG_REVIEW_TIME_ZONE}'`);

/** A day in Stockholm as the instant it begins. */
const dayStart = (day: SQL) => sql`((${day})::timestamp at time zone ${tz})`;

/** Allowed events naming a person, by a signed-in user, outside Loggkontroll's own review. */
function accesses(w: ReviewWindow): SQL {
  return sql`
    select e.actor_user_id, e.person_id, e.occurred_at, (e.occurred_at at time zone ${tz}) as local_at
    from audit_event e
    where e.tenant_id = ${w.tenantId} and e.occurred_at >= ${w.since.toISOString()}::timestamptz and e.occurred_at < ${w.until.toISOString()}::timestamptz
      and e.person_id is not null and e.actor_user_id is not null and e.outcome = 'allowed'
      and e.action not like 'audit\\_log.%'`;
}

/**
 * Accesses by a user who is neither on the person's case team (a member not removed before the access,
 * or the director) nor handled a concern about the person (assigned to it, or a step on its timeline).
 */
function outsider(w: ReviewWindow): SQL {
  const t = w.tenantId;
  return sql`
    with access as (${accesses(w)}),
    grouped as (
      select a.actor_user_id as user_id, a.person_id, a.local_at::date as day, count(*) as count,
        min(a.occurred_at) as first_at, max(a.occurred_at) as last_at
      from access a group by a.actor_user_id, a.person_id, a.local_at::date
    )
    select 'outsider:' || g.user_id || ':' || g.person_id || ':' || to_char(g.day, 'YYYY-MM-DD') as key,
      g.user_id, g.person_id, g.day, g.count, g.first_at, g.last_at,
      ${dayStart(sql`g.day`)} as from_at, ${dayStart(sql`g.day + 1`)} as to_at
    from grouped g
    where not exists (
        select 1 from sspf_case c
        where c.tenant_id = ${t} and c.person_id = g.person_id
          and (c.director_user_id = g.user_id or exists (
            select 1 from case_member m
            where m.tenant_id = ${t} and m.case_id = c.id and m.user_id = g.user_id and (m.removed_at is null or m.removed_at > g.first_at))))
      and not exists (
        select 1 from concern k
        where k.tenant_id = ${t} and k.person_id = g.person_id
          and (k.assigned_user_id = g.user_id or exists (
            select 1 from concern_event ke where ke.tenant_id = ${t} and ke.concern_id = k.id and ke.actor_user_id = g.user_id)))`;
}

/**
 * For each access, the different persons the same user accessed from then until `bulkMinutes` later
 * (a range scan on the user's index); the busiest window of each user and day at or over `bulkPersons`.
 */
function bulk(w: ReviewWindow): SQL {
  const { bulkMinutes, bulkPersons } = w.settings;
  const minutes = sql`make_interval(mins => ${bulkMinutes}::int)`;
  return sql`
    with access as (${accesses(w)}),
    starts as (select distinct a.actor_user_id, a.occurred_at from access a),
    windows as (
      select s.actor_user_id as user_id, s.occurred_at as window_start,
        (select count(distinct b.person_id) from audit_event b
          where b.tenant_id = ${w.tenantId} and b.actor_user_id = s.actor_user_id
            and b.occurred_at >= s.occurred_at and b.occurred_at < s.occurred_at + ${minutes}
            and b.person_id is not null and b.outcome = 'allowed' and b.action not like 'audit\\_log.%') as persons
      from starts s
    ),
    busiest as (
      select distinct on (x.user_id, (x.window_start at time zone ${tz})::date)
        x.user_id, (x.window_start at time zone ${tz})::date as day, x.window_start, x.persons
      from windows x where x.persons >= ${bulkPersons}::int
      order by x.user_id, (x.window_start at time zone ${tz})::date, x.persons desc, x.window_start
    )
    select 'bulk:' || b.user_id || ':' || to_char(b.day, 'YYYY-MM-DD') as key,
      b.user_id, null::uuid as person_id, b.day, b.persons as count,
      b.window_start as first_at, b.window_start + ${minutes} as last_at,
      b.window_start as from_at, b.window_start + ${minutes} as to_at
    from busiest b`;
}

/** Accesses in the night (Stockholm), grouped by user and the evening the night began. */
function night(w: ReviewWindow): SQL {
  const { nightStartHour: start, nightEndHour: end } = w.settings;
  const wraps = start > end;
  const hour = sql`extract(hour from a.local_at)`;
  const inNight = wraps ? sql`(${hour} >= ${start}::int or ${hour} < ${end}::int)` : sql`(${hour} >= ${start}::int and ${hour} < ${end}::int)`;
  const nightOf = wraps ? sql`case when ${hour} >= ${start}::int then a.local_at::date else a.local_at::date - 1 end` : sql`a.local_at::date`;
  return sql`
    with access as (${accesses(w)}),
    nightly as (select a.actor_user_id as user_id, ${nightOf} as day, a.occurred_at from access a where ${inNight}),
    grouped as (
      select n.user_id, n.day, count(*) as count, min(n.occurred_at) as first_at, max(n.occurred_at) as last_at
      from nightly n group by n.user_id, n.day
    )
    select 'night:' || g.user_id || ':' || to_char(g.day, 'YYYY-MM-DD') as key,
      g.user_id, null::uuid as person_id, g.day, g.count, g.first_at, g.last_at,
      ${dayStart(sql`g.day`)} + make_interval(hours => ${start}::int) as from_at,
      ${dayStart(wraps ? sql`g.day + 1` : sql`g.day`)} + make_interval(hours => ${end}::int) as to_at
    from grouped g`;
}

/** Refused attempts, by user (or none) and day. */
function denied(w: ReviewWindow): SQL {
  return sql`
    with grouped as (
      select e.actor_user_id as user_id, (e.occurred_at at time zone ${tz})::date as day, count(*) as count,
        min(e.occurred_at) as first_at, max(e.occurred_at) as last_at
      from audit_event e
      where e.tenant_id = ${w.tenantId} and e.outcome = 'denied'
        and e.occurred_at >= ${w.since.toISOString()}::timestamptz and e.occurred_at < ${w.until.toISOString()}::timestamptz
      group by e.actor_user_id, (e.occurred_at at time zone ${tz})::date
    )
    select 'denied:' || coalesce(g.user_id, '-') || ':' || to_char(g.day, 'YYYY-MM-DD') as key,
      g.user_id, null::uuid as person_id, g.day, g.count, g.first_at, g.last_at,
      ${dayStart(sql`g.day`)} as from_at, ${dayStart(sql`g.day + 1`)} as to_at
    from grouped g`;
}

export const FLAG_GROUPS: Record<LogReviewFlagKind, (w: ReviewWindow) => SQL> = { outsider, bulk, night, denied };
