import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  calendarFeedCreatedSchema,
  calendarFeedIdParamsSchema,
  calendarFeedInputSchema,
  calendarFeedListSchema,
  calendarFeedPath,
  calendarFeedSchema,
} from '../../../shared/calendar-feeds';
import { now } from '../../clock';
import type { CalendarFeedResource } from './policy';
import { createFeed, feedablePlaces, findOwnFeed, listOwnFeeds, presentFeed, regenerateFeed, revokeFeed } from './manage-feeds';
import { fetchFeed } from './fetch-feed';
import { feedTokenHash, tokenOfFileName } from './tokens';

const tags = ['calendar feeds'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** A calendar client polls a feed about hourly; a few dozen fetches a minute of one feed is never a client. */
export const FEED_FETCHES_PER_MINUTE = 30;

/**
 * Private calendar feeds (issue 13 §5): the owner makes, lists, regenerates and revokes them (signed in),
 * and a calendar client fetches one by its secret URL (no session).
 */
export function registerCalendarFeedRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = context;
  const preHandler = requireSession(context.auth);
  const publicHost = new URL(config.publicUrl).hostname;

  const ownFeeds = (scope: RequestScope, id: string | null = null): CalendarFeedResource => ({
    kind: 'calendar_feed',
    tenantId: scope.actor.tenantId,
    id,
    userId: scope.actor.userId,
    membershipId: scope.actor.membershipId,
  });
  const urlOf = (token: string) => `${config.publicUrl}${calendarFeedPath(token)}`;

  routes.get(
    '/api/calendar-feeds',
    { schema: { tags, summary: 'My calendar feeds (their URLs are shown only when made)', response: { 200: calendarFeedListSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const collection = ownFeeds(scope);
        scope.authorize('list', collection, { action: 'calendar_feed.list', resourceType: 'calendar_feed' });
        const rows = await listOwnFeeds(scope.tx, scope.actor);
        const places = await feedablePlaces(scope.tx, scope.actor.tenantId);
        await scope.audit({ action: 'calendar_feed.list', resourceType: 'calendar_feed', details: { count: rows.length } });
        return {
          feeds: rows.map(({ row, placeName }) => presentFeed(row, placeName, abilitiesOf(scope.actor, ownFeeds(scope, row.id)))),
          places,
          abilities: abilitiesOf(scope.actor, collection),
        };
      }),
  );

  routes.post(
    '/api/calendar-feeds',
    { schema: { tags, summary: 'Make a feed: my presence, my organisation’s plan, or a place', body: calendarFeedInputSchema, response: { 201: calendarFeedCreatedSchema, ...errors } }, preHandler },
    async (request, reply) => {
      const created = await withActor(database, request, async (scope) => {
        scope.authorize('create', ownFeeds(scope), { action: 'calendar_feed.create', resourceType: 'calendar_feed' });
        const { row, placeName, token } = await createFeed(scope.tx, scope.actor, request.body);
        await scope.audit({ action: 'calendar_feed.create', resourceType: 'calendar_feed', resourceId: row.id, details: { scope: row.scope, placeId: row.placeId } });
        return { feed: presentFeed(row, placeName, abilitiesOf(scope.actor, ownFeeds(scope, row.id))), url: urlOf(token) };
      });
      return reply.status(201).send(created);
    },
  );

  routes.post(
    '/api/calendar-feeds/:feedId/regenerate',
    { schema: { tags, summary: 'A new secret URL for a feed; the old one stops working', params: calendarFeedIdParamsSchema, response: { 200: calendarFeedCreatedSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'calendar_feed.regenerate', resourceType: 'calendar_feed', resourceId: request.params.feedId };
        const found = await findOwnFeed(scope.tx, scope.actor, request.params.feedId);
        if (!found) throw notFound();
        scope.authorize('regenerate', { ...ownFeeds(scope, found.row.id), membershipId: found.row.membershipId }, entry);
        const { row, token } = await regenerateFeed(scope.tx, found.row);
        await scope.audit(entry);
        return { feed: presentFeed(row, found.placeName, abilitiesOf(scope.actor, ownFeeds(scope, row.id))), url: urlOf(token) };
      }),
  );

  routes.delete(
    '/api/calendar-feeds/:feedId',
    { schema: { tags, summary: 'Revoke a feed: its URL answers 404 from now on', params: calendarFeedIdParamsSchema, response: { 200: calendarFeedSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const entry = { action: 'calendar_feed.revoke', resourceType: 'calendar_feed', resourceId: request.params.feedId };
        const found = await findOwnFeed(scope.tx, scope.actor, request.params.feedId);
        if (!found) throw notFound();
        scope.authorize('revoke', { ...ownFeeds(scope, found.row.id), membershipId: found.row.membershipId }, entry);
        await revokeFeed(scope.tx, found.row, now());
        await scope.audit(entry);
        return presentFeed(found.row, found.placeName, {});
      }),
  );

  routes.get(
    '/api/calendar/:file',
    {
      schema: { tags: ['calendar feeds (public)'], summary: 'A calendar feed (text/calendar) by its secret URL; no session', params: z.object({ file: z.string().max(64) }).strict() },
      // Counted per feed, not per address: Google and Microsoft fetch every subscriber's feed from a few
      // addresses of their own. The limiter keys on the token's hash, never on the token.
      config: {
        rateLimit: {
          max: FEED_FETCHES_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (request: { params: unknown; ip: string }) => {
            const file = (request.params as { file?: string } | undefined)?.file ?? '';
            const token = tokenOfFileName(file);
            return token ? `feed:${feedTokenHash(token)}` : `feed-ip:${request.ip}`;
          },
        },
      },
    },
    async (request, reply) => {
      const token = tokenOfFileName(request.params.file);
      const body = token ? await fetchFeed(database, request, token, publicHost) : null;
      if (body === null) throw notFound();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="samverka.ics"')
        .header('cache-control', 'private, no-cache')
        .header('x-robots-tag', 'noindex')
        .send(body);
    },
  );
}
