import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { person } from '../../db/schema';
import type { BlindIndex } from '../../crypto/field-cipher';
import type { Actor } from '../../policy/actor';
import { abilitiesOf, can } from '../../policy/can';
import { hasRole } from '../../policy/rules';
import { PERSON_SEARCH_LIMIT, type PersonListItem, type PersonSearchResult } from '../../../shared/persons';
import { REGISTER_ROLES } from './policy';
import { personResource, summaryOf, type PersonRow } from './person-record';

/** Finds the tenant's person with this personnummer (canonical 12 digits) through its HMAC blind index. */
export async function findByIdentityNumber(tx: Tx, tenantId: string, blindIndex: BlindIndex, canonical: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select()
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.identityNumberIndex, blindIndex.compute(tenantId, canonical))))
    .limit(1);
  return row ?? null;
}

/**
 * Name search. Every word must occur in the first or the last name. The SQL narrows the rows to
 * those the `find` rule can allow, so the limit counts only rows the actor may see; `can()` then
 * decides row by row, so the policy file stays the one authority.
 */
export async function searchPersons(tx: Tx, actor: Actor, query: string): Promise<PersonSearchResult> {
  const words = query.split(/\s+/).filter(Boolean).slice(0, 5);
  const rows = await tx
    .select()
    .from(person)
    .where(
      and(
        eq(person.tenantId, actor.tenantId),
        findableBy(actor),
        ...words.map((word) => or(ilike(person.firstName, containing(word)), ilike(person.lastName, containing(word)))),
      ),
    )
    .orderBy(asc(person.lastName), asc(person.firstName), asc(person.birthDate), asc(person.id))
    .limit(PERSON_SEARCH_LIMIT + 1);
  const findable = rows.filter((row) => can(actor, 'find', personResource(row)));
  return {
    persons: findable.slice(0, PERSON_SEARCH_LIMIT).map((row) => listItem(actor, row)),
    truncated: findable.length > PERSON_SEARCH_LIMIT,
  };
}

export function listItem(actor: Actor, row: PersonRow): PersonListItem {
  return { ...summaryOf(row), abilities: abilitiesOf(actor, personResource(row)) };
}

/** The SQL side of the `find` rule in policy.ts; keep the two in step (persons.test.ts searches as each kind of role). */
function findableBy(actor: Actor): SQL {
  // The coordinator finds a person with skyddad folkbokföring too (and reads them with a reason).
  if (hasRole(actor, 'loggranskare', ...REGISTER_ROLES)) return sql`true`;
  if (hasRole(actor, 'skolpersonal')) {
    return and(eq(person.schoolId, actor.organisationId), eq(person.protectedIdentity, 'none'))!;
  }
  return sql`false`;
}

/** An ILIKE pattern matching `word` anywhere, with the user's own % and _ taken literally. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
