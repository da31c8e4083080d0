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

/**
 * Everything held about one person, read in the caller's transaction (so it is one consistent picture).
 * The extract leaves social services: the log reviewer produces it and the person, or a guardian, receives
 * it. So the whereabouts of a person with skyddad folkbokföring (their school; where a report said they
 * go to school, were seen or what happened where) never go into it (`whereaboutsWithheld`); social
 * services answer that part of the request themselves.
 */
export async function buildRegisterExtract(tx: Tx, cipher: FieldCipher, tenantName: string, row: PersonRow, now: Date = new Date()): Promise<RegisterExtract> {
  const texts = new ExtractTexts(cipher);
  const names = await loadNames(tx, row.tenantId);
  const withheld = row.protectedIdentity === 'skyddad_folkbokforing';
  const personal = await personPart(tx, texts, names, row, withheld);
  const concerns = await concernsPart(tx, texts, names, row.tenantId, row.id, withheld);
  const consents = await consentsPart(tx, texts, names, row.tenantId, row.id);
  const cases = await casesPart(tx, texts, names, row.tenantId, row.id);
  const accessLog = await accessPart(tx, names, row.tenantId, row.id);
  return { producedAt: now.toISOString(), tenantName, ...personal, whereaboutsWithheld: withheld, concerns, consents, cases, accessLog, unreadableTexts: texts.unreadable };
}
