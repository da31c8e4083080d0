import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { offer, organisation, referral, sspfCase } from '../../db/schema';
import { ACTIVE_REFERRAL_STATUSES } from '../../../shared/referrals';
import type { ReferralResource } from './policy';

export type ReferralRow = typeof referral.$inferSelect & {
  offerTitle: string;
  offerKind: string;
  providerName: string;
  referringOrganisationName: string;
  directorUserId: string | null;
  caseOwnerOrganisationId: string | null;
};

const referrer = alias(organisation, 'referrer');

/** Referrals with their offer, the organisations' names and the case's director, oldest first. */
export async function selectReferrals(tx: Tx, tenantId: string, where: SQL[]): Promise<ReferralRow[]> {
  const rows = await tx
    .select({
      referral,
      offerTitle: offer.title,
      offerKind: offer.kind,
      providerName: organisation.name,
      referringOrganisationName: referrer.name,
      directorUserId: sspfCase.directorUserId,
      caseOwnerOrganisationId: sspfCase.ownerOrganisationId,
    })
    .from(referral)
    .innerJoin(offer, and(eq(offer.tenantId, referral.tenantId), eq(offer.id, referral.offerId)))
    .innerJoin(organisation, and(eq(organisation.tenantId, referral.tenantId), eq(organisation.id, referral.providerOrganisationId)))
    .innerJoin(referrer, and(eq(referrer.tenantId, referral.tenantId), eq(referrer.id, referral.referringOrganisationId)))
    .leftJoin(sspfCase, and(eq(sspfCase.tenantId, referral.tenantId), eq(sspfCase.id, referral.caseId)))
    .where(and(eq(referral.tenantId, tenantId), ...where))
    .orderBy(asc(referral.createdAt), asc(referral.id));
  return rows.map((r) => ({ ...r.referral, offerTitle: r.offerTitle, offerKind: r.offerKind, providerName: r.providerName, referringOrganisationName: r.referringOrganisationName, directorUserId: r.directorUserId, caseOwnerOrganisationId: r.caseOwnerOrganisationId }));
}

export async function findReferral(tx: Tx, tenantId: string, id: string, lock = false): Promise<ReferralRow | null> {
  if (lock) await tx.execute(sql`select 1 from referral where tenant_id = ${tenantId} and id = ${id} for update`);
  return (await selectReferrals(tx, tenantId, [eq(referral.id, id)]))[0] ?? null;
}

export const referralResource = (row: ReferralRow): ReferralResource => ({
  kind: 'referral',
  tenantId: row.tenantId,
  id: row.id,
  status: row.status as ReferralResource['status'],
  providerOrganisationId: row.providerOrganisationId,
  referringOrganisationId: row.referringOrganisationId,
  directorUserId: row.caseId === null ? null : row.directorUserId,
  caseOwnerOrganisationId: row.caseId === null ? null : row.caseOwnerOrganisationId,
});

/** Active referrals (holding a place) per offer. */
export async function activeReferralCounts(tx: Tx, tenantId: string, offerIds: readonly string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const rows = await tx
    .select({ offerId: referral.offerId, n: count() })
    .from(referral)
    .where(and(eq(referral.tenantId, tenantId), inArray(referral.offerId, [...offerIds]), inArray(referral.status, [...ACTIVE_REFERRAL_STATUSES])))
    .groupBy(referral.offerId);
  return new Map(rows.map((r) => [r.offerId, Number(r.n)]));
}

/** The waiting list of one offer, in order (ids). */
export async function waitingList(tx: Tx, tenantId: string, offerId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: referral.id })
    .from(referral)
    .where(and(eq(referral.tenantId, tenantId), eq(referral.offerId, offerId), eq(referral.status, 'vantelista')))
    .orderBy(asc(referral.createdAt), asc(referral.id));
  return rows.map((r) => r.id);
}
