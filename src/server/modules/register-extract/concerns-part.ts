import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concern, concernEvent } from '../../db/schema';
import type { ExtractConcern } from '../../../shared/register-extract';
import type { Names } from './names';
import { bound, type ExtractTexts } from './texts';

/**
 * The reports linked to the person, with what they said and every step taken. The reporter's
 * contact details are left out: who reported is subject to secrecy review (OSL 26 kap.) before any
 * disclosure, and is not the person's own data to begin with. With `whereaboutsWithheld` (skyddad
 * folkbokföring) the report's school, where the young person was seen, and the place are left out.
 */
export async function concernsPart(tx: Tx, texts: ExtractTexts, names: Names, tenantId: string, personId: string, whereaboutsWithheld: boolean): Promise<ExtractConcern[]> {
  const rows = await tx
    .select()
    .from(concern)
    .where(and(eq(concern.tenantId, tenantId), eq(concern.personId, personId)))
    .orderBy(asc(concern.receivedAt));
  const result: ExtractConcern[] = [];
  for (const row of rows) {
    const subject = texts.json<Record<string, unknown>>(row.subjectEncrypted, bound('concern.subject', tenantId, row.id));
    const events = await tx
      .select()
      .from(concernEvent)
      .where(and(eq(concernEvent.tenantId, tenantId), eq(concernEvent.concernId, row.id)))
      .orderBy(asc(concernEvent.occurredAt), asc(concernEvent.id));
    result.push({
      id: row.id,
      kind: row.kind,
      status: row.status,
      receivedAt: row.receivedAt.toISOString(),
      receivingOrganisation: names.organisation(row.receivingOrganisationId),
      categories: row.categories,
      occurredOn: row.occurredOn,
      subject: whereaboutsWithheld ? withoutWhereabouts(subject) : subject,
      description: texts.text(row.descriptionEncrypted, bound('concern.description', tenantId, row.id)),
      place: whereaboutsWithheld ? null : texts.text(row.placeEncrypted, bound('concern.place', tenantId, row.id)),
      assessmentResult: row.assessmentResult,
      decision: row.decision,
      closeReason: row.closeReason,
      closedAt: row.closedAt?.toISOString() ?? null,
      timeline: events.map((event) => ({
        type: event.type,
        at: event.occurredAt.toISOString(),
        actorName: names.user(event.actorUserId),
        note: texts.text(event.noteEncrypted, `concern_event.note:${tenantId}:${row.id}`),
      })),
    });
  }
  return result;
}

/** The fields of a report's subject that say where the young person is (`concernSubjectSchema`). */
const WHEREABOUTS_KEYS = ['school', 'whereSeen'];

function withoutWhereabouts(subject: Record<string, unknown> | null): Record<string, unknown> | null {
  if (subject === null) return null;
  return Object.fromEntries(Object.entries(subject).filter(([key]) => !WHEREABOUTS_KEYS.includes(key)));
}
