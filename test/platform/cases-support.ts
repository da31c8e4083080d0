import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ConsentCategory } from '../../src/shared/sharing';
import type { CaseDetail } from '../../src/shared/cases';
import type { Consent } from '../../src/shared/consents';
import { randomIdentityNumber, type TestApp, type TestMember, type TestPerson, type TestTenant, type TestOrganisation } from '../factories';

/** Today's date in Sweden (YYYY-MM-DD), the day consents and due dates are judged on. */
export function swedishToday(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Age in full years today, from a twelve-digit personnummer. */
function ageOf(identityNumber: string): number {
  const born = `${identityNumber.slice(0, 4)}-${identityNumber.slice(4, 6)}-${identityNumber.slice(6, 8)}`;
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = swedishToday().split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface ConsentOptions {
  organisationIds: string[];
  categories?: ConsentCategory[];
  userIds?: string[];
  caseId?: string;
  validFrom?: string;
  validTo?: string;
  /** Leave the consent awaiting its parties (nothing recorded). */
  withoutParties?: boolean;
  /** The guardians agreed to be contacted about support (issue 15 §6). */
  guardianSupportContact?: boolean;
}

/**
 * Records a consent through the consents API, as the coordinator does: the scope, then each
 * required party orally with a witness (every guardian; the young person from 15; from 18 alone).
 * Returns the consent as the API answers it after the last party.
 */
export async function giveConsent(t: TestApp, coordinator: TestMember, person: TestPerson, options: ConsentOptions): Promise<Consent> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/consents',
    headers: coordinator.headers,
    payload: {
      personId: person.id,
      ...(options.caseId ? { caseId: options.caseId } : {}),
      organisationIds: options.organisationIds,
      userIds: options.userIds ?? [],
      categories: options.categories ?? ['skola'],
      purpose: 'Samverkan kring insatser enligt SSPF',
      validFrom: options.validFrom ?? swedishToday(),
      ...(options.guardianSupportContact ? { guardianSupportContact: true } : {}),
      ...(options.validTo ? { validTo: options.validTo } : {}),
    },
  });
  if (created.statusCode !== 201) throw new Error(`creating consent failed (${created.statusCode}): ${created.body}`);
  let consent = created.json() as Consent;
  if (options.withoutParties) return consent;
  const age = ageOf(person.identityNumber);
  const parties: Record<string, unknown>[] = [];
  if (age < 18) for (const guardianId of person.guardianIds) parties.push({ kind: 'guardian', guardianId });
  if (age >= 15) parties.push({ kind: 'young_person' });
  for (const party of parties) {
    const given = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${consent.id}/parties`,
      headers: coordinator.headers,
      payload: { ...party, method: 'oral', witnessName: 'Vera Vittne', givenOn: swedishToday() },
    });
    if (given.statusCode !== 200) throw new Error(`recording a party failed (${given.statusCode}): ${given.body}`);
    consent = given.json() as Consent;
  }
  return consent;
}

export async function withdrawConsent(t: TestApp, coordinator: TestMember, consentId: string): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: `/api/consents/${consentId}/withdraw`, headers: coordinator.headers, payload: { byKind: 'young_person' } });
  if (response.statusCode !== 200) throw new Error(`withdrawing consent failed (${response.statusCode}): ${response.body}`);
}

/** A young person (about 16) with one guardian, registered directly. */
export async function youngPerson(t: TestApp, tenant: TestTenant, overrides: Partial<Parameters<TestApp['person']>[1]> = {}): Promise<TestPerson> {
  const guardian = await t.person(tenant, { identityNumber: randomIdentityNumber(1975, 1985), firstName: 'Greta', lastName: 'Vårdnadshavare' });
  const year = new Date().getFullYear() - 16;
  return t.person(tenant, { identityNumber: randomIdentityNumber(year, year), guardianIds: [guardian.id], ...overrides });
}

export async function openCase(t: TestApp, actor: TestMember, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/cases', headers: actor.headers, payload: body });
}

export async function readCase(t: TestApp, actor: TestMember, caseId: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: actor.headers });
}

/** A step on a case (POST/PUT/PATCH/DELETE under /api/cases/:id). */
export async function caseStep(t: TestApp, actor: TestMember, caseId: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url: `/api/cases/${caseId}${path}`, headers: actor.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

export function sectionVisible(detail: CaseDetail, section: CaseDetail['access'][number]['section']): boolean {
  return detail.access.find((access) => access.section === section)?.visible ?? false;
}

export interface CaseWorld {
  tenant: TestTenant;
  coordinatorOrg: TestOrganisation;
  coordinator: TestMember;
  person: TestPerson;
  caseId: string;
}

/** A tenant, a coordinator in the municipality's social services, a young person and an open case directed by the coordinator. */
export async function caseWorld(t: TestApp, personOverrides: Partial<Parameters<TestApp['person']>[1]> = {}): Promise<CaseWorld> {
  const tenant = await t.tenant();
  const coordinatorOrg = await t.organisation(tenant, 'socialtjanst', { name: 'Socialtjänsten Samverka' });
  const coordinator = await t.member(tenant, coordinatorOrg, 'koordinator');
  const person = await youngPerson(t, tenant, personOverrides);
  const opened = await openCase(t, coordinator, { personId: person.id });
  expect(opened.statusCode, opened.body).toBe(201);
  return { tenant, coordinatorOrg, coordinator, person, caseId: (opened.json() as CaseDetail).id };
}

/** Adds a team member through the API (the consent must already cover their organisation). */
export async function addMember(t: TestApp, world: CaseWorld, member: TestMember, caseRole = 'mentor'): Promise<LightMyRequestResponse> {
  return caseStep(t, world.coordinator, world.caseId, 'POST', '/members', { userId: member.userId, organisationId: member.organisationId, caseRole });
}
