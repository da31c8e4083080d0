import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concernRoutingRule, organisation } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { ConcernKind } from '../../../shared/concerns';
import type { RoutingRule, RoutingRuleInput } from '../../../shared/concerns-admin';

/**
 * Where a new report goes, as an SQL expression: the rule of the tenant for the kind, or its
 * fallback. Only social services may receive a concern about a person, whatever a rule says. The
 * rules live in one place, the database function app_receiving_organisation (migration 0012), so
 * that the public intake and this page can never disagree.
 */
export function receivingOrganisationSql(tenantId: string, kind: ConcernKind): SQL {
  return sql`app_receiving_organisation(${tenantId}::uuid, ${kind})`;
}

/** The effective routing of both kinds, for the administration page. */
export async function readRoutingRules(tx: Tx, tenantId: string): Promise<RoutingRule[]> {
  const rules: RoutingRule[] = [];
  for (const kind of ['person', 'place'] as const) {
    const result = await tx.execute<{ id: string | null; name: string | null; configured: boolean; notify_coordinator: boolean; updated_at: string | Date | null }>(sql`
      with effective as (select ${receivingOrganisationSql(tenantId, kind)} as id)
      select e.id, o.name,
        exists (select 1 from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}) as configured,
        coalesce((select r.notify_coordinator from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}), false) as notify_coordinator,
        (select r.updated_at from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}) as updated_at
      from effective e left join organisation o on o.tenant_id = ${tenantId} and o.id = e.id`);
    const row = result.rows[0]!;
    rules.push({
      kind,
      organisation: row.id && row.name ? { id: row.id, name: row.name } : null,
      configured: row.configured,
      notifyCoordinator: kind === 'person' && row.notify_coordinator,
      updatedAt: row.updated_at === null ? null : new Date(row.updated_at).toISOString(),
    });
  }
  return rules;
}

/** Sets the rule of one kind. The organisation must be active, and of social services for person concerns. */
export async function saveRoutingRule(tx: Tx, tenantId: string, kind: ConcernKind, input: RoutingRuleInput, userId: string): Promise<void> {
  const [target] = await tx
    .select({ type: organisation.type, active: organisation.active })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, input.organisationId)))
    .limit(1);
  if (!target) throw invalid({ organisationId: 'unknown_reference' });
  if (!target.active) throw invalid({ organisationId: 'organisation_inactive' });
  if (kind === 'person' && target.type !== 'socialtjanst') throw invalid({ organisationId: 'routing_requires_social_services' });
  const values = {
    tenantId,
    kind,
    organisationId: input.organisationId,
    notifyCoordinator: kind === 'person' && input.notifyCoordinator,
    updatedAt: new Date(),
    updatedBy: userId,
  };
  await tx
    .insert(concernRoutingRule)
    .values(values)
    .onConflictDoUpdate({ target: [concernRoutingRule.tenantId, concernRoutingRule.kind], set: values });
}
