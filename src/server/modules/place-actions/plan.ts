import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { actionPlan, planReview } from '../../db/schema';
import type { Actor } from '../../policy/actor';
import { abilitiesOf } from '../../policy/can';
import type { ActionPlan } from '../../../shared/place-actions';
import { listActions, presentAction } from './action-queries';
import type { ActionPlanResource } from './policy';

export type PlanRow = typeof actionPlan.$inferSelect;

export const planResource = (tenantId: string, row: { status: string } | null): ActionPlanResource => ({
  kind: 'action_plan',
  tenantId,
  status: (row?.status as ActionPlanResource['status']) ?? null,
});

export async function findPlan(tx: Tx, tenantId: string, year: number): Promise<PlanRow | null> {
  const rows = await tx.select().from(actionPlan).where(and(eq(actionPlan.tenantId, tenantId), eq(actionPlan.year, year)));
  return rows[0] ?? null;
}

/** The year's plan with its actions and reviews; a year without a plan is an empty draft (id null). */
export async function presentPlan(tx: Tx, actor: Actor, year: number, row: PlanRow | null): Promise<ActionPlan> {
  const actions = row ? await listActions(tx, actor.tenantId, { planId: row.id }) : [];
  const reviews = row
    ? await tx.select().from(planReview).where(and(eq(planReview.tenantId, actor.tenantId), eq(planReview.planId, row.id))).orderBy(asc(planReview.createdAt))
    : [];
  return {
    id: row?.id ?? null,
    year,
    priorities: (row?.priorities as ActionPlan['priorities']) ?? [],
    followUp: row?.followUp ?? '',
    status: (row?.status as ActionPlan['status']) ?? 'utkast',
    adoptedAt: row?.adoptedAt?.toISOString() ?? null,
    actions: actions.map((a) => presentAction(actor, a)),
    reviews: reviews.map((r) => ({ id: r.id, kind: r.kind as 'kvartal' | 'ar', period: r.period, text: r.text, createdAt: r.createdAt.toISOString() })),
    abilities: abilitiesOf(actor, planResource(actor.tenantId, row ?? { status: 'utkast' })),
  };
}
