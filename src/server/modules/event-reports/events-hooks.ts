import type { Tx } from '../../db/client';

/**
 * What another module needs to know of an event to keep its own figures (the lägesbild's rollups,
 * issue 14 §5): where, when, which category and whether it counts. Never the description.
 */
export interface EventFacts {
  id: string;
  source: string;
  status: string;
  category: string;
  placeId: string | null;
  areaId: string | null;
  cell: string | null;
  isoWeek: number;
  weekday: number;
  hour: number | null;
  occurredFrom: Date;
}

export type EventsInsertedHook = (tx: Tx, tenantId: string, rows: readonly EventFacts[]) => Promise<void>;
/** `before` and `after` are the same events, in the same order, before and after a review changed them. */
export type EventsChangedHook = (tx: Tx, tenantId: string, before: readonly EventFacts[], after: readonly EventFacts[]) => Promise<void>;

/**
 * Hooks run in the inserting (or reviewing) transaction, so figures kept elsewhere commit or roll back
 * with the events. A module registers at load (e.g. the lägesbild's rollups); this file imports
 * nothing of either side, so there is no import cycle.
 */
export const eventsInsertedHooks: EventsInsertedHook[] = [];
export const eventsChangedHooks: EventsChangedHook[] = [];

export function onEventsInserted(hook: EventsInsertedHook): void {
  if (!eventsInsertedHooks.includes(hook)) eventsInsertedHooks.push(hook);
}

export function onEventsChanged(hook: EventsChangedHook): void {
  if (!eventsChangedHooks.includes(hook)) eventsChangedHooks.push(hook);
}

export async function runEventsInserted(tx: Tx, tenantId: string, rows: readonly EventFacts[]): Promise<void> {
  if (rows.length === 0) return;
  for (const hook of eventsInsertedHooks) await hook(tx, tenantId, rows);
}

export async function runEventsChanged(tx: Tx, tenantId: string, before: readonly EventFacts[], after: readonly EventFacts[]): Promise<void> {
  if (after.length === 0) return;
  for (const hook of eventsChangedHooks) await hook(tx, tenantId, before, after);
}
