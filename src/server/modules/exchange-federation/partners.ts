import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Tx } from '../../db/client';
import { exchangeOutbox, exchangePartner, exchangePartnerTenant } from '../../db/schema';
import type { Partner, PartnerInput } from '../../../shared/exchange-federation';

/**
 * The tenant's pinned partner installations. Every query runs under the tenant's RLS context, so it
 * sees the current tenant's pins only.
 */
export interface PinnedPartner {
  id: string;
  installationId: string;
  name: string;
  endpointUrl: string;
  publicJwk: JWK;
  tenants: { tenantId: string; name: string; municipalityCode: string }[];
}

export async function findPartnerByInstallation(tx: Tx, tenantId: string, installationId: string): Promise<PinnedPartner | null> {
  const [row] = await tx
    .select()
    .from(exchangePartner)
    .where(and(eq(exchangePartner.tenantId, tenantId), eq(exchangePartner.installationId, installationId)));
  if (!row) return null;
  const tenants = await tx
    .select({ tenantId: exchangePartnerTenant.remoteTenantId, name: exchangePartnerTenant.name, municipalityCode: exchangePartnerTenant.municipalityCode })
    .from(exchangePartnerTenant)
    .where(and(eq(exchangePartnerTenant.tenantId, tenantId), eq(exchangePartnerTenant.partnerId, row.id)));
  return { id: row.id, installationId: row.installationId, name: row.name, endpointUrl: row.endpointUrl, publicJwk: row.publicJwk as JWK, tenants };
}

export async function listPartners(tx: Tx, tenantId: string): Promise<Partner[]> {
  const rows = await tx.select().from(exchangePartner).where(eq(exchangePartner.tenantId, tenantId)).orderBy(asc(exchangePartner.name));
  if (rows.length === 0) return [];
  const tenants = await tx
    .select()
    .from(exchangePartnerTenant)
    .where(and(eq(exchangePartnerTenant.tenantId, tenantId), inArray(exchangePartnerTenant.partnerId, rows.map((row) => row.id))))
    .orderBy(asc(exchangePartnerTenant.name));
  const counts = await tx
    .select({ installation: exchangeOutbox.toInstallation, status: exchangeOutbox.status, count: sql<number>`count(*)::int` })
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.tenantId, tenantId), inArray(exchangeOutbox.status, ['pending', 'failed'])))
    .groupBy(exchangeOutbox.toInstallation, exchangeOutbox.status);
  const countOf = (installation: string, status: string) => counts.find((c) => c.installation === installation && c.status === status)?.count ?? 0;
  return rows.map((row) => ({
    id: row.id,
    installationId: row.installationId,
    name: row.name,
    endpointUrl: row.endpointUrl,
    keyThumbprint: row.keyThumbprint,
    tenants: tenants.filter((t) => t.partnerId === row.id).map((t) => ({ tenantId: t.remoteTenantId, name: t.name, municipalityCode: t.municipalityCode })),
    pinnedAt: row.pinnedAt.toISOString(),
    pinnedBy: row.pinnedBy,
    outbox: { pending: countOf(row.installationId, 'pending'), failed: countOf(row.installationId, 'failed') },
  }));
}

export async function thumbprintOf(jwk: PartnerInput['publicJwk']): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
}

/** Inserts or replaces (same id) a pin and its tenants. Returns null when the installation is pinned already (another id). */
export async function savePartner(tx: Tx, tenantId: string, userId: string, input: PartnerInput, id: string | null): Promise<string | null> {
  const values = {
    installationId: input.installationId,
    name: input.name,
    endpointUrl: input.endpointUrl.replace(/\/+$/, ''),
    publicJwk: { kty: input.publicJwk.kty, crv: input.publicJwk.crv, x: input.publicJwk.x, alg: 'EdDSA', use: 'sig' },
    keyThumbprint: await thumbprintOf(input.publicJwk),
  };
  let partnerId: string;
  if (id === null) {
    const [row] = await tx
      .insert(exchangePartner)
      .values({ tenantId, ...values, pinnedBy: userId })
      .onConflictDoNothing()
      .returning({ id: exchangePartner.id });
    if (!row) return null;
    partnerId = row.id;
  } else {
    const clash = await tx
      .select({ id: exchangePartner.id })
      .from(exchangePartner)
      .where(and(eq(exchangePartner.tenantId, tenantId), eq(exchangePartner.installationId, input.installationId)));
    if (clash.some((row) => row.id !== id)) return null;
    await tx
      .update(exchangePartner)
      .set({ ...values, pinnedBy: userId, updatedAt: new Date() })
      .where(and(eq(exchangePartner.tenantId, tenantId), eq(exchangePartner.id, id)));
    await tx.delete(exchangePartnerTenant).where(and(eq(exchangePartnerTenant.tenantId, tenantId), eq(exchangePartnerTenant.partnerId, id)));
    partnerId = id;
  }
  const seen = new Set<string>();
  const tenants = input.tenants.filter((t) => !seen.has(t.tenantId) && seen.add(t.tenantId));
  await tx.insert(exchangePartnerTenant).values(tenants.map((t) => ({ tenantId, partnerId, remoteTenantId: t.tenantId, name: t.name, municipalityCode: t.municipalityCode })));
  return partnerId;
}

export async function partnerExists(tx: Tx, tenantId: string, id: string): Promise<{ installationId: string } | null> {
  const [row] = await tx
    .select({ installationId: exchangePartner.installationId })
    .from(exchangePartner)
    .where(and(eq(exchangePartner.tenantId, tenantId), eq(exchangePartner.id, id)));
  return row ?? null;
}

/**
 * Unpinning: the partner's key is no longer trusted from this moment (its messages are refused as from
 * an unknown partner), and what still waits for it in the outbox is given up, its bodies dropped.
 */
export async function deletePartner(tx: Tx, tenantId: string, id: string, installationId: string): Promise<number> {
  await tx.delete(exchangePartner).where(and(eq(exchangePartner.tenantId, tenantId), eq(exchangePartner.id, id)));
  const dropped = await tx
    .update(exchangeOutbox)
    .set({ status: 'failed', lastError: 'unpinned', bodyEncrypted: null })
    .where(and(eq(exchangeOutbox.tenantId, tenantId), eq(exchangeOutbox.toInstallation, installationId), eq(exchangeOutbox.status, 'pending')))
    .returning({ id: exchangeOutbox.messageId });
  return dropped.length;
}

/** The name the current tenant's pin gives a remote partner tenant (the recipient's RLS context), or null. */
export async function pinnedPartnerTenantName(tx: Tx, endpoint: { installation: string; tenant: string }): Promise<string | null> {
  const [row] = await tx
    .select({ name: exchangePartnerTenant.name })
    .from(exchangePartnerTenant)
    .innerJoin(exchangePartner, and(eq(exchangePartner.tenantId, exchangePartnerTenant.tenantId), eq(exchangePartner.id, exchangePartnerTenant.partnerId)))
    .where(and(sql`${exchangePartnerTenant.tenantId} = app_current_tenant()`, eq(exchangePartner.installationId, endpoint.installation), eq(exchangePartnerTenant.remoteTenantId, endpoint.tenant)));
  return row?.name ?? null;
}

/** The current tenant's pinned remote partner tenants (RLS context), for the exchange's partner list and publication. */
export async function pinnedPartnerTenants(tx: Tx): Promise<{ installation: string; tenantId: string; name: string; municipalityCode: string }[]> {
  return tx
    .select({ installation: exchangePartner.installationId, tenantId: exchangePartnerTenant.remoteTenantId, name: exchangePartnerTenant.name, municipalityCode: exchangePartnerTenant.municipalityCode })
    .from(exchangePartnerTenant)
    .innerJoin(exchangePartner, and(eq(exchangePartner.tenantId, exchangePartnerTenant.tenantId), eq(exchangePartner.id, exchangePartnerTenant.partnerId)))
    .where(sql`${exchangePartnerTenant.tenantId} = app_current_tenant()`)
    .orderBy(asc(exchangePartnerTenant.name));
}
