import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { area, organisation, place, presenceEntry } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import type { FeedEntry } from './render-ical';

export interface FeedSelection {
  scope: 'user' | 'organisation' | 'place';
  placeId: string | null;
  /** The owner's display name: an entry naming them is theirs in a `user` feed. */
  ownerName: string;
}

/** How far back a feed reaches: single occasions and cancellations older than this are left out. */
const PAST_DAYS = 90;
const DAY = 86_400_000;

/**
 * The presence entries a feed holds, read in the owner's row-level-security context (the caller has
 * entered their membership): an entry the owner may not see is not read at all, whatever the scope asks.
 */
export async function loadFeedEntries(tx: Tx, actor: Actor, selection: FeedSelection, at: Date, horizon: Date): Promise<FeedEntry[]> {
  const since = new Date(at.getTime() - PAST_DAYS * DAY);
  let scoped: SQL | undefined;
  if (selection.scope === 'organisation') scoped = eq(presenceEntry.organisationId, actor.organisationId);
  else if (selection.scope === 'place') scoped = eq(presenceEntry.placeId, selection.placeId!);
  else {
    const name = selection.ownerName.trim().toLowerCase();
    scoped = or(
      eq(presenceEntry.organisationId, actor.organisationId),
      eq(presenceEntry.createdBy, actor.userId),
      name ? sql`exists (select 1 from unnest(${presenceEntry.staffNames}) as staff(name) where lower(btrim(staff.name)) = ${name})` : undefined,
    );
  }
  const rows = await tx
    .select({ row: presenceEntry, organisationName: organisation.name, placeName: place.name, areaName: area.name })
    .from(presenceEntry)
    .innerJoin(organisation, and(eq(organisation.tenantId, presenceEntry.tenantId), eq(organisation.id, presenceEntry.organisationId)))
    .leftJoin(place, and(eq(place.tenantId, presenceEntry.tenantId), eq(place.id, presenceEntry.placeId)))
    .leftJoin(area, and(eq(area.tenantId, presenceEntry.tenantId), eq(area.id, presenceEntry.areaId)))
    .where(
      and(
        eq(presenceEntry.tenantId, actor.tenantId),
        scoped,
        lt(presenceEntry.startsAt, horizon),
        // A series may have started long ago; a single occasion only counts if it is recent.
        or(isNotNull(presenceEntry.recurrence), gt(presenceEntry.startsAt, since)),
        // A cancellation is kept for a while, so clients that had the event remove it.
        or(isNull(presenceEntry.cancelledAt), gt(presenceEntry.cancelledAt, since)),
      ),
    )
    .orderBy(asc(presenceEntry.startsAt), asc(presenceEntry.id));
  return rows;
}
