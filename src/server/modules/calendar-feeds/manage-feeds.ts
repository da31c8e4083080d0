import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { calendarFeed, place } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { invalid } from '../../http/errors';
import { MAX_FEEDS_PER_MEMBERSHIP, type CalendarFeed, type CalendarFeedInput } from '../../../shared/calendar-feeds';
import { newFeedToken } from './tokens';

export type FeedRow = typeof calendarFeed.$inferSelect;

const feedColumns = {
  row: calendarFeed,
  placeName: place.name,
};

/** The actor's active feeds for the membership they work as (RLS shows a user only their own). */
export async function listOwnFeeds(tx: Tx, actor: Actor): Promise<{ row: FeedRow; placeName: string | null }[]> {
  return tx
    .select(feedColumns)
    .from(calendarFeed)
    .leftJoin(place, and(eq(place.tenantId, calendarFeed.tenantId), eq(place.id, calendarFeed.placeId)))
    .where(
      and(
        eq(calendarFeed.tenantId, actor.tenantId),
        eq(calendarFeed.userId, actor.userId),
        eq(calendarFeed.membershipId, actor.membershipId),
        isNull(calendarFeed.revokedAt),
      ),
    )
    .orderBy(asc(calendarFeed.createdAt));
}

export async function findOwnFeed(tx: Tx, actor: Actor, feedId: string): Promise<{ row: FeedRow; placeName: string | null } | null> {
  const [found] = await tx
    .select(feedColumns)
    .from(calendarFeed)
    .leftJoin(place, and(eq(place.tenantId, calendarFeed.tenantId), eq(place.id, calendarFeed.placeId)))
    .where(and(eq(calendarFeed.tenantId, actor.tenantId), eq(calendarFeed.id, feedId), eq(calendarFeed.userId, actor.userId), isNull(calendarFeed.revokedAt)));
  return found ?? null;
}

/** The active places of the tenant, which a place feed may follow. */
export async function feedablePlaces(tx: Tx, tenantId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: place.id, name: place.name })
    .from(place)
    .where(and(eq(place.tenantId, tenantId), eq(place.active, true)))
    .orderBy(asc(place.name));
}

/** Makes a feed and its secret. A place must be one of the tenant's; an unknown one is a field error. */
export async function createFeed(tx: Tx, actor: Actor, input: { scope: CalendarFeedInput['scope']; placeId: string | null }) {
  const [active] = await tx
    .select({ n: count() })
    .from(calendarFeed)
    .where(and(eq(calendarFeed.tenantId, actor.tenantId), eq(calendarFeed.userId, actor.userId), eq(calendarFeed.membershipId, actor.membershipId), isNull(calendarFeed.revokedAt)));
  if ((active?.n ?? 0) >= MAX_FEEDS_PER_MEMBERSHIP) throw invalid({ scope: 'calendar_feed_limit' });
  let placeName: string | null = null;
  if (input.placeId) {
    const [found] = await tx.select({ name: place.name }).from(place).where(and(eq(place.tenantId, actor.tenantId), eq(place.id, input.placeId), eq(place.active, true)));
    if (!found) throw invalid({ placeId: 'calendar_feed_place_unknown' });
    placeName = found.name;
  }
  const { token, hash } = newFeedToken();
  const [row] = await tx
    .insert(calendarFeed)
    .values({ tenantId: actor.tenantId, userId: actor.userId, membershipId: actor.membershipId, scope: input.scope, placeId: input.placeId, tokenHash: hash })
    .returning();
  return { row: row!, placeName, token };
}

/** A new secret for the same feed: the old URL stops working at once, the events keep their UIDs. */
export async function regenerateFeed(tx: Tx, feed: FeedRow): Promise<{ row: FeedRow; token: string }> {
  const { token, hash } = newFeedToken();
  const [row] = await tx
    .update(calendarFeed)
    .set({ tokenHash: hash, lastFetchedAt: null })
    .where(and(eq(calendarFeed.tenantId, feed.tenantId), eq(calendarFeed.id, feed.id)))
    .returning();
  return { row: row!, token };
}

/** Revoked feeds are kept (when, for the owner's record) but never found by their token again. */
export async function revokeFeed(tx: Tx, feed: FeedRow, at: Date): Promise<void> {
  await tx.update(calendarFeed).set({ revokedAt: at }).where(and(eq(calendarFeed.tenantId, feed.tenantId), eq(calendarFeed.id, feed.id)));
}

export function presentFeed(row: FeedRow, placeName: string | null, abilities: Record<string, boolean>): CalendarFeed {
  return {
    id: row.id,
    scope: row.scope as CalendarFeed['scope'],
    placeId: row.placeId,
    placeName,
    createdAt: row.createdAt.toISOString(),
    lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
    abilities,
  };
}
