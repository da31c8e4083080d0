import type { Tx } from '../../db/client';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { RegisterExtract } from '../../../shared/register-extract';
import type { PersonRow } from '../persons/person-record';
import { accessPart } from './access-part';
import { casesPart } from './cases-part';
import { concernsPart } from './concerns-part';
import { consentsPart } from './consents-part';
import { loadNames } from './names';
import { personPart } from './person-part';
import { ExtractTexts } from './texts';

/** Everything held about one person, read in the caller's transaction (so it is one consistent picture). */
export async function buildRegisterExtract(tx: Tx, cipher: FieldCipher, tenantName: string, row: PersonRow, now: Date = new Date()): Promise<RegisterExtract> {
  const texts = new ExtractTexts(cipher);
  const names = await loadNames(tx, row.tenantId);
  const personal = await personPart(tx, texts, names, row);
  const concerns = await concernsPart(tx, texts, names, row.tenantId, row.id);
  const consents = await consentsPart(tx, texts, names, row.tenantId, row.id);
  const cases = await casesPart(tx, texts, names, row.tenantId, row.id);
  const accessLog = await accessPart(tx, names, row.tenantId, row.id);
  return { producedAt: now.toISOString(), tenantName, ...personal, concerns, consents, cases, accessLog, unreadableTexts: texts.unreadable };
}
