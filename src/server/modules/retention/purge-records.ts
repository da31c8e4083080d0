import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { RetentionCounts, RetentionSettings } from '../../../shared/retention';

/** The moment `years` whole years before `now`: what ended before it has been kept long enough. */
export function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

const day = (moment: Date) => moment.toISOString().slice(0, 10);

/** A uuid[] literal: the same text on PGlite and node-postgres, whatever their array parameter handling. */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

async function deletedCount(tx: Tx, statement: ReturnType<typeof sql>): Promise<number> {
  const result = await tx.execute<{ n: string | number }>(sql`with gone as (${statement}) select count(*)::int as n from gone`);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Deletes, in the caller's transaction and tenant context, every record of the tenant whose
 * retention period has passed. The order matters: a case goes before the consent and concern it
 * rests on, and a person only once nothing about them (or a child in their care) remains, so one
 * run settles what the periods allow. Children of a case, a concern or a person go by cascade.
 */
export async function purgeDueRecords(tx: Tx, tenantId: string, years: RetentionSettings, now: Date): Promise<RetentionCounts> {
  const caseCutoff = yearsBefore(now, years.case).toISOString();
  const concernCutoff = yearsBefore(now, years.concern).toISOString();
  const consentCutoff = yearsBefore(now, years.consent);
  const personCutoff = yearsBefore(now, years.person).toISOString();

  // Closed cases: members, guardians, factors, goals, actions, meetings and chronology cascade.
  const cases = await deletedCount(
    tx,
    sql`delete from sspf_case where tenant_id = ${tenantId} and status = 'avslutad' and closed_at is not null and closed_at < ${caseCutoff}::timestamptz returning id`,
  );

  // Consents past expiry or withdrawal that no open case still relies on.
  const dueConsents = await tx.execute<{ id: string }>(sql`
    select c.id from consent c
    where c.tenant_id = ${tenantId}
      and ((c.withdrawn_at is not null and c.withdrawn_at < ${consentCutoff.toISOString()}::timestamptz) or c.valid_to < ${day(consentCutoff)}::date)
      and not exists (
        select 1 from sspf_case k
        where k.tenant_id = c.tenant_id and k.status <> 'avslutad' and (k.consent_id = c.id or k.id = c.case_id))`);
  const consentIds = uuidArray(dueConsents.rows.map((row) => row.id));
  // The scanned forms of those consents (each belongs to one consent, migration 0021), and forms as old
  // that no party of a kept consent names. Before the consents, so that they are counted: deleting a
  // consent would take its scans with it (ON DELETE CASCADE).
  const consentDocuments = await deletedCount(
    tx,
    sql`delete from consent_document d
        where d.tenant_id = ${tenantId}
          and (d.consent_id = any(${consentIds}::uuid[]) or d.uploaded_at < ${consentCutoff.toISOString()}::timestamptz)
          and not exists (
            select 1 from consent_party p
            where p.tenant_id = d.tenant_id and p.document_id = d.id and not (p.consent_id = any(${consentIds}::uuid[])))
        returning d.id`,
  );
  // A closed case that is kept points at no consent rather than at a deleted one.
  await tx.execute(sql`update sspf_case set consent_id = null where tenant_id = ${tenantId} and consent_id = any(${consentIds}::uuid[])`);
  const consents = await deletedCount(
    tx,
    sql`delete from consent where tenant_id = ${tenantId} and id = any(${consentIds}::uuid[]) returning id`,
  );

  // Closed concerns and place reports (their timeline and deadline notices cascade), unless a kept case rests on one.
  const concerns = await deletedCount(
    tx,
    sql`delete from concern c
        where c.tenant_id = ${tenantId} and c.status = 'avslutad'
          and coalesce(c.closed_at, c.status_changed_at) < ${concernCutoff}::timestamptz
          and not exists (select 1 from sspf_case k where k.tenant_id = c.tenant_id and k.concern_id = c.id)
        returning c.id`,
  );

  // Persons with nothing left about them or about a child in their care; notes and guardian links cascade.
  const persons = await deletedCount(
    tx,
    sql`delete from person p
        where p.tenant_id = ${tenantId} and p.updated_at < ${personCutoff}::timestamptz
          and not exists (select 1 from person_guardian g where g.tenant_id = p.tenant_id and g.guardian_id = p.id and (
                exists (select 1 from concern x where x.tenant_id = g.tenant_id and x.person_id = g.child_id)
             or exists (select 1 from sspf_case x where x.tenant_id = g.tenant_id and x.person_id = g.child_id)
             or exists (select 1 from consent x where x.tenant_id = g.tenant_id and x.person_id = g.child_id)))
          and not exists (select 1 from concern x where x.tenant_id = p.tenant_id and x.person_id = p.id)
          and not exists (select 1 from sspf_case x where x.tenant_id = p.tenant_id and x.person_id = p.id)
          and not exists (select 1 from consent x where x.tenant_id = p.tenant_id and x.person_id = p.id)
          and not exists (select 1 from consent_document x where x.tenant_id = p.tenant_id and x.person_id = p.id)
        returning p.id`,
  );

  // "Reminded once" marks of meetings, actions and consents that are gone: ids only, but no reason to keep them.
  await tx.execute(sql`
    delete from reminder_notice r where r.tenant_id = ${tenantId}
      and not exists (select 1 from case_meeting m where m.tenant_id = r.tenant_id and m.id = r.subject_id)
      and not exists (select 1 from case_action a where a.tenant_id = r.tenant_id and a.id = r.subject_id)
      and not exists (select 1 from consent c where c.tenant_id = r.tenant_id and c.id = r.subject_id)`);

  return { case: cases, concern: concerns, consent: consents, consentDocument: consentDocuments, person: persons };
}
