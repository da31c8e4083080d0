import { describe, expect, it } from 'vitest';
import { abilitiesOf, can } from '../../src/server/policy/can';
import type { Actor } from '../../src/server/policy/actor';
import type { PersonResource } from '../../src/server/modules/persons/policy';
import type { AuditLogResource } from '../../src/server/modules/audit-log/policy';
import { ROLE_KEYS, type Role } from '../../src/shared/roles';
import type { ProtectedIdentity } from '../../src/shared/persons';

// Pure unit tests of can(): no database, no HTTP. Each row is one situation a user would notice.

const TENANT = '00000000-0000-4000-8000-00000000000a';
const OTHER_TENANT = '00000000-0000-4000-8000-00000000000b';
const SCHOOL = '00000000-0000-4000-8000-0000000000c1';
const OTHER_SCHOOL = '00000000-0000-4000-8000-0000000000c2';
const PERSON_ID = '00000000-0000-4000-8000-0000000000d1';

function actor(role: Role, organisationId = SCHOOL, tenantId = TENANT): Actor {
  return {
    userId: `user-${role}`,
    sessionId: 'session',
    tenantId,
    tenantName: 'Testkommun',
    membershipId: '00000000-0000-4000-8000-0000000000e1',
    organisationId,
    organisationName: 'Org',
    organisationType: role === 'skolpersonal' ? 'skola' : 'socialtjanst',
    organisationIsAuthority: true,
    role,
  };
}

function person(overrides: { schoolId?: string | null; protectedIdentity?: ProtectedIdentity; tenantId?: string } = {}): PersonResource {
  return {
    kind: 'person',
    tenantId: overrides.tenantId ?? TENANT,
    id: PERSON_ID,
    schoolId: overrides.schoolId === undefined ? SCHOOL : overrides.schoolId,
    protectedIdentity: overrides.protectedIdentity ?? 'none',
  };
}
const register: PersonResource = { kind: 'person', tenantId: TENANT, id: null, schoolId: null, protectedIdentity: 'none' };
const auditLog: AuditLogResource = { kind: 'audit_log', tenantId: TENANT };

const pupil = person();
const pupilElsewhere = person({ schoolId: OTHER_SCHOOL });
const notAPupil = person({ schoolId: null });
const marked = person({ protectedIdentity: 'sekretessmarkering' });
const protectedPerson = person({ protectedIdentity: 'skyddad_folkbokforing' });
const foreignPerson = person({ tenantId: OTHER_TENANT });

type Row = [Role, string, PersonResource, boolean];

describe('person rules', () => {
  const table: Row[] = [
    // The register roles read, update and see the personnummer.
    ['handlaggare', 'read', pupil, true],
    ['handlaggare', 'readIdentityNumber', notAPupil, true],
    ['handlaggare', 'update', pupilElsewhere, true],
    ['handlaggare', 'readNotes', pupil, true],
    ['mottagning', 'read', pupilElsewhere, true],
    ['mottagning', 'addNote', pupil, true],
    ['koordinator', 'read', pupil, true],
    ['koordinator', 'readIdentityNumber', marked, true],
    ['koordinator', 'addNote', pupil, true],
    // Skyddad folkbokföring (issue 12): the coordinator finds and reads the person, with a reason, but
    // never their whereabouts; changing the record and the notes stay with social services' own staff.
    ['handlaggare', 'read', protectedPerson, true],
    ['mottagning', 'readIdentityNumber', protectedPerson, true],
    ['handlaggare', 'readWithoutReason', protectedPerson, true],
    ['mottagning', 'readWhereabouts', protectedPerson, true],
    ['handlaggare', 'update', protectedPerson, true],
    ['koordinator', 'read', protectedPerson, true],
    ['koordinator', 'find', protectedPerson, true],
    ['koordinator', 'readIdentityNumber', protectedPerson, true],
    ['koordinator', 'readWithoutReason', protectedPerson, false],
    ['koordinator', 'readWhereabouts', protectedPerson, false],
    ['koordinator', 'update', protectedPerson, false],
    ['koordinator', 'readNotes', protectedPerson, false],
    ['koordinator', 'addNote', protectedPerson, false],
    // Sekretessmarkering and no protection: no reason, whereabouts shown.
    ['koordinator', 'readWithoutReason', marked, true],
    ['koordinator', 'readWhereabouts', marked, true],
    ['koordinator', 'readWithoutReason', pupil, true],
    // Who may not read the person at all is not offered a read with a reason either.
    ['polis', 'readWithoutReason', protectedPerson, false],
    ['loggranskare', 'readWhereabouts', protectedPerson, false],
    // School staff: pupils of their own school without any protection, and never the personnummer or notes.
    ['skolpersonal', 'read', pupil, true],
    ['skolpersonal', 'read', pupilElsewhere, false],
    ['skolpersonal', 'read', notAPupil, false],
    ['skolpersonal', 'read', marked, false],
    ['skolpersonal', 'read', protectedPerson, false],
    ['skolpersonal', 'readIdentityNumber', pupil, false],
    ['skolpersonal', 'readNotes', pupil, false],
    ['skolpersonal', 'addNote', pupil, false],
    ['skolpersonal', 'update', pupil, false],
    ['skolpersonal', 'find', pupil, true],
    ['skolpersonal', 'find', pupilElsewhere, false],
    // Roles without a register: nothing, whatever the person.
    ['polis', 'read', pupil, false],
    ['fritidsledare', 'read', pupil, false],
    ['foreningsnyckelperson', 'read', pupil, false],
    ['mentor', 'read', pupil, false],
    ['administrator', 'read', pupil, false],
    ['administrator', 'find', pupil, false],
    ['administrator', 'lookupForReview', pupil, false],
    ['analytiker', 'read', pupil, false],
    ['polis', 'find', pupil, false],
    // The reviewer finds a person (summary only) to review, but never reads the record.
    ['loggranskare', 'find', protectedPerson, true],
    ['loggranskare', 'lookupForReview', protectedPerson, true],
    ['loggranskare', 'read', pupil, false],
    ['loggranskare', 'readIdentityNumber', pupil, false],
    ['loggranskare', 'readNotes', pupil, false],
    ['handlaggare', 'lookupForReview', pupil, false],
    // Another tenant's person: nobody, not even the strongest role.
    ['handlaggare', 'read', foreignPerson, false],
    ['mottagning', 'update', foreignPerson, false],
    ['loggranskare', 'find', foreignPerson, false],
    // An unknown action is refused.
    ['handlaggare', 'delete', pupil, false],
  ];
  it.each(table)('%s may %s: case %#', (role, action, resource, expected) => {
    expect(can(actor(role), action, resource)).toBe(expected);
  });

  it.each([
    ['koordinator', true, true],
    ['handlaggare', true, true],
    ['mottagning', true, true],
    ['skolpersonal', false, true],
    ['loggranskare', false, true],
    ['polis', false, false],
    ['administrator', false, false],
    ['analytiker', false, false],
  ] as [Role, boolean, boolean][])('%s on the register: create %s, find %s', (role, create, find) => {
    expect(can(actor(role), 'create', register)).toBe(create);
    expect(can(actor(role), 'find', register)).toBe(find);
    expect(can(actor(role), 'update', register)).toBe(false);
  });

  it('refuses every action on the register of another tenant', () => {
    const foreignRegister = { ...register, tenantId: OTHER_TENANT };
    for (const action of ['create', 'search', 'find', 'lookupForReview']) {
      expect(can(actor('handlaggare'), action, foreignRegister)).toBe(false);
      expect(can(actor('loggranskare'), action, foreignRegister)).toBe(false);
    }
  });

  it('sends abilities that agree with can() for every role', () => {
    for (const role of ROLE_KEYS) {
      const abilities = abilitiesOf(actor(role), pupil);
      for (const [action, allowed] of Object.entries(abilities)) expect(allowed).toBe(can(actor(role), action, pupil));
    }
    expect(abilitiesOf(actor('skolpersonal'), pupil)).toMatchObject({ read: true, readIdentityNumber: false, readNotes: false, update: false });
  });
});

describe('register extract rules', () => {
  // Issue 12: the extract stays with the log reviewer's person page; the administrator sees nothing about children.
  it.each(ROLE_KEYS.map((role) => [role, role === 'loggranskare'] as const))('%s may produce a register extract: %s', (role, expected) => {
    expect(can(actor(role), 'produce', { kind: 'register_extract', tenantId: TENANT, id: PERSON_ID })).toBe(expected);
  });

  it("refuses the reviewer another tenant's person", () => {
    expect(can(actor('loggranskare'), 'produce', { kind: 'register_extract', tenantId: OTHER_TENANT, id: PERSON_ID })).toBe(false);
  });
});

describe('audit log rules', () => {
  it.each(ROLE_KEYS.map((role) => [role, role === 'loggranskare'] as const))('%s may review the log: %s', (role, expected) => {
    for (const action of ['search', 'export', 'verify', 'personHistory']) {
      expect(can(actor(role), action, auditLog)).toBe(expected);
    }
  });

  it("refuses the reviewer another tenant's log", () => {
    expect(can(actor('loggranskare'), 'search', { ...auditLog, tenantId: OTHER_TENANT })).toBe(false);
    expect(can(actor('loggranskare', SCHOOL, OTHER_TENANT), 'search', auditLog)).toBe(false);
  });
});
