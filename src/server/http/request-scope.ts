import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import type { Actor } from '../policy/actor';
import { can, type Resource } from '../policy/can';
import { appendAuditEvent, appendAuditEvents, auditAppendStatement, type AuditActor, type AuditEntry } from '../audit/append';
import { roleRequiresTwoFactor, type Role } from '../../shared/roles';
import type { OrganisationType } from '../../shared/organisations';
import { AppError, unauthenticated } from './errors';
import { acceptSessionRow, enterSessionStatement } from './session';
import type { Statement } from '../db/opened-transaction';
import { isStoryTime, now } from '../clock';

/** What a handler works with: one transaction, the actor, and the audit log of that transaction. */
export interface RequestScope {
  tx: Tx;
  actor: Actor;
  /** Appends an audit event in this transaction: it commits or rolls back with the access it records. */
  audit(entry: AuditEntry): Promise<void>;
  /** Appends several audit events in this transaction, in one statement (a list naming many persons). */
  auditAll(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * Appends an audit event as the transaction's last statement, sent with its `commit` (one round trip
   * less). For a read whose event is the last thing it does: the event still commits with the access or
   * not at all, and nothing in the transaction can read it back.
   */
  auditAtCommit(entry: AuditEntry): void;
  /** The rows of `options.preload`, read in the same round trip as the session (null without one). */
  preloaded: Record<string, unknown>[] | null;
  /**
   * Checks one action on one resource. A denial on a record answers 404 (a denial on a collection 403),
   * and is audited in a transaction of its own after this one rolls back.
   */
  authorize(action: string, resource: Resource, denialAudit: AuditEntry): void;
}

class DeniedError extends AppError {
  constructor(
    status: 403 | 404,
    readonly audit: AuditEntry,
  ) {
    super(status, status === 404 ? 'not_found' : 'forbidden');
  }
}

export interface ActorOptions {
  /**
   * A read that needs only the RLS context: sent with `begin` and the session in the same round trip,
   * its rows in `scope.preloaded`. Only used once the session and membership are accepted.
   */
  preload?: Statement;
}

/**
 * Runs a signed-in request: one transaction whose first statement reads the session, enters its
 * membership (setting the row-level-security context) and returns the actor (`app_enter_session`);
 * on node-postgres `begin`, that statement and `options.preload` go in one round trip
 * (`transactionOpenedBy`). Then the two-factor rule of the role, then `work`.
 */
export async function withActor<T>(database: Database, request: FastifyRequest, work: (scope: RequestScope) => Promise<T>, options: ActorOptions = {}): Promise<T> {
  let auditActor: AuditActor | null = null;
  // Only the demo seed acts as of a past day (clock.ts): the database's defaults then stamp that day too.
  const storyTime = isStoryTime() ? [{ text: "select set_config('app.now', $1, true)", values: [now().toISOString()] }] : [];
  const opening = [enterSessionStatement(request), ...storyTime, ...(options.preload ? [options.preload] : [])];
  try {
    return await database.transactionOpenedBy(opening, async (tx, opened, closing) => {
      const row = acceptSessionRow(request, opened[0]![0]);
      if (!row) throw unauthenticated();
      const session = request.sessionUser!;
      if (!row.membership_id || !row.organisation_id || !row.tenant_id) throw new AppError(409, 'no_active_membership');
      const actor: Actor = {
        userId: session.userId,
        sessionId: session.sessionId,
        tenantId: row.tenant_id,
        tenantName: row.tenant_name!,
        membershipId: row.membership_id,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name!,
        organisationType: row.organisation_type as OrganisationType,
        organisationIsAuthority: row.organisation_is_authority === true,
        role: row.role as Role,
      };
      const actorForAudit = auditActorOf(actor, request);
      auditActor = actorForAudit;
      if (roleRequiresTwoFactor(actor.role) && !session.twoFactorEnabled && !isExternalIdentity(session.authMethod)) {
        throw new AppError(403, 'two_factor_required');
      }
      return work({
        tx,
        actor,
        audit: (entry) => appendAuditEvent(tx, actorForAudit, entry),
        auditAll: (entries) => appendAuditEvents(tx, actorForAudit, entries),
        auditAtCommit: (entry) => closing.push(auditAppendStatement(actorForAudit, [entry])),
        preloaded: options.preload ? opened[opened.length - 1]! : null,
        authorize(action, resource, denialAudit) {
          if (can(actor, action, resource)) return;
          const isRecord = 'id' in resource && resource.id !== null;
          throw new DeniedError(isRecord ? 404 : 403, denialAudit);
        },
      });
    });
  } catch (error) {
    if (error instanceof DeniedError && auditActor) {
      const actorForAudit: AuditActor = auditActor;
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${actorForAudit.tenantId}, true), set_config('app.user_id', ${actorForAudit.userId ?? ''}, true)`);
        await appendAuditEvent(tx, actorForAudit, { ...error.audit, outcome: 'denied' });
      });
    }
    throw error;
  }
}

/** A session from the municipality's identity provider carries its second factor there (e-legitimation). */
function isExternalIdentity(authMethod: string | null): boolean {
  return authMethod !== null && authMethod.startsWith('oidc:');
}

export function auditActorOf(actor: Actor, request: FastifyRequest): AuditActor {
  return {
    tenantId: actor.tenantId,
    userId: actor.userId,
    organisationId: actor.organisationId,
    role: actor.role,
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] ?? '').slice(0, 512) || null,
  };
}

