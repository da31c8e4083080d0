import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { offer, organisation, referral } from '../../db/schema';
import { suppressCount, type Cell } from '../../../shared/suppression';
import type { OfferFigures, Placements } from '../../../shared/referrals';

const raw = (value: number): Cell => ({ kind: 'value', value });

/**
 * One offer's referrals, accepted and completed (and waiting now). Each is a count of people, so
 * for readers of suppressed figures each goes through the shared small-cell suppression on its own:
 * no totals or differences are published beside them that a hidden count could be worked out from.
 */
export async function offerFigures(tx: Tx, tenantId: string, offerId: string, suppressed: boolean, k: number): Promise<OfferFigures> {
  const [row] = await tx
    .select({
      referred: count(),
      accepted: sql<number>`count(*) filter (where ${referral.answeredAt} is not null and ${referral.status} <> 'avbojd')`,
      completed: sql<number>`count(*) filter (where ${referral.outcome} = 'genomford')`,
      waiting: sql<number>`count(*) filter (where ${referral.status} = 'vantelista')`,
    })
    .from(referral)
    .where(and(eq(referral.tenantId, tenantId), eq(referral.offerId, offerId)));
  const cell = (value: number | string | undefined) => (suppressed ? suppressCount(Number(value ?? 0), k) : raw(Number(value ?? 0)));
  return { offerId, suppressed, k, referred: cell(row?.referred), accepted: cell(row?.accepted), completed: cell(row?.completed), waiting: cell(row?.waiting) };
}

/** Placements (accepted summer jobs and internships) per providing business, so its contribution shows. */
export async function placementsByBusiness(tx: Tx, tenantId: string, suppressed: boolean, k: number): Promise<Placements> {
  const rows = await tx
    .select({ organisationId: organisation.id, name: organisation.name, placements: count() })
    .from(referral)
    .innerJoin(offer, and(eq(offer.tenantId, referral.tenantId), eq(offer.id, referral.offerId)))
    .innerJoin(organisation, and(eq(organisation.tenantId, referral.tenantId), eq(organisation.id, referral.providerOrganisationId)))
    .where(and(eq(referral.tenantId, tenantId), eq(offer.kind, 'feriejobb_praktik'), eq(organisation.type, 'naringsliv'), inArray(referral.status, ['accepterad', 'paborjad', 'avslutad']), sql`coalesce(${referral.outcome}, '') <> 'paborjades_inte'`))
    .groupBy(organisation.id, organisation.name)
    .orderBy(organisation.name);
  return {
    suppressed,
    k,
    businesses: rows.map((r) => ({ organisationId: r.organisationId, name: r.name, placements: suppressed ? suppressCount(Number(r.placements), k) : raw(Number(r.placements)) })),
  };
}
