import type { FieldCipher } from '../../crypto/field-cipher';

/**
 * Every free text of a case is encrypted, bound to its tenant, table, column and row: copied into
 * another row or tenant, it does not decrypt. Ids are generated before the insert for that reason.
 */
export type CaseColumn =
  | 'case_factor.note'
  | 'case_goal.text'
  | 'case_action.what'
  | 'case_meeting.participants'
  | 'case_meeting.decisions'
  | 'case_guardian.note'
  | 'sspf_case.close_note'
  | 'sspf_case.protected_decision_note';

export interface CaseCrypto {
  encrypt(column: CaseColumn, tenantId: string, rowId: string, value: string): string;
  decrypt(column: CaseColumn, tenantId: string, rowId: string, token: string): string;
  encryptJson(column: CaseColumn, tenantId: string, rowId: string, value: unknown): string;
  decryptJson<T>(column: CaseColumn, tenantId: string, rowId: string, token: string): T;
}

export function caseCrypto(cipher: FieldCipher): CaseCrypto {
  const context = (column: CaseColumn, tenantId: string, rowId: string) => `${column}:${tenantId}:${rowId}`;
  return {
    encrypt: (column, tenantId, rowId, value) => cipher.encrypt(value, context(column, tenantId, rowId)),
    decrypt: (column, tenantId, rowId, token) => cipher.decrypt(token, context(column, tenantId, rowId)),
    encryptJson: (column, tenantId, rowId, value) => cipher.encrypt(JSON.stringify(value), context(column, tenantId, rowId)),
    decryptJson: <T>(column: CaseColumn, tenantId: string, rowId: string, token: string) => JSON.parse(cipher.decrypt(token, context(column, tenantId, rowId))) as T,
  };
}
