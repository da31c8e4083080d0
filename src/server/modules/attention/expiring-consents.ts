import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consent } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { CONSENT_EXPIRY_REMINDER_DAYS } from '../../../shared/consents';
import { ATTENTION_LIMIT, type ConsentItem } from '../../../shared/attention';
import { addDays } from '../reminders/reminder-rules';
import type { CaseAccess } from './case-access';
import type { CardList } from './card-list';

/**
 * Consents that end within the reminder window (the same 30 days as the reminder) for the young people
 * of the open cases I direct: only the director keeps the consent. A consent already followed by one
 * that runs longer needs no renewal, and is not listed. The first to end first.
 */
export async function expiringConsents(tx: Tx, actor: Actor, cases: readonly CaseAccess[], today: string): Promise<CardList<ConsentItem>> {
  const directed = cases.filter((c) => c.director);
  if (directed.length === 0) return { total: 0, items: [] };
  const rows = await tx
    .select({ id: consent.id, personId: consent.personId, validTo: consent.validTo, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(consent)
    .where(
      and(
        eq(consent.tenantId, actor.tenantId),
        inArray(consent.personId, directed.map((c) => c.personId)),
        isNull(consent.withdrawnAt),
        lte(consent.validFrom, today),
        gte(consent.validTo, today),
        lte(consent.validTo, addDays(today, CONSENT_EXPIRY_REMINDER_DAYS)),
        sql`not exists (select 1 from ${consent} as later where later.tenant_id = ${consent.tenantId} and later.person_id = ${consent.personId}
          and later.withdrawn_at is null and later.valid_to > ${consent.validTo})`,
      ),
    )
    .orderBy(asc(consent.validTo), asc(consent.id))
    .limit(ATTENTION_LIMIT);
  const byPerson = new Map(directed.map((c) => [c.personId, c]));
  const shown = rows.map((row) => ({ row, owner: byPerson.get(row.personId)! }));
  return {
    total: rows[0]?.total ?? 0,
    items: shown.map(({ row, owner }) => ({ id: row.id, caseId: owner.caseId, personName: owner.personName, validTo: row.validTo, href: `/samverkan/${owner.caseId}` })),
    persons: shown.map(({ owner }) => ({ resourceType: 'case', resourceId: owner.caseId, personId: owner.personId })),
  };
}
