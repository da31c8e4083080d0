import { randomUUID } from 'node:crypto';
import { inContext } from '../../src/server/db/context';
import { caseAction, caseFactor, caseMeeting, concern, consent, consentParty, sspfCase } from '../../src/server/db/schema';
import type { TestApp, TestTenant } from '../factories';
import { caseCrypto, type CaseColumn } from '../../src/server/modules/cases/case-crypto';
import { consentCrypto } from '../../src/server/modules/consents/consent-crypto';

/**
 * SSPF rows written straight into the tables (fast, and any date in the past), encrypted with the
 * case and consent modules' own ciphers: the register extract must read what those modules write.
 */
export const caseText = (t: TestApp, column: CaseColumn, tenantId: string, rowId: string, value: string) => caseCrypto(t.cipher).encrypt(column, tenantId, rowId, value);
const inTenant = <T>(t: TestApp, tenant: TestTenant, work: Parameters<typeof inContext<T>>[2]) => inContext(t.database.db, { tenantId: tenant.id, userId: null }, work);

export const yearsAgo = (years: number, from = new Date()) => {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};
export const day = (d: Date) => d.toISOString().slice(0, 10);

export async function insertCase(
  t: TestApp,
  tenant: TestTenant,
  input: { personId: string; organisationId: string; directorUserId?: string; closedAt?: Date | null; consentId?: string | null; concernId?: string | null },
): Promise<string> {
  const id = randomUUID();
  const closed = input.closedAt ?? null;
  await inTenant(t, tenant, (tx) =>
    tx.insert(sspfCase).values({
      tenantId: tenant.id,
      id,
      personId: input.personId,
      concernId: input.concernId ?? null,
      status: closed ? 'avslutad' : 'plan_aktiv',
      directorUserId: input.directorUserId ?? 'nobody',
      ownerOrganisationId: input.organisationId,
      consentId: input.consentId ?? null,
      closedAt: closed,
      closeReason: closed ? 'mal_uppnatt' : null,
      outcome: closed ? 'forbattrad' : null,
      openedAt: closed ? new Date(closed.getTime() - 86_400_000 * 200) : new Date(),
    }),
  );
  return id;
}

export async function insertFactor(t: TestApp, tenant: TestTenant, caseId: string, organisationId: string, note: string): Promise<string> {
  const id = randomUUID();
  await inTenant(t, tenant, (tx) =>
    tx.insert(caseFactor).values({
      tenantId: tenant.id,
      id,
      caseId,
      domain: 'skola',
      kind: 'risk',
      level: 'hog',
      category: 'skola',
      noteEncrypted: caseText(t, 'case_factor.note', tenant.id, id, note),
      sourceOrganisationId: organisationId,
      createdBy: 'test',
    }),
  );
  return id;
}

export async function insertMeeting(t: TestApp, tenant: TestTenant, caseId: string, heldOn: string, held = false): Promise<string> {
  const id = randomUUID();
  await inTenant(t, tenant, (tx) =>
    tx.insert(caseMeeting).values({
      tenantId: tenant.id,
      id,
      caseId,
      kind: 'uppfoljning',
      heldOn,
      held,
      participantsEncrypted: caseText(t, 'case_meeting.participants', tenant.id, id, '[]'),
      decisionsEncrypted: caseText(t, 'case_meeting.decisions', tenant.id, id, 'Följa upp skolgången'),
      createdBy: 'test',
    }),
  );
  return id;
}

export async function insertAction(
  t: TestApp,
  tenant: TestTenant,
  input: { caseId: string; organisationId: string; dueOn: string; responsibleUserId?: string | null; status?: string },
): Promise<string> {
  const id = randomUUID();
  await inTenant(t, tenant, (tx) =>
    tx.insert(caseAction).values({
      tenantId: tenant.id,
      id,
      caseId: input.caseId,
      type: 'fritid',
      responsibleOrganisationId: input.organisationId,
      responsibleUserId: input.responsibleUserId ?? null,
      whatEncrypted: caseText(t, 'case_action.what', tenant.id, id, 'Fotbollsträning'),
      startOn: '2026-01-01',
      dueOn: input.dueOn,
      status: input.status ?? 'pagar',
      createdBy: 'test',
    }),
  );
  return id;
}

export async function insertConsent(
  t: TestApp,
  tenant: TestTenant,
  input: { personId: string; organisationIds: string[]; validTo: string; withdrawnAt?: Date | null; caseId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await inTenant(t, tenant, async (tx) => {
    await tx.insert(consent).values({
      tenantId: tenant.id,
      id,
      personId: input.personId,
      caseId: input.caseId ?? null,
      organisationIds: input.organisationIds,
      categories: ['skola'],
      purposeEncrypted: consentCrypto(t.cipher).encrypt('consent.purpose', tenant.id, id, 'Samverkan kring skolgången'),
      validFrom: '2015-01-01',
      validTo: input.validTo,
      withdrawnAt: input.withdrawnAt ?? null,
      createdBy: 'test',
    });
    await tx.insert(consentParty).values({ tenantId: tenant.id, consentId: id, kind: 'young_person', method: 'paper', givenOn: '2015-01-01', recordedBy: 'test' });
  });
  return id;
}

export async function insertConcern(
  t: TestApp,
  tenant: TestTenant,
  input: { organisationId: string; personId?: string | null; closedAt?: Date | null; description?: string },
): Promise<string> {
  const id = randomUUID();
  const closed = input.closedAt ?? null;
  await inTenant(t, tenant, (tx) =>
    tx.insert(concern).values({
      tenantId: tenant.id,
      id,
      kind: 'person',
      receiptHash: `test-${id}`,
      status: closed ? 'avslutad' : 'mottagen',
      statusChangedAt: closed ?? new Date(),
      receivedAt: closed ? new Date(closed.getTime() - 86_400_000 * 30) : new Date(),
      receivingOrganisationId: input.organisationId,
      descriptionEncrypted: t.cipher.encrypt(input.description ?? 'Oro för skolgången', `concern.description:${tenant.id}:${id}`),
      personId: input.personId ?? null,
      closedAt: closed,
      closeReason: closed ? 'hanterad' : null,
    }),
  );
  return id;
}
