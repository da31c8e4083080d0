import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { associationReportingContact, organisation } from '../../db/schema';
import { associationGuidePath, concernFormPath, EMERGENCY_NUMBERS, type AssociationGuide } from '../../../shared/associations';
import { CONCERN_PATHS, DECISION_DEADLINE_DAYS } from '../../../shared/concerns';
import { publicTenantFacts, type TenantRef } from '../concerns/tenant-directory';
import { shortUrl, type PosterInput } from './poster';

export const publicPaths = (slug: string) => ({
  qrCode: `/api/public/tenants/${slug}/concern-qr.svg`,
  poster: `/api/public/tenants/${slug}/concern-poster.pdf`,
  guide: associationGuidePath(slug),
});

/** The public facts of the association guide. Read without a user, under the tenant's row-level security. */
export async function associationGuide(database: Database, ref: TenantRef, publicUrl: string): Promise<AssociationGuide> {
  const facts = await publicTenantFacts(database, ref, 0);
  const names = await reportingContactNames(database, ref.id);
  const paths = publicPaths(ref.slug);
  return {
    tenant: { slug: ref.slug, name: ref.name },
    formUrl: `${publicUrl}${concernFormPath(ref.slug)}`,
    statusUrl: `${publicUrl}${CONCERN_PATHS.publicStatus}`,
    qrCodeUrl: `${publicUrl}${paths.qrCode}`,
    posterUrl: `${publicUrl}${paths.poster}`,
    acceptsConcerns: facts.acceptsConcerns,
    contact: facts.contact,
    socialServicesPhone: facts.socialServicesPhone,
    emergencyNumbers: { ...EMERGENCY_NUMBERS },
    deadlines: { protectionAssessment: 'same_day', decisionWithinDays: DECISION_DEADLINE_DAYS },
    associations: facts.associations.map((association) => ({ ...association, reportingContactName: names.get(association.id) ?? null })),
  };
}

/** Only the names: the public guide never shows an anmälningsansvarig's phone or e-mail. */
async function reportingContactNames(database: Database, tenantId: string): Promise<Map<string, string>> {
  const rows = await inContext(database.db, { tenantId, userId: null }, (tx) =>
    tx
      .select({ organisationId: associationReportingContact.organisationId, name: associationReportingContact.name })
      .from(associationReportingContact)
      .innerJoin(organisation, and(eq(organisation.tenantId, associationReportingContact.tenantId), eq(organisation.id, associationReportingContact.organisationId)))
      .where(and(eq(associationReportingContact.tenantId, tenantId), eq(organisation.active, true))),
  );
  return new Map(rows.map((row) => [row.organisationId, row.name]));
}

/** What the poster prints; `associationId` makes it one association's poster (unknown: null). */
export function posterInput(guide: AssociationGuide, associationId: string | undefined): PosterInput | null {
  const association = associationId ? guide.associations.find((candidate) => candidate.id === associationId) : undefined;
  if (associationId && !association) return null;
  return {
    tenantName: guide.tenant.name,
    formUrl: guide.formUrl,
    shortFormUrl: shortUrl(guide.formUrl),
    statusUrl: guide.statusUrl,
    socialServicesPhone: guide.socialServicesPhone,
    contact: guide.contact,
    association: association ? { name: association.name, reportingContactName: association.reportingContactName } : null,
  };
}
