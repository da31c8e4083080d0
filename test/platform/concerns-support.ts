import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { inContext } from '../../src/server/db/context';
import { mintFormToken } from '../../src/server/modules/concerns/form-token';
import type { NotificationRequest } from '../../src/server/modules/notifications/notify';
import type { TestApp, TestMember, TestOrganisation, TestTenant } from '../factories';

/** Every notification the concern channel asked for in this test file, in order. */
export const notifications: NotificationRequest[] = [];

/**
 * Wraps the real notify() and notifyAll() (a batch of requests, as the intake writes them): records
 * each request, then calls the real one.
 */
export async function guardedNotify(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as typeof import('../../src/server/modules/notifications/notify');
  return {
    ...original,
    notify: async (tx: Parameters<typeof original.notify>[0], request: NotificationRequest) => {
      notifications.push(request);
      await original.notify(tx, request);
    },
    notifyAll: async (tx: Parameters<typeof original.notifyAll>[0], tenantId: string, requests: Parameters<typeof original.notifyAll>[2]) => {
      for (const request of requests) notifications.push({ tenantId, ...request });
      await original.notifyAll(tx, tenantId, requests);
    },
  };
}

/** A form token issued `ageSeconds` ago, signed with the test app's key. */
export function formToken(t: TestApp, ageSeconds = 10): string {
  return mintFormToken(t.blindIndex, Date.now() - ageSeconds * 1000);
}

export function concernBody(t: TestApp, tenant: TestTenant, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenant: tenant.slug,
    formToken: formToken(t),
    website: '',
    reporter: { role: 'foralder' },
    subject: { name: 'Kalle Demosson', approximateAge: 14, school: 'Demoskolan', whereSeen: 'Vid köpcentret på kvällarna' },
    categories: ['skolfranvaro', 'kriminellt_umgange'],
    description: 'Han har slutat gå till skolan och umgås med äldre killar som säljer.',
    place: 'Köpcentret Nian',
    occurredOn: '2026-11-20',
    guardiansKnow: 'vet_ej',
    ...overrides,
  };
}

export const professionalReporter = (organisationType = 'skola') => ({
  role: 'yrkesperson',
  organisationType,
  organisationName: 'Demoskolan Norr',
  contact: { name: 'Karin Kurator', phone: '026-17 80 00', email: 'karin@demoskolan.example' },
});

export function placeBody(t: TestApp, tenant: TestTenant, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenant: tenant.slug,
    formToken: formToken(t),
    place: 'Busshållplatsen vid Norra torget',
    occurredOn: '2026-11-21',
    occurredTime: '21:30',
    eventType: 'otrygghetsskapande_samling',
    description: 'Ett större gäng samlas varje kväll och skriker åt folk som går förbi.',
    ...overrides,
  };
}

export async function submitConcern(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/public/concerns', payload: body, headers });
}

export async function submitPlaceReport(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/public/place-reports', payload: body, headers });
}

export async function lookUp(t: TestApp, code: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url: `/api/public/concerns/${encodeURIComponent(code)}` });
}

export interface Intake {
  tenant: TestTenant;
  social: TestOrganisation;
  mottagning: TestMember;
}

/** A tenant with a social services organisation and its intake officer. */
export async function intake(t: TestApp): Promise<Intake> {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const mottagning = await t.member(tenant, social, 'mottagning');
  return { tenant, social, mottagning };
}

/** What a member sees on the start page: their in-app notifications, newest first, as kind and link. */
export async function inAppNotifications(t: TestApp, member: TestMember): Promise<{ kind: string; link: string }[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: member.headers });
  if (response.statusCode !== 200) throw new Error(`GET /api/notifications answered ${response.statusCode}`);
  return (response.json().notifications as { kind: string; link: string }[]).map(({ kind, link }) => ({ kind, link }));
}

/** Submits a concern and returns its receipt code and id (found as the newest concern of the tenant). */
export async function newConcern(t: TestApp, tenant: TestTenant, overrides: Record<string, unknown> = {}): Promise<{ receiptCode: string; id: string }> {
  const response = await submitConcern(t, concernBody(t, tenant, overrides));
  if (response.statusCode !== 201) throw new Error(`submission failed: ${response.body}`);
  return { receiptCode: response.json().receiptCode, id: await newestConcernId(t, tenant) };
}

export async function newPlaceReport(t: TestApp, tenant: TestTenant, overrides: Record<string, unknown> = {}): Promise<{ receiptCode: string; id: string }> {
  const response = await submitPlaceReport(t, placeBody(t, tenant, overrides));
  if (response.statusCode !== 201) throw new Error(`submission failed: ${response.body}`);
  return { receiptCode: response.json().receiptCode, id: await newestConcernId(t, tenant) };
}

export async function newestConcernId(t: TestApp, tenant: TestTenant): Promise<string> {
  return inContext(t.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const result = await tx.execute<{ id: string }>(sql`select id from concern where tenant_id = ${tenant.id} order by received_at desc, id limit 1`);
    return result.rows[0]!.id;
  });
}

/** POSTs one triage step as `member`. */
export async function step(t: TestApp, member: TestMember, id: string, path: string, payload: unknown = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `/api/concerns/${id}/${path}`, headers: member.headers, payload: payload as Record<string, unknown> });
}

export async function readConcern(t: TestApp, member: TestMember, id: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url: `/api/concerns/${id}`, headers: member.headers });
}
