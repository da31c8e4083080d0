import { useCallback, useEffect, useState } from 'react';
import { removeWaiting, waitingReports, type WaitingReport } from './outbox';
import { flushOutbox } from './send';

const RETRY_MS = 20_000;

/**
 * The phone's outbox as a page sees it: what waits, whether it is being sent, and sending it. Reports
 * are sent only under the session of the user who wrote them, on page load, when the connection returns
 * (the online event), and every 20 s while any of this user's wait. Shared by the field report and the
 * event report pages, which write into the one queue.
 */
export function useOutbox({ signedIn, userId, tenantId, onSent }: { signedIn: boolean; userId: string; tenantId: string; onSent: (count: number) => void }) {
  const [waiting, setWaiting] = useState<WaitingReport[]>([]);
  const [sending, setSending] = useState(false);

  const refresh = useCallback(async () => setWaiting(await waitingReports()), []);
  const flush = useCallback(async () => {
    if (!signedIn || !navigator.onLine) return 0;
    setSending(true);
    try {
      const sent = await flushOutbox(userId, tenantId);
      if (sent > 0) onSent(sent);
      return sent;
    } finally {
      setSending(false);
      await refresh();
    }
  }, [signedIn, userId, tenantId, onSent, refresh]);

  useEffect(() => {
    void refresh().then(() => flush());
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [refresh, flush]);
  const ownWaiting = waiting.filter((item) => item.userId === userId && !item.refused).length;
  useEffect(() => {
    if (ownWaiting === 0) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [ownWaiting, flush]);

  const remove = useCallback(
    async (id: string) => {
      await removeWaiting(id);
      await refresh();
    },
    [refresh],
  );

  return { waiting, sending, refresh, flush, remove };
}
