import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation } from '../../db/schema';
import { conflict } from '../../http/errors';
import type { OrganisationInput } from '../../../shared/organisations';
import { isOrganisationNameTaken, type OrganisationRow } from './organisation-queries';

export async function createOrganisation(tx: Tx, tenantId: string, input: OrganisationInput): Promise<OrganisationRow> {
  if (await isOrganisationNameTaken(tx, tenantId, input.name)) throw conflict({ name: 'organisation_name_taken' });
  const [created] = await tx
    .insert(organisation)
    .values({ tenantId, name: input.name, type: input.type, isAuthority: input.isAuthority })
    .returning();
  return created!;
}

export interface OrganisationChanges {
  name?: string;
  type?: OrganisationInput['type'];
  isAuthority?: boolean;
  active?: boolean;
}

/** Applies only the fields that differ, and says which ones did (for the audit event). */
export async function updateOrganisation(
  tx: Tx,
  current: OrganisationRow,
  changes: OrganisationChanges,
): Promise<{ row: OrganisationRow; changed: (keyof OrganisationChanges)[] }> {
  const changed = (Object.keys(changes) as (keyof OrganisationChanges)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== current[key],
  );
  if (changed.length === 0) return { row: current, changed };
  if (changes.name !== undefined && changed.includes('name') && (await isOrganisationNameTaken(tx, current.tenantId, changes.name, current.id))) {
    throw conflict({ name: 'organisation_name_taken' });
  }
  const values = Object.fromEntries(changed.map((key) => [key, changes[key]]));
  const [row] = await tx
    .update(organisation)
    .set(values)
    .where(and(eq(organisation.tenantId, current.tenantId), eq(organisation.id, current.id)))
    .returning();
  return { row: row!, changed };
}
