import type { FastifyRequest } from 'fastify';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { calendarFeed, place, tenant, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { appendAuditEvent } from '../../audit/append';
import { auditActorOf } from '../../http/request-scope';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';
import { now } from '../../clock';
import { loadHolidayCalendar } from '../presence/occurrences';
import { loadFeedEntries } from './feed-entries';
import { renderFeed } from './render-ical';
import { feedTokenHash } from './tokens';

interface FeedByToken {
  tenant_id: string;
  id: string;
  user_id: string;
  membership_id: string;
  scope: 'user' | 'organisation' | 'place';
  place_id: string | null;
}

interface EnteredMembership {
  tenant_id: string;
  tenant_name: string;
  membership_id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_type: string;
  organisation_is_authority: boolean;
  role: string;
}

/** Feeds show two years ahead; clients fetch again every hour, so the horizon moves with them. */
const HORIZON_DAYS = 730;
/** `last_fetched_at` is written at most this often, not at every client poll. */
const FETCH_STAMP_MINUTES = 15;

const NAMES = {
  sv: { user: 'Min närvaro', organisation: 'Närvaroplan', place: 'Närvaro' },
  en: { user: 'My presence', organisation: 'Presence plan', place: 'Presence' },
} as const;

/**
 * A calendar client's fetch of a feed, with no session: the token's hash finds the feed (a SECURITY
 * DEFINER lookup, since no tenant is known yet), then the owner's membership is entered exactly as a
 * signed-in request would (`app_enter_membership`: active, accepted, organisation active), and the
 * presence plan is read under row-level security as that owner. Unknown, revoked, a lost membership, a
 * deactivated account or a role that no longer may subscribe: all the same null (the route's 404).
 * The fetch is audited as the owner's read.
 */
export async function fetchFeed(database: Database, request: FastifyRequest, token: string, publicHost: string): Promise<string | null> {
  const hash = feedTokenHash(token);
  return database.db.transaction(async (tx) => {
    const found = await tx.execute(sql`select * from app_calendar_feed_by_token(${hash})`);
    const feed = (found.rows as unknown as FeedByToken[])[0];
    if (!feed) return null;
    const entered = await tx.execute(sql`select * from app_enter_membership(${feed.user_id}, ${feed.membership_id}::uuid)`);
    const membership = (entered.rows as unknown as EnteredMembership[])[0];
    if (!membership || membership.tenant_id !== feed.tenant_id) return null;
    const [owner] = await tx.select({ name: user.name, locale: user.locale, active: user.active }).from(user).where(eq(user.id, feed.user_id));
    if (!owner?.active) return null;

    const actor: Actor = {
      userId: feed.user_id,
      sessionId: `calendar-feed:${feed.id}`,
      tenantId: membership.tenant_id,
      tenantName: membership.tenant_name,
      membershipId: membership.membership_id,
      organisationId: membership.organisation_id,
      organisationName: membership.organisation_name,
      organisationType: membership.organisation_type as OrganisationType,
      organisationIsAuthority: membership.organisation_is_authority === true,
      role: membership.role as Role,
    };
    if (!can(actor, 'fetch', { kind: 'calendar_feed', tenantId: feed.tenant_id, id: feed.id, userId: feed.user_id, membershipId: feed.membership_id })) return null;

    const at = now();
    const horizon = new Date(at.getTime() + HORIZON_DAYS * 86_400_000);
    const [tenantRow] = await tx.select({ slug: tenant.slug }).from(tenant).where(eq(tenant.id, feed.tenant_id));
    const entries = await loadFeedEntries(tx, actor, { scope: feed.scope, placeId: feed.place_id, ownerName: owner.name }, at, horizon);
    const calendar = await loadHolidayCalendar(tx, actor.tenantId);
    const language = owner.locale === 'en' ? 'en' : 'sv';
    const placeName = feed.scope === 'place' ? (entries[0]?.placeName ?? (await placeNameOf(tx, feed.tenant_id, feed.place_id!))) : null;
    const names = NAMES[language];
    const calendarName =
      feed.scope === 'user' ? `Samverka: ${names.user}` : feed.scope === 'organisation' ? `Samverka: ${names.organisation}, ${actor.organisationName}` : `Samverka: ${names.place}, ${placeName ?? ''}`;

    await tx
      .update(calendarFeed)
      .set({ lastFetchedAt: at })
      .where(
        and(
          eq(calendarFeed.tenantId, feed.tenant_id),
          eq(calendarFeed.id, feed.id),
          isNull(calendarFeed.revokedAt),
          or(isNull(calendarFeed.lastFetchedAt), lt(calendarFeed.lastFetchedAt, new Date(at.getTime() - FETCH_STAMP_MINUTES * 60_000))),
        ),
      );
    await appendAuditEvent(tx, { ...auditActorOf(actor, request) }, {
      action: 'calendar_feed.fetch',
      resourceType: 'calendar_feed',
      resourceId: feed.id,
      details: { scope: feed.scope, entries: entries.length },
    });
    return renderFeed({ calendarName, uidDomain: `${tenantRow?.slug ?? 'tenant'}.${publicHost}`, language, entries, calendar, horizon });
  });
}

async function placeNameOf(tx: Tx, tenantId: string, placeId: string): Promise<string | null> {
  const [row] = await tx.select({ name: place.name }).from(place).where(and(eq(place.tenantId, tenantId), eq(place.id, placeId)));
  return row?.name ?? null;
}
