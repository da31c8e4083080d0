import { api, isApiError } from '../../api/client';
import {
  formTokenSchema,
  publicConcernReceiptSchema,
  publicPlaceReportReceiptSchema,
  publicTenantListSchema,
  publicTenantSchema,
  type FormToken,
} from '../../../shared/concerns-public';
import type { Draft } from './draft';
import type { FormLanguage } from './oro-text';

export const publicKeys = {
  tenants: ['public', 'tenants'] as const,
  tenant: (slug: string) => ['public', 'tenant', slug] as const,
  token: (slug: string) => ['public', 'form-token', slug] as const,
};

export const fetchTenants = () => api('/api/public/tenants', { schema: publicTenantListSchema });
export const fetchTenant = (slug: string) =>
  api(`/api/public/tenants/${encodeURIComponent(slug)}`, {
    schema: publicTenantSchema,
  });
export const fetchFormToken = () => api('/api/public/form-token', { schema: formTokenSchema });

const given = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The same id on every Send of one filled-in form: a retry is answered with the first receipt. */
const submission = (draft: Draft) => (draft.submissionId ? { submissionId: draft.submissionId } : {});

/** The body of POST /api/public/concerns from the draft; empty optional fields are left out. */
export function concernBody(draft: Draft, tenant: string, token: FormToken, website: string, language: FormLanguage) {
  const role = draft.role;
  const contact = {
    name: given(draft.contactName),
    phone: given(draft.contactPhone),
    email: given(draft.contactEmail),
  };
  const hasContact = Object.values(contact).some(Boolean);
  const age = Number.parseInt(draft.subjectAge, 10);
  const subject = {
    name: given(draft.subjectName),
    approximateAge: Number.isFinite(age) ? age : undefined,
    school: given(draft.subjectSchool),
    whereSeen: given(draft.subjectWhereSeen),
  };
  return {
    tenant,
    formToken: token.token,
    website,
    language,
    ...submission(draft),
    reporter: {
      role,
      ...(role === 'forening'
        ? draft.associationId && draft.associationId !== 'other'
          ? { associationId: draft.associationId }
          : { associationName: given(draft.associationName) }
        : {}),
      ...(role === 'yrkesperson'
        ? {
            organisationType: given(draft.organisationType),
            organisationName: given(draft.organisationName),
          }
        : {}),
      ...(hasContact ? { contact } : {}),
    },
    ...(Object.values(subject).some((value) => value !== undefined) ? { subject } : {}),
    categories: draft.categories,
    description: draft.description.trim(),
    place: given(draft.place),
    occurredOn: given(draft.occurredOn),
    guardiansKnow: given(draft.guardiansKnow),
  };
}

export function placeReportBody(draft: Draft, tenant: string, token: FormToken, website: string, language: FormLanguage) {
  return {
    tenant,
    formToken: token.token,
    website,
    language,
    ...submission(draft),
    place: draft.place.trim(),
    occurredOn: draft.occurredOn,
    occurredTime: given(draft.occurredTime),
    eventType: draft.eventType,
    description: draft.description.trim(),
  };
}

export type SubmitOutcome =
  | { kind: 'sent'; receiptCode: string }
  | { kind: 'invalid'; fields: Record<string, string>; message: string }
  | { kind: 'refused' }
  | { kind: 'rate_limited' }
  | { kind: 'failed' };

/**
 * The server words its messages in Swedish or English, in the interface language the request carried.
 * When the form is in another language (Arabic, Somali, Persian, or the other of sv/en), a Swedish
 * sentence on an Arabic form helps nobody: each field gets the form's own "check this" instead, still on
 * its field, and the form's own step checks (in its language) already catch nearly everything first.
 */
export function inFormLanguage(fields: Record<string, string>, formLanguage: string, serverLanguage: string, checkField: string): Record<string, string> {
  if (formLanguage === serverLanguage) return fields;
  return Object.fromEntries(Object.keys(fields).map((path) => [path, checkField]));
}

/** Waits out the token's notBefore (normally long past by the time anyone presses Send). */
async function untilAllowed(token: FormToken): Promise<void> {
  const wait = new Date(token.notBefore).getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
}

export async function submitReport(track: 'person' | 'place', body: object, token: FormToken): Promise<SubmitOutcome> {
  await untilAllowed(token);
  try {
    if (track === 'person') {
      const receipt = await api('/api/public/concerns', {
        method: 'POST',
        body,
        schema: publicConcernReceiptSchema,
      });
      return { kind: 'sent', receiptCode: receipt.receiptCode };
    }
    const receipt = await api('/api/public/place-reports', {
      method: 'POST',
      body,
      schema: publicPlaceReportReceiptSchema,
    });
    return { kind: 'sent', receiptCode: receipt.receiptCode };
  } catch (error) {
    if (!isApiError(error)) return { kind: 'failed' };
    if (error.code === 'submission_refused') return { kind: 'refused' };
    if (error.status === 429) return { kind: 'rate_limited' };
    if (error.status === 400) return { kind: 'invalid', fields: error.fields, message: error.message };
    return { kind: 'failed' };
  }
}
