import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TestApp, randomIdentityNumber, type TestMember, type TestTenant } from '../factories';
import { inContext } from '../../src/server/db/context';
import { consent, consentParty } from '../../src/server/db/schema';
import { consentCrypto } from '../../src/server/modules/consents/consent-crypto';
import type { Consent, ConsentDocument } from '../../src/shared/consents';
import type { RegisterExtract } from '../../src/shared/register-extract';
import { swedishToday } from './cases-support';

/** Issue 12: a scanned consent form belongs to the one consent it was uploaded to (migration 0021). */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

const get = (member: TestMember, url: string) => t.app.inject({ method: 'GET', url, headers: member.headers });
const post = (member: TestMember, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: member.headers, payload: payload as object });
const upload = (member: TestMember, consentId: string) =>
  t.app.inject({ method: 'POST', url: `/api/consents/${consentId}/documents`, headers: { ...member.headers, 'content-type': 'application/pdf' }, payload: PDF });

describe('a scan belongs to one consent', () => {
  it('is listed, read and named on a party only through the consent it was uploaded to, and the register extract says which', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const coordinator = await t.member(tenant, social, 'koordinator');
    const year = new Date().getFullYear() - 16;
    const youth = await t.person(tenant, { identityNumber: randomIdentityNumber(year, year) });
    const create = async () => {
      const response = await post(coordinator, '/api/consents', { personId: youth.id, organisationIds: [social.id], categories: ['socialtjanst'], purpose: 'Samverkan', validFrom: swedishToday() });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Consent;
    };
    const first = await create();
    const second = await create();
    expect(first.documents).toEqual([]);

    const uploaded = await upload(coordinator, first.id);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const scan = uploaded.json() as ConsentDocument;
    expect(scan.uploadedAt).toEqual(expect.any(String));

    const firstNow = (await get(coordinator, `/api/consents/${first.id}`)).json() as Consent;
    const secondNow = (await get(coordinator, `/api/consents/${second.id}`)).json() as Consent;
    expect(firstNow.documents).toEqual([scan]);
    expect(secondNow.documents).toEqual([]);

    // The same person's other consent neither reads it nor names it as a signed form.
    expect((await get(coordinator, `/api/consents/${first.id}/documents/${scan.id}`)).statusCode).toBe(200);
    expect((await get(coordinator, `/api/consents/${second.id}/documents/${scan.id}`)).statusCode).toBe(404);
    const elsewhere = await post(coordinator, `/api/consents/${second.id}/parties`, { kind: 'young_person', method: 'paper', givenOn: swedishToday(), documentId: scan.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields.documentId).toBe('Hittar inte det som fältet pekar på.');
    const own = await post(coordinator, `/api/consents/${first.id}/parties`, { kind: 'young_person', method: 'paper', givenOn: swedishToday(), documentId: scan.id });
    expect(own.statusCode, own.body).toBe(200);

    const reviewer = await t.member(tenant, social, 'loggranskare');
    const extract = (await get(reviewer, `/api/persons/${youth.id}/register-extract`)).json() as RegisterExtract;
    const byId = new Map(extract.consents.map((c) => [c.id, c.documents.map((d) => d.id)]));
    expect(byId.get(first.id)).toEqual([scan.id]);
    expect(byId.get(second.id)).toEqual([]);
  });

  it('refuses a scan that names no consent, even from the table owner (the NOT VALID check binds new rows)', async () => {
    const tenant = await t.tenant();
    const youth = await t.person(tenant);
    const attempt = t.database.asOwner((owner) =>
      owner.execute(sql`insert into consent_document (tenant_id, id, person_id, content_type, size, sha256, content_encrypted, uploaded_by)
        values (${tenant.id}, ${randomUUID()}, ${youth.id}, 'application/pdf', 1, 'x', 'x', 'test')`),
    );
    await expect(attempt).rejects.toThrow();
  });
});

/**
 * The migration attaches every scan stored before it with `app_consent_for_scan` (the UPDATE is
 * `SET consent_id = app_consent_for_scan(tenant_id, person_id, id, uploaded_at)`). A scan stored the
 * old way can no longer be inserted (the check above), so the rule is held to account here directly.
 */
describe('the migration rule for scans stored before consents owned them', () => {
  const UPLOADED = new Date('2026-03-15T10:00:00Z');
  const at = (iso: string) => new Date(iso);

  async function insertConsent(tenant: TestTenant, personId: string, input: { createdAt: Date; validTo?: string; withdrawnAt?: Date }): Promise<string> {
    const id = randomUUID();
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(consent).values({
        tenantId: tenant.id,
        id,
        personId,
        organisationIds: [],
        categories: ['samverkan'],
        purposeEncrypted: consentCrypto(t.cipher).encrypt('consent.purpose', tenant.id, id, 'Samverkan'),
        validFrom: '2026-01-01',
        validTo: input.validTo ?? '2026-12-31',
        withdrawnAt: input.withdrawnAt ?? null,
        createdBy: 'test',
        createdAt: input.createdAt,
      }),
    );
    return id;
  }

  async function ruleSays(tenant: TestTenant, personId: string, documentId: string): Promise<string | null> {
    const result = await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.execute<{ id: string | null }>(sql`select app_consent_for_scan(${tenant.id}::uuid, ${personId}::uuid, ${documentId}::uuid, ${UPLOADED.toISOString()}::timestamptz) as id`),
    );
    return result.rows[0]!.id;
  }

  it('first the consent a party signed the form for, then the one in force at the upload, then the newest', async () => {
    const tenant = await t.tenant();
    const youth = await t.person(tenant);
    const scan = randomUUID();

    // No consent at all: the scan keeps none (its file stays, reachable by no route).
    expect(await ruleSays(tenant, youth.id, scan)).toBeNull();

    // 3. Only consents that were not in force at the upload (ended before it, withdrawn before it, or made
    //    after it): the newest.
    const expired = await insertConsent(tenant, youth.id, { createdAt: at('2025-01-10T09:00:00Z'), validTo: '2026-03-14' });
    await insertConsent(tenant, youth.id, { createdAt: at('2025-06-10T09:00:00Z'), withdrawnAt: at('2026-03-01T09:00:00Z') });
    const later = await insertConsent(tenant, youth.id, { createdAt: at('2026-04-01T09:00:00Z') });
    expect(await ruleSays(tenant, youth.id, scan)).toBe(later);

    // 2. A consent in force when the scan came wins over a newer one, even awaiting its parties; among
    //    several in force, the newest. Its last day counts as in force (Swedish time).
    const inForce = await insertConsent(tenant, youth.id, { createdAt: at('2026-02-01T09:00:00Z') });
    expect(await ruleSays(tenant, youth.id, scan)).toBe(inForce);
    const lastDay = await insertConsent(tenant, youth.id, { createdAt: at('2026-03-15T09:59:00Z'), validTo: '2026-03-15' });
    expect(await ruleSays(tenant, youth.id, scan)).toBe(lastDay);

    // 1. A party who signed on this very form decides, whatever the dates.
    await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(consentParty).values({ tenantId: tenant.id, consentId: expired, kind: 'young_person', method: 'paper', givenOn: '2025-01-10', documentId: scan, recordedBy: 'test' }),
    );
    expect(await ruleSays(tenant, youth.id, scan)).toBe(expired);

    // Another person's consents never count, nor another scan's party.
    const sibling = await t.person(tenant);
    expect(await ruleSays(tenant, sibling.id, scan)).toBeNull();
    expect(await ruleSays(tenant, youth.id, randomUUID())).toBe(lastDay);
  });
});
