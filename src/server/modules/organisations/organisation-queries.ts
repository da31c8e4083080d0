import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { Organisation, OrganisationListQuery, OrganisationType } from '../../../shared/organisations';
import type { OrganisationResource } from './policy';

export type OrganisationRow = typeof organisation.$inferSelect;

export function organisationResource(tenantId: string, id: string | null): OrganisationResource {
  return { kind: 'organisation', tenantId, id };
}

/** Every query names its tenant as well: row-level security is the second wall, not the only one. */
export async function findOrganisation(tx: Tx, tenantId: string, id: string): Promise<OrganisationRow | null> {
  const [row] = await tx
    .select()
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listOrganisations(tx: Tx, tenantId: string, query: OrganisationListQuery): Promise<OrganisationRow[]> {
  const conditions = [eq(organisation.tenantId, tenantId)];
  if (query.type) conditions.push(eq(organisation.type, query.type));
  if (query.active) conditions.push(eq(organisation.active, query.active === 'true'));
  return tx
    .select()
    .from(organisation)
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${organisation.name})`), asc(organisation.id));
}

/** Two organisations with the same name (ignoring case) would be indistinguishable in every picker. */
export async function isOrganisationNameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<boolean> {
  const conditions = [eq(organisation.tenantId, tenantId), eq(sql`lower(${organisation.name})`, name.toLowerCase())];
  if (exceptId) conditions.push(ne(organisation.id, exceptId));
  const [row] = await tx
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(...conditions))
    .limit(1);
  return row !== undefined;
}

export function presentOrganisation(actor: Actor, row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type as OrganisationType,
    isAuthority: row.isAuthority,
    active: row.active,
    abilities: abilitiesOf(actor, organisationResource(row.tenantId, row.id)),
  };
}
