import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { FieldReportInput, FieldReportOptions } from '../../../shared/field-reports';
import type { EventReportInput } from '../../../shared/event-reports';

/**
 * The phone's own store (IndexedDB, through idb-keyval): the reports waiting to be sent, and what the
 * form needs to open without a connection. Nothing here is about a young person: a report holds counts
 * and a text that may not name anyone, and the options are places and organisations. Each waiting
 * report belongs to the user (and tenant) who wrote it and is only ever sent under that user's session.
 *
 * One queue for both kinds of report written in the field: a field report (`kind` absent, as every
 * report queued before event reports existed) and an event report for the lägesbild (`event_report`,
 * src/web/features/event-reports). Either page sends everything its user has waiting.
 */
export type OutboxEntry = { kind?: 'field_report'; report: FieldReportInput } | { kind: 'event_report'; report: EventReportInput };

export type WaitingReport = OutboxEntry & {
  id: string;
  userId: string;
  tenantId: string;
  /** Place name at the time of writing, for the list of waiting reports. */
  placeName: string;
  writtenAt: string;
  attempts: number;
  /** The server refused it (400/403/409): it stays until the user removes or rewrites it. */
  refused: { message: string; fields: Record<string, string> } | null;
};

export interface CachedProfile {
  userId: string;
  role: string;
  options: FieldReportOptions;
}

let outboxStore: UseStore | null = null;
let profileStore: UseStore | null = null;
const outbox = () => (outboxStore ??= createStore('samverka-field-reports', 'outbox'));
const profiles = () => (profileStore ??= createStore('samverka-field-report-form', 'profile'));

export async function queueReport(report: WaitingReport): Promise<void> {
  await set(report.id, report, outbox());
}

export async function waitingReports(): Promise<WaitingReport[]> {
  const all = await entries<string, WaitingReport>(outbox());
  return all.map(([, value]) => value).sort((a, b) => a.writtenAt.localeCompare(b.writtenAt));
}

export async function updateWaiting(id: string, patch: Partial<Pick<WaitingReport, 'attempts' | 'refused'>>): Promise<void> {
  const current = await get<WaitingReport>(id, outbox());
  if (current) await set(id, { ...current, ...patch }, outbox());
}

export async function removeWaiting(id: string): Promise<void> {
  await del(id, outbox());
}

export async function saveProfile(profile: CachedProfile): Promise<void> {
  await set('current', profile, profiles());
}

export async function cachedProfile(): Promise<CachedProfile | null> {
  return (await get<CachedProfile>('current', profiles())) ?? null;
}
