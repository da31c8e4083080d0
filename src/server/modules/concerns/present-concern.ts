import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation, user } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf, can } from '../../policy/can';
import { findPerson, personResource, summaryOf } from '../persons/person-record';
import type {
  CloseReason,
  ConcernCategory,
  ConcernDecision,
  ConcernKind,
  ConcernStatus,
  DeadlineState,
  GuardiansKnow,
  PlaceEventType,
  ProtectionAssessment,
  ReporterOrganisationType,
  ReporterRole,
} from '../../../shared/concerns';
import type { ConcernDetail, InboxRow } from '../../../shared/concerns-triage';
import type { ConcernCrypto, StoredReporter, StoredSubject } from './concern-crypto';
import { concernResource, referenceOf, stateOf, type ConcernRow } from './concern-record';
import { ASSESSMENT_NEAR_MS, DECISION_NEAR_MS, deadlineState, worstState } from './deadlines';
import { stateAllows, type ConcernAction } from './status';
import { readTimeline } from './timeline';

const EXCERPT_LENGTH = 140;
const STATEFUL_ACTIONS: ConcernAction[] = ['assign', 'assess', 'decide', 'forward', 'close', 'linkPerson', 'unlinkPerson', 'addNote'];

/** The policy says who may act; the state machine says whether the action applies now. Both must agree. */
export function concernAbilities(actor: Actor, row: ConcernRow): Record<string, boolean> {
  const abilities = abilitiesOf(actor, concernResource(row));
  const state = stateOf(row);
  for (const action of STATEFUL_ACTIONS) abilities[action] = (abilities[action] ?? false) && stateAllows(action, state);
  delete abilities.list;
  delete abilities.configureRouting;
  return abilities;
}

export function deadlinesOf(row: ConcernRow, now: Date): { deadlines: ConcernDetail['deadlines']; deadlineState: DeadlineState } {
  if (row.kind !== 'person' || !row.assessmentDueAt || !row.decisionDueAt) return { deadlines: null, deadlineState: 'ok' };
  const assessmentDone = row.assessedAt ?? row.decidedAt ?? row.closedAt;
  const decisionDone = row.decidedAt ?? row.closedAt;
  const assessment = deadlineState(row.assessmentDueAt, assessmentDone, ASSESSMENT_NEAR_MS, now);
  const decision = deadlineState(row.decisionDueAt, decisionDone, DECISION_NEAR_MS, now);
  return {
    deadlines: {
      protectionAssessment: { dueAt: row.assessmentDueAt.toISOString(), doneAt: assessmentDone?.toISOString() ?? null, state: assessment },
      decision: { dueAt: row.decisionDueAt.toISOString(), doneAt: decisionDone?.toISOString() ?? null, state: decision },
    },
    deadlineState: worstState([assessment, decision]),
  };
}

/** Names of the users a set of rows mentions, in one query. */
export async function userNames(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await tx.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

const userRef = (names: Map<string, string>, id: string | null) => (id ? { userId: id, name: names.get(id) ?? null } : null);

export function presentInboxRow(actor: Actor, crypto: ConcernCrypto, row: ConcernRow, names: Map<string, string>, now: Date): InboxRow {
  const description = crypto.decrypt('description', row.tenantId, row.id, row.descriptionEncrypted);
  return {
    id: row.id,
    reference: referenceOf(row),
    kind: row.kind as ConcernKind,
    status: row.status as ConcernStatus,
    receivedAt: row.receivedAt.toISOString(),
    categories: row.categories as ConcernCategory[],
    eventType: (row.eventType as PlaceEventType | null) ?? null,
    reporterRole: (row.reporterRole as ReporterRole | null) ?? null,
    excerpt: description.length > EXCERPT_LENGTH ? `${description.slice(0, EXCERPT_LENGTH - 1)}…` : description,
    assignee: userRef(names, row.assignedUserId),
    personLinked: row.personId !== null,
    ...deadlinesOf(row, now),
    abilities: concernAbilities(actor, row),
  };
}

/** The whole concern, decrypted, for an actor who may read it. */
export async function presentConcern(tx: Tx, actor: Actor, crypto: ConcernCrypto, row: ConcernRow, now = new Date()): Promise<ConcernDetail> {
  const { tenantId, id } = row;
  const names = await userNames(tx, [row.assignedUserId, row.assessedBy, row.decidedBy, row.closedBy]);
  const organisations = await tx
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, [row.receivingOrganisationId, ...(row.reporterAssociationId ? [row.reporterAssociationId] : [])])));
  const orgName = (orgId: string | null) => organisations.find((o) => o.id === orgId)?.name ?? null;
  const reporter = crypto.decryptJson<StoredReporter>('reporter', tenantId, id, row.reporterEncrypted);
  const subject = crypto.decryptJson<StoredSubject>('subject', tenantId, id, row.subjectEncrypted);
  const linked = row.personId ? await findPerson(tx, tenantId, row.personId) : null;
  const byRef = (userId: string | null) => ({ userId: userId ?? '', name: userId ? (names.get(userId) ?? null) : null });

  return {
    id,
    reference: referenceOf(row),
    kind: row.kind as ConcernKind,
    status: row.status as ConcernStatus,
    feedback: (row.feedback as ConcernDecision | null) ?? null,
    receivedAt: row.receivedAt.toISOString(),
    language: (row.language as ConcernDetail['language']) ?? null,
    receivingOrganisation: { id: row.receivingOrganisationId, name: orgName(row.receivingOrganisationId) ?? '' },
    assignee: userRef(names, row.assignedUserId),
    reporter:
      row.kind === 'person' && row.reporterRole
        ? {
            role: row.reporterRole as ReporterRole,
            dutyToReport: row.reporterDutyToReport,
            organisationType: (row.reporterOrganisationType as ReporterOrganisationType | null) ?? null,
            organisationName: reporter?.organisationName ?? null,
            association:
              row.reporterRole === 'forening'
                ? { id: row.reporterAssociationId, name: reporter?.associationName ?? orgName(row.reporterAssociationId) }
                : null,
            contact: reporter?.contact ?? { name: null, phone: null, email: null },
          }
        : null,
    subject: subject ? { ...subject } : null,
    person: linked && can(actor, 'read', personResource(linked)) ? summaryOf(linked) : null,
    categories: row.categories as ConcernCategory[],
    eventType: (row.eventType as PlaceEventType | null) ?? null,
    description: crypto.decrypt('description', tenantId, id, row.descriptionEncrypted),
    place: { text: row.placeEncrypted ? crypto.decrypt('place', tenantId, id, row.placeEncrypted) : null, arenaId: row.arenaId },
    occurredOn: row.occurredOn,
    occurredTime: row.occurredTime,
    guardiansKnow: (row.guardiansKnow as GuardiansKnow | null) ?? null,
    assessment: row.assessedAt ? { result: row.assessmentResult as ProtectionAssessment, at: row.assessedAt.toISOString(), by: byRef(row.assessedBy) } : null,
    decision: row.decidedAt ? { decision: row.decision as ConcernDecision, at: row.decidedAt.toISOString(), by: byRef(row.decidedBy) } : null,
    closed: row.closedAt ? { reason: row.closeReason as CloseReason, at: row.closedAt.toISOString(), by: byRef(row.closedBy) } : null,
    ...deadlinesOf(row, now),
    timeline: await readTimeline(tx, crypto, tenantId, id),
    abilities: concernAbilities(actor, row),
  };
}
