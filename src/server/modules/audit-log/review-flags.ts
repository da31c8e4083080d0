import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { LOG_REVIEW_FLAG_KINDS, LOG_REVIEW_FLAGS_PER_KIND, type LogReview, type LogReviewFlag, type LogReviewFlagKind, type LogReviewSettings } from '../../../shared/log-review';
import { FLAG_GROUPS, type ReviewWindow } from './review-flag-groups';

interface FlagRow extends Record<string, unknown> {
  key: string;
  user_id: string | null;
  person_id: string | null;
  day_text: string;
  count: number | string;
  first_at: Date | string;
  last_at: Date | string;
  from_at: Date | string;
  to_at: Date | string;
  user_name: string | null;
  user_email: string | null;
  person_first_name: string | null;
  person_last_name: string | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | string | null;
  comment: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The flags of the last `lookbackDays`: per kind the newest open ones and the newest reviewed ones (at
 * most `LOG_REVIEW_FLAGS_PER_KIND` of each), with the names a reviewer needs and the mark, if any.
 */
export async function loadLogReview(tx: Tx, tenantId: string, settings: LogReviewSettings, now: Date): Promise<LogReview> {
  const since = new Date(now.getTime() - settings.lookbackDays * 24 * 60 * 60 * 1000);
  const window: ReviewWindow = { tenantId, since, until: now, settings };
  const open: LogReviewFlag[] = [];
  const reviewed: LogReviewFlag[] = [];
  const truncated: LogReviewFlagKind[] = [];
  for (const kind of LOG_REVIEW_FLAG_KINDS) {
    const rows = await flagRows(tx, kind, window);
    const openRows = rows.filter((row) => row.reviewed_by === null);
    const reviewedRows = rows.filter((row) => row.reviewed_by !== null);
    if (openRows.length > LOG_REVIEW_FLAGS_PER_KIND || reviewedRows.length > LOG_REVIEW_FLAGS_PER_KIND) truncated.push(kind);
    open.push(...openRows.slice(0, LOG_REVIEW_FLAGS_PER_KIND).map((row) => present(kind, row)));
    reviewed.push(...reviewedRows.slice(0, LOG_REVIEW_FLAGS_PER_KIND).map((row) => present(kind, row)));
  }
  const newestFirst = (a: LogReviewFlag, b: LogReviewFlag) => b.lastAt.localeCompare(a.lastAt) || a.key.localeCompare(b.key);
  return { settings, since: since.toISOString(), open: open.sort(newestFirst), reviewed: reviewed.sort(newestFirst), truncated };
}

/** One kind's flags, each with its mark (if any), ranked newest first within open and within reviewed. */
async function flagRows(tx: Tx, kind: LogReviewFlagKind, window: ReviewWindow): Promise<FlagRow[]> {
  const { tenantId } = window;
  const result = await tx.execute<FlagRow>(sql`
    with flags as (${FLAG_GROUPS[kind](window)}),
    ranked as (
      select f.*, m.reviewed_by, m.reviewed_at, m.comment,
        row_number() over (partition by m.id is null order by f.last_at desc, f.key) as rank
      from flags f
      left join log_review_mark m on m.tenant_id = ${tenantId} and m.kind = ${kind} and m.flag_key = f.key
    )
    select r.key, r.user_id, r.person_id, to_char(r.day, 'YYYY-MM-DD') as day_text, r.count, r.first_at, r.last_at, r.from_at, r.to_at,
      r.reviewed_by, r.reviewed_at, r.comment,
      u.name as user_name, u.email as user_email, p.first_name as person_first_name, p.last_name as person_last_name,
      rb.name as reviewer_name
    from ranked r
    left join "user" u on u.id = r.user_id
    left join person p on p.tenant_id = ${tenantId} and p.id = r.person_id
    left join "user" rb on rb.id = r.reviewed_by
    where r.rank <= ${LOG_REVIEW_FLAGS_PER_KIND + 1}
    order by r.last_at desc, r.key`);
  return result.rows;
}

function present(kind: LogReviewFlagKind, row: FlagRow): LogReviewFlag {
  const events = {
    ...(row.user_id ? { userId: row.user_id } : {}),
    ...(row.person_id ? { personId: row.person_id } : {}),
    ...(kind === 'denied' ? { outcome: 'denied' as const } : {}),
    from: iso(row.from_at),
    to: iso(row.to_at),
  };
  return {
    kind,
    key: row.key,
    user: row.user_id ? { id: row.user_id, name: row.user_name, email: row.user_email } : null,
    person: row.person_id
      ? { id: row.person_id, name: row.person_first_name !== null ? `${row.person_first_name} ${row.person_last_name ?? ''}`.trim() : null }
      : null,
    day: row.day_text,
    count: Number(row.count),
    firstAt: iso(row.first_at),
    lastAt: iso(row.last_at),
    events,
    review:
      row.reviewed_by && row.reviewed_at && row.comment !== null
        ? { reviewedBy: { id: row.reviewed_by, name: row.reviewer_name }, reviewedAt: iso(row.reviewed_at), comment: row.comment }
        : null,
  };
}
