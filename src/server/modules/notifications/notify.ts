import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emailOutbox, inboxSubscription, membership, notification, organisation, user } from '../../db/schema';
import { INBOX_ROLES, type NotificationKind } from '../../../shared/notifications';
import { markQueued } from './outbox-signal';

export type { NotificationKind } from '../../../shared/notifications';

/**
 * What other modules tell the notifications module. Notifications never carry personal data:
 * only a kind, a link into the app, and who should hear of it.
 */
export interface NotificationRequest {
  tenantId: string;
  kind: NotificationKind;
  /** Path inside the web app, e.g. `/mottagning/<id>`: the only pointer to the matter. */
  link: string;
  /** Everyone subscribed to this organisation's inbox hears of it ... */
  organisationId?: string;
  /** ... or exactly these users (both may be given: the union hears of it, each once). */
  userIds?: string[];
}

interface Recipient {
  userId: string;
  email: boolean;
}

/**
 * Records in-app notifications in the caller's transaction (they commit with the event) and queues
 * e-mail in the outbox of the same transaction, sent after commit by the mail sender.
 */
export async function notify(tx: Tx, request: NotificationRequest): Promise<void> {
  assertInternalLink(request.link);
  const recipients = new Map<string, Recipient>();
  if (request.organisationId) {
    for (const r of await inboxSubscribers(tx, request.tenantId, request.organisationId, request.kind)) recipients.set(r.userId, r);
  }
  if (request.userIds && request.userIds.length > 0) {
    for (const userId of await activeMembersAmong(tx, request.tenantId, request.userIds)) {
      // Someone named explicitly hears of it by e-mail too, whatever an inbox choice says.
      recipients.set(userId, { userId, email: true });
    }
  }
  if (recipients.size === 0) return;
  const all = [...recipients.values()];
  await tx.insert(notification).values(all.map((r) => ({ tenantId: request.tenantId, userId: r.userId, kind: request.kind, link: request.link })));
  const mailed = all.filter((r) => r.email);
  if (mailed.length > 0) {
    await tx.insert(emailOutbox).values(mailed.map((r) => ({ tenantId: request.tenantId, userId: r.userId, kind: request.kind, link: request.link })));
    markQueued();
  }
}

/** The organisation's active members in the kind's inbox roles who have not opted out. */
async function inboxSubscribers(tx: Tx, tenantId: string, organisationId: string, kind: NotificationKind): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: membership.userId, email: sql<boolean>`bool_and(coalesce(${inboxSubscription.email}, true))` })
    .from(membership)
    .innerJoin(organisation, and(eq(organisation.tenantId, membership.tenantId), eq(organisation.id, membership.organisationId)))
    .innerJoin(user, eq(user.id, membership.userId))
    .leftJoin(
      inboxSubscription,
      and(
        eq(inboxSubscription.tenantId, membership.tenantId),
        eq(inboxSubscription.organisationId, membership.organisationId),
        eq(inboxSubscription.userId, membership.userId),
      ),
    )
    .where(
      and(
        eq(membership.tenantId, tenantId),
        eq(membership.organisationId, organisationId),
        eq(membership.active, true),
        inArray(membership.role, [...INBOX_ROLES[kind]]),
        eq(organisation.active, true),
        eq(user.active, true),
        sql`coalesce(${inboxSubscription.subscribed}, true)`,
      ),
    )
    .groupBy(membership.userId);
  return rows.map((row) => ({ userId: row.userId, email: Boolean(row.email) }));
}

/** Only users who are active members of the tenant: a caller's list never reaches outside it. */
async function activeMembersAmong(tx: Tx, tenantId: string, userIds: string[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: membership.userId })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.tenantId, tenantId), eq(membership.active, true), eq(user.active, true), inArray(membership.userId, userIds)));
  return rows.map((row) => row.userId);
}

/** A link is a path in this app, never another host: it ends up in e-mail. */
function assertInternalLink(link: string): void {
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/%?=&]*$/.test(link)) throw new Error(`notify(): not an internal link: ${link}`);
}

/**
 * The same as notify() for several requests of one tenant, in ONE statement: the recipients are
 * resolved and the notification and outbox rows written inside it. For group commit, where a
 * single transaction carries many events; each request keeps notify()'s rules (inbox roles and
 * choices, active members only, someone named is mailed).
 */
export async function notifyAll(tx: Tx, tenantId: string, requests: readonly Omit<NotificationRequest, 'tenantId'>[]): Promise<void> {
  if (requests.length === 0) return;
  const rows = requests.map((request, index) => {
    assertInternalLink(request.link);
    const roles = request.organisationId ? INBOX_ROLES[request.kind] : [];
    return sql`(${index}::int, ${request.kind}::text, ${request.link}::text, ${request.organisationId ?? null}::uuid,
      ${JSON.stringify(roles)}::jsonb, ${JSON.stringify(request.userIds ?? [])}::jsonb)`;
  });
  const result = await tx.execute<{ mailed: string | number }>(sql`
    with request (idx, kind, link, organisation_id, roles, user_ids) as (values ${sql.join(rows, sql`, `)}),
    inbox as (
      select r.idx, m.user_id, bool_and(coalesce(s.email, true)) as email
      from request r
      join membership m on m.tenant_id = ${tenantId} and m.organisation_id = r.organisation_id and m.active
        and r.roles ? m.role
      join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id and o.active
      join "user" u on u.id = m.user_id and u.active
      left join inbox_subscription s on s.tenant_id = m.tenant_id and s.organisation_id = m.organisation_id and s.user_id = m.user_id
      where coalesce(s.subscribed, true)
      group by r.idx, m.user_id
    ),
    named as (
      select distinct r.idx, m.user_id, true as email
      from request r
      join membership m on m.tenant_id = ${tenantId} and m.active and r.user_ids ? m.user_id
      join "user" u on u.id = m.user_id and u.active
    ),
    recipient as (
      select idx, user_id, bool_or(email) as email from (select * from inbox union all select * from named) both_kinds group by idx, user_id
    ),
    in_app as (
      insert into notification (tenant_id, user_id, kind, link)
      select ${tenantId}, x.user_id, r.kind, r.link from recipient x join request r on r.idx = x.idx
      returning 1
    ),
    mail as (
      insert into email_outbox (tenant_id, user_id, kind, link)
      select ${tenantId}, x.user_id, r.kind, r.link from recipient x join request r on r.idx = x.idx where x.email
      returning 1
    )
    select (select count(*) from mail) as mailed, (select count(*) from in_app) as shown`);
  if (Number(result.rows[0]?.mailed ?? 0) > 0) markQueued();
}
