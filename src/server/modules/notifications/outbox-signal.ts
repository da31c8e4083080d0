/**
 * Tells a running mail sender that e-mail was queued. notify() runs inside the caller's transaction,
 * so it only marks; the kick comes once the transaction has committed (after the response, or after
 * a background job's transaction). The sender's own interval catches anything a kick misses.
 */
type Listener = () => void;
const listeners = new Set<Listener>();
let queued = false;

export function markQueued(): void {
  queued = true;
}

/** Call after a commit: wakes the sender if anything was queued since the last kick. */
export function kickIfQueued(): void {
  if (!queued) return;
  queued = false;
  for (const listener of listeners) listener();
}

export function onKick(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
