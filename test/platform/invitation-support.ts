import { and, asc, eq, like } from 'drizzle-orm';
import type { Database } from '../../src/server/db/client';
import { inContext } from '../../src/server/db/context';
import { emailOutbox } from '../../src/server/db/schema';

/** The invitation e-mails queued in a tenant's outbox for one user, oldest first: what the person's mailbox would get. */
export async function invitationMails(database: Database, tenantId: string, userId: string): Promise<Array<{ kind: string; link: string }>> {
  return inContext(database.db, { tenantId, userId: null }, (tx) =>
    tx
      .select({ kind: emailOutbox.kind, link: emailOutbox.link })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.userId, userId), like(emailOutbox.kind, 'invitation.%')))
      .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id)),
  );
}
