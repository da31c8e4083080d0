import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { forum, forumMember, keyPerson, organisation } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import {
  ORGANISATION_NUMBER_TYPES,
  type DirectoryOrganisation,
  type DirectoryQuery,
  type KeyPerson,
  type KeyPersonInput,
  type KeyPersonRole,
} from '../../../shared/directory';
import type { OrganisationType } from '../../../shared/organisations';
import type { DirectoryResource } from './policy';

export type KeyPersonRow = typeof keyPerson.$inferSelect;
type OrganisationRow = typeof organisation.$inferSelect;

export function directoryResource(tenantId: string, id: string | null): DirectoryResource {
  return { kind: 'directory', tenantId, id };
}

export function takesOrganisationNumber(type: string): boolean {
  return (ORGANISATION_NUMBER_TYPES as readonly string[]).includes(type);
}

/** Every query names its tenant as well: row-level security is the second wall, not the only one. */
export async function findOrganisationRow(tx: Tx, tenantId: string, id: string): Promise<OrganisationRow | null> {
  const [row] = await tx
    .select()
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findKeyPerson(tx: Tx, tenantId: string, id: string): Promise<KeyPersonRow | null> {
  const [row] = await tx
    .select()
    .from(keyPerson)
    .where(and(eq(keyPerson.tenantId, tenantId), eq(keyPerson.id, id)))
    .limit(1);
  return row ?? null;
}

function keyPersonValues(input: KeyPersonInput) {
  return {
    organisationId: input.organisationId,
    name: input.name,
    role: input.role,
    roleOther: input.role === 'annan' ? input.roleOther : null,
    phone: input.phone,
    email: input.email,
    forums: input.forums,
    legalBasis: input.legalBasis,
  };
}

export async function insertKeyPerson(tx: Tx, tenantId: string, input: KeyPersonInput, userId: string): Promise<KeyPersonRow> {
  const [row] = await tx
    .insert(keyPerson)
    .values({ tenantId, ...keyPersonValues(input), updatedBy: userId })
    .returning();
  return row!;
}

const EDITABLE = ['organisationId', 'name', 'role', 'roleOther', 'phone', 'email', 'forums', 'legalBasis'] as const;

/** Replaces the key person's fields; says which ones changed (names only, for the audit). */
export async function replaceKeyPerson(tx: Tx, current: KeyPersonRow, input: KeyPersonInput, userId: string): Promise<{ row: KeyPersonRow; changed: string[] }> {
  const values = keyPersonValues(input);
  const changed = EDITABLE.filter((key) => JSON.stringify(values[key]) !== JSON.stringify(current[key]));
  if (changed.length === 0) return { row: current, changed: [] };
  const [row] = await tx
    .update(keyPerson)
    .set({ ...values, updatedAt: new Date(), updatedBy: userId })
    .where(and(eq(keyPerson.tenantId, current.tenantId), eq(keyPerson.id, current.id)))
    .returning();
  return { row: row!, changed: [...changed] };
}

export async function deleteKeyPerson(tx: Tx, current: KeyPersonRow): Promise<void> {
  await tx.delete(keyPerson).where(and(eq(keyPerson.tenantId, current.tenantId), eq(keyPerson.id, current.id)));
}

export async function setOrganisationNumber(tx: Tx, current: OrganisationRow, organisationNumber: string | null): Promise<OrganisationRow> {
  const [row] = await tx
    .update(organisation)
    .set({ organisationNumber })
    .where(and(eq(organisation.tenantId, current.tenantId), eq(organisation.id, current.id)))
    .returning();
  return row!;
}

/** A key person's forums in Samverka, by key person: read from the forums' member lists. */
export async function forumsOfKeyPersons(tx: Tx, tenantId: string): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await tx
    .select({ keyPersonId: forumMember.keyPersonId, id: forum.id, name: forum.name })
    .from(forumMember)
    .innerJoin(forum, and(eq(forum.tenantId, forumMember.tenantId), eq(forum.id, forumMember.forumId)))
    .where(and(eq(forumMember.tenantId, tenantId), eq(forumMember.kind, 'key_person')))
    .orderBy(asc(sql`lower(${forum.name})`), asc(forum.id));
  const byPerson = new Map<string, { id: string; name: string }[]>();
  for (const row of rows) {
    if (row.keyPersonId === null) continue;
    byPerson.set(row.keyPersonId, [...(byPerson.get(row.keyPersonId) ?? []), { id: row.id, name: row.name }]);
  }
  return byPerson;
}

export function presentKeyPerson(actor: Actor, row: KeyPersonRow, organisationName: string, memberOf: { id: string; name: string }[] = []): KeyPerson {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName,
    name: row.name,
    role: row.role as KeyPersonRole,
    roleOther: row.roleOther,
    phone: row.phone,
    email: row.email,
    forums: row.forums,
    memberOf,
    legalBasis: row.legalBasis,
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, directoryResource(row.tenantId, row.id)),
  };
}

function presentOrganisation(actor: Actor, row: OrganisationRow, keyPersons: KeyPerson[]): DirectoryOrganisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type as OrganisationType,
    active: row.active,
    organisationNumber: row.organisationNumber,
    takesOrganisationNumber: takesOrganisationNumber(row.type),
    keyPersons,
    abilities: abilitiesOf(actor, directoryResource(row.tenantId, row.id)),
  };
}

function matches(haystack: (string | null)[], needle: string): boolean {
  return haystack.some((value) => value !== null && value.toLocaleLowerCase('sv').includes(needle));
}

/**
 * The directory, sorted by organisation and person name. With `q`, an organisation is listed when its
 * name or number matches (with all its key persons of the role asked for) or when one of its key persons
 * matches (with those persons). A tenant's directory is small: it is filtered in memory.
 */
export async function readDirectory(
  tx: Tx,
  actor: Actor,
  query: DirectoryQuery,
): Promise<{ organisations: DirectoryOrganisation[]; allOrganisations: { id: string; name: string }[]; personCount: number }> {
  const organisations = await tx
    .select()
    .from(organisation)
    .where(eq(organisation.tenantId, actor.tenantId))
    .orderBy(asc(sql`lower(${organisation.name})`), asc(organisation.id));
  const persons = await tx
    .select()
    .from(keyPerson)
    .where(eq(keyPerson.tenantId, actor.tenantId))
    .orderBy(asc(sql`lower(${keyPerson.name})`), asc(keyPerson.id));
  const memberOf = await forumsOfKeyPersons(tx, actor.tenantId);
  const needle = query.q?.toLocaleLowerCase('sv') ?? '';
  const result: DirectoryOrganisation[] = [];
  let personCount = 0;
  for (const org of organisations) {
    if (query.organisationId && org.id !== query.organisationId) continue;
    const own = persons.filter((person) => person.organisationId === org.id && (!query.role || person.role === query.role));
    const organisationMatches = needle === '' || matches([org.name, org.organisationNumber], needle);
    const shown = organisationMatches ? own : own.filter((person) =>
          matches([person.name, person.role, person.roleOther, person.email, person.phone, ...person.forums, ...(memberOf.get(person.id) ?? []).map((f) => f.name)], needle),
        );
    if (query.role && shown.length === 0) continue;
    if (!organisationMatches && shown.length === 0) continue;
    personCount += shown.length;
    result.push(presentOrganisation(actor, org, shown.map((person) => presentKeyPerson(actor, person, org.name, memberOf.get(person.id)))));
  }
  return { organisations: result, allOrganisations: organisations.map((org) => ({ id: org.id, name: org.name })), personCount };
}
