import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor, type RequestScope } from '../../http/request-scope';
import { can } from '../../policy/can';
import { errorBodySchema } from '../../../shared/errors';
import { ATTENTION_CARD_IDS, attentionSchema, type AttentionCard, type AttentionCardId } from '../../../shared/attention';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { LOG_REVIEW_PATHS } from '../../../shared/log-review';
import { todayInSweden } from '../consents/consent-state';
import { membershipResource } from '../users/user-queries';
import { loadCaseAccess, type CaseAccess } from './case-access';
import type { CardList, ItemSubject } from './card-list';
import { concernsWaiting } from './concerns-waiting';
import { expiringConsents } from './expiring-consents';
import { myActions } from './my-actions';
import { pendingInvitations } from './pending-invitations';
import { openLogReviewFlags } from './log-reviews';
import { attentionResource } from './policy';
import { upcomingMeetings } from './upcoming-meetings';

const tags = ['attention'];
const errors = { 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema };

/** The cards that list work in SSPF cases: they share one reading of which cases the actor sees what of. */
const CASE_CARDS: readonly AttentionCardId[] = ['commitments', 'assignedActions', 'meetings', 'consents'];

/** Where each card's full list is. */
const FULL_LIST: Record<AttentionCardId, string> = {
  concerns: `${CONCERN_PATHS.inbox}?sort=deadline`,
  commitments: '/samverkan',
  assignedActions: '/samverkan',
  meetings: '/samverkan',
  consents: '/samverkan',
  invitations: '/administration',
  logReviews: LOG_REVIEW_PATHS.page,
};

/**
 * GET /api/attention: the start page's cards for the actor's role, each filled by one bounded query
 * (the first few items and a count). Every card is a read through its own module's rules, and the read
 * is audited: one event listing what each card showed, and one per person whose case or concern it named.
 */
export function registerAttentionRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireSession(context.auth);
  const { database } = context;

  routes.get(
    '/api/attention',
    { schema: { tags, summary: 'What needs the actor’s attention: a short list per card of their role', response: { 200: attentionSchema, ...errors } }, preHandler },
    async (request) =>
      withActor(database, request, async (scope) => {
        const { actor } = scope;
        const cards = ATTENTION_CARD_IDS.filter((card) => can(actor, 'read', attentionResource(actor.tenantId, card)));
        const now = new Date();
        const today = todayInSweden(now);
        const cases = cards.some((card) => CASE_CARDS.includes(card)) ? await loadCaseAccess(scope.tx, actor, today) : [];
        const filled: { id: AttentionCardId; list: CardList<unknown> }[] = [];
        for (const id of cards) {
          const list = await fill(scope, id, cases, now, today);
          if (list) filled.push({ id, list });
        }
        await auditCards(scope, filled);
        return { cards: filled.map(({ id, list }) => ({ id, total: list.total, items: list.items, href: FULL_LIST[id] }) as AttentionCard) };
      }),
  );
}

async function fill(scope: RequestScope, id: AttentionCardId, cases: readonly CaseAccess[], now: Date, today: string): Promise<CardList<unknown> | null> {
  const { tx, actor } = scope;
  switch (id) {
    case 'concerns':
      return concernsWaiting(tx, actor, now);
    case 'commitments':
    case 'assignedActions':
      return myActions(tx, actor, cases, today);
    case 'meetings':
      return upcomingMeetings(tx, actor, cases, today);
    case 'consents':
      return expiringConsents(tx, actor, cases, today);
    case 'invitations':
      // The users' own rule for seeing the tenant's users; without it the card is not shown.
      return can(actor, 'list', membershipResource(actor.tenantId, null, null)) ? pendingInvitations(tx, actor) : null;
    case 'logReviews':
      // The log review's own rule; the card shows no person, only who and which kind of flag.
      return can(actor, 'review', { kind: 'audit_log', tenantId: actor.tenantId }) ? openLogReviewFlags(tx, actor, now) : null;
  }
}

/** One event for the page (what each card showed), and one per person named, findable by person in Loggkontroll. */
async function auditCards(scope: RequestScope, filled: readonly { id: AttentionCardId; list: CardList<unknown> }[]): Promise<void> {
  if (filled.length === 0) return;
  const details = Object.fromEntries(
    filled.map(({ id, list }) => [id, { total: list.total, shown: list.items.map((item) => (item as { id?: string; userId?: string }).id ?? (item as { userId: string }).userId) }]),
  );
  await scope.audit({ action: 'attention.read', resourceType: 'attention', details: { cards: details } });
  const seen = new Set<string>();
  for (const { id, list } of filled) {
    for (const subject of list.persons ?? ([] as ItemSubject[])) {
      const key = `${subject.resourceType}:${subject.resourceId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await scope.audit({ action: 'attention.read', resourceType: subject.resourceType, resourceId: subject.resourceId, personId: subject.personId, details: { card: id, excerpt: true } });
    }
  }
}
