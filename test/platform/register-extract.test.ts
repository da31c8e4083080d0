import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { caseGuardian, personNote } from '../../src/server/db/schema';
import { noteBodyContext } from '../../src/server/modules/persons/person-notes';
import type { RegisterExtract } from '../../src/shared/register-extract';
import { readPdf } from './associations-pdf-text';
import { caseText, insertCase, insertConcern, insertConsent, insertFactor } from './retention-support';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

async function world() {
  const tenant = await t.tenant();
  const social = await t.organisation(tenant, 'socialtjanst');
  const school = await t.organisation(tenant, 'skola');
  const admin = await t.member(tenant, social, 'administrator');
  const reviewer = await t.member(tenant, social, 'loggranskare');
  const guardian = await t.person(tenant, { firstName: 'Vera', lastName: 'Vårdnadsdotter' });
  const child = await t.person(tenant, { firstName: 'Ebba', lastName: 'Utdragsson', schoolId: school.id, guardianIds: [guardian.id] });
  const other = await t.person(tenant, { firstName: 'Olle', lastName: 'Annansson', schoolId: school.id });

  await insertConcern(t, tenant, { organisationId: social.id, personId: child.id, description: 'Ebba har setts med äldre killar vid centrum' });
  await insertConcern(t, tenant, { organisationId: social.id, personId: other.id, description: 'Olle har slutat komma till träningen' });
  const caseId = await insertCase(t, tenant, { personId: child.id, organisationId: social.id, directorUserId: admin.userId });
  await insertFactor(t, tenant, caseId, school.id, 'Hög frånvaro sedan höstlovet');
  const otherCase = await insertCase(t, tenant, { personId: other.id, organisationId: social.id });
  await insertFactor(t, tenant, otherCase, school.id, 'Konflikt hemma');
  await insertConsent(t, tenant, { personId: child.id, organisationIds: [social.id, school.id], validTo: '2027-06-30', caseId });
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.insert(caseGuardian).values({
      tenantId: tenant.id,
      caseId,
      guardianId: guardian.id,
      participates: true,
      noteEncrypted: caseText(t, 'case_guardian.note', tenant.id, `${caseId}:${guardian.id}`, 'Vill vara med på mötena'),
    }),
  );
  await inContext(t.database.db, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.insert(personNote).values({ tenantId: tenant.id, personId: child.id, authorUserId: admin.userId, bodyEncrypted: t.cipher.encrypt('Samtal med mamma', noteBodyContext(tenant.id, child.id)) }),
  );
  return { tenant, social, school, admin, reviewer, guardian, child, other };
}

describe('register extract (registerutdrag)', () => {
  it("holds everything about the person, decrypted, and nothing of another person's", async () => {
    const { tenant, admin, reviewer, guardian, child, other } = await world();
    // Someone read the child earlier: the access log part must show it.
    const adminRead = await t.app.inject({ method: 'GET', url: `/api/persons/${child.id}`, headers: admin.headers });
    expect(adminRead.statusCode).toBe(404); // the administrator does not hold the register; the denial is logged about the child

    const response = await t.app.inject({ method: 'GET', url: `/api/persons/${child.id}/register-extract`, headers: reviewer.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const extract = response.json() as RegisterExtract;
    expect(extract.person).toMatchObject({ firstName: 'Ebba', lastName: 'Utdragsson', identityNumber: child.identityNumber });
    expect(extract.person.school).toContain('skola');
    expect(extract.whereaboutsWithheld).toBe(false);
    expect(extract.guardians.map((g) => g.firstName)).toEqual(['Vera']);
    expect(extract.notes.map((n) => n.body)).toEqual(['Samtal med mamma']);
    expect(extract.concerns.map((c) => c.description)).toEqual(['Ebba har setts med äldre killar vid centrum']);
    expect(extract.cases).toHaveLength(1);
    expect(extract.cases[0]!.factors.map((f) => f.note)).toEqual(['Hög frånvaro sedan höstlovet']);
    expect(extract.cases[0]!.guardians).toEqual([{ name: `Vera Vårdnadsdotter`, participates: true, note: 'Vill vara med på mötena' }]);
    expect(extract.consents[0]).toMatchObject({ purpose: 'Samverkan kring skolgången', parties: [{ kind: 'young_person', method: 'paper' }] });
    expect(extract.unreadableTexts).toBe(0);
    expect(extract.accessLog.map((e) => [e.action, e.outcome])).toEqual([
      ['person.read', 'denied'],
      ['person.register_extract', 'allowed'],
    ]);

    const whole = JSON.stringify(extract);
    for (const foreign of ['Olle', 'Annansson', other.identityNumber, 'slutat komma till träningen', 'Konflikt hemma', guardian.identityNumber]) {
      expect(whole).not.toContain(foreign);
    }
    expect(await t.auditEvents(tenant, 'person.register_extract')).toMatchObject([
      { outcome: 'allowed', personId: child.id, actorUserId: reviewer.userId, details: { format: 'json' } },
    ]);
  });

  it('answers 404 to school staff, a coordinator, the administrator and an unknown id, and audits the denial', async () => {
    const { tenant, social, school, admin, child } = await world();
    const teacher = await t.member(tenant, school, 'skolpersonal');
    const coordinator = await t.member(tenant, social, 'koordinator');
    // Issue 12: the administrator sees no information about children; the extract is the log reviewer's.
    for (const member of [teacher, coordinator, admin]) {
      for (const url of [`/api/persons/${child.id}/register-extract`, `/api/persons/${child.id}/register-extract.pdf`]) {
        const response = await t.app.inject({ method: 'GET', url, headers: member.headers });
        expect(response.statusCode, `${member.role} ${url}`).toBe(404);
        expect(response.body).not.toContain('Utdragsson');
      }
    }
    const denied = await t.auditEvents(tenant, 'person.register_extract');
    expect(denied).toHaveLength(6);
    expect(denied.every((e) => e.outcome === 'denied' && e.personId === child.id)).toBe(true);
    expect(denied.map((e) => e.actorUserId)).toContain(teacher.userId);
    expect(denied.filter((e) => e.actorUserId === admin.userId)).toHaveLength(2);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/persons/${crypto.randomUUID()}/register-extract`, headers: teacher.headers });
    expect(unknown.statusCode).toBe(404);
  });

  it('gives the log reviewer a PDF in Swedish with the name and the parts', async () => {
    const { tenant, reviewer, child } = await world();
    const response = await t.app.inject({ method: 'GET', url: `/api/persons/${child.id}/register-extract.pdf`, headers: reviewer.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { text } = readPdf(response.rawPayload);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Registerutdrag');
    expect(flat).toContain('Ebba Utdragsson');
    for (const heading of ['Dina personuppgifter', 'Vårdnadshavare', 'Orosanmälningar', 'Samtycken', 'Samverkansärenden (SSPF)', 'Vem har läst eller ändrat uppgifterna']) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain('Hög frånvaro sedan höstlovet');
    expect(flat).not.toContain('Konflikt hemma');
    expect(await t.auditEvents(tenant, 'person.register_extract')).toMatchObject([{ outcome: 'allowed', actorUserId: reviewer.userId, details: { format: 'pdf' } }]);
  });
});
