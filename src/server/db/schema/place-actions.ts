import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Place actions (åtgärder) decided by the EST group, the yearly action plan (åtgärdsplan) that lag
 * 2023:196 asks for, and its quarterly analyses and yearly evaluation (issue 14 §3). About places,
 * never about people. Constraints, foreign keys and RLS are in migration 0032_place_actions.sql.
 */
export const placeAction = pgTable(
  'place_action',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    placeId: uuid('place_id'),
    areaId: uuid('area_id'),
    /** H3 resolution 9 cell (a hot-spot from the lägesbild) when the action is for a cell. */
    cell: text('cell'),
    /** The week it was decided: ISO year × 100 + week. */
    isoWeek: integer('iso_week').notNull(),
    title: text('title').notNull(),
    /** belysning | rojning | narvaro | samtal_butiksagare | annat */
    kind: text('kind').notNull(),
    description: text('description'),
    ownerOrganisationId: uuid('owner_organisation_id').notNull(),
    /** A member of staff who owns it, or … */
    ownerMembershipId: uuid('owner_membership_id'),
    /** … a key person's name, given freely (a shop owner, a caretaker). */
    ownerName: text('owner_name'),
    dueDate: date('due_date'),
    /** planerad | pagar | genomford | avbruten */
    status: text('status').notNull().default('planerad'),
    planId: uuid('plan_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const actionPlan = pgTable(
  'action_plan',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    year: integer('year').notNull(),
    /** [{ category, areaId, reason }] drawn from the lägesbild. */
    priorities: jsonb('priorities').notNull().default([]),
    followUp: text('follow_up').notNull().default(''),
    /** utkast | antagen */
    status: text('status').notNull().default('utkast'),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    adoptedBy: text('adopted_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const planReview = pgTable(
  'plan_review',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    /** kvartal (quarterly analysis) | ar (yearly evaluation) */
    kind: text('kind').notNull(),
    /** e.g. '2026-Q2' or '2026' */
    period: text('period').notNull(),
    text: text('text').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
