import type { Database } from '../../db/client';
import type { IntakeDeps } from './submit-report';
import type { TenantRef } from './tenant-directory';
import { prepareReport, writeReportAlone, writeReports, type PreparedReport, type ReportAnswer, type Submission } from './write-reports';

/**
 * Group commit for the public intake. Under load, submissions to one tenant that arrive while
 * earlier batches are being written wait a moment and are written together in ONE statement, and
 * so one transaction, however many reports (write-reports.ts). Every waiting request gets its
 * receipt only after that transaction has committed.
 *
 * Without load nothing waits: a lone submission is written at the next turn of the event loop.
 * If a batch fails, each of its reports is written again alone, so that one bad report (or a
 * tenant with nowhere to route: 404) never fails another.
 *
 * The same submission id twice in one batch (a double click, a retry racing its first try) needs
 * nothing here: the database writes it once and both hear the first receipt (submission-id.ts).
 */
const MAX_BATCH = 32;
/** Batches in flight per tenant; the rest of the pool stays free for everyone else. */
const MAX_IN_FLIGHT = 3;

interface Waiting {
  prepared: PreparedReport;
  submission: Submission;
  resolve: (receipt: { receiptCode: string }) => void;
  reject: (error: unknown) => void;
}

interface TenantQueue {
  tenant: TenantRef;
  waiting: Waiting[];
  inFlight: number;
  scheduled: boolean;
}

class IntakeBatcher {
  private readonly queues = new Map<string, TenantQueue>();

  constructor(private readonly deps: IntakeDeps) {}

  submit(tenant: TenantRef, submission: Submission): Promise<{ receiptCode: string }> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(tenant.id);
      if (!queue) {
        queue = { tenant, waiting: [], inFlight: 0, scheduled: false };
        this.queues.set(tenant.id, queue);
      }
      queue.waiting.push({ prepared: prepareReport(this.deps, tenant, submission), submission, resolve, reject });
      this.schedule(queue);
    });
  }

  /** Gathers what arrives in the same turn of the event loop, then writes. */
  private schedule(queue: TenantQueue): void {
    if (queue.scheduled) return;
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      this.drain(queue);
    });
  }

  private drain(queue: TenantQueue): void {
    while (queue.waiting.length > 0 && queue.inFlight < MAX_IN_FLIGHT) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      queue.inFlight += 1;
      void this.write(queue.tenant, batch).finally(() => {
        queue.inFlight -= 1;
        if (queue.waiting.length > 0) this.schedule(queue);
        else if (queue.inFlight === 0) this.queues.delete(queue.tenant.id);
      });
    }
  }

  private async write(tenant: TenantRef, batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      await writeReportAlone(this.deps, tenant, only.submission, only.prepared).then(only.resolve, only.reject);
      return;
    }
    let answers: ReportAnswer[];
    try {
      answers = await writeReports(this.deps, tenant, batch.map((w) => w.prepared));
    } catch {
      // Nothing of the batch was committed: each report is tried again on its own, and answers for itself.
      await Promise.all(batch.map((w) => writeReportAlone(this.deps, tenant, w.submission).then(w.resolve, w.reject)));
      return;
    }
    batch.forEach((w, i) => {
      const answer = answers[i]!;
      if ('failed' in answer) w.reject(answer.failed);
      else w.resolve(answer);
    });
  }
}

/** One batcher per database (one per running application; tests start several). */
const batchers = new WeakMap<Database, IntakeBatcher>();

export function submitInBatch(deps: IntakeDeps, tenant: TenantRef, submission: Submission): Promise<{ receiptCode: string }> {
  let batcher = batchers.get(deps.database);
  if (!batcher) {
    batcher = new IntakeBatcher(deps);
    batchers.set(deps.database, batcher);
  }
  return batcher.submit(tenant, submission);
}
