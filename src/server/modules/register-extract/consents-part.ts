import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consent, consentDocument, consentParty, person } from '../../db/schema';
import type { ExtractConsent } from '../../../shared/register-extract';
import type { Names } from './names';
import { bound, type ExtractTexts } from './texts';

/** The consents about the person: what they cover, to whom, for how long, who gave them how, and the scans of each one's signed forms. */
export async function consentsPart(tx: Tx, texts: ExtractTexts, names: Names, tenantId: string, personId: string): Promise<ExtractConsent[]> {
  const rows = await tx
    .select()
    .from(consent)
    .where(and(eq(consent.tenantId, tenantId), eq(consent.personId, personId)))
    .orderBy(asc(consent.validFrom));
  const result: ExtractConsent[] = [];
  for (const row of rows) {
    const parties = await tx
      .select({ kind: consentParty.kind, method: consentParty.method, givenOn: consentParty.givenOn, firstName: person.firstName, lastName: person.lastName })
      .from(consentParty)
      .leftJoin(person, and(eq(person.tenantId, consentParty.tenantId), eq(person.id, consentParty.guardianId)))
      .where(and(eq(consentParty.tenantId, tenantId), eq(consentParty.consentId, row.id)))
      .orderBy(asc(consentParty.givenOn));
    const documents = await tx
      .select({ id: consentDocument.id, contentType: consentDocument.contentType, size: consentDocument.size, uploadedAt: consentDocument.uploadedAt })
      .from(consentDocument)
      .where(and(eq(consentDocument.tenantId, tenantId), eq(consentDocument.consentId, row.id)))
      .orderBy(asc(consentDocument.uploadedAt), asc(consentDocument.id));
    result.push({
      id: row.id,
      caseId: row.caseId,
      categories: row.categories,
      organisations: row.organisationIds.map((id) => names.organisation(id) ?? id),
      purpose: texts.text(row.purposeEncrypted, bound('consent.purpose', tenantId, row.id)),
      validFrom: row.validFrom,
      validTo: row.validTo,
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      parties: parties.map((party) => ({
        kind: party.kind,
        guardianName: party.firstName ? `${party.firstName} ${party.lastName}` : null,
        method: party.method,
        givenOn: party.givenOn,
      })),
      documents: documents.map((document) => ({ ...document, uploadedAt: document.uploadedAt.toISOString() })),
    });
  }
  return result;
}
