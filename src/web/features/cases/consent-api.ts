import { ApiError, api } from '../../api/client';
import { currentLanguage } from '../../i18n/language';
import { CONSENT_DOCUMENT_MAX_BYTES, CONSENT_DOCUMENT_TYPES, consentDocumentSchema } from '../../../shared/consents';

/** What is wrong with a chosen scan before it is sent, as a translation key, or null. */
export function documentProblem(file: File): 'fileType' | 'fileSize' | null {
  if (!(CONSENT_DOCUMENT_TYPES as readonly string[]).includes(file.type)) return 'fileType';
  if (file.size > CONSENT_DOCUMENT_MAX_BYTES) return 'fileSize';
  return null;
}

/**
 * The scan goes as the raw request body with its own Content-Type (not JSON, not multipart), so
 * it cannot go through `api()`; the headers are the same ones `api()` sends on a write.
 */
export async function uploadConsentDocument(consentId: string, file: File) {
  const response = await fetch(`/api/consents/${consentId}/documents`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': file.type,
      accept: 'application/json',
      'accept-language': currentLanguage(),
      'x-samverka-csrf': '1',
    },
    body: file,
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (
      data as {
        error?: {
          code?: string;
          message?: string;
          fields?: Record<string, string>;
        };
      } | null
    )?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? '', error?.fields ?? {});
  }
  return consentDocumentSchema.pick({ id: true }).parse(data);
}

export const recordParty = (consentId: string, body: unknown) => api(`/api/consents/${consentId}/parties`, { method: 'POST', body });
