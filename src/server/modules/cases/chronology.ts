import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseEvent, concern, concernEvent, consent, consentParty, sspfCase, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { concernResource } from '../concerns/concern-record';
import type { CaseSection } from '../../../shared/cases';
import type { CaseCrypto } from './case-crypto';
import { viewCase } from './case-view';

export interface ChronologyEntry {
  id: string;
  at: string;
  type: string;
  section: CaseSection | null;
  actorName: string | null;
  details: Record<string, unknown>;
  caseId: string | null;
  concernId: string | null;
}

export interface Chronology {
  entries: ChronologyEntry[];
  /** The concerns and cases the viewer may read at all (none → the chronology answers 404). */
  concernIds: string[];
  caseIds: string[];
}

/**
 * One timeline for a young person across the concerns linked to them (those the viewer may read
 * under the concern policy) and their cases (each entry only when the viewer sees the section it
 * reveals). Entries carry ids and keys, never free text.
 */
export async function readChronology(tx: Tx, actor: Actor, crypto: CaseCrypto, personId: string): Promise<Chronology> {
  const entries: ChronologyEntry[] = [];
  const concerns = await tx.select().from(concern).where(and(eq(concern.tenantId, actor.tenantId), eq(concern.personId, personId)));
  const readableConcerns = concerns.filter((row) => can(actor, 'read', concernResource(row)));
  if (readableConcerns.length > 0) {
    const rows = await tx
      .select({ id: concernEvent.id, concernId: concernEvent.concernId, type: concernEvent.type, at: concernEvent.occurredAt, actorName: user.name, details: concernEvent.details })
      .from(concernEvent)
      .leftJoin(user, eq(user.id, concernEvent.actorUserId))
      .where(and(eq(concernEvent.tenantId, actor.tenantId), inArray(concernEvent.concernId, readableConcerns.map((row) => row.id))));
    for (const row of rows) {
      entries.push({ id: row.id, at: row.at.toISOString(), type: `concern.${row.type}`, section: null, actorName: row.actorName, details: (row.details ?? {}) as Record<string, unknown>, caseId: null, concernId: row.concernId });
    }
  }

  const cases = await tx.select().from(sspfCase).where(and(eq(sspfCase.tenantId, actor.tenantId), eq(sspfCase.personId, personId)));
  const readableCases: string[] = [];
  const caseViews: ((section: CaseSection) => boolean)[] = [];
  for (const row of cases) {
    const view = await viewCase(tx, actor, crypto, row);
    if (!can(actor, 'read', view.resource)) continue;
    readableCases.push(row.id);
    caseViews.push(view.visibility.visible);
    const shownFactors = new Set(view.detail.factors.map((factor) => factor.id));
    const shownActions = new Set(view.detail.actions.map((action) => action.id));
    const events = await tx
      .select({ id: caseEvent.id, type: caseEvent.type, section: caseEvent.section, at: caseEvent.at, actorName: user.name, details: caseEvent.details })
      .from(caseEvent)
      .leftJoin(user, eq(user.id, caseEvent.actorUserId))
      .where(and(eq(caseEvent.tenantId, actor.tenantId), eq(caseEvent.caseId, row.id)));
    for (const event of events) {
      const details = (event.details ?? {}) as Record<string, unknown>;
      const section = event.section as CaseSection | null;
      if (!entryVisible(section, details, view.visibility.visible, shownFactors, shownActions)) continue;
      entries.push({ id: event.id, at: event.at.toISOString(), type: event.type, section, actorName: event.actorName, details, caseId: row.id, concernId: null });
    }
  }
  // The consent's own steps, for whoever sees the consent section of one of the person's cases.
  const seesConsent = caseViews.some((visible) => visible('consent'));
  if (seesConsent) entries.push(...(await consentEntries(tx, actor.tenantId, personId)));
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return { entries, concernIds: readableConcerns.map((row) => row.id), caseIds: readableCases };
}

/**
 * A case entry is shown when the viewer sees its section; an entry about one factor or action only
 * when that factor or action is shown to them (own records, their own actions).
 */
function entryVisible(section: CaseSection | null, details: Record<string, unknown>, visible: (section: CaseSection) => boolean, factors: Set<string>, actions: Set<string>): boolean {
  if (typeof details.factorId === 'string') return factors.has(details.factorId);
  if (typeof details.actionId === 'string') return actions.has(details.actionId);
  return visible(section ?? 'summary');
}

/** Recorded, each party's consent, withdrawn: ids and kinds only (the purpose and witnesses stay in the consent). */
async function consentEntries(tx: Tx, tenantId: string, personId: string): Promise<ChronologyEntry[]> {
  const consents = await tx
    .select({ id: consent.id, caseId: consent.caseId, createdAt: consent.createdAt, createdBy: consent.createdBy, withdrawnAt: consent.withdrawnAt, withdrawnBy: consent.withdrawnBy })
    .from(consent)
    .where(and(eq(consent.tenantId, tenantId), eq(consent.personId, personId)));
  if (consents.length === 0) return [];
  const parties = await tx
    .select({ id: consentParty.id, consentId: consentParty.consentId, kind: consentParty.kind, method: consentParty.method, recordedAt: consentParty.recordedAt, recordedBy: consentParty.recordedBy })
    .from(consentParty)
    .where(and(eq(consentParty.tenantId, tenantId), inArray(consentParty.consentId, consents.map((c) => c.id))));
  const actorIds = [...new Set([...consents.flatMap((c) => [c.createdBy, c.withdrawnBy]), ...parties.map((p) => p.recordedBy)].filter((id): id is string => id !== null))];
  const names = new Map((actorIds.length ? await tx.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, actorIds)) : []).map((row) => [row.id, row.name]));
  const entries: ChronologyEntry[] = [];
  for (const row of consents) {
    const base = { section: 'consent' as const, caseId: row.caseId, concernId: null };
    entries.push({ ...base, id: row.id, at: row.createdAt.toISOString(), type: 'consent.recorded', actorName: names.get(row.createdBy) ?? null, details: { consentId: row.id } });
    if (row.withdrawnAt) {
      entries.push({ ...base, id: derivedId(row.id, 'withdrawn'), at: row.withdrawnAt.toISOString(), type: 'consent.withdrawn', actorName: row.withdrawnBy ? (names.get(row.withdrawnBy) ?? null) : null, details: { consentId: row.id } });
    }
  }
  for (const party of parties) {
    const owner = consents.find((c) => c.id === party.consentId)!;
    entries.push({ id: party.id, at: party.recordedAt.toISOString(), type: 'consent.party', section: 'consent', actorName: names.get(party.recordedBy) ?? null, details: { consentId: party.consentId, kind: party.kind, method: party.method }, caseId: owner.caseId, concernId: null });
  }
  return entries;
}

/** A stable id (UUID, version 5 layout) for an entry that has no row of its own, such as a consent's withdrawal. */
function derivedId(rowId: string, what: string): string {
  const hex = createHash('sha1').update(`${rowId}:${what}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
