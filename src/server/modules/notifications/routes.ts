import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { abilitiesOf } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import {
  inboxSubscriptionInputSchema,
  inboxSubscriptionListSchema,
  inboxSubscriptionSchema,
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
  readAllResultSchema,
} from '../../../shared/notifications';
import { countUnread, findMyNotification, listMyNotifications, markAllRead, markRead, presentNotification } from './notification-queries';
import { listMyInboxes, saveSubscription } from './subscriptions';
import type { InboxSubscriptionResource, NotificationResource } from './policy';
import { kickIfQueued } from './outbox-signal';

const TAGS = ['notifications'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const organisationParams = z.object({ organisationId: z.uuid() }).strict();

/** The signed-in user's own notifications (start page) and their choices about the inboxes they belong to. */
export function registerNotificationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const preHandler = requireSession(context.auth);

  // A response is sent after its transaction has committed: the moment to wake the mail sender.
  app.addHook('onResponse', async () => kickIfQueued());

  const mine = (tenantId: string, userId: string, id: string | null = null): NotificationResource => ({ kind: 'notification', tenantId, id, userId });

  routes.get(
    '/api/notifications',
    {
      schema: { tags: TAGS, summary: 'My notifications, newest first, and how many are unread', querystring: notificationListQuerySchema, response: { 200: notificationListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async ({ tx, actor, authorize }) => {
        authorize('read', mine(actor.tenantId, actor.userId), { action: 'notification.list', resourceType: 'notification' });
        const rows = await listMyNotifications(tx, actor.tenantId, actor.userId, { limit: request.query.limit, unreadOnly: request.query.unreadOnly === 'true' });
        return { notifications: rows.map(presentNotification), unreadCount: await countUnread(tx, actor.tenantId, actor.userId) };
      }),
  );

  routes.post(
    '/api/notifications/:id/read',
    {
      schema: { tags: TAGS, summary: 'Mark one of my notifications as read', params: notificationIdParamsSchema, response: { 200: notificationSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async ({ tx, actor, authorize }) => {
        const row = await findMyNotification(tx, actor.tenantId, actor.userId, request.params.id);
        // Someone else's notification is invisible here (row-level security): the same 404 as none at all.
        if (!row) throw notFound();
        authorize('markRead', mine(actor.tenantId, row.userId, row.id), { action: 'notification.read', resourceType: 'notification', resourceId: row.id });
        return presentNotification(await markRead(tx, row, new Date()));
      }),
  );

  routes.post(
    '/api/notifications/read-all',
    {
      schema: { tags: TAGS, summary: 'Mark all my notifications as read', response: { 200: readAllResultSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async ({ tx, actor, authorize }) => {
        authorize('markRead', mine(actor.tenantId, actor.userId), { action: 'notification.read_all', resourceType: 'notification' });
        const marked = await markAllRead(tx, actor.tenantId, actor.userId, new Date());
        return { marked, unreadCount: 0 };
      }),
  );

  routes.get(
    '/api/notifications/subscriptions',
    {
      schema: { tags: TAGS, summary: 'The inboxes I belong to, and whether I hear of them in the app and by e-mail', response: { 200: inboxSubscriptionListSchema, ...errors } },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async ({ tx, actor, authorize }) => {
        const collection: InboxSubscriptionResource = { kind: 'inbox_subscription', tenantId: actor.tenantId, id: null, userId: actor.userId, isInboxMember: false };
        authorize('read', collection, { action: 'notification.subscription.list', resourceType: 'inbox_subscription' });
        const inboxes = await listMyInboxes(tx, actor.tenantId, actor.userId);
        return {
          subscriptions: inboxes.map((inbox) => ({
            ...inbox,
            abilities: abilitiesOf(actor, { ...collection, id: inbox.organisationId, isInboxMember: true }),
          })),
        };
      }),
  );

  routes.put(
    '/api/notifications/subscriptions/:organisationId',
    {
      schema: {
        tags: TAGS,
        summary: 'Choose whether I hear of an inbox I belong to (subscribed), and whether also by e-mail',
        params: organisationParams,
        body: inboxSubscriptionInputSchema,
        response: { 200: inboxSubscriptionSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { tx, actor } = scope;
        const organisationId = request.params.organisationId;
        const inbox = (await listMyInboxes(tx, actor.tenantId, actor.userId)).find((candidate) => candidate.organisationId === organisationId);
        const resource: InboxSubscriptionResource = { kind: 'inbox_subscription', tenantId: actor.tenantId, id: organisationId, userId: actor.userId, isInboxMember: inbox !== undefined };
        scope.authorize('update', resource, { action: 'notification.subscription.update', resourceType: 'inbox_subscription', resourceId: organisationId });
        await saveSubscription(tx, actor.tenantId, organisationId, actor.userId, request.body);
        await scope.audit({ action: 'notification.subscription.update', resourceType: 'inbox_subscription', resourceId: organisationId, details: { ...request.body } });
        return { organisationId, organisationName: inbox!.organisationName, ...request.body, abilities: abilitiesOf(actor, resource) };
      }),
  );
}
