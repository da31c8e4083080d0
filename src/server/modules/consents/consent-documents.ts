import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Tx } from '../../db/client';
import { consentDocument } from '../../db/schema';
import { invalid } from '../../http/errors';
import { CONSENT_DOCUMENT_TYPES, type ConsentDocument } from '../../../shared/consents';
import type { ConsentCrypto } from './consent-crypto';
import type { ConsentRow } from './consent-record';

export type ConsentDocumentType = (typeof CONSENT_DOCUMENT_TYPES)[number];

export function isConsentDocumentType(value: string): value is ConsentDocumentType {
  return (CONSENT_DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** The declared type without parameters (`application/pdf; charset=x` → `application/pdf`). */
export function declaredType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The bytes must be what the header says: a PNG sent as a PDF is refused, so what is stored as a
 * signed form opens as one, and nothing else is smuggled in under an accepted type.
 */
export async function checkDocumentBytes(bytes: Buffer, declared: string): Promise<ConsentDocumentType> {
  if (!isConsentDocumentType(declared)) throw invalid({ file: 'file_type_not_accepted' });
  if (bytes.length === 0) throw invalid({ file: 'file_empty' });
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== declared) throw invalid({ file: 'file_type_mismatch' });
  return declared;
}

/** Stores a scan as one of this consent's (and so of its person's). */
export async function storeDocument(tx: Tx, crypto: ConsentCrypto, userId: string, row: ConsentRow, bytes: Buffer, contentType: ConsentDocumentType): Promise<ConsentDocument> {
  const id = randomUUID();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [stored] = await tx
    .insert(consentDocument)
    .values({
      tenantId: row.tenantId,
      id,
      personId: row.personId,
      consentId: row.id,
      contentType,
      size: bytes.length,
      sha256,
      contentEncrypted: crypto.encryptBytes(row.tenantId, id, bytes),
      uploadedBy: userId,
    })
    .returning({ uploadedAt: consentDocument.uploadedAt });
  return { id, contentType, size: bytes.length, sha256, uploadedAt: stored!.uploadedAt.toISOString() };
}

/** The consent's own scans, oldest first: what they are, never their bytes. */
export async function listDocuments(tx: Tx, row: Pick<ConsentRow, 'tenantId' | 'id'>): Promise<ConsentDocument[]> {
  const rows = await tx
    .select({ id: consentDocument.id, contentType: consentDocument.contentType, size: consentDocument.size, sha256: consentDocument.sha256, uploadedAt: consentDocument.uploadedAt })
    .from(consentDocument)
    .where(and(eq(consentDocument.tenantId, row.tenantId), eq(consentDocument.consentId, row.id)))
    .orderBy(asc(consentDocument.uploadedAt), asc(consentDocument.id));
  return rows.map((document) => ({ ...document, contentType: document.contentType as ConsentDocumentType, uploadedAt: document.uploadedAt.toISOString() }));
}

/** Whether the scan is one of this consent's: only those may be named as a party's signed form on it. */
export async function isDocumentOf(tx: Tx, row: Pick<ConsentRow, 'tenantId' | 'id'>, documentId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: consentDocument.id })
    .from(consentDocument)
    .where(and(eq(consentDocument.tenantId, row.tenantId), eq(consentDocument.id, documentId), eq(consentDocument.consentId, row.id)));
  return found !== undefined;
}

/** A scan of this consent, decrypted and checked against its hash, or null (another consent's scan too, even the same person's). */
export async function readDocument(tx: Tx, crypto: ConsentCrypto, row: ConsentRow, documentId: string) {
  const [document] = await tx
    .select()
    .from(consentDocument)
    .where(and(eq(consentDocument.tenantId, row.tenantId), eq(consentDocument.id, documentId), eq(consentDocument.consentId, row.id)));
  if (!document) return null;
  const bytes = crypto.decryptBytes(row.tenantId, document.id, document.contentEncrypted);
  if (createHash('sha256').update(bytes).digest('hex') !== document.sha256) throw new Error('Consent document does not match its hash');
  return { contentType: document.contentType as ConsentDocumentType, bytes, sha256: document.sha256 };
}
