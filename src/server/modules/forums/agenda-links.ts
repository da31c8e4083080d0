import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { caseMember, forumDecision, offer, person, place, placeAction, sspfCase } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { caseReference, type AgendaLink, type AgendaLinkInput, type AgendaLinkKind } from '../../../shared/forums';

type Stored = { kind: AgendaLinkKind; ref: string };

export const storedLink = (link: AgendaLinkInput): Stored => ({ kind: link.kind, ref: link.kind === 'lagesbild_week' ? link.week : link.id });

/** Whether the actor is on the case's team now: its director, or an active member in this organisation. */
async function onTeam(tx: Tx, actor: Actor, caseId: string): Promise<boolean> {
  const [row] = await tx.select({ director: sspfCase.directorUserId, owner: sspfCase.ownerOrganisationId }).from(sspfCase).where(and(eq(sspfCase.tenantId, actor.tenantId), eq(sspfCase.id, caseId)));
  if (!row) return false;
  if (row.director === actor.userId && row.owner === actor.organisationId) return true;
  const members = await tx
    .select({ id: caseMember.id })
    .from(caseMember)
    .where(and(eq(caseMember.tenantId, actor.tenantId), eq(caseMember.caseId, caseId), eq(caseMember.userId, actor.userId), eq(caseMember.organisationId, actor.organisationId), isNull(caseMember.removedAt)));
  return members.length > 0;
}

/**
 * A link on a new agenda item must point at the tenant's own record. A case may be put on the agenda
 * only by someone on its team (who else could know it belongs there); to anyone else it is `not_found`,
 * exactly as a case that does not exist.
 */
export async function checkLink(tx: Tx, actor: Actor, forumId: string, link: AgendaLinkInput): Promise<boolean> {
  const tenantId = actor.tenantId;
  switch (link.kind) {
    case 'lagesbild_week':
      return true;
    case 'place':
      return (await tx.select({ id: place.id }).from(place).where(and(eq(place.tenantId, tenantId), eq(place.id, link.id)))).length > 0;
    case 'place_action':
      return (await tx.select({ id: placeAction.id }).from(placeAction).where(and(eq(placeAction.tenantId, tenantId), eq(placeAction.id, link.id)))).length > 0;
    case 'offer':
      return (await tx.select({ id: offer.id }).from(offer).where(and(eq(offer.tenantId, tenantId), eq(offer.id, link.id)))).length > 0;
    case 'decision':
      return (await tx.select({ id: forumDecision.id }).from(forumDecision).where(and(eq(forumDecision.tenantId, tenantId), eq(forumDecision.forumId, forumId), eq(forumDecision.id, link.id)))).length > 0;
    case 'sspf_case':
      return onTeam(tx, actor, link.id);
  }
}

const SHORT = 80;
const short = (text: string) => (text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : text);

/**
 * What each link shows the reader. A case shows its reference only ("SSPF-ärende SSPF-1A2B3C4D"),
 * unless the reader is on its team now; then the young person's name and the way to the case.
 */
export async function presentLinks(tx: Tx, actor: Actor, links: Stored[]): Promise<Map<string, AgendaLink>> {
  const ids = (kind: AgendaLinkKind) => [...new Set(links.filter((l) => l.kind === kind).map((l) => l.ref))];
  const tenantId = actor.tenantId;
  const out = new Map<string, AgendaLink>();
  const key = (l: Stored) => `${l.kind}:${l.ref}`;
  const put = (kind: AgendaLinkKind, ref: string, label: string, href: string | null, visible = true) => out.set(`${kind}:${ref}`, { kind, ref, label, href, visible });

  for (const week of ids('lagesbild_week')) put('lagesbild_week', week, week, `/lagesbild/${week}`);
  const placeIds = ids('place');
  if (placeIds.length) for (const r of await tx.select({ id: place.id, name: place.name }).from(place).where(and(eq(place.tenantId, tenantId), inArray(place.id, placeIds)))) put('place', r.id, r.name, `/platser/${r.id}`);
  const actionIds = ids('place_action');
  if (actionIds.length)
    for (const r of await tx.select({ id: placeAction.id, title: placeAction.title }).from(placeAction).where(and(eq(placeAction.tenantId, tenantId), inArray(placeAction.id, actionIds))))
      put('place_action', r.id, r.title, `/lagesbild/atgarder/${r.id}`);
  const offerIds = ids('offer');
  if (offerIds.length) for (const r of await tx.select({ id: offer.id, title: offer.title }).from(offer).where(and(eq(offer.tenantId, tenantId), inArray(offer.id, offerIds)))) put('offer', r.id, r.title, `/insatser/${r.id}`);
  const decisionIds = ids('decision');
  if (decisionIds.length)
    for (const r of await tx.select({ id: forumDecision.id, text: forumDecision.text }).from(forumDecision).where(and(eq(forumDecision.tenantId, tenantId), inArray(forumDecision.id, decisionIds))))
      put('decision', r.id, short(r.text), null);
  for (const caseId of ids('sspf_case')) {
    const reference = caseReference(caseId);
    if (await onTeam(tx, actor, caseId)) {
      const [row] = await tx
        .select({ firstName: person.firstName, lastName: person.lastName, status: sspfCase.status })
        .from(sspfCase)
        .innerJoin(person, and(eq(person.tenantId, sspfCase.tenantId), eq(person.id, sspfCase.personId)))
        .where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.id, caseId)));
      out.set(`sspf_case:${caseId}`, { kind: 'sspf_case', ref: reference, label: row ? `${reference} · ${row.firstName} ${row.lastName}` : reference, href: `/samverkan/${caseId}`, visible: true });
    } else {
      out.set(`sspf_case:${caseId}`, { kind: 'sspf_case', ref: reference, label: reference, href: null, visible: false });
    }
  }
  // A record gone since (archived, deleted) still shows what kind of link it was.
  for (const l of links) if (!out.has(key(l))) out.set(key(l), { kind: l.kind, ref: l.kind === 'sspf_case' ? caseReference(l.ref) : l.ref, label: '', href: null, visible: l.kind !== 'sspf_case' });
  return out;
}
