import { api, isApiError } from '../../api/client';
import { fieldReportSchema } from '../../../shared/field-reports';
import { eventReportSchema } from '../../../shared/event-reports';
import { removeWaiting, updateWaiting, waitingReports, type WaitingReport } from './outbox';

export type SendOutcome = 'sent' | 'refused' | 'offline';

/**
 * Sends one waiting report, a field report or an event report (outbox.ts), each to its own route. 200 and 201 both mean the server has it (201 the first time, 200 when an
 * earlier send had already arrived but its answer was lost): it leaves the phone. A refusal (4xx but
 * 401) stays, marked, for the user to deal with; a lost connection, a 5xx or a 401 (signed out) stays
 * to be tried again.
 */
export async function sendOne(item: WaitingReport): Promise<SendOutcome> {
  try {
    if (item.kind === 'event_report') await api('/api/event-reports', { method: 'POST', body: item.report, schema: eventReportSchema });
    else await api('/api/field-reports', { method: 'POST', body: item.report, schema: fieldReportSchema });
    await removeWaiting(item.id);
    return 'sent';
  } catch (error) {
    if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) {
      await updateWaiting(item.id, { attempts: item.attempts + 1, refused: { message: error.message, fields: error.fields } });
      return 'refused';
    }
    await updateWaiting(item.id, { attempts: item.attempts + 1 });
    return 'offline';
  }
}

let flushing: Promise<number> | null = null;

/**
 * Sends every waiting report of this user and tenant, of both kinds, one at a time, oldest first; stops at the first
 * that cannot reach the server. Returns how many arrived. Concurrent calls share one run.
 */
export function flushOutbox(userId: string, tenantId: string): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (const item of await waitingReports()) {
        if (item.userId !== userId || item.tenantId !== tenantId || item.refused) continue;
        const outcome = await sendOne(item);
        if (outcome === 'sent') sent += 1;
        if (outcome === 'offline') break;
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}
